package myaccount

import (
	"context"
	"fmt"
	"net/http"

	"github.com/myaccount-go/myaccount/mfa"
)

// BackupCodes answers POST .../backup-codes/generate: ten new codes, not
// stored until they are bound.
type BackupCodes struct {
	Codes []string `json:"codes"`
}

// NewBackupCodes answers POST
// /api/my-account/mfa-verifications/backup-codes/generate.
func (s *Account) NewBackupCodes(ctx context.Context, c Caller) (*BackupCodes, error) {
	if _, err := s.gateCenter(ctx, c); err != nil {
		return nil, err
	}
	if err := refuseImpersonated(c); err != nil {
		return nil, err
	}
	codes, err := mfa.GenerateBackupCodes(s.cfg.Random)
	if err != nil {
		return nil, fmt.Errorf("generate backup codes: %w", err)
	}
	return &BackupCodes{Codes: codes}, nil
}

// BackupCodeView is one bound backup code and when it was used.
type BackupCodeView struct {
	Code   string  `json:"code"`
	UsedAt *string `json:"usedAt,omitempty"`
}

// BoundBackupCodes answers GET .../backup-codes.
type BoundBackupCodes struct {
	Codes []BackupCodeView `json:"codes"`
}

// BackupCodes answers GET /api/my-account/mfa-verifications/backup-codes:
// the bound codes, opened, with their use times. It has no
// field gate and no first-party guard, as in the original.
func (s *Account) BackupCodes(ctx context.Context, c Caller) (*BoundBackupCodes, error) {
	if _, err := s.gateCenter(ctx, c); err != nil {
		return nil, err
	}
	if err := refuseImpersonated(c); err != nil {
		return nil, err
	}
	if err := s.requireVerified(ctx, c); err != nil {
		return nil, err
	}
	if err := requireScope(c, ScopeIdentities, http.StatusUnauthorized); err != nil {
		return nil, err
	}
	factors, err := s.factors(ctx, c.UserID)
	if err != nil {
		return nil, err
	}
	f := firstOfType(factors, mfa.TypeBackupCode)
	if f == nil {
		return nil, ErrNoBackupCodes
	}
	out := &BoundBackupCodes{Codes: make([]BackupCodeView, len(f.BackupCodes))}
	for i, bc := range f.BackupCodes {
		code, err := s.openBackupCode(f, i)
		if err != nil {
			return nil, err
		}
		out.Codes[i].Code = code
		if !bc.UsedAt.IsZero() {
			t := isoTime(bc.UsedAt)
			out.Codes[i].UsedAt = &t
		}
	}
	return out, nil
}

// signInBackupCodes is the backup-code set a sign-in may take a code from:
// the user's set while it has an unused code (a used-up set is none), with
// or without another factor beside it.
//
// Binding a set needs another factor (422 backup_code_can_not_be_alone),
// but removing that factor later leaves the set in place, as in Logto.
// The set then stays a second factor on its own, as
// Logto's sign-in counts it (a set with an unused code is one of the
// user's enabled factors there, whatever else they have). Refusing it
// would be worse: the user's MFA setting is still on, so a host that
// requires MFA would leave them no factor to pass, and a host that skips
// MFA for a user without factors would take the password alone.
func signInBackupCodes(factors []*mfa.Factor) *mfa.Factor {
	f := firstOfType(factors, mfa.TypeBackupCode)
	if f == nil || f.RemainingCodes() == 0 {
		return nil
	}
	return f
}
