package myaccount_test

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// mfaLogtoInput is a logto-configs change with both objects present, as
// change sets them.
func mfaLogtoInput(change func(*myaccount.UpdateLogtoConfigsInput)) myaccount.UpdateLogtoConfigsInput {
	var in myaccount.UpdateLogtoConfigsInput
	if err := json.Unmarshal([]byte(`{"mfa":{},"passkeySignIn":{}}`), &in); err != nil {
		panic(err)
	}
	change(&in)
	return in
}

func mfaLogtoJSON(t testing.TB, v *myaccount.LogtoConfigView, err error) string {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}

func TestLogtoConfigsCheckOrder(t *testing.T) {
	mfaCheckOrder(t, mfaRoute{
		fields: []account.Field{account.FieldMFA, account.FieldPasskey},
		run: func(e *mfaEnv, c myaccount.Caller, _ string, _ func(mfaBreak) bool) error {
			_, err := e.svc.Account.LogtoConfigs(context.Background(), c)
			return err
		},
	}, append(slices.Clone(mfaGateChecks),
		mfaCheck{"the identities scope is needed", mfaBreakScope, 401, account.CodeUnauthorized},
		mfaCheck{"the passkey field must be readable", mfaBreakFieldOff, 400, account.CodeFieldNotEnabled},
	))
}

func TestUpdateLogtoConfigsCheckOrder(t *testing.T) {
	mfaCheckOrder(t, mfaRoute{
		fields: []account.Field{account.FieldMFA, account.FieldPasskey},
		run: func(e *mfaEnv, c myaccount.Caller, _ string, _ func(mfaBreak) bool) error {
			_, err := e.svc.Account.UpdateLogtoConfigs(context.Background(), c, myaccount.UpdateLogtoConfigsInput{})
			return err
		},
	}, append(slices.Clone(mfaGateChecks),
		mfaCheck{"the verification header must prove identity", mfaBreakVerification, 401, account.CodeRecordPermissionDenied},
		mfaCheck{"the identities scope is needed", mfaBreakScope, 401, account.CodeUnauthorized},
		mfaCheck{"a third-party app is refused", mfaBreakFirstParty, 403, account.CodeThirdPartyApplicationForbidden},
		mfaCheck{"the passkey field must be editable", mfaBreakField, 400, account.CodeFieldNotEditable},
	))
}

func TestLogtoConfigs(t *testing.T) {
	ctx := context.Background()
	e := newMFAEnv(t)
	c := e.mfaUser("configs")
	update := func(change func(*myaccount.UpdateLogtoConfigsInput)) string {
		t.Helper()
		v, err := e.svc.Account.UpdateLogtoConfigs(ctx, e.mfaVerified(c), mfaLogtoInput(change))
		return mfaLogtoJSON(t, v, err)
	}
	get := func() string {
		t.Helper()
		v, err := e.svc.Account.LogtoConfigs(ctx, c)
		return mfaLogtoJSON(t, v, err)
	}
	t.Run("a fresh user's configs leave mfa.enabled out", func(t *testing.T) {
		if got := get(); got != `{"mfa":{"skipped":false,"skipMfaOnSignIn":false},"passkeySignIn":{"skipped":false}}` {
			t.Fatalf("configs: %s", got)
		}
	})
	t.Run("only the keys given change", func(t *testing.T) {
		const skipped = `{"mfa":{"skipped":true,"skipMfaOnSignIn":false},"passkeySignIn":{"skipped":false}}`
		if got := update(func(in *myaccount.UpdateLogtoConfigsInput) { in.MFA.Skipped = mfaPtr(true) }); got != skipped {
			t.Fatalf("mfa.skipped: %s", got)
		}
		if got := get(); got != skipped {
			t.Fatalf("read back: %s", got)
		}
		got := update(func(in *myaccount.UpdateLogtoConfigsInput) {
			in.PasskeySignIn.Skipped = mfaPtr(true)
			in.MFA.SkipMFAOnSignIn = mfaPtr(true)
			in.MFA.AdditionalBindingSuggestionSkipped = mfaPtr(true)
		})
		if got != `{"mfa":{"skipped":true,"skipMfaOnSignIn":true},"passkeySignIn":{"skipped":true}}` {
			t.Fatalf("passkeySignIn.skipped: %s", got)
		}
		if lc := e.mfaLogtoConfig(c); !lc.MFA.AdditionalBindingSuggestionSkipped {
			t.Fatalf("additionalBindingSuggestionSkipped not stored: %+v", lc.MFA)
		}
		if got := update(func(in *myaccount.UpdateLogtoConfigsInput) { in.MFA.Enabled = mfaPtr(false) }); got != `{"mfa":{"enabled":false,"skipped":true,"skipMfaOnSignIn":true},"passkeySignIn":{"skipped":true}}` {
			t.Fatalf("mfa.enabled: %s", got)
		}
		// An empty change changes nothing and still answers.
		v, err := e.svc.Account.UpdateLogtoConfigs(ctx, e.mfaVerified(c), myaccount.UpdateLogtoConfigsInput{})
		if got := mfaLogtoJSON(t, v, err); got != `{"mfa":{"enabled":false,"skipped":true,"skipMfaOnSignIn":true},"passkeySignIn":{"skipped":true}}` {
			t.Fatalf("empty change: %s", got)
		}
		if got := e.mfaChanges(); !slices.Contains(got, myaccount.ChangeLogtoConfig) {
			t.Fatalf("changes: %v", got)
		}
	})
	t.Run("the passkey field governs, the mfa field when it is unset", func(t *testing.T) {
		defer e.mfaFields(map[account.Field]account.FieldMode{account.FieldMFA: account.Edit})
		e.mfaFields(map[account.Field]account.FieldMode{account.FieldMFA: account.Off, account.FieldPasskey: account.Edit})
		update(func(in *myaccount.UpdateLogtoConfigsInput) { in.MFA.Skipped = mfaPtr(false) })
		e.mfaFields(map[account.Field]account.FieldMode{account.FieldMFA: account.ReadOnly})
		get()
		_, err := e.svc.Account.UpdateLogtoConfigs(ctx, e.mfaVerified(c), myaccount.UpdateLogtoConfigsInput{})
		wantCode(t, "mfa ReadOnly, passkey unset", err, 400, account.CodeFieldNotEditable)
		e.mfaFields(map[account.Field]account.FieldMode{account.FieldMFA: account.Edit, account.FieldPasskey: account.ReadOnly})
		_, err = e.svc.Account.UpdateLogtoConfigs(ctx, e.mfaVerified(c), myaccount.UpdateLogtoConfigsInput{})
		wantCode(t, "passkey ReadOnly", err, 400, account.CodeFieldNotEditable)
	})
}
