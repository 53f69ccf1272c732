package myaccount

import (
	"context"
	"errors"
	"fmt"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
)

// BackupCode checks a backup code and uses it up. Of two concurrent
// uses of one code exactly one succeeds. Failures count under the user's
// backup-code lockout and the client's (c.ClientAddr); all of them answer
// 400 session.mfa.invalid_backup_code. A set left after the user removed
// every other factor still works, as in Logto.
func (s *SignIn) BackupCode(ctx context.Context, c Caller, userID, code string) error {
	g := guarded{action: actionBackupCode, account: userPool(poolBackupCode, userID), userID: userID, client: c.ClientAddr}
	if err := s.check(ctx, g); err != nil {
		return err
	}
	fail := func() error { return s.fail(ctx, g, ErrInvalidBackupCode) }
	factors, err := s.factors(ctx, userID)
	if err != nil {
		return err
	}
	f := signInBackupCodes(factors)
	if f == nil || len(code) > 64 {
		return fail()
	}
	normalized := []byte(mfa.NormalizeBackupCode(code))
	// Check every code, so the time taken does not tell which one matched.
	index := -1
	for i, bc := range f.BackupCodes {
		if s.cfg.Cipher.VerifyMAC(normalized, bc.Hash) && index < 0 {
			index = i
		}
	}
	if index < 0 || !f.BackupCodes[index].UsedAt.IsZero() {
		return fail()
	}
	err = s.cfg.Store.UseBackupCode(ctx, userID, f.ID, index, s.now())
	if errors.Is(err, account.ErrConflict) || errors.Is(err, account.ErrNotFound) {
		return fail() // used by a concurrent sign-in, or gone
	}
	if err != nil {
		return fmt.Errorf("use backup code: %w", err)
	}
	return nil
}
