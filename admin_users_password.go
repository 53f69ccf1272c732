package myaccount

import (
	"context"
	"fmt"

	"github.com/myaccount-go/myaccount/account"
)

// HasPasswordView answers GET /api/users/:userId/has-password.
type HasPasswordView struct {
	HasPassword bool `json:"hasPassword"`
}

// HasPassword answers GET /api/users/:userId/has-password.
func (s *Admin) HasPassword(ctx context.Context, id string) (*HasPasswordView, error) {
	u, err := s.adminUser(ctx, id)
	if err != nil {
		return nil, err
	}
	return &HasPasswordView{HasPassword: u.HasPassword()}, nil
}

// CheckPassword answers POST /api/users/:userId/password/verify (204):
// nil when password is the user's, 422 session.invalid_credentials when it
// is not or the user has none (after a decoy check of the same cost). A
// right password under an old hash is re-hashed. An administrator's check
// is not the user's attempt: it neither counts toward nor is refused by the
// lockout, and a suspended user's password can be checked.
func (s *Admin) CheckPassword(ctx context.Context, id string, in PasswordInput) error {
	if in.Password == "" {
		return ErrInvalidInput
	}
	u, err := s.adminUser(ctx, id)
	if err != nil {
		return err
	}
	ok, err := s.checkPassword(ctx, u, in.Password)
	if err != nil {
		return err
	}
	if !ok {
		return ErrInvalidCredential
	}
	return nil
}

// SetPassword answers PATCH /api/users/:userId/password: 200 with the
// user. The password is hashed and PasswordUpdatedAt set; the password
// policy does not apply (an administrator chooses), and neither does the
// same-password rule. It emits User.Data.Updated.
func (s *Admin) SetPassword(ctx context.Context, id string, in PasswordInput) (*UserView, error) {
	if in.Password == "" {
		return nil, ErrInvalidInput
	}
	if _, err := s.adminUser(ctx, id); err != nil {
		return nil, err
	}
	hash, err := s.cfg.Hasher.Hash(ctx, in.Password)
	if err != nil {
		return nil, fmt.Errorf("hash password: %w", err)
	}
	u, err := s.adminUpdate(ctx, id, "", func(u *account.User) error {
		u.PasswordHash, u.PasswordUpdatedAt = hash, s.now()
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.userChanged(ctx, u, "", ChangePassword)
	return userView(u), nil
}
