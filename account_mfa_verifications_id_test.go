package myaccount_test

import (
	"context"
	"slices"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// mfaFactorID is the id of c's first factor of this type.
func (e *mfaEnv) mfaFactorID(c myaccount.Caller, typ string) string {
	e.t.Helper()
	for _, f := range e.mfaFactors(c) {
		if f["type"] == typ {
			return f["id"].(string)
		}
	}
	e.t.Fatalf("no %s factor", typ)
	return ""
}

func TestRenameMFAFactorCheckOrder(t *testing.T) {
	mfaCheckOrder(t, mfaRoute{
		fields: []account.Field{account.FieldMFA, account.FieldPasskey},
		prepare: func(e *mfaEnv, c myaccount.Caller) string {
			e.mfaBindPasskey(c, newMFAPasskey(c.UserID, mfaOrigin), nil)
			return e.mfaFactorID(c, "WebAuthn")
		},
		run: func(e *mfaEnv, c myaccount.Caller, id string, broken func(mfaBreak) bool) error {
			in := myaccount.RenameMFAInput{Name: mfaPtr("Phone")}
			if broken(mfaBreakInput) {
				in.Name = nil
			}
			if broken(mfaBreakTarget) {
				id = "nope"
			}
			_, err := e.svc.Account.RenameMFAFactor(context.Background(), c, id, in)
			return err
		},
	}, append(slices.Clone(mfaGateChecks),
		mfaCheck{"the body must be valid", mfaBreakInput, 400, account.CodeGuardInvalidInput},
		mfaCheck{"the verification header must prove identity", mfaBreakVerification, 401, account.CodeRecordPermissionDenied},
		mfaCheck{"the passkey field must be editable", mfaBreakField, 400, account.CodeFieldNotEditable},
		mfaCheck{"the identities scope is needed", mfaBreakScope, 401, account.CodeUnauthorized},
		mfaCheck{"a third-party app is refused", mfaBreakFirstParty, 403, account.CodeThirdPartyApplicationForbidden},
		mfaCheck{"the factor must exist", mfaBreakTarget, 400, account.CodeRecordNotFound},
	))
}

func TestRenameMFAFactor(t *testing.T) {
	ctx := context.Background()
	e := newMFAEnv(t)
	c := e.mfaUser("rename")
	other := e.mfaUser("other")
	e.mfaBindTOTP(c)
	e.mfaBindPasskey(c, newMFAPasskey(c.UserID, mfaOrigin), mfaPtr("Laptop"))
	e.mfaBindTOTP(other)
	e.mfaBindPasskey(other, newMFAPasskey(other.UserID, mfaOrigin), mfaPtr("Theirs"))
	passkey := e.mfaFactorID(c, "WebAuthn")
	rename := func(c myaccount.Caller, id, name string) (*myaccount.FactorView, error) {
		return e.svc.Account.RenameMFAFactor(ctx, e.mfaVerified(c), id, myaccount.RenameMFAInput{Name: &name})
	}
	t.Run("the renamed entry is answered and listed", func(t *testing.T) {
		e.mfaChanges()
		v, err := rename(c, passkey, "Phone")
		if err != nil {
			t.Fatal(err)
		}
		if v.ID != passkey || v.Name != "Phone" {
			t.Fatalf("answer: %+v", v)
		}
		if got := e.mfaFactors(c); got[1]["name"] != "Phone" {
			t.Fatalf("factors: %v", got)
		}
		if got := e.mfaChanges(); !slices.Contains(got, myaccount.ChangeMFA) {
			t.Fatalf("changes: %v", got)
		}
	})
	t.Run("only a passkey of the caller's is renamed", func(t *testing.T) {
		_, err := rename(c, e.mfaFactorID(c, "Totp"), "x")
		wantCode(t, "a TOTP", err, 400, account.CodeRecordNotFound)
		_, err = rename(c, e.mfaFactorID(other, "WebAuthn"), "x")
		wantCode(t, "another user's passkey", err, 400, account.CodeRecordNotFound)
		if got := e.mfaFactors(other); got[1]["name"] != "Theirs" {
			t.Fatalf("the other user's factors: %v", got)
		}
	})
	t.Run("a name is text of at most 256 bytes", func(t *testing.T) {
		for _, name := range []string{"a\x00b", string(make([]byte, 257))} {
			_, err := rename(c, passkey, name)
			wantCode(t, "bad name", err, 400, account.CodeGuardInvalidInput)
		}
		if _, err := rename(c, passkey, string(slices.Repeat([]byte("n"), 256))); err != nil {
			t.Fatalf("256 bytes: %v", err)
		}
	})
	t.Run("the passkey field governs, not mfa", func(t *testing.T) {
		defer e.mfaFields(map[account.Field]account.FieldMode{account.FieldMFA: account.Edit})
		e.mfaFields(map[account.Field]account.FieldMode{account.FieldMFA: account.Off, account.FieldPasskey: account.Edit})
		if _, err := rename(c, passkey, "Tablet"); err != nil {
			t.Fatalf("passkey Edit, mfa Off: %v", err)
		}
		e.mfaFields(map[account.Field]account.FieldMode{account.FieldMFA: account.Edit, account.FieldPasskey: account.ReadOnly})
		_, err := rename(c, passkey, "x")
		wantCode(t, "passkey ReadOnly", err, 400, account.CodeFieldNotEditable)
	})
}

func TestRemoveMFAFactorCheckOrder(t *testing.T) {
	// The factor is found before the field is checked: its type names the
	// field.
	mfaCheckOrder(t, mfaRoute{
		fields: []account.Field{account.FieldMFA},
		prepare: func(e *mfaEnv, c myaccount.Caller) string {
			e.mfaBindTOTP(c)
			return e.mfaFactorID(c, "Totp")
		},
		run: func(e *mfaEnv, c myaccount.Caller, id string, broken func(mfaBreak) bool) error {
			if broken(mfaBreakTarget) {
				id = "nope"
			}
			return e.svc.Account.RemoveMFAFactor(context.Background(), c, id)
		},
	}, append(slices.Clone(mfaGateChecks),
		mfaCheck{"the verification header must prove identity", mfaBreakVerification, 401, account.CodeRecordPermissionDenied},
		mfaCheck{"the identities scope is needed", mfaBreakScope, 401, account.CodeUnauthorized},
		mfaCheck{"a third-party app is refused", mfaBreakFirstParty, 403, account.CodeThirdPartyApplicationForbidden},
		mfaCheck{"the factor must exist", mfaBreakTarget, 400, account.CodeRecordNotFound},
		mfaCheck{"the field must be editable", mfaBreakField, 400, account.CodeFieldNotEditable},
	))
}

func TestRemoveMFAFactor(t *testing.T) {
	ctx := context.Background()
	remove := func(e *mfaEnv, c myaccount.Caller, id string) error {
		return e.svc.Account.RemoveMFAFactor(ctx, e.mfaVerified(c), id)
	}
	t.Run("a removed factor is gone from the list and from sign-in", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("remove")
		secret := e.mfaBindTOTP(c)
		e.mfaChanges()
		if err := remove(e, c, e.mfaFactorID(c, "Totp")); err != nil {
			t.Fatal(err)
		}
		if got := e.mfaFactors(c); len(got) != 0 {
			t.Fatalf("factors: %v", got)
		}
		if got := e.mfaChanges(); !slices.Contains(got, myaccount.ChangeMFA) {
			t.Fatalf("changes: %v", got)
		}
		wantCode(t, "sign-in with the removed app", e.svc.SignIn.TOTP(ctx, myaccount.Caller{}, c.UserID, mfaCode(t, secret, e.clock.Now())), 400, account.CodeInvalidTOTPCode)
		// MFA stays as it was: removing is not turning off.
		if lc := e.mfaLogtoConfig(c); lc.MFA.Enabled == nil || !*lc.MFA.Enabled {
			t.Fatalf("mfa.enabled: %+v", lc.MFA)
		}
	})
	t.Run("another user's factor is not found", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("mine")
		other := e.mfaUser("theirs")
		e.mfaBindTOTP(other)
		wantCode(t, "another user's", remove(e, c, e.mfaFactorID(other, "Totp")), 400, account.CodeRecordNotFound)
		if got := e.mfaFactors(other); len(got) != 1 {
			t.Fatalf("the other user's factors: %v", got)
		}
	})
	t.Run("the other factor may go while backup codes remain", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("leftcodes")
		e.mfaBindTOTP(c)
		codes := e.mfaBindBackupCodes(c)
		if err := remove(e, c, e.mfaFactorID(c, "Totp")); err != nil {
			t.Fatal(err)
		}
		if got := mfaTypes(e.mfaFactors(c)); !slices.Equal(got, []string{"BackupCode"}) {
			t.Fatalf("factors: %v", got)
		}
		if err := e.svc.SignIn.BackupCode(ctx, myaccount.Caller{}, c.UserID, codes[0]); err != nil {
			t.Fatalf("a code left alone: %v", err)
		}
		if err := remove(e, c, e.mfaFactorID(c, "BackupCode")); err != nil {
			t.Fatal(err)
		}
		wantCode(t, "a code of a removed set", e.svc.SignIn.BackupCode(ctx, myaccount.Caller{}, c.UserID, codes[1]), 400, account.CodeInvalidBackupCode)
	})
	t.Run("a passkey is governed by the passkey field, the others by mfa", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("fields")
		e.mfaBindTOTP(c)
		e.mfaBindPasskey(c, newMFAPasskey(c.UserID, mfaOrigin), nil)
		totpID, passkeyID := e.mfaFactorID(c, "Totp"), e.mfaFactorID(c, "WebAuthn")
		e.mfaFields(map[account.Field]account.FieldMode{account.FieldMFA: account.Edit, account.FieldPasskey: account.ReadOnly})
		wantCode(t, "passkey ReadOnly", remove(e, c, passkeyID), 400, account.CodeFieldNotEditable)
		before := e.mfaLogtoConfig(c)
		if err := remove(e, c, totpID); err != nil {
			t.Fatalf("TOTP under mfa Edit: %v", err)
		}
		if after := e.mfaLogtoConfig(c); *after.MFA.Enabled != *before.MFA.Enabled {
			t.Fatalf("logtoConfig: %+v -> %+v", before, after)
		}
		e.mfaFields(map[account.Field]account.FieldMode{account.FieldMFA: account.Off, account.FieldPasskey: account.Edit})
		if err := remove(e, c, passkeyID); err != nil {
			t.Fatalf("passkey Edit, mfa Off: %v", err)
		}
		e.mfaFields(map[account.Field]account.FieldMode{account.FieldMFA: account.ReadOnly})
		if got := e.mfaFactors(c); len(got) != 0 {
			t.Fatalf("factors: %v", got)
		}
	})
}
