package myaccount

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/myaccount-go/myaccount/account"
)

// The administrator's operations (Logto's Management API under /api/users,
// packages/core/src/routes/admin-user/*.ts) are Service methods that take the
// user's id instead of a Caller: deciding who is an administrator is the
// app's job (httpadapter.AdminHandler asks its own Authenticator). They share
// the Account API's error catalog and identifier rules, and answer an
// unknown user with 404 entity.not_found, as Logto does.

// ErrUserNotFound answers an administrator's call about a user that does not
// exist (Logto: the database's not-found error, mapped to entity.not_found).

// UserView is a user as the Management API answers it (Logto's
// userProfileResponse): every field of the account but the password hash,
// with hasPassword. It is the AccountView of a caller who may see every
// key, and holds no secret either.
type UserView struct {
	AccountView
	// SSOIdentities are the user's enterprise SSO identities, answered as
	// ssoIdentities only when asked for (Admin.UserWith); nil leaves the
	// key out.
	SSOIdentities []*SSOIdentityView
}

// MarshalJSON writes the user as GET /api/my-account does for a token with
// every scope and an account center with every field readable, then
// ssoIdentities when the view holds them.
func (v *UserView) MarshalJSON() ([]byte, error) {
	b, err := v.AccountView.MarshalJSON()
	if err != nil || v.SSOIdentities == nil {
		return b, err
	}
	list, err := json.Marshal(v.SSOIdentities)
	if err != nil {
		return nil, err
	}
	b = append(b[:len(b)-1], `,"ssoIdentities":`...)
	b = append(b, list...)
	return append(b, '}'), nil
}

func userView(u *account.User) *UserView { return &UserView{AccountView: *viewOf(u, allKeys, true)} }

// User answers GET /api/users/:userId: the user, or 404
// entity.not_found.
func (s *Admin) User(ctx context.Context, id string) (*UserView, error) {
	u, err := s.adminUser(ctx, id)
	if err != nil {
		return nil, err
	}
	return userView(u), nil
}

// adminUser loads a user for an administrator: 404 entity.not_found when
// there is none.
func (s *core) adminUser(ctx context.Context, id string) (*account.User, error) {
	u, err := s.cfg.Store.GetUser(ctx, id)
	if errors.Is(err, account.ErrNotFound) {
		return nil, ErrUserNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("load user: %w", err)
	}
	return u, nil
}

// adminWriteError is userWriteError for an administrator's write: a user
// that vanished is 404 entity.not_found, not the caller's 401.
func adminWriteError(err error, claimed account.IdentifierKind) error {
	if errors.Is(err, account.ErrNotFound) {
		return ErrUserNotFound
	}
	return userWriteError(err, claimed)
}

// adminUpdate changes a user for an administrator in one store step (see
// account.Store.UpdateUser), stamping UpdatedAt. A conflict names the
// identifier another user holds (claimed, when the store cannot tell and
// the change claims nothing the store could be asked about).
func (s *core) adminUpdate(ctx context.Context, id string, claimed account.IdentifierKind, change func(u *account.User) error) (*account.User, error) {
	now := s.now()
	var claims claimedIdentifiers
	u, err := s.cfg.Store.UpdateUser(ctx, id, func(u *account.User) error {
		if err := change(u); err != nil {
			return err
		}
		u.UpdatedAt = now
		claims = claimsOf(u)
		return nil
	})
	if err != nil {
		return nil, adminWriteError(s.nameConflict(ctx, err, claims), claimed)
	}
	return u, nil
}
