package myaccount

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/verification"
)

// The errors of the checks every route shares.

// accountCenter returns the account-center settings: the stored ones, or the
// starting ones (Config.AccountCenter, else disabled with every field Off)
// when none were saved (see neverWritten). They may
// come from the Service's cache (Config.AccountCenterTTL): treat the result
// as read-only.
func (s *core) accountCenter(ctx context.Context) (*account.AccountCenter, error) {
	c, gen := s.center.get()
	if c != nil {
		return c, nil
	}
	c, err := s.cfg.Store.GetAccountCenter(ctx)
	if errors.Is(err, account.ErrNotFound) || (err == nil && s.neverWritten(c)) {
		c, err = s.startingCenter(), nil
	}
	if err != nil {
		return nil, fmt.Errorf("load account center: %w", err)
	}
	s.center.put(c, gen)
	return c, nil
}

// gateCenter is the entry check of every method of the Account and Verification
// APIs, run first, right after authentication: the account-center switch
// (400 account_center.not_enabled), then the caller's standing:
// a user that no longer exists is 401 auth.unauthorized (a deleted
// account's tokens), a suspended one 401 user.suspended on every route
// until an administrator lifts the suspension. It returns the settings.
//
// Both come before the body is validated and before the route's own
// checks. Logto has no such check in its auth middleware: suspending a user
// revokes their tokens there, so they fail authentication itself, before
// anything else. Here the app's tokens are not ours to revoke, so the
// suspension is checked at the first step this library owns, right after
// the gate (a disabled account center answers not_enabled to everyone).
// Then the caller's RequestError, when the adapter met one: the body comes
// after the gate.
func (s *core) gateCenter(ctx context.Context, c Caller) (*account.AccountCenter, error) {
	center, _, err := s.gate(ctx, c)
	return center, err
}

// gate is gateCenter, and also returns the caller's user as it read it, so a
// route that needs the user does not read it a second time.
func (s *core) gate(ctx context.Context, c Caller) (*account.AccountCenter, *account.User, error) {
	center, err := s.enabledCenter(ctx)
	if err != nil {
		return nil, nil, err
	}
	u, err := s.user(ctx, c.UserID)
	if err != nil {
		return nil, nil, err
	}
	if u.IsSuspended {
		return nil, nil, ErrSuspended
	}
	if c.RequestError != nil {
		return nil, nil, c.RequestError
	}
	return center, u, nil
}

// enabledCenter is the gate's first step: the account-center settings, or
// 400 account_center.not_enabled.
func (s *core) enabledCenter(ctx context.Context) (*account.AccountCenter, error) {
	center, err := s.accountCenter(ctx)
	if err != nil {
		return nil, err
	}
	if !center.Enabled {
		return nil, ErrNotEnabled
	}
	return center, nil
}

// requireEdit fails with 400 field_not_editable unless mode is Edit.
func requireEdit(mode account.FieldMode) error {
	if !mode.Editable() {
		return ErrFieldNotEditable
	}
	return nil
}

// requireReadable fails with 400 field_not_enabled unless mode is ReadOnly
// or Edit.
func requireReadable(mode account.FieldMode) error {
	if !mode.Readable() {
		return ErrFieldNotEnabled
	}
	return nil
}

// requireScope fails with auth.unauthorized, answered with status, when the
// caller lacks scope (the status differs by route).
func requireScope(c Caller, scope string, status int) error {
	if !c.HasScope(scope) {
		return account.NewError(status, account.CodeUnauthorized)
	}
	return nil
}

// requireFirstParty is the first-party guard.
func requireFirstParty(c Caller) error {
	if !c.FirstParty {
		return ErrThirdParty
	}
	return nil
}

// requireVerified fails with 401 permission_denied unless the caller's
// verification header proves who they are.
func (s *core) requireVerified(ctx context.Context, c Caller) error {
	ok, err := s.identityVerified(ctx, c)
	if err != nil {
		return err
	}
	if !ok {
		return ErrPermissionDenied
	}
	return nil
}

// requireVerifiedIf is requireVerified for the conditional routes: only a
// user with a password, an email or a phone must prove who they are.
func (s *core) requireVerifiedIf(ctx context.Context, c Caller, u *account.User) error {
	if !u.HasSecurityVerificationMethod() {
		return nil
	}
	return s.requireVerified(ctx, c)
}

// identityVerified reports whether the caller's verification header names
// an unexpired, verified record of their own that proves identity: a
// password record, or a code record sent to their own address with the
// UserPermissionValidation template. A record made
// before the user's password last changed proves nothing
// (record_password_stamp.go).
func (s *core) identityVerified(ctx context.Context, c Caller) (bool, error) {
	if c.VerificationID == "" {
		return false, nil
	}
	r, err := s.cfg.Store.GetRecord(ctx, c.VerificationID)
	if errors.Is(err, account.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("load verification record: %w", err)
	}
	if r.UserID != c.UserID || r.Expired(s.now()) || !r.Verified {
		return false, nil
	}
	if current, err := s.recordCurrent(ctx, r); err != nil || !current {
		return false, err
	}
	switch r.Type {
	case verification.TypePassword:
		return true, nil
	case verification.TypeEmailVerificationCode, verification.TypePhoneVerificationCode:
		return r.TemplateType == verification.TemplateUserPermissionValidation, nil
	}
	return false, nil
}

// ownRecord loads a record of the wanted type that belongs to the caller,
// has not expired and was made under the caller's current password.
// Anything else is 400 verification_record.not_found: a record of another
// user looks exactly like a missing one, and so does one made
// before a password change.
func (s *core) ownRecord(ctx context.Context, c Caller, id string, want verification.Type) (*verification.Record, error) {
	if id == "" {
		return nil, ErrRecordNotFound
	}
	r, err := s.cfg.Store.GetRecord(ctx, id)
	if errors.Is(err, account.ErrNotFound) {
		return nil, ErrRecordNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("load verification record: %w", err)
	}
	if r.Type != want || r.UserID != c.UserID || r.Expired(s.now()) {
		return nil, ErrRecordNotFound
	}
	if current, err := s.recordCurrent(ctx, r); err != nil {
		return nil, err
	} else if !current {
		return nil, ErrRecordNotFound
	}
	return r, nil
}

// requireVerifiedIdentities is the check order of the MFA settings writes:
// verification header, identities scope (401), first
// party. The field check follows.
func (s *core) requireVerifiedIdentities(ctx context.Context, c Caller) error {
	if err := s.requireVerified(ctx, c); err != nil {
		return err
	}
	if err := requireScope(c, ScopeIdentities, http.StatusUnauthorized); err != nil {
		return err
	}
	return requireFirstParty(c)
}
