package myaccount_test

import (
	"encoding/json"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

func TestGet(t *testing.T) {
	t.Run("each key shows with its scope and a readable field, id always", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.member(myaccount.CreateUserInput{Username: "seen", Password: acctPassword, PrimaryEmail: "seen@example.com",
			PrimaryPhone: "16505550143", Name: "Seen", CustomData: map[string]any{"k": "v"}})
		for _, tc := range []struct {
			key   string
			scope string
			field account.Field
		}{
			{"username", myaccount.ScopeProfile, account.FieldUsername},
			{"primaryEmail", myaccount.ScopeEmail, account.FieldEmail},
			{"primaryPhone", myaccount.ScopePhone, account.FieldPhone},
			{"name", myaccount.ScopeProfile, account.FieldName},
			{"avatar", myaccount.ScopeProfile, account.FieldAvatar},
			{"customData", myaccount.ScopeCustomData, account.FieldCustomData},
			{"identities", myaccount.ScopeIdentities, account.FieldSocial},
			{"profile", myaccount.ScopeProfile, account.FieldProfile},
			{"hasPassword", myaccount.ScopeProfile, account.FieldPassword},
			{"createdAt", myaccount.ScopeProfile, ""},
			{"isSuspended", myaccount.ScopeProfile, ""},
		} {
			if !e.view(c).Visible(tc.key) {
				t.Errorf("%s hidden with every scope and field", tc.key)
			}
			if e.view(acctWithout(c, tc.scope)).Visible(tc.key) {
				t.Errorf("%s shown without the %s scope", tc.key, tc.scope)
			}
			if tc.field == "" {
				continue
			}
			for _, m := range []account.FieldMode{account.ReadOnly, account.Off} {
				e.setField(tc.field, m)
				if got := e.view(c).Visible(tc.key); got != (m == account.ReadOnly) {
					t.Errorf("%s with field %s: visible %v", tc.key, m, got)
				}
			}
			e.setField(tc.field, account.Edit)
		}
		bare := myaccount.Caller{Principal: myaccount.Principal{UserID: c.UserID, Scopes: []string{"openid"}}}
		v := e.view(bare)
		if v.ID != c.UserID || v.Visible("username") || v.Username != "" || !v.HasSecurityVerificationMethod {
			t.Errorf("openid only: %+v", v)
		}
	})

	t.Run("a third-party application may read the account", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.member(acctWithPassword("reader"))
		if v := e.view(acctThirdParty(c)); v.ID != c.UserID || v.Username != "reader" {
			t.Fatalf("third party: %+v", v)
		}
	})

	t.Run("hasSecurityVerificationMethod is a password, an email or a phone", func(t *testing.T) {
		e := newAcctEnv(t)
		for _, tc := range []struct {
			in   myaccount.CreateUserInput
			want bool
		}{
			{myaccount.CreateUserInput{Username: "bare"}, false},
			{myaccount.CreateUserInput{Username: "pw", Password: acctPassword}, true},
			{myaccount.CreateUserInput{PrimaryEmail: "m@example.com"}, true},
			{myaccount.CreateUserInput{PrimaryPhone: "16505550144"}, true},
		} {
			if got := e.view(e.member(tc.in)).HasSecurityVerificationMethod; got != tc.want {
				t.Errorf("%+v: %v, want %v", tc.in, got, tc.want)
			}
		}
	})

	t.Run("a visible null is written as null, a hidden key not at all", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.member(acctWithPassword("nulls"))
		e.setField(account.FieldAvatar, account.Off)
		raw, err := json.Marshal(e.view(c))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		if v, ok := m["name"]; !ok || v != nil {
			t.Errorf("name: %v, %v; want null", v, ok)
		}
		if _, ok := m["avatar"]; ok {
			t.Errorf("avatar shown with its field Off: %s", raw)
		}
		if m["hasSecurityVerificationMethod"] != true || m["id"] != c.UserID {
			t.Errorf("%s", raw)
		}
	})
}
