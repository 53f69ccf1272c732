package mfa

import (
	"context"
	"time"
)

// Store persists MFA factors. Errors are account.ErrNotFound and
// account.ErrConflict, as in account.Store; a method never returns a nil
// value with a nil error.
//
// A user's factors keep their order: ListFactors returns them in the order
// they were added, and ReplaceFactor puts the new factor where the old was.
// UseBackupCode, AdvanceTOTPStep and AdvanceSignCount are single conditional
// writes, atomic across app instances: of N concurrent callers with the same
// arguments at most one succeeds (exactly one when the condition held
// before they started; AdvanceSignCount's 0-to-0 case, for authenticators
// without a counter, always succeeds).
type Store interface {
	// AddFactor appends f to its user's factors. ErrConflict when the id is
	// taken, when the user already holds a factor of a Single type (a second
	// TOTP or backup-code set), or when a WebAuthn credential id is taken.
	AddFactor(ctx context.Context, f *Factor) error

	// ReplaceFactor removes the user's factor oldID and puts f (same user,
	// new id) in its place, in one step. ErrNotFound when the user has no
	// factor oldID (another caller replaced or deleted it first);
	// ErrConflict as for AddFactor.
	ReplaceFactor(ctx context.Context, oldID string, f *Factor) error

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
