package myaccount

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"

	"github.com/myaccount-go/myaccount/account"
)

// Limits of the account-center settings, so one PATCH cannot store
// unbounded data.
const (
	maxRelatedOrigins = 50
	maxURLLength      = 2048
	maxProfileFields  = 100
	maxCustomCSS      = 64 << 10
)

// AccountCenterView is the account-center settings as answered (spec §2.1),
// with the tenant and row ids the original returns.
type AccountCenterView struct {
	*account.AccountCenter
}

// MarshalJSON writes the settings in the spec's shape. trustedDevice is
// left out: trusted devices are not part of this library (decision 5).
func (v AccountCenterView) MarshalJSON() ([]byte, error) {
	c := v.AccountCenter
	fields := map[account.Field]account.FieldMode{}
	for f, m := range c.Fields {
		if f != account.FieldTrustedDevice {
			fields[f] = m
		}
	}
	origins := c.WebAuthnRelatedOrigins
	if origins == nil {
		origins = []string{}
	}
	return json.Marshal(struct {
		TenantID               string                              `json:"tenantId"`
		ID                     string                              `json:"id"`
		Enabled                bool                                `json:"enabled"`
		Fields                 map[account.Field]account.FieldMode `json:"fields"`
		WebAuthnRelatedOrigins []string                            `json:"webauthnRelatedOrigins"`
		DeleteAccountURL       *string                             `json:"deleteAccountUrl"`
		CustomCSS              *string                             `json:"customCss"`
		ProfileFields          []account.ProfileField              `json:"profileFields"`
	}{"default", "default", c.Enabled, fields, origins, nullable(c.DeleteAccountURL), c.CustomCSS, c.ProfileFields})
}

// AccountCenter answers GET /api/account-center: the settings.
func (s *Admin) AccountCenter(ctx context.Context) (AccountCenterView, error) {
	return s.centerView(ctx)
}

// CenterSettings answers the anonymous GET
// /api/.well-known/account-center: the settings an account page needs
// before sign-in, as the administrator's route shows them.
func (s *Account) CenterSettings(ctx context.Context) (AccountCenterView, error) {
	return s.centerView(ctx)
}

func (s *core) centerView(ctx context.Context) (AccountCenterView, error) {
	c, err := s.accountCenter(ctx)
	if err != nil {
		return AccountCenterView{}, err
	}
	return AccountCenterView{c}, nil
}

// UpdateAccountCenterInput is the body of PATCH /api/account-center. Absent
// keys are left unchanged; a present fields map replaces the stored one.
type UpdateAccountCenterInput struct {
	Enabled                Optional[*bool]                   `json:"enabled"`
	Fields                 Optional[map[string]string]       `json:"fields"`
	WebAuthnRelatedOrigins Optional[[]string]                `json:"webauthnRelatedOrigins"`
	DeleteAccountURL       Optional[*string]                 `json:"deleteAccountUrl"`
	CustomCSS              Optional[*string]                 `json:"customCss"`
	ProfileFields          Optional[*[]account.ProfileField] `json:"profileFields"`
}

// knownFields are the keys a fields map may hold; others are dropped, as
// the original's schema strips them.
var knownFields = func() map[string]account.Field {
	m := map[string]account.Field{}
	for _, f := range account.Fields {
		if f != account.FieldTrustedDevice {
			m[string(f)] = f
		}
	}
	return m
}()

func (in *UpdateAccountCenterInput) validate() error {
	if !validTextPtr(in.DeleteAccountURL.Value, in.CustomCSS.Value) {
		return errInvalidInput
	}
	if in.Enabled.Set && in.Enabled.Value == nil {
		return errInvalidInput
	}
	if in.Fields.Set {
		if in.Fields.Value == nil {
			return errInvalidInput
		}
		for _, m := range in.Fields.Value {
			if !account.FieldMode(m).Valid() {
				return errInvalidInput
			}
		}
	}
	if in.WebAuthnRelatedOrigins.Set {
		origins := in.WebAuthnRelatedOrigins.Value
		if origins == nil || len(origins) > maxRelatedOrigins {
			return errInvalidInput
		}
		for _, o := range origins {
			if len(o) > maxURLLength || !isHTTPURL(o) {
				return errInvalidInput
			}
		}
	}
	if in.DeleteAccountURL.Set && in.DeleteAccountURL.Value != nil {
		if u := *in.DeleteAccountURL.Value; u != "" && !isWebURL(u) {
			return errInvalidInput
		}
	}
	if in.CustomCSS.Set && in.CustomCSS.Value != nil && len(*in.CustomCSS.Value) > maxCustomCSS {
		return errInvalidInput
	}
	if in.ProfileFields.Set && in.ProfileFields.Value != nil {
		fields := *in.ProfileFields.Value
		if len(fields) > maxProfileFields {
			return errInvalidInput
		}
		seen := map[string]bool{}
		for _, f := range fields {
			if f.Name == "" {
				return errInvalidInput
			}
			if seen[f.Name] {
				return account.NewError(http.StatusBadRequest, account.CodeRequestInvalidInput)
			}
			seen[f.Name] = true
		}
	}
	return nil
}

// isWebURL reports whether s is an http(s) URL of at most 2048 characters.
func isWebURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && len(s) <= maxURLLength && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// SetAccountCenter answers PATCH /api/account-center (spec §2.2). The
// caller is an administrator: authorizing them is the HTTP adapter's (or
// the app's) job.
func (s *Admin) SetAccountCenter(ctx context.Context, in UpdateAccountCenterInput) (AccountCenterView, error) {
	if err := in.validate(); err != nil {
		return AccountCenterView{}, err
	}
	now := s.now()
	c, err := s.cfg.Store.UpdateAccountCenter(ctx, func(c *account.AccountCenter) error {
		if in.Enabled.Set {
			c.Enabled = *in.Enabled.Value
		}
		if in.Fields.Set {
			c.Fields = map[account.Field]account.FieldMode{}
			for k, m := range in.Fields.Value {
				if f, ok := knownFields[k]; ok {
					c.Fields[f] = account.FieldMode(m)
				}
			}
		}
		if in.WebAuthnRelatedOrigins.Set {
			c.WebAuthnRelatedOrigins = dedupe(in.WebAuthnRelatedOrigins.Value)
		}
		if in.DeleteAccountURL.Set {
			c.DeleteAccountURL = ""
			if in.DeleteAccountURL.Value != nil {
				c.DeleteAccountURL = *in.DeleteAccountURL.Value
			}
		}
		if in.CustomCSS.Set {
			c.CustomCSS = in.CustomCSS.Value
		}
		if in.ProfileFields.Set {
			c.ProfileFields = nil
			if in.ProfileFields.Value != nil {
				c.ProfileFields = append([]account.ProfileField{}, *in.ProfileFields.Value...)
			}
		}
		c.UpdatedAt = now
		return nil
	})
	s.center.wrote() // even after an error: the write may have landed
	if err != nil {
		return AccountCenterView{}, err
	}
	return AccountCenterView{c}, nil
}

// dedupe keeps the first of each value, in order.
func dedupe(values []string) []string {
	out := make([]string, 0, len(values))
	for _, v := range values {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
