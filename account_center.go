package myaccount

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"net/url"
	"slices"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/connector"
)

// Limits of the account-center settings, so one PATCH cannot store
// unbounded data.
const (
	maxRelatedOrigins = 50
	maxURLLength      = 2048
	maxProfileFields  = 100
	maxCustomCSS      = 64 << 10
)

// AccountCenterView is the account-center settings as answered,
// with the tenant and row ids the original returns.
type AccountCenterView struct {
	*account.AccountCenter
}

// MarshalJSON writes the settings in Logto's shape. trustedDevice is
// left out: trusted devices are not part of this library.
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
//
// Each field is shown at most at what this Service's configuration serves
// (servedView), so that a page does not offer what then fails; the
// administrator's routes show the settings as stored.
func (s *Account) CenterSettings(ctx context.Context) (AccountCenterView, error) {
	c, err := s.accountCenter(ctx)
	if err != nil {
		return AccountCenterView{}, err
	}
	return s.servedView(c), nil
}

func (s *core) centerView(ctx context.Context) (AccountCenterView, error) {
	c, err := s.accountCenter(ctx)
	if err != nil {
		return AccountCenterView{}, err
	}
	return AccountCenterView{c}, nil
}

// servedView is the settings as pages read them: each field at most what
// this Service's configuration can serve. Without a SessionProvider the session field is Off (its
// routes are not served); without a social connector, social is Off
// (nothing to link); without a BlobStore, an Edit avatar is ReadOnly (the
// avatar is shown and may be set by URL, but not uploaded). The stored
// settings keep what the administrator set (an administrator's
// read-modify-write does not lower them), and the routes' own checks read
// those: a route that cannot be served answers its own error.
func (s *core) servedView(c *account.AccountCenter) AccountCenterView {
	caps := map[account.Field]account.FieldMode{}
	if s.cfg.Sessions == nil {
		caps[account.FieldSession] = account.Off
	}
	if !s.hasSocialConnector() {
		caps[account.FieldSocial] = account.Off
	}
	if s.cfg.Avatars == nil {
		caps[account.FieldAvatar] = account.ReadOnly
	}
	var capped map[account.Field]account.FieldMode
	for f, limit := range caps {
		m, ok := c.Fields[f]
		if !ok || modeRank(m) <= modeRank(limit) {
			continue
		}
		if capped == nil {
			capped = maps.Clone(c.Fields) // the cached settings are shared
		}
		capped[f] = limit
	}
	if capped == nil {
		return AccountCenterView{c}
	}
	served := *c
	served.Fields = capped
	return AccountCenterView{&served}
}

// modeRank orders the modes: Off, ReadOnly, Edit.
func modeRank(m account.FieldMode) int {
	switch m {
	case account.Edit:
		return 2
	case account.ReadOnly:
		return 1
	}
	return 0
}

// hasSocialConnector reports whether Config.Connectors has a social one.
func (s *core) hasSocialConnector() bool {
	for _, c := range s.cfg.Connectors {
		if c.Kind() == connector.KindSocial {
			return true
		}
	}
	return false
}

// UpdateAccountCenterInput is the body of PATCH /api/account-center. Absent
// keys are left unchanged; a present fields map replaces the stored one.
type UpdateAccountCenterInput struct {
	Enabled                Optional[bool]                                `json:"enabled"`
	Fields                 Optional[map[account.Field]account.FieldMode] `json:"fields"`
	WebAuthnRelatedOrigins Optional[[]string]                            `json:"webauthnRelatedOrigins"`
	DeleteAccountURL       Optional[string]                              `json:"deleteAccountUrl"`
	CustomCSS              Optional[string]                              `json:"customCss"`
	ProfileFields          Optional[[]account.ProfileField]              `json:"profileFields"`
}

// storedFields are the fields the settings keep. trustedDevice, a field of
// Logto's that this library does not serve, is accepted and dropped; any
// other key is a mistake (a misspelled field) and refused.
var storedFields = func() map[account.Field]bool {
	m := map[account.Field]bool{}
	for _, f := range account.Fields {
		m[f] = f != account.FieldTrustedDevice
	}
	return m
}()

