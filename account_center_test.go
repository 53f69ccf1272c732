package myaccount_test

import (
	"context"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/blob/localdir"
	"github.com/myaccount-go/myaccount/connector"
	"github.com/myaccount-go/myaccount/connector/mock"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// A fields map names known fields with one of the three modes: a
// misspelled field is refused as a wrong mode is, and nothing changes.
func TestAccountCenterFieldsAreTyped(t *testing.T) {
	e := newSvcEnv(t, memory.New())
	ctx := context.Background()
	for _, fields := range []map[account.Field]account.FieldMode{
		{"nmae": account.Edit},
		{account.FieldName: "edit"},
	} {
		_, err := e.svc.Admin.SetAccountCenter(ctx, myaccount.UpdateAccountCenterInput{Fields: myaccount.Set(fields)})
		wantCode(t, "fields", err, 400, account.CodeGuardInvalidInput)
	}
	v, err := e.svc.Admin.SetAccountCenter(ctx, myaccount.UpdateAccountCenterInput{Fields: myaccount.Set(map[account.Field]account.FieldMode{
		account.FieldName: account.ReadOnly, account.FieldTrustedDevice: account.Edit,
	})})
	if err != nil {
		t.Fatal(err)
	}
	if got := v.Fields; len(got) != 1 || got[account.FieldName] != account.ReadOnly {
		t.Fatalf("fields %v, want name ReadOnly only (trustedDevice is dropped)", got)
	}
	// Null is refused for the switch, and absent leaves it.
	_, err = e.svc.Admin.SetAccountCenter(ctx, myaccount.UpdateAccountCenterInput{Enabled: myaccount.Null[bool]()})
	wantCode(t, "enabled null", err, 400, account.CodeGuardInvalidInput)
	if v, err = e.svc.Admin.SetAccountCenter(ctx, myaccount.UpdateAccountCenterInput{}); err != nil || !v.Enabled {
		t.Fatalf("an empty change: %+v, %v", v, err)
	}
}

// Optional is absent, null or a value, in Go as from JSON.
func TestOptional(t *testing.T) {
	var absent myaccount.Optional[string]
	if absent.Present() || absent.IsNull() || absent.Ptr() != nil {
		t.Errorf("zero Optional: %+v", absent)
	}
	if n := myaccount.Null[string](); !n.Present() || !n.IsNull() || n.Ptr() != nil {
		t.Errorf("Null: %+v", n)
	}
	if s := myaccount.Set("x"); !s.Present() || s.IsNull() || *s.Ptr() != "x" || s.Get() != "x" {
		t.Errorf("Set: %+v", s)
	}
	var in myaccount.UpdateAccountInput
	if err := in.Name.UnmarshalJSON([]byte("null")); err != nil || !in.Name.IsNull() {
		t.Errorf("null from JSON: %+v %v", in.Name, err)
	}
	if err := in.Name.UnmarshalJSON([]byte(`"Ada"`)); err != nil || in.Name.IsNull() || in.Name.Get() != "Ada" {
		t.Errorf("a value from JSON: %+v %v", in.Name, err)
	}
}

// The public settings offer only what the configuration serves: a page
// shown session Edit without a SessionProvider would open a tab whose
// routes are not mounted. The administrator's answers and the stored
// settings keep what was set, so a read-modify-write lowers nothing.
func TestPublicAccountCenterCapsFieldsAtWhatTheConfigurationServes(t *testing.T) {
	ctx := context.Background()
	allEdit := map[account.Field]account.FieldMode{}
	for _, f := range []account.Field{account.FieldName, account.FieldAvatar, account.FieldSocial, account.FieldSession, account.FieldMFA} {
		allEdit[f] = account.Edit
	}
	// public sets every field Edit and returns the public settings,
	// checking that the administrator's answers show what was set.
	public := func(t *testing.T, svc *myaccount.Service) myaccount.AccountCenterView {
		t.Helper()
		set, err := svc.Admin.SetAccountCenter(ctx, myaccount.UpdateAccountCenterInput{Enabled: myaccount.Set(true), Fields: myaccount.Set(allEdit)})
		if err != nil {
			t.Fatal(err)
		}
		admin, err := svc.Admin.AccountCenter(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []myaccount.AccountCenterView{set, admin} {
			for f, m := range allEdit {
				if v.Fields[f] != m {
					t.Errorf("administrator's answer: %s = %s, want %s as set", f, v.Fields[f], m)
				}
			}
		}
		v, err := svc.Account.CenterSettings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}

	t.Run("nothing configured", func(t *testing.T) {
		store := memory.New()
		e := newSvcEnv(t, store)
		want := map[account.Field]account.FieldMode{
			account.FieldName: account.Edit, account.FieldMFA: account.Edit,
			account.FieldSession: account.Off, account.FieldSocial: account.Off,
			account.FieldAvatar: account.ReadOnly, // shown, settable by URL, not uploaded
		}
		v := public(t, e.svc)
		for f, m := range want {
			if v.Fields[f] != m {
				t.Errorf("public: %s = %s, want %s", f, v.Fields[f], m)
			}
		}
		stored, err := store.GetAccountCenter(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for f, m := range allEdit {
			if stored.Mode(f) != m {
				t.Errorf("stored %s = %s, want %s as set", f, stored.Mode(f), m)
			}
		}
	})

	t.Run("everything configured", func(t *testing.T) {
		d, err := localdir.New(t.TempDir(), "https://cdn.example/avatars")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = d.Close() })
		e := newSvcEnv(t, memory.New(), func(c *myaccount.Config) {
			c.Sessions = newAcctSessions(c.Clock)
			c.Avatars = d
			c.Connectors = []connector.Connector{mock.Social{}}
		})
		v := public(t, e.svc)
		for f, m := range allEdit {
			if v.Fields[f] != m {
				t.Errorf("public: %s = %s, want %s", f, v.Fields[f], m)
			}
		}
	})

	t.Run("a mode below the cap is kept", func(t *testing.T) {
		e := newSvcEnv(t, memory.New())
		if _, err := e.svc.Admin.SetAccountCenter(ctx, myaccount.UpdateAccountCenterInput{Fields: myaccount.Set(map[account.Field]account.FieldMode{
			account.FieldAvatar: account.ReadOnly, account.FieldSession: account.Off,
		})}); err != nil {
			t.Fatal(err)
		}
		v, err := e.svc.Account.CenterSettings(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v.Fields[account.FieldAvatar] != account.ReadOnly || v.Fields[account.FieldSession] != account.Off || len(v.Fields) != 2 {
			t.Errorf("fields %v", v.Fields)
		}
	})
}
