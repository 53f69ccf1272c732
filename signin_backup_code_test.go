package myaccount_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

func TestSignInBackupCode(t *testing.T) {
	ctx := context.Background()
	signIn := func(e *mfaEnv, userID, code string) error {
		return e.svc.SignIn.BackupCode(ctx, myaccount.Caller{}, userID, code)
	}
	t.Run("each code signs in once, typed in any case with spaces around", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("once")
		e.mfaBindTOTP(c)
		codes := e.mfaBindBackupCodes(c)
		if err := signIn(e, c.UserID, codes[0]); err != nil {
			t.Fatal(err)
		}
		wantCode(t, "used", signIn(e, c.UserID, codes[0]), 400, account.CodeInvalidBackupCode)
		if err := signIn(e, c.UserID, " "+strings.ToUpper(codes[1])+"\n"); err != nil {
			t.Fatalf("capitals and spaces: %v", err)
		}
		wantCode(t, "used, in another case", signIn(e, c.UserID, codes[1]), 400, account.CodeInvalidBackupCode)
		if got := e.mfaFactors(c); got[1]["remainCodes"] != float64(8) {
			t.Fatalf("factors: %v", got)
		}
	})
	t.Run("a wrong, long or foreign code is refused", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("wrong")
		other := e.mfaUser("other")
		e.mfaBindTOTP(c)
		codes := e.mfaBindBackupCodes(c)
		e.mfaBindTOTP(other)
		theirs := e.mfaBindBackupCodes(other)
		for _, tc := range []struct{ rule, code string }{
			{"not a code", "0000000000"},
			{"empty", ""},
			{"longer than 64 bytes", codes[2] + strings.Repeat(" ", 60)},
			{"another user's code", theirs[0]},
		} {
			wantCode(t, tc.rule, signIn(e, c.UserID, tc.code), 400, account.CodeInvalidBackupCode)
		}
		if got := e.mfaFactors(c); got[1]["remainCodes"] != float64(10) {
			t.Fatalf("factors: %v", got)
		}
	})
	t.Run("a user without codes, or no user, is refused alike", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("nocodes")
		e.mfaBindTOTP(c)
		wantCode(t, "no codes", signIn(e, c.UserID, "0123456789"), 400, account.CodeInvalidBackupCode)
		wantCode(t, "no user", signIn(e, "nobody", "0123456789"), 400, account.CodeInvalidBackupCode)
	})
	t.Run("a used-up set signs in no more", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("usedup")
		e.mfaBindTOTP(c)
		codes := e.mfaBindBackupCodes(c)
		for _, code := range codes {
			if err := signIn(e, c.UserID, code); err != nil {
				t.Fatal(err)
			}
		}
		wantCode(t, "used up", signIn(e, c.UserID, codes[9]), 400, account.CodeInvalidBackupCode)
	})
	t.Run("of concurrent uses of one code one wins", func(t *testing.T) {
		e := newMFAEnv(t)
		c := e.mfaUser("race")
		e.mfaBindTOTP(c)
		code := e.mfaBindBackupCodes(c)[0]
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
				wantCode(t, "loser", err, 400, account.CodeInvalidBackupCode)
			}
		}
		if got := e.mfaFactors(c); won != 1 || got[1]["remainCodes"] != float64(9) {
			t.Fatalf("%d uses won, factors %v", won, got)
		}
	})
}
