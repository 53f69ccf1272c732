package myaccount_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

func TestMFAFactorsCheckOrder(t *testing.T) {
	// The field comes before the scope here, unlike mfa-settings; no
	// verification header and no first-party guard.
	mfaCheckOrder(t, mfaRoute{
		fields: []account.Field{account.FieldMFA},
		run: func(e *mfaEnv, c myaccount.Caller, _ string, _ func(mfaBreak) bool) error {
			_, err := e.svc.Account.MFAFactors(context.Background(), c)
			return err
		},
	}, append(slices.Clone(mfaGateChecks),
		mfaCheck{"the mfa field must be readable", mfaBreakFieldOff, 400, account.CodeFieldNotEnabled},
		mfaCheck{"the identities scope is needed", mfaBreakScope, 401, account.CodeUnauthorized},
	))
}

func TestMFAFactors(t *testing.T) {
	ctx := context.Background()
	t.Run("a user without factors has an empty list", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("none")
		views, err := e.svc.Account.MFAFactors(ctx, c)
		if err != nil || views == nil || len(views) != 0 {
			t.Fatalf("factors: %v %v", views, err)
		}
	})
	t.Run("factors are listed in the order bound, without secrets", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("order")
		e.mfaBindTOTP(c)
		e.clock.Advance(time.Minute)
		e.mfaBindPasskey(c, newMFAPasskey(c.UserID, mfaOrigin), mfaPtr("Key"))
		e.clock.Advance(time.Minute)
		e.mfaBindBackupCodes(c)
		got := e.mfaFactors(c)
		if !slices.Equal(mfaTypes(got), []string{"Totp", "WebAuthn", "BackupCode"}) {
			t.Fatalf("factors: %v", got)
		}
		want := []map[string]any{
			{"id": got[0]["id"], "createdAt": "2026-01-02T03:04:05.000Z", "type": "Totp"},
			{"id": got[1]["id"], "createdAt": "2026-01-02T03:05:05.000Z", "type": "WebAuthn", "agent": "test-agent/1.0", "name": "Key"},
			{"id": got[2]["id"], "createdAt": "2026-01-02T03:06:05.000Z", "type": "BackupCode", "remainCodes": float64(10)},
		}
		for i := range want {
			if len(got[i]) != len(want[i]) {
				t.Fatalf("factor %d: %v, want %v", i, got[i], want[i])
			}
			for k, v := range want[i] {
				if got[i][k] != v {
					t.Fatalf("factor %d: %v, want %v", i, got[i], want[i])
				}
			}
		}
		// The read-only field is enough to list.
		e.mfaFields(map[account.Field]account.FieldMode{account.FieldMFA: account.ReadOnly, account.FieldPasskey: account.Off})
		if got := e.mfaFactors(c); len(got) != 3 {
			t.Fatalf("under mfa ReadOnly: %v", got)
		}
		// The passkey field does not open the list.
		e.mfaFields(map[account.Field]account.FieldMode{account.FieldMFA: account.Off, account.FieldPasskey: account.Edit})
		_, err := e.svc.Account.MFAFactors(ctx, c)
		wantCode(t, "mfa Off, passkey Edit", err, 400, account.CodeFieldNotEnabled)
	})
	t.Run("the codes left are counted", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("remain")
		e.mfaBindTOTP(c)
		codes := e.mfaBindBackupCodes(c)
		for _, code := range codes[:3] {
			if err := e.svc.SignIn.BackupCode(ctx, myaccount.Caller{}, c.UserID, code); err != nil {
				t.Fatal(err)
			}
		}
		if got := e.mfaFactors(c); got[1]["remainCodes"] != float64(7) {
			t.Fatalf("factors: %v", got)
		}
	})
}
