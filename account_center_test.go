package myaccount_test

import (
	"context"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
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
