package mfa

import (
	"context"
	"time"

	"github.com/myaccount-go/myaccount/account"
)

// Store persists MFA factors. Errors are account.ErrNotFound and
// account.ErrConflict, as in account.Store; a method never returns a nil
// value with a nil error.
//
// A user's factors keep their order: ListFactors returns them in the order
// they were bound, and a factor bound in place of another takes its place.
// BindFactor, UseBackupCode, AdvanceTOTPStep and AdvanceSignCount are single
// atomic steps across app instances: of N concurrent callers with the same
// arguments at most one succeeds (exactly one when the condition held
// before they started; AdvanceSignCount's 0-to-0 case, for authenticators
// without a counter, always succeeds).
type Store interface {
	// BindFactor binds f to its user (f.UserID) and changes the user, in
	// one atomic step: either f is stored and the user written, or nothing
	// is. No other BindFactor, account.Store UpdateUser or DeleteUser of
	// the same user runs in between, on this or any other app instance.
	//
	// With replacing empty, f goes after the user's factors; otherwise f
	// (a new id) takes the place of the user's factor replacing, which is
	// removed, and what the old factor held (its type, its credential id)
	// is free for f.
	//
	// change is called as account.Store's UpdateUser calls it, with the
	// same rules: it must not call the store, must not keep u or change
	// u.ID, and may be called more than once; if it returns an error,
	// nothing is written and BindFactor returns that error as it is. A nil
	// change leaves the user as it is. On success BindFactor returns the
	// user as written.
	//
	// Errors: ErrNotFound when there is no such user. ErrConflict when the
	// factor id is taken, when the user already holds a factor of a Single
	// type other than replacing (a second TOTP or backup-code set), when a
	// WebAuthn credential id is taken, or when the user has no factor
	// replacing (another caller replaced or deleted it first: the caller
	// read the factors before a concurrent bind); a *account.ConflictError
	// when change claims an identifier another user holds.
	BindFactor(ctx context.Context, f *Factor, replacing string, change func(u *account.User) error) (*account.User, error)

	// ListFactors returns the user's factors in order; an empty, non-nil
	// slice when there are none.
	ListFactors(ctx context.Context, userID string) ([]*Factor, error)

	// GetFactor returns the user's factor with this id, or ErrNotFound
	// (also when the factor belongs to another user).
	GetFactor(ctx context.Context, userID, id string) (*Factor, error)

	// FindWebAuthnCredential returns the WebAuthn factor holding this
	// credential id, whoever its user (discoverable passkey sign-in).
	FindWebAuthnCredential(ctx context.Context, credentialID []byte) (*Factor, error)

	// RenameFactor sets the name of the user's WebAuthn factor id.
	// ErrNotFound when the user has no WebAuthn factor with that id.
	RenameFactor(ctx context.Context, userID, id, name string) error

	// DeleteFactor removes the user's factor id; ErrNotFound when absent.
	DeleteFactor(ctx context.Context, userID, id string) error

	// UseBackupCode marks code number index of the user's backup-code factor
	// id used at time at, and sets the factor's LastUsedAt, only if that code
	// is unused. ErrConflict when it was already used; ErrNotFound when there
	// is no such factor or code.
	UseBackupCode(ctx context.Context, userID, id string, index int, at time.Time) error

	// AdvanceTOTPStep sets the user's TOTP factor id's LastUsedStep to step
	// and its LastUsedAt to at, only if step is greater than the stored
	// step. ErrConflict otherwise; ErrNotFound when there is no such factor.
	AdvanceTOTPStep(ctx context.Context, userID, id string, step int64, at time.Time) error

	// AdvanceSignCount records a WebAuthn sign-in with the user's factor id:
	// it sets SignCount, BackupState and LastUsedAt, only if signCount is
	// greater than the stored count or both are 0 (authenticators without a
	// counter). ErrConflict otherwise; ErrNotFound when there is no such
	// factor.
	AdvanceSignCount(ctx context.Context, userID, id string, signCount uint32, backupState bool, at time.Time) error
}
