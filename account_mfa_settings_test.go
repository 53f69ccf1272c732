package myaccount_test

import (
	"context"
	"slices"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

func TestMFASettingsCheckOrder(t *testing.T) {
	// The scope before the field: the opposite of the factor list.
	mfaCheckOrder(t, mfaRoute{
		fields: []account.Field{account.FieldMFA},
		run: func(e *mfaEnv, c myaccount.Caller, _ string, _ func(mfaBreak) bool) error {
			_, err := e.svc.Account.MFASettings(context.Background(), c)
			return err
		},
	}, append(slices.Clone(mfaGateChecks),
		mfaCheck{"the identities scope is needed", mfaBreakScope, 401, account.CodeUnauthorized},
		mfaCheck{"the mfa field must be readable", mfaBreakFieldOff, 400, account.CodeFieldNotEnabled},
	))
}

func TestUpdateMFASettingsCheckOrder(t *testing.T) {
	mfaCheckOrder(t, mfaRoute{
		fields: []account.Field{account.FieldMFA},
		run: func(e *mfaEnv, c myaccount.Caller, _ string, broken func(mfaBreak) bool) error {
			in := myaccount.UpdateMFASettingsInput{SkipMFAOnSignIn: mfaPtr(true)}
			if broken(mfaBreakInput) {
				in.SkipMFAOnSignIn = nil
			}
			_, err := e.svc.Account.UpdateMFASettings(context.Background(), c, in)
			return err
		},
	}, append(slices.Clone(mfaGateChecks),
		mfaCheck{"the body must be valid", mfaBreakInput, 400, account.CodeGuardInvalidInput},
		mfaCheck{"the verification header must prove identity", mfaBreakVerification, 401, account.CodeRecordPermissionDenied},
		mfaCheck{"the identities scope is needed", mfaBreakScope, 401, account.CodeUnauthorized},
		mfaCheck{"a third-party app is refused", mfaBreakFirstParty, 403, account.CodeThirdPartyApplicationForbidden},
		mfaCheck{"the mfa field must be editable", mfaBreakField, 400, account.CodeFieldNotEditable},
	))
}

func TestMFASettings(t *testing.T) {
	ctx := context.Background()
	e := newMFAEnv(t)
	c := e.mfaUser("settings")
	get := func(c myaccount.Caller) bool {
		t.Helper()
		s, err := e.svc.Account.MFASettings(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		return s.SkipMFAOnSignIn
	}
	t.Run("off by default", func(t *testing.T) {
		if get(c) {
			t.Fatal("skipMfaOnSignIn is on")
		}
	})
	t.Run("the setting is stored and answered, the other keys kept", func(t *testing.T) {
		e.mfaBindTOTP(c)
		if _, err := e.svc.Account.UpdateLogtoConfigs(ctx, e.mfaVerified(c), mfaLogtoInput(func(in *myaccount.UpdateLogtoConfigsInput) {
			in.MFA.Skipped = mfaPtr(true)
		})); err != nil {
			t.Fatal(err)
		}
		for _, v := range []bool{true, false, true} {
			e.mfaChanges()
			s, err := e.svc.Account.UpdateMFASettings(ctx, e.mfaVerified(c), myaccount.UpdateMFASettingsInput{SkipMFAOnSignIn: &v})
			if err != nil || s.SkipMFAOnSignIn != v || get(c) != v {
				t.Fatalf("set %v: %v %v", v, s, err)
			}
			if got := e.mfaChanges(); !slices.Contains(got, myaccount.ChangeLogtoConfig) {
				t.Fatalf("changes: %v", got)
			}
		}
		lc := e.mfaLogtoConfig(c)
		if !lc.MFA.Skipped || lc.MFA.Enabled == nil || !*lc.MFA.Enabled {
			t.Fatalf("other keys: %+v", lc.MFA)
		}
	})
	t.Run("the read-only field is enough to read", func(t *testing.T) {
		e.mfaFields(map[account.Field]account.FieldMode{account.FieldMFA: account.ReadOnly})
		if !get(c) {
			t.Fatal("the stored setting is not answered")
		}
		_, err := e.svc.Account.UpdateMFASettings(ctx, e.mfaVerified(c), myaccount.UpdateMFASettingsInput{SkipMFAOnSignIn: mfaPtr(false)})
		wantCode(t, "write under ReadOnly", err, 400, account.CodeFieldNotEditable)
	})
	t.Run("the passkey field does not govern it", func(t *testing.T) {
		e.mfaFields(map[account.Field]account.FieldMode{account.FieldMFA: account.Edit, account.FieldPasskey: account.Off})
		if _, err := e.svc.Account.UpdateMFASettings(ctx, e.mfaVerified(c), myaccount.UpdateMFASettingsInput{SkipMFAOnSignIn: mfaPtr(false)}); err != nil {
			t.Fatal(err)
		}
	})
}
