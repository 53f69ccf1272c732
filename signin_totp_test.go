package myaccount_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

func TestSignInTOTP(t *testing.T) {
	ctx := context.Background()
	signIn := func(e *mfaEnv, userID, code string) error {
		return e.svc.SignIn.TOTP(ctx, myaccount.Caller{}, userID, code)
	}
	t.Run("a code of the app signs in once", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("once")
		secret := e.mfaBindTOTP(c)
		code := mfaCode(t, secret, e.clock.Now())
		if err := signIn(e, c.UserID, code); err != nil {
			t.Fatal(err)
		}
		wantCode(t, "replayed", signIn(e, c.UserID, code), 400, account.CodeInvalidTOTPCode)
		e.clock.Advance(30 * time.Second)
		if err := signIn(e, c.UserID, mfaCode(t, secret, e.clock.Now())); err != nil {
			t.Fatalf("the next step's code: %v", err)
		}
	})
	t.Run("a code one step off either way is accepted, but never an older step than the last", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("skew")
		secret := e.mfaBindTOTP(c)
		now := e.clock.Now()
		if err := signIn(e, c.UserID, mfaCode(t, secret, now.Add(-30*time.Second))); err != nil {
			t.Fatalf("previous step: %v", err)
		}
		if err := signIn(e, c.UserID, mfaCode(t, secret, now.Add(30*time.Second))); err != nil {
			t.Fatalf("next step: %v", err)
		}
		// The current step is older than the one just used.
		wantCode(t, "an older step", signIn(e, c.UserID, mfaCode(t, secret, now)), 400, account.CodeInvalidTOTPCode)
		wantCode(t, "two steps ahead", signIn(e, c.UserID, mfaCode(t, secret, now.Add(time.Minute))), 400, account.CodeInvalidTOTPCode)
	})
	t.Run("a wrong, malformed or foreign code is refused", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("wrong")
		other := e.mfaUser("other")
		e.mfaBindTOTP(c)
		othersSecret := e.mfaBindTOTP(other)
		for _, tc := range []struct{ rule, code string }{
			{"not six digits", "12345"},
			{"letters", "abcdef"},
			{"empty", ""},
			{"another user's app", mfaCode(t, othersSecret, e.clock.Now())},
		} {
			wantCode(t, tc.rule, signIn(e, c.UserID, tc.code), 400, account.CodeInvalidTOTPCode)
		}
	})
	t.Run("a user without an app, or no user, is refused alike", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("noapp")
		e.mfaBindBackupCodes(mfaWithPasskey(e, c))
		wantCode(t, "no app", signIn(e, c.UserID, "123456"), 400, account.CodeInvalidTOTPCode)
		wantCode(t, "no user", signIn(e, "nobody", "123456"), 400, account.CodeInvalidTOTPCode)
	})
	t.Run("of concurrent uses of one code one wins", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("race")
		code := mfaCode(t, e.mfaBindTOTP(c), e.clock.Now())
		var wg sync.WaitGroup
		errs := make(chan error, 8)
		for range 8 {
			wg.Go(func() { errs <- signIn(e, c.UserID, code) })
		}
		wg.Wait()
		close(errs)
		won := 0
		for err := range errs {
			if err == nil {
				won++
			} else {
				wantCode(t, "loser", err, 400, account.CodeInvalidTOTPCode)
			}
		}
		if won != 1 {
			t.Fatalf("%d uses won", won)
		}
	})
}

// mfaWithPasskey binds a passkey to c's user, so backup codes may
// follow, and returns c.
func mfaWithPasskey(e *mfaEnv, c myaccount.Caller) myaccount.Caller {
	e.t.Helper()
	e.mfaBindPasskey(c, newMFAPasskey(c.UserID, mfaOrigin), nil)
	return c
}
