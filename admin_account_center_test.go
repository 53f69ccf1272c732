package myaccount_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// adminCenterJSON is the account-center settings as the routes answer
// them.
func adminCenterJSON(t testing.TB, v myaccount.AccountCenterView) map[string]any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// GET and PATCH /api/account-center: absent keys are left, a
// fields map replaces the stored one, every field within its bounds.
func TestAdminAccountCenter(t *testing.T) {
	ctx := context.Background()
	set := func(t *testing.T, e *svcEnv, in myaccount.UpdateAccountCenterInput) myaccount.AccountCenterView {
		t.Helper()
		v, err := e.svc.Admin.SetAccountCenter(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}

	t.Run("a new store's settings are off and empty, in Logto's shape", func(t *testing.T) {
		svc, err := myaccount.New(myaccount.Config{Store: memory.New()})
		if err != nil {
			t.Fatal(err)
		}
		v, err := svc.Admin.AccountCenter(ctx)
		if err != nil {
			t.Fatal(err)
		}
		m := adminCenterJSON(t, v)
		want := `map[customCss:<nil> deleteAccountUrl:<nil> enabled:false fields:map[] id:default profileFields:<nil> tenantId:default webauthnRelatedOrigins:[]]`
		if got := fmt.Sprint(m); got != want {
			t.Fatalf("settings %s, want %s", got, want)
		}
	})

	t.Run("every field is set, and what the administrator sets anyone reads", func(t *testing.T) {
		e := newSvcEnv(t, memory.New())
		e.clock.Advance(time.Minute)
		v := set(t, e, myaccount.UpdateAccountCenterInput{
			Enabled:                myaccount.Set(true),
			Fields:                 myaccount.Set(map[account.Field]account.FieldMode{account.FieldUsername: account.Edit, account.FieldTrustedDevice: account.ReadOnly}),
			WebAuthnRelatedOrigins: myaccount.Set([]string{"https://a.example", "https://b.example", "https://a.example"}),
			DeleteAccountURL:       myaccount.Set("https://example.com/delete-account"),
			CustomCSS:              myaccount.Set("body{}"),
			ProfileFields:          myaccount.Set([]account.ProfileField{{Name: "b"}, {Name: "a"}}),
		})
		if !v.Enabled || len(v.Fields) != 1 || v.Fields[account.FieldUsername] != account.Edit ||
			!slices.Equal(v.WebAuthnRelatedOrigins, []string{"https://a.example", "https://b.example"}) ||
			v.DeleteAccountURL != "https://example.com/delete-account" || *v.CustomCSS != "body{}" ||
			!slices.Equal(v.ProfileFields, []account.ProfileField{{Name: "b"}, {Name: "a"}}) || !v.UpdatedAt.Equal(e.clock.Now()) {
			t.Fatalf("set: %+v", v.AccountCenter)
		}
		// The fields map replaced the whole map: every other field is Off.
		if v.Mode(account.FieldName) != account.Off {
			t.Fatalf("name is %v", v.Mode(account.FieldName))
		}
		for _, read := range []func(context.Context) (myaccount.AccountCenterView, error){e.svc.Admin.AccountCenter, e.svc.Account.CenterSettings} {
			got, err := read(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if a, b := adminCenterJSON(t, got), adminCenterJSON(t, v); fmt.Sprint(a) != fmt.Sprint(b) {
				t.Fatalf("read %v, set %v", a, b)
			}
		}
		// An absent key is left as it is.
		v = set(t, e, myaccount.UpdateAccountCenterInput{CustomCSS: myaccount.Set("p{}")})
		if !v.Enabled || len(v.Fields) != 1 || len(v.WebAuthnRelatedOrigins) != 2 || v.DeleteAccountURL == "" || len(v.ProfileFields) != 2 || *v.CustomCSS != "p{}" {
			t.Fatalf("an absent key changed: %+v", v.AccountCenter)
		}
	})

	t.Run("null and empty clear what they may", func(t *testing.T) {
		e := newSvcEnv(t, memory.New())
		set(t, e, myaccount.UpdateAccountCenterInput{
			WebAuthnRelatedOrigins: myaccount.Set([]string{"https://a.example"}), DeleteAccountURL: myaccount.Set("https://example.com/d"),
			CustomCSS: myaccount.Set("x"), ProfileFields: myaccount.Set([]account.ProfileField{{Name: "a"}}),
		})
		v := set(t, e, myaccount.UpdateAccountCenterInput{DeleteAccountURL: myaccount.Set("")})
		if m := adminCenterJSON(t, v); m["deleteAccountUrl"] != nil {
			t.Fatalf("an empty URL is stored as %v, want null", m["deleteAccountUrl"])
		}
		v = set(t, e, myaccount.UpdateAccountCenterInput{
			WebAuthnRelatedOrigins: myaccount.Set([]string{}), DeleteAccountURL: myaccount.Null[string](),
			CustomCSS: myaccount.Null[string](), ProfileFields: myaccount.Null[[]account.ProfileField](),
			Fields: myaccount.Set(map[account.Field]account.FieldMode{}),
		})
		m := adminCenterJSON(t, v)
		if m["deleteAccountUrl"] != nil || m["customCss"] != nil || m["profileFields"] != nil || fmt.Sprint(m["webauthnRelatedOrigins"]) != "[]" || fmt.Sprint(m["fields"]) != "map[]" {
			t.Fatalf("cleared: %v", m)
		}
		// An empty list of profile fields is a list, not null.
		v = set(t, e, myaccount.UpdateAccountCenterInput{ProfileFields: myaccount.Set([]account.ProfileField{})})
		if m := adminCenterJSON(t, v); fmt.Sprint(m["profileFields"]) != "[]" {
			t.Fatalf("empty profile fields: %v", m["profileFields"])
		}
	})

	t.Run("each field at its bound is accepted", func(t *testing.T) {
		e := newSvcEnv(t, memory.New())
		origins := make([]string, 50)
		for i := range origins {
			origins[i] = fmt.Sprintf("https://o%d.example", i)
		}
		fields := make([]account.ProfileField, 100)
		for i := range fields {
			fields[i] = account.ProfileField{Name: fmt.Sprint(i)}
		}
		long := "https://example.com/" + strings.Repeat("a", 2048-len("https://example.com/"))
		v := set(t, e, myaccount.UpdateAccountCenterInput{
			WebAuthnRelatedOrigins: myaccount.Set(append(origins[:49:49], long)),
			DeleteAccountURL:       myaccount.Set(long),
			CustomCSS:              myaccount.Set(strings.Repeat("c", 64<<10)),
			ProfileFields:          myaccount.Set(fields),
		})
		if len(v.WebAuthnRelatedOrigins) != 50 || len(v.DeleteAccountURL) != 2048 || len(*v.CustomCSS) != 64<<10 || len(v.ProfileFields) != 100 {
			t.Fatalf("at the bounds: %d origins, URL %d, CSS %d, %d profile fields", len(v.WebAuthnRelatedOrigins), len(v.DeleteAccountURL), len(*v.CustomCSS), len(v.ProfileFields))
		}
	})

	t.Run("a field out of bounds is refused and nothing changes", func(t *testing.T) {
		e := newSvcEnv(t, memory.New())
		before, err := e.svc.Admin.AccountCenter(ctx)
		if err != nil {
			t.Fatal(err)
		}
		tooMany := make([]string, 51)
		for i := range tooMany {
			tooMany[i] = fmt.Sprintf("https://o%d.example", i)
		}
		tooManyFields := make([]account.ProfileField, 101)
		for i := range tooManyFields {
			tooManyFields[i] = account.ProfileField{Name: fmt.Sprint(i)}
		}
		long := "https://example.com/" + strings.Repeat("a", 2049-len("https://example.com/"))
		for _, c := range []struct {
			name string
			in   myaccount.UpdateAccountCenterInput
			code account.Code
		}{
			{"a null switch", myaccount.UpdateAccountCenterInput{Enabled: myaccount.Null[bool]()}, account.CodeGuardInvalidInput},
			{"null fields", myaccount.UpdateAccountCenterInput{Fields: myaccount.Null[map[account.Field]account.FieldMode]()}, account.CodeGuardInvalidInput},
			{"a nil fields map", myaccount.UpdateAccountCenterInput{Fields: myaccount.Set[map[account.Field]account.FieldMode](nil)}, account.CodeGuardInvalidInput},
			{"an unknown field", myaccount.UpdateAccountCenterInput{Fields: myaccount.Set(map[account.Field]account.FieldMode{"nmae": account.Edit})}, account.CodeGuardInvalidInput},
			{"an unknown mode", myaccount.UpdateAccountCenterInput{Fields: myaccount.Set(map[account.Field]account.FieldMode{account.FieldName: "edit"})}, account.CodeGuardInvalidInput},
			{"null origins", myaccount.UpdateAccountCenterInput{WebAuthnRelatedOrigins: myaccount.Null[[]string]()}, account.CodeGuardInvalidInput},
			{"51 origins", myaccount.UpdateAccountCenterInput{WebAuthnRelatedOrigins: myaccount.Set(tooMany)}, account.CodeGuardInvalidInput},
			{"an origin of 2049 bytes", myaccount.UpdateAccountCenterInput{WebAuthnRelatedOrigins: myaccount.Set([]string{long})}, account.CodeGuardInvalidInput},
			{"an origin that is not a URL", myaccount.UpdateAccountCenterInput{WebAuthnRelatedOrigins: myaccount.Set([]string{"example.com"})}, account.CodeGuardInvalidInput},
			{"a deletion URL of 2049 bytes", myaccount.UpdateAccountCenterInput{DeleteAccountURL: myaccount.Set(long)}, account.CodeGuardInvalidInput},
			{"a deletion URL that is not http(s)", myaccount.UpdateAccountCenterInput{DeleteAccountURL: myaccount.Set("ftp://example.com/d")}, account.CodeGuardInvalidInput},
			{"a deletion URL without a host", myaccount.UpdateAccountCenterInput{DeleteAccountURL: myaccount.Set("https:///d")}, account.CodeGuardInvalidInput},
			{"a deletion URL with NUL", myaccount.UpdateAccountCenterInput{DeleteAccountURL: myaccount.Set("https://example.com/\x00")}, account.CodeGuardInvalidInput},
			{"CSS over 64 KiB", myaccount.UpdateAccountCenterInput{CustomCSS: myaccount.Set(strings.Repeat("c", 64<<10+1))}, account.CodeGuardInvalidInput},
			{"CSS that is not UTF-8", myaccount.UpdateAccountCenterInput{CustomCSS: myaccount.Set("\xff")}, account.CodeGuardInvalidInput},
			{"101 profile fields", myaccount.UpdateAccountCenterInput{ProfileFields: myaccount.Set(tooManyFields)}, account.CodeGuardInvalidInput},
			{"a profile field without a name", myaccount.UpdateAccountCenterInput{ProfileFields: myaccount.Set([]account.ProfileField{{}})}, account.CodeGuardInvalidInput},
			{"a profile field twice", myaccount.UpdateAccountCenterInput{ProfileFields: myaccount.Set([]account.ProfileField{{Name: "a"}, {Name: "a"}})}, account.CodeRequestInvalidInput},
			{"a bad field beside good ones", myaccount.UpdateAccountCenterInput{Enabled: myaccount.Set(false), CustomCSS: myaccount.Set("\xff")}, account.CodeGuardInvalidInput},
		} {
			_, err := e.svc.Admin.SetAccountCenter(ctx, c.in)
			wantCode(t, c.name, err, 400, c.code)
		}
		after, err := e.svc.Admin.AccountCenter(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if a, b := adminCenterJSON(t, before), adminCenterJSON(t, after); fmt.Sprint(a) != fmt.Sprint(b) {
			t.Fatalf("a refused change wrote: %v, was %v", b, a)
		}
	})

	t.Run("switching the center off closes the Account API", func(t *testing.T) {
		e := newSvcEnv(t, memory.New())
		id := e.user(myaccount.CreateUserInput{Username: "center1"})
		set(t, e, myaccount.UpdateAccountCenterInput{Enabled: myaccount.Set(false)})
		_, err := e.svc.Account.Get(ctx, e.caller(id))
		wantCode(t, "off", err, 400, account.CodeAccountCenterNotEnabled)
		set(t, e, myaccount.UpdateAccountCenterInput{Enabled: myaccount.Set(true), Fields: myaccount.Set(map[account.Field]account.FieldMode{account.FieldName: account.ReadOnly})})
		v, err := e.svc.Account.Get(ctx, e.caller(id))
		if err != nil || !v.Visible("name") || v.Visible("username") {
			t.Fatalf("name ReadOnly only: %v, %v", v, err)
		}
	})
}
