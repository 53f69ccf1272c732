package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
)

// addFactor binds f after its user's factors, leaving the user as it is.
func addFactor(ctx context.Context, s Store, f *mfa.Factor) error {
	_, err := s.BindFactor(ctx, f, "", nil)
	return err
}

// replaceFactor binds f in the place of the user's factor oldID, leaving
// the user as it is.
func replaceFactor(ctx context.Context, s Store, oldID string, f *mfa.Factor) error {
	_, err := s.BindFactor(ctx, f, oldID, nil)
	return err
}

// turnMFAOn is the change a bind makes to its user: MFA on, and the time.
func turnMFAOn(u *account.User) error {
	on := true
	u.LogtoConfig.MFA.Enabled = &on
	u.UpdatedAt = at(time.Hour)
	return nil
}

// withMFAOn returns u as turnMFAOn leaves it.
func withMFAOn(u *account.User) *account.User {
	_ = turnMFAOn(u)
	return u
}

// errChangeFails is what a test's change returns to refuse its write.
var errChangeFails = errors.New("storetest: the change refuses")

// testBindFactor proves BindFactor's one step: the factor and the user's
// change are both written, or neither.
func testBindFactor(t *testing.T, newStore NewStoreFunc) {
	parallel(t, newStore, "bind writes the factor and the user's change", func(t *testing.T, s Store) {
		ctx := t.Context()
		withFactors(t, s, webAuthnFactor("f-key", "user-1", "cred-1"))
		written, err := s.BindFactor(ctx, totpFactor("f-totp", "user-1"), "", turnMFAOn)
		ok(t, "BindFactor", err)
		want := withMFAOn(plainUser(1))
		wantSame(t, "BindFactor's user", want, written)
		wantSame(t, "GetUser after BindFactor", want, mustGetUser(t, s, "user-1"))
		wantFactors(t, s, "user-1", webAuthnFactor("f-key", "user-1", "cred-1"), totpFactor("f-totp", "user-1"))
		wantSame(t, "the other user", plainUser(2), mustGetUser(t, s, "user-2"))
	})

	parallel(t, newStore, "bind in place writes the factor and the user's change", func(t *testing.T, s Store) {
		ctx := t.Context()
		withFactors(t, s, totpFactor("f-old", "user-1"), webAuthnFactor("f-key", "user-1", "cred-1"))
		written, err := s.BindFactor(ctx, newTOTPFactor("f-new", "user-1"), "f-old", turnMFAOn)
		ok(t, "BindFactor replacing", err)
		wantSame(t, "BindFactor's user", withMFAOn(plainUser(1)), written)
		wantSame(t, "GetUser after BindFactor", withMFAOn(plainUser(1)), mustGetUser(t, s, "user-1"))
		wantFactors(t, s, "user-1", newTOTPFactor("f-new", "user-1"), webAuthnFactor("f-key", "user-1", "cred-1"))
	})

	parallel(t, newStore, "bind without a change leaves the user as it is", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, fullUser(1))
		written, err := s.BindFactor(t.Context(), totpFactor("f-totp", "user-1"), "", nil)
		ok(t, "BindFactor", err)
		wantSame(t, "BindFactor's user", fullUser(1), written)
		wantSame(t, "GetUser after BindFactor", fullUser(1), mustGetUser(t, s, "user-1"))
		wantFactors(t, s, "user-1", totpFactor("f-totp", "user-1"))
	})

	parallel(t, newStore, "bind for an unknown user is not found and stores nothing", func(t *testing.T, s Store) {
		ctx := t.Context()
		mustCreateUsers(t, s, plainUser(1))
		called := false
		_, err := s.BindFactor(ctx, webAuthnFactor("f-key", "user-unknown", "cred-1"), "", func(*account.User) error {
			called = true
			return nil
		})
		wantErr(t, "BindFactor", err, account.ErrNotFound)
		if called {
			t.Errorf("BindFactor for an unknown user called change")
		}
		wantFactors(t, s, "user-unknown")
		wantNoFactor(t, s, "user-unknown", "f-key")
		_, err = s.FindWebAuthnCredential(ctx, []byte("cred-1"))
		wantErr(t, "FindWebAuthnCredential of the refused factor", err, account.ErrNotFound)
		ok(t, "BindFactor of the same factor for a user", addFactor(ctx, s, webAuthnFactor("f-key", "user-1", "cred-1")))
	})

	parallel(t, newStore, "bind in place of a missing factor is a conflict", func(t *testing.T, s Store) {
		ctx := t.Context()
		withFactors(t, s, totpFactor("f-1", "user-1"), totpFactor("f-2", "user-2"))
		for name, oldID := range map[string]string{"an unknown id": "f-unknown", "another user's factor": "f-2"} {
			_, err := s.BindFactor(ctx, newTOTPFactor("f-new", "user-1"), oldID, turnMFAOn)
			wantErr(t, "BindFactor in place of "+name, err, account.ErrConflict)
		}
		ok(t, "DeleteFactor", s.DeleteFactor(ctx, "user-1", "f-1"))
		_, err := s.BindFactor(ctx, newTOTPFactor("f-new", "user-1"), "f-1", turnMFAOn)
		wantErr(t, "BindFactor in place of a deleted factor", err, account.ErrConflict)
		wantFactors(t, s, "user-1")
		wantFactors(t, s, "user-2", totpFactor("f-2", "user-2"))
		wantSame(t, "the user after the refused binds", plainUser(1), mustGetUser(t, s, "user-1"))
	})

	parallel(t, newStore, "a refused factor leaves the user unchanged", func(t *testing.T, s Store) {
		ctx := t.Context()
		withFactors(t, s, totpFactor("f-totp", "user-1"), webAuthnFactor("f-key", "user-1", "cred-1"), backupFactor("f-codes", "user-1"))
		refused := []struct {
			name      string
			f         *mfa.Factor
			replacing string
		}{
			{"a second totp", newTOTPFactor("f-new", "user-1"), ""},
			{"a second backup-code set", backupFactor("f-new", "user-1"), ""},
			{"a taken factor id", webAuthnFactor("f-totp", "user-1", "cred-new"), ""},
			{"a taken credential id", webAuthnFactor("f-new", "user-1", "cred-1"), ""},
			{"a second totp in place of a key", newTOTPFactor("f-new", "user-1"), "f-key"},
		}
		for _, c := range refused {
			_, err := s.BindFactor(ctx, c.f, c.replacing, turnMFAOn)
			wantErr(t, "BindFactor of "+c.name, err, account.ErrConflict)
		}
		wantSame(t, "the user after the refused binds", plainUser(1), mustGetUser(t, s, "user-1"))
		wantFactors(t, s, "user-1", totpFactor("f-totp", "user-1"), webAuthnFactor("f-key", "user-1", "cred-1"), backupFactor("f-codes", "user-1"))
	})

	parallel(t, newStore, "a failing change binds nothing", func(t *testing.T, s Store) {
		ctx := t.Context()
		withFactors(t, s, totpFactor("f-old", "user-1"))
		refuse := func(u *account.User) error {
			_ = turnMFAOn(u)
			return errChangeFails
		}
		_, err := s.BindFactor(ctx, webAuthnFactor("f-key", "user-1", "cred-1"), "", refuse)
		if err != errChangeFails {
			t.Errorf("BindFactor with a failing change: error %v, want the change's own error as it is", err)
		}
		_, err = s.BindFactor(ctx, newTOTPFactor("f-new", "user-1"), "f-old", refuse)
		if err != errChangeFails {
			t.Errorf("BindFactor replacing with a failing change: error %v, want the change's own error as it is", err)
		}
		wantSame(t, "the user after the failed binds", plainUser(1), mustGetUser(t, s, "user-1"))
		wantFactors(t, s, "user-1", totpFactor("f-old", "user-1"))
		_, err = s.FindWebAuthnCredential(ctx, []byte("cred-1"))
		wantErr(t, "FindWebAuthnCredential of the factor not bound", err, account.ErrNotFound)
	})

	parallel(t, newStore, "a change claiming a held identifier binds nothing", func(t *testing.T, s Store) {
		ctx := t.Context()
		withFactors(t, s)
		held := plainUser(2)
		_, err := s.BindFactor(ctx, totpFactor("f-totp", "user-1"), "", func(u *account.User) error {
			u.Username, u.UsernameKey = held.Username, held.UsernameKey
			return turnMFAOn(u)
		})
		wantConflict(t, "BindFactor claiming a held username", err, account.IdentifierUsername)
		wantSame(t, "the user after the refused bind", plainUser(1), mustGetUser(t, s, "user-1"))
		wantFactors(t, s, "user-1")
	})

	parallel(t, newStore, "bind returns a copy", func(t *testing.T, s Store) {
		withFactors(t, s)
		f := webAuthnFactor("f-key", "user-1", "cred-1")
		written, err := s.BindFactor(t.Context(), f, "", turnMFAOn)
		ok(t, "BindFactor", err)
		scribbleUser(written)
		scribbleFactor(f)
		wantSame(t, "GetUser after changing BindFactor's user", withMFAOn(plainUser(1)), mustGetUser(t, s, "user-1"))
		wantFactors(t, s, "user-1", webAuthnFactor("f-key", "user-1", "cred-1"))
	})
}
