package myaccount

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
)

// FactorView is one MFA factor as the Account API shows it (spec §4.15):
// never its secret, credential material or codes.
type FactorView struct {
	Factor *mfa.Factor
}

// MarshalJSON writes the spec's shape for the factor's type.
func (v FactorView) MarshalJSON() ([]byte, error) {
	f := v.Factor
	out := map[string]any{"id": f.ID, "createdAt": isoTime(f.CreatedAt), "type": f.Type}
	switch f.Type {
	case mfa.TypeWebAuthn:
		out["agent"] = f.WebAuthn.Agent
		if f.WebAuthn.Name != "" {
			out["name"] = f.WebAuthn.Name
		}
		if !f.LastUsedAt.IsZero() {
			out["lastUsedAt"] = isoTime(f.LastUsedAt)
		}
	case mfa.TypeBackupCode:
		out["remainCodes"] = f.RemainingCodes()
	}
	return json.Marshal(out)
}

// MFAFactors answers GET /api/my-account/mfa-verifications (spec
// §4.15): the caller's factors in the order they were added, as stored. A
// backup-code set is listed with its remainCodes also when the factor it
// was bound beside was removed (Logto allows that), so the user sees codes
// that still work at sign-in (SignIn.BackupCode) and can remove them; a
// used-up set is listed with remainCodes 0 until a new bind replaces it.
func (s *Account) MFAFactors(ctx context.Context, c Caller) ([]FactorView, error) {
	center, err := s.gateCenter(ctx, c)
	if err != nil {
		return nil, err
	}
	// The field comes before the scope here, unlike mfa-settings (§10.5).
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
	views := make([]FactorView, len(factors))
	for i, f := range factors {
		views[i] = FactorView{f}
	}
	return views, nil
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
