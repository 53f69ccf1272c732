package storetest

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
)

// withFactors creates users user-1 and user-2, then binds factors in order.
func withFactors(t *testing.T, s Store, factors ...*mfa.Factor) {
	t.Helper()
	mustCreateUsers(t, s, plainUser(1), plainUser(2))
	for _, f := range factors {
		ok(t, "BindFactor "+f.ID, addFactor(t.Context(), s, f))
	}
}

// mustGetFactor returns the stored factor, failing t now if there is none.
func mustGetFactor(t *testing.T, s Store, userID, id string) *mfa.Factor {
	t.Helper()
	f, err := s.GetFactor(t.Context(), userID, id)
	ok(t, "GetFactor "+id, err)
	if f == nil {
		t.Fatalf("GetFactor %s: nil factor and nil error", id)
	}
	return f
}

// wantNoFactor fails t unless the user has no factor id.
func wantNoFactor(t *testing.T, s Store, userID, id string) {
	t.Helper()
	_, err := s.GetFactor(t.Context(), userID, id)
	wantErr(t, "GetFactor "+userID+" "+id, err, account.ErrNotFound)
}

// wantFactors fails t unless the user's factors are want, in order.
func wantFactors(t *testing.T, s Store, userID string, want ...*mfa.Factor) {
	t.Helper()
	got, err := s.ListFactors(t.Context(), userID)
	ok(t, "ListFactors "+userID, err)
	if got == nil {
		t.Errorf("ListFactors %s = nil, want a non-nil slice", userID)
	}
	ids := func(fs []*mfa.Factor) []string {
		var out []string
		for _, f := range fs {
			out = append(out, f.ID)
		}
		return out
	}
	if !slices.Equal(ids(got), ids(want)) {
		t.Errorf("ListFactors %s = %q, want %q", userID, ids(got), ids(want))
		return
	}
	for i := range want {
		wantSame(t, "ListFactors "+userID+" "+want[i].ID, want[i], got[i])
	}
}

// at returns base moved by d, in the western zone: the factor tests write
// their "at" times in a zone other than the fixtures'.
func at(d time.Duration) time.Time { return base.Add(d).In(zoneWest) }

