package myaccount

import (
	"context"
	"net/http"

	"github.com/myaccount-go/myaccount/account"
)

// MFASettings is the body and answer of the mfa-settings routes.
type MFASettings struct {
	SkipMFAOnSignIn bool `json:"skipMfaOnSignIn"`
}

// MFASettings answers GET /api/my-account/mfa-settings.
func (s *Account) MFASettings(ctx context.Context, c Caller) (*MFASettings, error) {
	center, u, err := s.gate(ctx, c)
	if err != nil {
		return nil, err
	}
	// Scope first, then field: the opposite of the factor list.
	if err := requireScope(c, ScopeIdentities, http.StatusUnauthorized); err != nil {
		return nil, err
	}
	if err := requireReadable(center.Mode(account.FieldMFA)); err != nil {
		return nil, err
	}
	return &MFASettings{SkipMFAOnSignIn: u.LogtoConfig.MFA.SkipMFAOnSignIn}, nil
}

// UpdateMFASettingsInput is the body of PATCH /api/my-account/mfa-settings.
type UpdateMFASettingsInput struct {
	SkipMFAOnSignIn *bool `json:"skipMfaOnSignIn"`
}

// UpdateMFASettings answers PATCH /api/my-account/mfa-settings.
func (s *Account) UpdateMFASettings(ctx context.Context, c Caller, in UpdateMFASettingsInput) (*MFASettings, error) {
	center, err := s.gateCenter(ctx, c)
	if err != nil {
		return nil, err
	}
	if err := refuseImpersonated(c); err != nil {
		return nil, err
	}
	if in.SkipMFAOnSignIn == nil {
		return nil, ErrInvalidInput
	}
	if err := s.requireVerifiedIdentities(ctx, c); err != nil {
		return nil, err
	}
	if err := requireEdit(center.Mode(account.FieldMFA)); err != nil {
		return nil, err
	}
	u, err := s.updateLogtoConfig(ctx, c, func(lc *account.LogtoConfig) { lc.MFA.SkipMFAOnSignIn = *in.SkipMFAOnSignIn })
	if err != nil {
		return nil, err
	}
	return &MFASettings{SkipMFAOnSignIn: u.LogtoConfig.MFA.SkipMFAOnSignIn}, nil
}