func (in *UpdateAccountCenterInput) validate() error {
	if !validTextPtr(in.DeleteAccountURL.Ptr(), in.CustomCSS.Ptr()) {
		return ErrInvalidInput
	}
	if in.Enabled.Present() && in.Enabled.Ptr() == nil {
		return ErrInvalidInput
	}
	if in.Fields.Present() {
		if in.Fields.Get() == nil {
			return ErrInvalidInput
		}
		for f, m := range in.Fields.Get() {
			if _, known := storedFields[f]; !known || !m.Valid() {
				return ErrInvalidInput
			}
		}
	}
	if in.WebAuthnRelatedOrigins.Present() {
		origins := in.WebAuthnRelatedOrigins.Get()
		if origins == nil || len(origins) > maxRelatedOrigins {
			return ErrInvalidInput
		}
		for _, o := range origins {
			if len(o) > maxURLLength || !isHTTPURL(o) {
				return ErrInvalidInput
			}
		}
	}
	if in.DeleteAccountURL.Present() && in.DeleteAccountURL.Ptr() != nil {
		if u := *in.DeleteAccountURL.Ptr(); u != "" && !isWebURL(u) {
			return ErrInvalidInput
		}
	}
	if in.CustomCSS.Present() && in.CustomCSS.Ptr() != nil && len(*in.CustomCSS.Ptr()) > maxCustomCSS {
		return ErrInvalidInput
	}
	if in.ProfileFields.Present() && in.ProfileFields.Ptr() != nil {
		fields := *in.ProfileFields.Ptr()
		if len(fields) > maxProfileFields {
			return ErrInvalidInput
		}
		seen := map[string]bool{}
		for _, f := range fields {
			if f.Name == "" {
				return ErrInvalidInput
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

// SetAccountCenter answers PATCH /api/account-center. The
// caller is an administrator: authorizing them is the HTTP adapter's (or
// the app's) job.
func (s *Admin) SetAccountCenter(ctx context.Context, in UpdateAccountCenterInput) (AccountCenterView, error) {
	if err := in.validate(); err != nil {
		return AccountCenterView{}, err
	}
	now := s.now()
	c, err := s.cfg.Store.UpdateAccountCenter(ctx, func(c *account.AccountCenter) error {
		if s.neverWritten(c) {
			*c = *s.startingCenter()
		}
		in.applyTo(c)
		c.UpdatedAt = now
		return nil
	})
	s.center.wrote() // even after an error: the write may have landed
	if err != nil {
		return AccountCenterView{}, err
	}
	return AccountCenterView{c}, nil
}

// applyTo writes the keys present in in over c.
func (in *UpdateAccountCenterInput) applyTo(c *account.AccountCenter) {
	if in.Enabled.Present() {
		c.Enabled = *in.Enabled.Ptr()
	}
	if in.Fields.Present() {
		c.Fields = map[account.Field]account.FieldMode{}
		for f, m := range in.Fields.Get() {
			if storedFields[f] {
				c.Fields[f] = m
			}
		}
	}
	if in.WebAuthnRelatedOrigins.Present() {
		c.WebAuthnRelatedOrigins = dedupe(in.WebAuthnRelatedOrigins.Get())
	}
	if in.DeleteAccountURL.Present() {
		c.DeleteAccountURL = ""
		if in.DeleteAccountURL.Ptr() != nil {
			c.DeleteAccountURL = *in.DeleteAccountURL.Ptr()
		}
	}
	if in.CustomCSS.Present() {
		c.CustomCSS = in.CustomCSS.Ptr()
	}
	if in.ProfileFields.Present() {
		c.ProfileFields = nil
		if in.ProfileFields.Ptr() != nil {
			c.ProfileFields = append([]account.ProfileField{}, *in.ProfileFields.Ptr()...)
		}
	}
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
