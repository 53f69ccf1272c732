package myaccount_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
)

func TestNewBackupCodes(t *testing.T) {
	ctx := context.Background()
	e := newMFAEnv(t)
	c := e.mfaUser("gen")
	t.Run("ten distinct codes of ten lower-case hex digits, nothing stored", func(t *testing.T) {
		b, err := e.svc.Account.NewBackupCodes(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Codes) != 10 || !mfa.ValidBackupCodes(b.Codes) {
			t.Fatalf("codes: %v", b.Codes)
		}
		for _, code := range b.Codes {
			if len(code) != 10 || mfa.NormalizeBackupCode(code) != code {
				t.Fatalf("code %q", code)
			}
		}
		again, err := e.svc.Account.NewBackupCodes(ctx, c)
		if err != nil || slices.Equal(again.Codes, b.Codes) {
			t.Fatalf("second set: %v %v", again, err)
		}
		if got := e.mfaFactors(c); len(got) != 0 {
			t.Fatalf("factors: %v", got)
		}
	})
	t.Run("only the gate applies", func(t *testing.T) {
		third := c
		third.FirstParty, third.Scopes = false, nil
		if _, err := e.svc.Account.NewBackupCodes(ctx, third); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Admin.SetAccountCenter(ctx, myaccount.UpdateAccountCenterInput{Enabled: myaccount.Set(false)}); err != nil {
			t.Fatal(err)
		}
		_, err := e.svc.Account.NewBackupCodes(ctx, c)
		wantCode(t, "center off", err, 400, account.CodeAccountCenterNotEnabled)
	})
}

func TestBackupCodesCheckOrder(t *testing.T) {
	// No field gate and no first-party guard: only the header, the scope
	// and a set to show.
	mfaCheckOrder(t, mfaRoute{
		fields: []account.Field{account.FieldMFA},
		prepare: func(e *mfaEnv, c myaccount.Caller) string {
			e.mfaBindTOTP(c)
			return ""
		},
		run: func(e *mfaEnv, c myaccount.Caller, _ string, _ func(mfaBreak) bool) error {
			_, err := e.svc.Account.BackupCodes(context.Background(), c)
			return err
		},
	}, append(slices.Clone(mfaGateChecks),
		mfaCheck{"the verification header must prove identity", mfaBreakVerification, 401, account.CodeRecordPermissionDenied},
		mfaCheck{"the identities scope is needed", mfaBreakScope, 401, account.CodeUnauthorized},
		mfaCheck{"the user must have a set, whatever the field and the app", mfaBreakFieldOff, 404, account.CodeRecordNotFound},
		mfaCheck{"a third-party app is not refused", mfaBreakFirstParty, 404, account.CodeRecordNotFound},
	))
}

func TestBackupCodes(t *testing.T) {
	ctx := context.Background()
	e := newMFAEnv(t)
	c := e.mfaUser("show")
	e.mfaBindTOTP(c)
	codes := e.mfaBindBackupCodes(c)
	t.Run("the codes are shown in order with their use times", func(t *testing.T) {
		e.clock.Advance(time.Hour)
		if err := e.svc.SignIn.BackupCode(ctx, myaccount.Caller{}, c.UserID, codes[3]); err != nil {
			t.Fatal(err)
		}
		b, err := e.svc.Account.BackupCodes(ctx, e.mfaVerified(c))
		if err != nil {
			t.Fatal(err)
		}
		if len(b.Codes) != 10 {
			t.Fatalf("codes: %v", b.Codes)
		}
		for i, v := range b.Codes {
			if v.Code != codes[i] {
				t.Fatalf("code %d: %q, want %q", i, v.Code, codes[i])
			}
			switch {
			case i == 3 && (v.UsedAt == nil || *v.UsedAt != "2026-01-02T04:04:05.000Z"):
				t.Fatalf("used code: %+v", v)
			case i != 3 && v.UsedAt != nil:
				t.Fatalf("unused code %d: %+v", i, v)
			}
		}
	})
	t.Run("the header must be the caller's", func(t *testing.T) {
		other := e.mfaUser("other")
		c := c
		c.VerificationID = e.mfaVerified(other).VerificationID
		_, err := e.svc.Account.BackupCodes(ctx, c)
		wantCode(t, "another user's record", err, 401, account.CodeRecordPermissionDenied)
	})
}
