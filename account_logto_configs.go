package myaccount

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/myaccount-go/myaccount/account"
)

// LogtoConfigView is the answer of the logto-configs routes:
// mfa.enabled is left out while it was never set.
type LogtoConfigView struct {
	Config account.LogtoConfig
}

// MarshalJSON writes {mfa:{enabled?, skipped, skipMfaOnSignIn},
// passkeySignIn:{skipped}}.
func (v LogtoConfigView) MarshalJSON() ([]byte, error) {
	type mfaView struct {
		Enabled         *bool `json:"enabled,omitempty"`
		Skipped         bool  `json:"skipped"`
		SkipMFAOnSignIn bool  `json:"skipMfaOnSignIn"`
	}
	m := v.Config.MFA
	return json.Marshal(struct {
		MFA           mfaView                     `json:"mfa"`
		PasskeySignIn account.PasskeySignInConfig `json:"passkeySignIn"`
	}{mfaView{m.Enabled, m.Skipped, m.SkipMFAOnSignIn}, v.Config.PasskeySignIn})
}

// LogtoConfigs answers GET /api/my-account/logto-configs.
func (s *Account) LogtoConfigs(ctx context.Context, c Caller) (*LogtoConfigView, error) {
	center, u, err := s.gate(ctx, c)
	if err != nil {
		return nil, err
	}
	if err := requireScope(c, ScopeIdentities, http.StatusUnauthorized); err != nil {
		return nil, err
	}
	if err := requireReadable(center.PasskeyMode()); err != nil {
		return nil, err
	}
	return &LogtoConfigView{u.LogtoConfig}, nil
}

// UpdateLogtoConfigsInput is the body of PATCH /api/my-account/logto-configs:
// only the keys given are changed.
type UpdateLogtoConfigsInput struct {
	MFA *struct {
		Enabled                            *bool `json:"enabled"`
		Skipped                            *bool `json:"skipped"`
		AdditionalBindingSuggestionSkipped *bool `json:"additionalBindingSuggestionSkipped"`
		SkipMFAOnSignIn                    *bool `json:"skipMfaOnSignIn"`
	} `json:"mfa"`
	PasskeySignIn *struct {
		Skipped *bool `json:"skipped"`
	} `json:"passkeySignIn"`
}

// merge sets the given keys of lc.
func (in *UpdateLogtoConfigsInput) merge(lc *account.LogtoConfig) {
	set := func(dst *bool, v *bool) {
		if v != nil {
			*dst = *v
		}
	}
	if m := in.MFA; m != nil {
		if m.Enabled != nil {
			v := *m.Enabled
			lc.MFA.Enabled = &v
		}
		set(&lc.MFA.Skipped, m.Skipped)
		set(&lc.MFA.AdditionalBindingSuggestionSkipped, m.AdditionalBindingSuggestionSkipped)
		set(&lc.MFA.SkipMFAOnSignIn, m.SkipMFAOnSignIn)
	}
	if p := in.PasskeySignIn; p != nil {
		set(&lc.PasskeySignIn.Skipped, p.Skipped)
	}
}

// UpdateLogtoConfigs answers PATCH /api/my-account/logto-configs.
func (s *Account) UpdateLogtoConfigs(ctx context.Context, c Caller, in UpdateLogtoConfigsInput) (*LogtoConfigView, error) {
	center, err := s.gateCenter(ctx, c)
	if err != nil {
		return nil, err
	}
	if err := s.requireVerifiedIdentities(ctx, c); err != nil {
		return nil, err
	}
	if err := requireEdit(center.PasskeyMode()); err != nil {
		return nil, err
	}
	u, err := s.updateLogtoConfig(ctx, c, in.merge)
	if err != nil {
		return nil, err
	}
	return &LogtoConfigView{u.LogtoConfig}, nil
}

// updateLogtoConfig changes the caller's LogtoConfig in one store step.
func (s *core) updateLogtoConfig(ctx context.Context, c Caller, change func(*account.LogtoConfig)) (*account.User, error) {
	now := s.now()
	u, err := s.cfg.Store.UpdateUser(ctx, c.UserID, func(u *account.User) error {
		change(&u.LogtoConfig)
		u.UpdatedAt = now
		return nil
	})
	if err != nil {
		return nil, userWriteError(err, "")
	}
	s.userChangedBy(ctx, c, u, "", ChangeLogtoConfig)
	return u, nil
}
