package myaccount

import (
	"context"
	"fmt"
	"strings"

	"github.com/myaccount-go/myaccount/account"
)

// ChangePassword answers POST /api/my-account/password: it sets
// a new password. A user without a password, email or phone may set a
// first one without the verification header.
func (s *Account) ChangePassword(ctx context.Context, c Caller, in PasswordInput) error {
	password := in.Password
	center, u, err := s.gate(ctx, c)
	if err != nil {
		return err
	}
	if err := refuseImpersonated(c); err != nil {
		return err
	}
	if password == "" {
		return ErrInvalidInput
	}
	if err := requireFirstParty(c); err != nil {
		return err
	}
	if err := s.requireVerifiedIf(ctx, c, u); err != nil {
		return err
	}
	if err := requireEdit(center.Mode(account.FieldPassword)); err != nil {
		return err
	}
	if issues := s.cfg.PasswordPolicy.Check(ctx, password, u); len(issues) > 0 {
		return account.PasswordRejectedError(issues)
	}
	if isArgon2(u.PasswordHash) {
		same, _, err := s.cfg.Hasher.Verify(ctx, password, u.PasswordHash)
		if err != nil {
			return fmt.Errorf("compare passwords: %w", err)
		}
		if same {
			return ErrSamePassword
		}
	}
	hash, err := s.cfg.Hasher.Hash(ctx, password)
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	now := s.now()
	u, err = s.cfg.Store.UpdateUser(ctx, c.UserID, func(u *account.User) error {
		u.PasswordHash = hash
		u.PasswordUpdatedAt = now
		u.UpdatedAt = now
		return nil
	})
	if err != nil {
		return userWriteError(err, "")
	}
	s.userChangedBy(ctx, c, u, "", ChangePassword)
	return nil
}

// isArgon2 reports whether a stored hash is Argon2 (i or id): Logto
// checks password reuse only for those.
func isArgon2(hash string) bool {
	return strings.HasPrefix(hash, "$argon2i$") || strings.HasPrefix(hash, "$argon2id$")
}
