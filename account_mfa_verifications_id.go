package myaccount

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
)

// RenameMFAInput is the body of PATCH .../mfa-verifications/:id/name.
type RenameMFAInput struct {
	Name *string `json:"name"`
}

// RenameMFAFactor answers PATCH
// /api/my-account/mfa-verifications/:verificationId/name: it
// names a passkey and answers the renamed entry.
func (s *Account) RenameMFAFactor(ctx context.Context, c Caller, id string, in RenameMFAInput) (*FactorView, error) {
	center, err := s.gateCenter(ctx, c)
	if err != nil {
		return nil, err
	}
	if err := refuseImpersonated(c); err != nil {
		return nil, err
	}
	if in.Name == nil || !validText(*in.Name) || len(*in.Name) > maxFactorName {
		return nil, ErrInvalidInput
	}
	if err := s.requireVerified(ctx, c); err != nil {
		return nil, err
	}
	if err := requireEdit(center.PasskeyMode()); err != nil {
		return nil, err
	}
	if err := requireScope(c, ScopeIdentities, http.StatusUnauthorized); err != nil {
		return nil, err
	}
	if err := requireFirstParty(c); err != nil {
		return nil, err
	}
	if err := s.cfg.Store.RenameFactor(ctx, c.UserID, id, *in.Name); err != nil {
		if errors.Is(err, account.ErrNotFound) {
			return nil, ErrRecordNotFound
		}
		return nil, fmt.Errorf("rename factor: %w", err)
	}
	f, err := s.cfg.Store.GetFactor(ctx, c.UserID, id)
	if err != nil {
		return nil, fmt.Errorf("read renamed factor: %w", err)
	}
	s.mfaChanged(ctx, c.UserID)
	v := factorView(f)
	return &v, nil
}

// RemoveMFAFactor answers DELETE
// /api/my-account/mfa-verifications/:verificationId. The field
// that governs it depends on the factor's type, so the factor is found
// first.
func (s *Account) RemoveMFAFactor(ctx context.Context, c Caller, id string) error {
	center, err := s.gateCenter(ctx, c)
	if err != nil {
		return err
	}
	if err := refuseImpersonated(c); err != nil {
		return err
	}
	if err := s.requireVerifiedIdentities(ctx, c); err != nil {
		return err
	}
	f, err := s.cfg.Store.GetFactor(ctx, c.UserID, id)
	if errors.Is(err, account.ErrNotFound) {
		return ErrRecordNotFound
	}
	if err != nil {
		return fmt.Errorf("read factor: %w", err)
	}
	mode := center.Mode(account.FieldMFA)
	if f.Type == mfa.TypeWebAuthn {
		mode = center.PasskeyMode()
	}
	if err := requireEdit(mode); err != nil {
		return err
	}
	if err := s.cfg.Store.DeleteFactor(ctx, c.UserID, id); err != nil {
		if errors.Is(err, account.ErrNotFound) {
			return ErrRecordNotFound
		}
		return fmt.Errorf("delete factor: %w", err)
	}
	s.mfaChanged(ctx, c.UserID)
	return nil
}

// mfaChanged tells the hook that a user's factors changed.
func (s *core) mfaChanged(ctx context.Context, userID string) {
	if s.cfg.Hook == nil {
		return
	}
	u, err := s.cfg.Store.GetUser(ctx, userID)
	if err != nil {
		s.cfg.Logger.WarnContext(ctx, "myaccount: reading a user for an event failed", "user", userID, "error", err)
		return
	}
	s.userChanged(ctx, u, "", ChangeMFA)
}
