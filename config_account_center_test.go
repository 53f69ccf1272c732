package myaccount_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/internal/testdb"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// startWithName is the one-call start: enabled, name editable, the email
// shown but not editable.
func startWithName() *account.AccountCenter {
	return &account.AccountCenter{Enabled: true, Fields: map[account.Field]account.FieldMode{
		account.FieldName:  account.Edit,
		account.FieldEmail: account.ReadOnly,
	}}
}

// Config.AccountCenter is what a store that holds no settings stands for;
// nothing is written until the settings change, and the first change is
// made to it.
func TestConfigAccountCenterStartsAStoreWithNone(t *testing.T) {
	ctx := context.Background()
	testdb.EachStore(t, func(t *testing.T, newStore func(testing.TB) myaccount.Store) {
		t.Run("without it a new store's routes answer not_enabled", func(t *testing.T) {
			store := newStore(t)
			svc, err := myaccount.New(myaccount.Config{Store: store})
			if err != nil {
				t.Fatal(err)
			}
			u, err := svc.Admin.AddUser(ctx, myaccount.CreateUserInput{Username: "ada"})
			if err != nil {
				t.Fatal(err)
			}
			_, err = svc.Account.Get(ctx, myaccount.Caller{Principal: myaccount.Principal{UserID: u.ID, Scopes: []string{"openid"}, FirstParty: true}})
			wantCode(t, "Get", err, http.StatusBadRequest, account.CodeAccountCenterNotEnabled)
		})

		t.Run("the routes serve its fields at once, and the store stays empty", func(t *testing.T) {
			store := newStore(t)
			svc, err := myaccount.New(myaccount.Config{Store: store, AccountCenter: startWithName()})
			if err != nil {
				t.Fatal(err)
			}
			u, err := svc.Admin.AddUser(ctx, myaccount.CreateUserInput{Username: "ada"})
			if err != nil {
				t.Fatal(err)
			}
			c := myaccount.Caller{Principal: myaccount.Principal{UserID: u.ID, Scopes: []string{"openid", "profile"}, FirstParty: true}}
			if _, err := svc.Account.Update(ctx, c, myaccount.UpdateAccountInput{Name: myaccount.Set("Ada")}); err != nil {
				t.Fatalf("Update name: %v", err)
			}
			_, err = svc.Account.Update(ctx, c, myaccount.UpdateAccountInput{Username: myaccount.Set("ada2")})
			wantCode(t, "Update username (Off)", err, http.StatusBadRequest, account.CodeFieldNotEditable)
			v, err := svc.Account.CenterSettings(ctx)
			if err != nil || !v.Enabled || v.Mode(account.FieldEmail) != account.ReadOnly {
				t.Fatalf("CenterSettings = %+v, %v", v.AccountCenter, err)
			}
			if _, err := store.GetAccountCenter(ctx); !errors.Is(err, account.ErrNotFound) {
				t.Fatalf("GetAccountCenter: %v, want ErrNotFound (nothing written)", err)
			}
		})

		t.Run("the first change is made to it and stored", func(t *testing.T) {
			store := newStore(t)
			svc, err := myaccount.New(myaccount.Config{Store: store, AccountCenter: startWithName()})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := svc.Admin.SetAccountCenter(ctx, myaccount.UpdateAccountCenterInput{DeleteAccountURL: myaccount.Set("https://app.example/delete")}); err != nil {
				t.Fatal(err)
			}
			stored, err := store.GetAccountCenter(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if !stored.Enabled || stored.Mode(account.FieldName) != account.Edit || stored.DeleteAccountURL != "https://app.example/delete" {
				t.Fatalf("stored %+v; want the starting settings with the change", stored)
			}
		})

		t.Run("stored settings rule over it", func(t *testing.T) {
			store := newStore(t)
			first, err := myaccount.New(myaccount.Config{Store: store})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := first.Admin.SetAccountCenter(ctx, myaccount.UpdateAccountCenterInput{CustomCSS: myaccount.Set("p{}")}); err != nil {
				t.Fatal(err)
			}
			second, err := myaccount.New(myaccount.Config{Store: store, AccountCenter: startWithName()})
			if err != nil {
				t.Fatal(err)
			}
			v, err := second.Admin.AccountCenter(ctx)
			if err != nil || v.Enabled || v.Mode(account.FieldName) != account.Off {
				t.Fatalf("AccountCenter = %+v, %v; want the stored settings (disabled)", v.AccountCenter, err)
			}
			v, err = second.Admin.SetAccountCenter(ctx, myaccount.UpdateAccountCenterInput{DeleteAccountURL: myaccount.Set("https://app.example/delete")})
			if err != nil || v.Enabled || v.CustomCSS == nil || *v.CustomCSS != "p{}" {
				t.Fatalf("SetAccountCenter = %+v, %v; want a change of the stored settings", v.AccountCenter, err)
			}
		})
	})
}

// New checks the starting settings as PATCH /api/account-center checks a
// body.
func TestConfigAccountCenterIsChecked(t *testing.T) {
	for name, c := range map[string]*account.AccountCenter{
		"an unknown field":                     {Enabled: true, Fields: map[account.Field]account.FieldMode{"nickname": account.Edit}},
		"an invalid mode":                      {Enabled: true, Fields: map[account.Field]account.FieldMode{account.FieldName: "Write"}},
		"a javascript URL":                     {DeleteAccountURL: "javascript:alert(1)"},
		"a related origin that is not http(s)": {WebAuthnRelatedOrigins: []string{"ftp://x.example"}},
	} {
		t.Run(name, func(t *testing.T) {
			svc, err := myaccount.New(myaccount.Config{Store: memory.New(), AccountCenter: c})
			if err == nil || svc != nil || !strings.Contains(err.Error(), "Config.AccountCenter") {
				t.Fatalf("New = %v, %v; want an error naming Config.AccountCenter", svc, err)
			}
		})
	}
}
