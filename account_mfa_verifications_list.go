package myaccount

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
)

// FactorView is one MFA factor as the Account API shows it:
// a copy of what the API shows, never its secret, credential material or
// codes.
type FactorView struct {
	ID        string
	Type      mfa.FactorType
	CreatedAt time.Time
	// Name, Agent and LastUsedAt are a passkey's (WebAuthn).
	Name       string
	Agent      string
	LastUsedAt time.Time
	// RemainCodes is a backup-code set's count of unused codes.
	RemainCodes int
}

// factorView copies what the API shows of f.
func factorView(f *mfa.Factor) FactorView {
	v := FactorView{ID: f.ID, Type: f.Type, CreatedAt: f.CreatedAt}
	switch f.Type {
	case mfa.TypeWebAuthn:
		v.Name, v.Agent, v.LastUsedAt = f.WebAuthn.Name, f.WebAuthn.Agent, f.LastUsedAt
	case mfa.TypeBackupCode:
		v.RemainCodes = f.RemainingCodes()
	}
	return v
}

// factorViews is factorView of each factor, in order.
func factorViews(factors []*mfa.Factor) []FactorView {
	views := make([]FactorView, len(factors))
	for i, f := range factors {
		views[i] = factorView(f)
	}
	return views
}

// MarshalJSON writes Logto's shape for the factor's type.
func (v FactorView) MarshalJSON() ([]byte, error) {
	out := map[string]any{"id": v.ID, "createdAt": isoTime(v.CreatedAt), "type": v.Type}
	switch v.Type {
	case mfa.TypeWebAuthn:
		out["agent"] = v.Agent
		if v.Name != "" {
			out["name"] = v.Name
		}
		if !v.LastUsedAt.IsZero() {
			out["lastUsedAt"] = isoTime(v.LastUsedAt)
		}
	case mfa.TypeBackupCode:
		out["remainCodes"] = v.RemainCodes
	}
	return json.Marshal(out)
}

// MFAFactors answers GET /api/my-account/mfa-verifications: the caller's factors in the order they were added, as stored. A
// backup-code set is listed with its remainCodes also when the factor it
// was bound beside was removed (Logto allows that), so the user sees codes
// that still work at sign-in (SignIn.BackupCode) and can remove them; a
// used-up set is listed with remainCodes 0 until a new bind replaces it.
func (s *Account) MFAFactors(ctx context.Context, c Caller) ([]FactorView, error) {
	center, err := s.gateCenter(ctx, c)
	if err != nil {
		return nil, err
	}
	// The field comes before the scope here, unlike mfa-settings.
	if err := requireReadable(center.Mode(account.FieldMFA)); err != nil {
		return nil, err
	}
	if err := requireScope(c, ScopeIdentities, http.StatusUnauthorized); err != nil {
		return nil, err
	}
	factors, err := s.factors(ctx, c.UserID)
	if err != nil {
		return nil, err
	}
	return factorViews(factors), nil
}

// factors lists a user's factors.
func (s *core) factors(ctx context.Context, userID string) ([]*mfa.Factor, error) {
	factors, err := s.cfg.Store.ListFactors(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("list factors: %w", err)
	}
	return factors, nil
}

// firstOfType returns the first of the factors of type t, or nil.
func firstOfType(factors []*mfa.Factor, t mfa.FactorType) *mfa.Factor {
	for _, f := range factors {
		if f.Type == t {
			return f
		}
	}
	return nil
}