func testFactors(t *testing.T, newStore NewStoreFunc) {
	t.Run("bind", func(t *testing.T) { testBindFactor(t, newStore) })

	parallel(t, newStore, "add and list in order", func(t *testing.T, s Store) {
		// Neither the ids nor the creation times sort like the order of adding.
		fs := []*mfa.Factor{
			totpFactor("f-d", "user-1"),
			webAuthnFactor("f-b", "user-1", "cred-b"),
			backupFactor("f-c", "user-1"),
			webAuthnFactor("f-a", "user-1", "cred-a"),
		}
		for i, f := range fs {
			f.CreatedAt = base.Add(-time.Duration(i) * time.Minute)
		}
		other := webAuthnFactor("f-e", "user-2", "cred-e")
		withFactors(t, s, append(slices.Clone(fs), other)...)
		wantFactors(t, s, "user-1", fs...)
		wantFactors(t, s, "user-2", other)
	})

	parallel(t, newStore, "list without factors is empty", func(t *testing.T, s Store) {
		withFactors(t, s, totpFactor("f-1", "user-2"))
		wantFactors(t, s, "user-1")
		wantFactors(t, s, "user-unknown")
	})

	parallel(t, newStore, "get returns every field", func(t *testing.T, s Store) {
		checkFixture(t, totpFactor("f", "u"), "Factor.WebAuthn", "Factor.BackupCodes")
		checkFixture(t, webAuthnFactor("f", "u", "c"), "Factor.TOTP", "Factor.BackupCodes")
		used := backupFactor("f-codes", "user-1")
		used.LastUsedAt = at(time.Hour)
		used.BackupCodes[2].UsedAt = at(time.Hour)
		used.BackupCodes[7].UsedAt = at(time.Minute).In(time.UTC)
		checkFixture(t, used, "Factor.TOTP", "Factor.WebAuthn")
		checkFixture(t, used.BackupCodes[2])
		largest := webAuthnFactor("f-largest", "user-1", "cred-largest")
		largest.WebAuthn.SignCount = math.MaxUint32
		largest.WebAuthn.AttestationPublicKeyAlg = math.MinInt64
		largest.WebAuthn.Transports = nil
		largest.WebAuthn.Name = ""
		bare := webAuthnFactor("f-bare", "user-1", "cred-bare")
		bare.LastUsedAt = time.Time{}
		*bare.WebAuthn = mfa.WebAuthnCredential{CredentialID: []byte("cred-bare"), PublicKey: []byte{1}}
		fs := []*mfa.Factor{
			totpFactor("f-totp", "user-1"),
			webAuthnFactor("f-key", "user-1", "cred-key"),
			used,
			largest,
			bare,
		}
		withFactors(t, s, fs...)
		for _, want := range fs {
			wantSame(t, "GetFactor "+want.ID, want, mustGetFactor(t, s, "user-1", want.ID))
		}
		wantFactors(t, s, "user-1", fs...)
	})

	parallel(t, newStore, "another user's factor is not found", func(t *testing.T, s Store) {
		withFactors(t, s, totpFactor("f-1", "user-1"))
		wantNoFactor(t, s, "user-2", "f-1")
		wantNoFactor(t, s, "user-1", "f-2")
		wantNoFactor(t, s, "user-unknown", "f-1")
	})

	parallel(t, newStore, "second totp is a conflict", func(t *testing.T, s Store) {
		withFactors(t, s, totpFactor("f-1", "user-1"))
		wantErr(t, "BindFactor", addFactor(t.Context(), s, totpFactor("f-2", "user-1")), account.ErrConflict)
		wantFactors(t, s, "user-1", totpFactor("f-1", "user-1"))
		ok(t, "BindFactor for another user", addFactor(t.Context(), s, totpFactor("f-3", "user-2")))
	})

	parallel(t, newStore, "second backup-code set is a conflict", func(t *testing.T, s Store) {
		withFactors(t, s, backupFactor("f-1", "user-1"))
		wantErr(t, "BindFactor", addFactor(t.Context(), s, backupFactor("f-2", "user-1")), account.ErrConflict)
		wantFactors(t, s, "user-1", backupFactor("f-1", "user-1"))
		ok(t, "BindFactor for another user", addFactor(t.Context(), s, backupFactor("f-3", "user-2")))
	})

	parallel(t, newStore, "duplicate factor id is a conflict", func(t *testing.T, s Store) {
		ctx := t.Context()
		withFactors(t, s, totpFactor("f-1", "user-1"))
		wantErr(t, "BindFactor of the same user", addFactor(ctx, s, webAuthnFactor("f-1", "user-1", "cred-1")), account.ErrConflict)
		wantErr(t, "BindFactor of another user", addFactor(ctx, s, totpFactor("f-1", "user-2")), account.ErrConflict)
		wantFactors(t, s, "user-1", totpFactor("f-1", "user-1"))
		wantFactors(t, s, "user-2")
		_, err := s.FindWebAuthnCredential(ctx, []byte("cred-1"))
		wantErr(t, "FindWebAuthnCredential of the refused factor", err, account.ErrNotFound)
	})

	parallel(t, newStore, "duplicate credential id is a conflict", func(t *testing.T, s Store) {
		ctx := t.Context()
		withFactors(t, s, webAuthnFactor("f-1", "user-1", "cred-1"))
		wantErr(t, "BindFactor of the same user", addFactor(ctx, s, webAuthnFactor("f-2", "user-1", "cred-1")), account.ErrConflict)
		wantErr(t, "BindFactor of another user", addFactor(ctx, s, webAuthnFactor("f-3", "user-2", "cred-1")), account.ErrConflict)
		wantFactors(t, s, "user-1", webAuthnFactor("f-1", "user-1", "cred-1"))
		wantFactors(t, s, "user-2")
		// Credential ids are bytes: another case is another id.
		ok(t, "BindFactor with a credential id in another case", addFactor(ctx, s, webAuthnFactor("f-4", "user-2", "CRED-1")))
	})

	parallel(t, newStore, "replace keeps the position", func(t *testing.T, s Store) {
		ctx := t.Context()
		withFactors(t, s,
			totpFactor("f-totp", "user-1"),
			webAuthnFactor("f-key", "user-1", "cred-key"),
			backupFactor("f-codes", "user-1"),
		)
		newTOTP := newTOTPFactor("f-totp-2", "user-1")
		newKey := webAuthnFactor("f-key-2", "user-1", "cred-key-2")
		newCodes := backupFactor("f-codes-2", "user-1")
		newCodes.BackupCodes[0].Hash = []byte("new-hash")
		ok(t, "BindFactor replacing totp", replaceFactor(ctx, s, "f-totp", newTOTP))
		ok(t, "BindFactor replacing webauthn", replaceFactor(ctx, s, "f-key", newKey))
		ok(t, "BindFactor replacing backup codes", replaceFactor(ctx, s, "f-codes", newCodes))
		wantFactors(t, s, "user-1", newTOTP, newKey, newCodes)
		for _, id := range []string{"f-totp", "f-key", "f-codes"} {
			wantNoFactor(t, s, "user-1", id)
		}
		_, err := s.FindWebAuthnCredential(ctx, []byte("cred-key"))
		wantErr(t, "FindWebAuthnCredential of the replaced credential", err, account.ErrNotFound)
		got, err := s.FindWebAuthnCredential(ctx, []byte("cred-key-2"))
		ok(t, "FindWebAuthnCredential of the new credential", err)
		wantSame(t, "FindWebAuthnCredential", newKey, got)
		// The old id is free again.
		ok(t, "BindFactor with a replaced id", addFactor(ctx, s, webAuthnFactor("f-key", "user-1", "cred-key")))
		wantFactors(t, s, "user-1", newTOTP, newKey, newCodes, webAuthnFactor("f-key", "user-1", "cred-key"))
	})

	parallel(t, newStore, "replace frees what the old factor held", func(t *testing.T, s Store) {
		ctx := t.Context()
		withFactors(t, s, webAuthnFactor("f-key", "user-1", "cred-key"), totpFactor("f-totp", "user-1"))
		// The new factor may take the old one's credential id.
		same := webAuthnFactor("f-key-2", "user-1", "cred-key")
		same.WebAuthn.Name = "renewed"
		ok(t, "BindFactor replacing with the same credential id", replaceFactor(ctx, s, "f-key", same))
		wantFactors(t, s, "user-1", same, totpFactor("f-totp", "user-1"))
		got, err := s.FindWebAuthnCredential(ctx, []byte("cred-key"))
		ok(t, "FindWebAuthnCredential", err)
		wantSame(t, "FindWebAuthnCredential", same, got)
	})

	parallel(t, newStore, "replace conflicts as add does", func(t *testing.T, s Store) {
		ctx := t.Context()
		fs := []*mfa.Factor{
			totpFactor("f-totp", "user-1"),
			webAuthnFactor("f-key-1", "user-1", "cred-1"),
			webAuthnFactor("f-key-2", "user-1", "cred-2"),
			webAuthnFactor("f-other", "user-2", "cred-other"),
		}
		withFactors(t, s, fs...)
		refused := map[string]*mfa.Factor{
			"an id another factor holds":         webAuthnFactor("f-key-2", "user-1", "cred-new"),
			"an id another user's factor holds":  webAuthnFactor("f-other", "user-1", "cred-new"),
			"a credential id another factor has": webAuthnFactor("f-new", "user-1", "cred-2"),
			"another user's credential id":       webAuthnFactor("f-new", "user-1", "cred-other"),
			"a second totp":                      newTOTPFactor("f-new", "user-1"),
		}
		for name, f := range refused {
			wantErr(t, "BindFactor replacing with "+name, replaceFactor(ctx, s, "f-key-1", f), account.ErrConflict)
		}
		wantFactors(t, s, "user-1", fs[:3]...)
		wantFactors(t, s, "user-2", fs[3])
	})

	parallel(t, newStore, "find webauthn credential", func(t *testing.T, s Store) {
		ctx := t.Context()
		withFactors(t, s,
			totpFactor("f-totp", "user-1"),
			webAuthnFactor("f-1", "user-1", "cred-1"),
			webAuthnFactor("f-2", "user-2", "cred-2"),
		)
		for _, want := range []*mfa.Factor{webAuthnFactor("f-1", "user-1", "cred-1"), webAuthnFactor("f-2", "user-2", "cred-2")} {
			got, err := s.FindWebAuthnCredential(ctx, want.WebAuthn.CredentialID)
			ok(t, "FindWebAuthnCredential", err)
			wantSame(t, "FindWebAuthnCredential", want, got)
		}
		for _, id := range []string{"cred-3", "CRED-1", "cred-", ""} {
			_, err := s.FindWebAuthnCredential(ctx, []byte(id))
			wantErr(t, "FindWebAuthnCredential "+id, err, account.ErrNotFound)
		}
	})

	parallel(t, newStore, "rename only webauthn", func(t *testing.T, s Store) {
		ctx := t.Context()
		withFactors(t, s, totpFactor("f-totp", "user-1"), webAuthnFactor("f-key", "user-1", "cred-1"), backupFactor("f-codes", "user-1"))
		ok(t, "RenameFactor", s.RenameFactor(ctx, "user-1", "f-key", "YubiKey 5C ✓"))
		want := webAuthnFactor("f-key", "user-1", "cred-1")
		want.WebAuthn.Name = "YubiKey 5C ✓"
		wantSame(t, "GetFactor after RenameFactor", want, mustGetFactor(t, s, "user-1", "f-key"))
		ok(t, "RenameFactor to empty", s.RenameFactor(ctx, "user-1", "f-key", ""))
		want.WebAuthn.Name = ""
		wantSame(t, "GetFactor after RenameFactor to empty", want, mustGetFactor(t, s, "user-1", "f-key"))

		wantErr(t, "RenameFactor of a totp", s.RenameFactor(ctx, "user-1", "f-totp", "x"), account.ErrNotFound)
		wantErr(t, "RenameFactor of backup codes", s.RenameFactor(ctx, "user-1", "f-codes", "x"), account.ErrNotFound)
		wantErr(t, "RenameFactor of another user's factor", s.RenameFactor(ctx, "user-2", "f-key", "x"), account.ErrNotFound)
		wantErr(t, "RenameFactor of an unknown id", s.RenameFactor(ctx, "user-1", "f-unknown", "x"), account.ErrNotFound)
		wantFactors(t, s, "user-1", totpFactor("f-totp", "user-1"), want, backupFactor("f-codes", "user-1"))
	})

	parallel(t, newStore, "delete factor", func(t *testing.T, s Store) {
		ctx := t.Context()
		withFactors(t, s, totpFactor("f-totp", "user-1"), webAuthnFactor("f-key", "user-1", "cred-1"), backupFactor("f-codes", "user-1"))
		wantErr(t, "DeleteFactor of another user", s.DeleteFactor(ctx, "user-2", "f-key"), account.ErrNotFound)
		ok(t, "DeleteFactor", s.DeleteFactor(ctx, "user-1", "f-key"))
		wantFactors(t, s, "user-1", totpFactor("f-totp", "user-1"), backupFactor("f-codes", "user-1"))
		wantNoFactor(t, s, "user-1", "f-key")
		wantErr(t, "DeleteFactor again", s.DeleteFactor(ctx, "user-1", "f-key"), account.ErrNotFound)
		_, err := s.FindWebAuthnCredential(ctx, []byte("cred-1"))
		wantErr(t, "FindWebAuthnCredential of the deleted factor", err, account.ErrNotFound)
		// What it held is free, and a new factor goes last.
		ok(t, "BindFactor again", addFactor(ctx, s, webAuthnFactor("f-key", "user-1", "cred-1")))
		ok(t, "DeleteFactor totp", s.DeleteFactor(ctx, "user-1", "f-totp"))
		ok(t, "BindFactor of a new totp", addFactor(ctx, s, newTOTPFactor("f-totp-2", "user-1")))
		wantFactors(t, s, "user-1", backupFactor("f-codes", "user-1"), webAuthnFactor("f-key", "user-1", "cred-1"), newTOTPFactor("f-totp-2", "user-1"))
	})

	parallel(t, newStore, "use backup code", func(t *testing.T, s Store) {
		ctx := t.Context()
		withFactors(t, s, backupFactor("f-codes", "user-1"), totpFactor("f-totp", "user-1"), backupFactor("f-other", "user-2"))
		want := backupFactor("f-codes", "user-1")

		ok(t, "UseBackupCode 3", s.UseBackupCode(ctx, "user-1", "f-codes", 3, at(time.Minute)))
		want.BackupCodes[3].UsedAt, want.LastUsedAt = at(time.Minute), at(time.Minute)
		wantSame(t, "GetFactor after UseBackupCode", want, mustGetFactor(t, s, "user-1", "f-codes"))

		wantErr(t, "UseBackupCode 3 again", s.UseBackupCode(ctx, "user-1", "f-codes", 3, at(time.Hour)), account.ErrConflict)
		wantSame(t, "GetFactor after the refused UseBackupCode", want, mustGetFactor(t, s, "user-1", "f-codes"))

		ok(t, "UseBackupCode 9", s.UseBackupCode(ctx, "user-1", "f-codes", 9, at(time.Hour)))
		want.BackupCodes[9].UsedAt, want.LastUsedAt = at(time.Hour), at(time.Hour)
		wantSame(t, "GetFactor after UseBackupCode 9", want, mustGetFactor(t, s, "user-1", "f-codes"))

		for _, c := range []struct {
			name       string
			user, id   string
			index      int
			wantFailed error
		}{
			{"index past the end", "user-1", "f-codes", 10, account.ErrNotFound},
			{"negative index", "user-1", "f-codes", -1, account.ErrNotFound},
			{"a totp factor", "user-1", "f-totp", 0, account.ErrNotFound},
			{"another user's factor", "user-1", "f-other", 0, account.ErrNotFound},
			{"an unknown factor", "user-1", "f-unknown", 0, account.ErrNotFound},
		} {
			wantErr(t, "UseBackupCode of "+c.name, s.UseBackupCode(ctx, c.user, c.id, c.index, at(2*time.Hour)), c.wantFailed)
		}
		wantSame(t, "GetFactor after the refused calls", want, mustGetFactor(t, s, "user-1", "f-codes"))
		wantSame(t, "the other user's codes", backupFactor("f-other", "user-2"), mustGetFactor(t, s, "user-2", "f-other"))
	})

	parallel(t, newStore, "advance totp step", func(t *testing.T, s Store) {
		ctx := t.Context()
		withFactors(t, s, newTOTPFactor("f-totp", "user-1"), webAuthnFactor("f-key", "user-1", "cred-1"), totpFactor("f-other", "user-2"))
		want := newTOTPFactor("f-totp", "user-1")
		wantErr(t, "AdvanceTOTPStep to 0 from 0", s.AdvanceTOTPStep(ctx, "user-1", "f-totp", 0, at(0)), account.ErrConflict)
		wantSame(t, "GetFactor after the refused first step", want, mustGetFactor(t, s, "user-1", "f-totp"))

		ok(t, "AdvanceTOTPStep", s.AdvanceTOTPStep(ctx, "user-1", "f-totp", 100, at(time.Minute)))
		want.TOTP.LastUsedStep, want.LastUsedAt = 100, at(time.Minute)
		wantSame(t, "GetFactor after AdvanceTOTPStep", want, mustGetFactor(t, s, "user-1", "f-totp"))

		wantErr(t, "AdvanceTOTPStep to the same step", s.AdvanceTOTPStep(ctx, "user-1", "f-totp", 100, at(time.Hour)), account.ErrConflict)
		wantErr(t, "AdvanceTOTPStep backwards", s.AdvanceTOTPStep(ctx, "user-1", "f-totp", 99, at(time.Hour)), account.ErrConflict)
		wantSame(t, "GetFactor after the refused steps", want, mustGetFactor(t, s, "user-1", "f-totp"))

		ok(t, "AdvanceTOTPStep by one", s.AdvanceTOTPStep(ctx, "user-1", "f-totp", 101, at(2*time.Minute)))
		want.TOTP.LastUsedStep, want.LastUsedAt = 101, at(2*time.Minute)
		wantSame(t, "GetFactor after the next step", want, mustGetFactor(t, s, "user-1", "f-totp"))

		wantErr(t, "AdvanceTOTPStep of a webauthn factor", s.AdvanceTOTPStep(ctx, "user-1", "f-key", math.MaxInt64, at(0)), account.ErrNotFound)
		wantErr(t, "AdvanceTOTPStep of another user's factor", s.AdvanceTOTPStep(ctx, "user-1", "f-other", math.MaxInt64, at(0)), account.ErrNotFound)
		wantErr(t, "AdvanceTOTPStep of an unknown factor", s.AdvanceTOTPStep(ctx, "user-1", "f-unknown", math.MaxInt64, at(0)), account.ErrNotFound)
		wantSame(t, "the other user's totp", totpFactor("f-other", "user-2"), mustGetFactor(t, s, "user-2", "f-other"))
	})

	parallel(t, newStore, "advance sign count", func(t *testing.T, s Store) {
		ctx := t.Context()
		counterless := webAuthnFactor("f-zero", "user-1", "cred-zero")
		counterless.WebAuthn.SignCount, counterless.WebAuthn.BackupState = 0, false
		withFactors(t, s, webAuthnFactor("f-key", "user-1", "cred-1"), counterless, totpFactor("f-totp", "user-1"),
			webAuthnFactor("f-other", "user-2", "cred-other"))

		want := webAuthnFactor("f-key", "user-1", "cred-1")
		ok(t, "AdvanceSignCount", s.AdvanceSignCount(ctx, "user-1", "f-key", 8, false, at(time.Minute)))
		want.WebAuthn.SignCount, want.WebAuthn.BackupState, want.LastUsedAt = 8, false, at(time.Minute)
		wantSame(t, "GetFactor after AdvanceSignCount", want, mustGetFactor(t, s, "user-1", "f-key"))
		for _, n := range []uint32{8, 5, 0} {
			wantErr(t, "AdvanceSignCount not forward", s.AdvanceSignCount(ctx, "user-1", "f-key", n, true, at(time.Hour)), account.ErrConflict)
		}
		wantSame(t, "GetFactor after the refused counts", want, mustGetFactor(t, s, "user-1", "f-key"))
		ok(t, "AdvanceSignCount to the largest count", s.AdvanceSignCount(ctx, "user-1", "f-key", math.MaxUint32, true, at(2*time.Minute)))
		want.WebAuthn.SignCount, want.WebAuthn.BackupState, want.LastUsedAt = math.MaxUint32, true, at(2*time.Minute)
		wantSame(t, "GetFactor after the largest count", want, mustGetFactor(t, s, "user-1", "f-key"))

		// An authenticator without a counter stays at 0 and signs in every time.
		wantZero := webAuthnFactor("f-zero", "user-1", "cred-zero")
		wantZero.WebAuthn.SignCount = 0
		ok(t, "AdvanceSignCount 0 from 0", s.AdvanceSignCount(ctx, "user-1", "f-zero", 0, true, at(time.Minute)))
		wantZero.WebAuthn.BackupState, wantZero.LastUsedAt = true, at(time.Minute)
		wantSame(t, "GetFactor after a counterless sign-in", wantZero, mustGetFactor(t, s, "user-1", "f-zero"))
		ok(t, "AdvanceSignCount 0 from 0 again", s.AdvanceSignCount(ctx, "user-1", "f-zero", 0, false, at(2*time.Minute)))
		wantZero.WebAuthn.BackupState, wantZero.LastUsedAt = false, at(2*time.Minute)
		wantSame(t, "GetFactor after a second counterless sign-in", wantZero, mustGetFactor(t, s, "user-1", "f-zero"))
		// Once it starts counting, 0 goes backwards.
		ok(t, "AdvanceSignCount from 0 to 1", s.AdvanceSignCount(ctx, "user-1", "f-zero", 1, false, at(3*time.Minute)))
		wantErr(t, "AdvanceSignCount back to 0", s.AdvanceSignCount(ctx, "user-1", "f-zero", 0, false, at(4*time.Minute)), account.ErrConflict)

		wantErr(t, "AdvanceSignCount of a totp factor", s.AdvanceSignCount(ctx, "user-1", "f-totp", 100, false, at(0)), account.ErrNotFound)
		wantErr(t, "AdvanceSignCount of another user's factor", s.AdvanceSignCount(ctx, "user-1", "f-other", 100, false, at(0)), account.ErrNotFound)
		wantErr(t, "AdvanceSignCount of an unknown factor", s.AdvanceSignCount(ctx, "user-1", "f-unknown", 100, false, at(0)), account.ErrNotFound)
		wantSame(t, "the other user's key", webAuthnFactor("f-other", "user-2", "cred-other"), mustGetFactor(t, s, "user-2", "f-other"))
	})

	parallel(t, newStore, "stored values are copies", func(t *testing.T, s Store) {
		ctx := t.Context()
		key, codes := webAuthnFactor("f-key", "user-1", "cred-1"), backupFactor("f-codes", "user-1")
		withFactors(t, s, key, codes)
		scribbleFactor(key)
		scribbleFactor(codes)
		wantFactors(t, s, "user-1", webAuthnFactor("f-key", "user-1", "cred-1"), backupFactor("f-codes", "user-1"))

		scribbleFactor(mustGetFactor(t, s, "user-1", "f-key"))
		list, err := s.ListFactors(ctx, "user-1")
		ok(t, "ListFactors", err)
		for _, f := range list {
			scribbleFactor(f)
		}
		found, err := s.FindWebAuthnCredential(ctx, []byte("cred-1"))
		ok(t, "FindWebAuthnCredential after changing the added value", err)
		scribbleFactor(found)
		wantFactors(t, s, "user-1", webAuthnFactor("f-key", "user-1", "cred-1"), backupFactor("f-codes", "user-1"))

		replacement := webAuthnFactor("f-key-2", "user-1", "cred-2")
		ok(t, "BindFactor replacing", replaceFactor(ctx, s, "f-key", replacement))
		scribbleFactor(replacement)
		wantFactors(t, s, "user-1", webAuthnFactor("f-key-2", "user-1", "cred-2"), backupFactor("f-codes", "user-1"))
	})
}
