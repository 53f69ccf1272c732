package myaccount

import (
	"fmt"

	"github.com/myaccount-go/myaccount/account"
)

// startInput turns Config.AccountCenter into the change that makes it from
// the zero settings, checked as PATCH /api/account-center checks a body;
// nil for no starting settings.
func startInput(c *account.AccountCenter) (*UpdateAccountCenterInput, error) {
	if c == nil {
		return nil, nil
	}
	fields := map[account.Field]account.FieldMode{}
	for f, m := range c.Fields {
		fields[f] = m
	}
	in := &UpdateAccountCenterInput{
		Enabled: Set(c.Enabled),
		Fields:  Set(fields),
	}
	if c.WebAuthnRelatedOrigins != nil {
		in.WebAuthnRelatedOrigins = Set(append([]string{}, c.WebAuthnRelatedOrigins...))
	}
	if c.DeleteAccountURL != "" {
		in.DeleteAccountURL = Set(c.DeleteAccountURL)
	}
	if c.CustomCSS != nil {
		in.CustomCSS = Set(*c.CustomCSS)
	}
	if c.ProfileFields != nil {
		in.ProfileFields = Set(append([]account.ProfileField{}, c.ProfileFields...))
	}
	if err := in.validate(); err != nil {
		return nil, fmt.Errorf("myaccount: Config.AccountCenter: %w", err)
	}
	return in, nil
}

// startingCenter returns a fresh copy of the settings a store that holds
// none stands for: Config.AccountCenter, or the zero settings (disabled,
// every field Off).
func (s *core) startingCenter() *account.AccountCenter {
	c := &account.AccountCenter{}
	if s.start != nil {
		s.start.applyTo(c)
	}
	return c
}

// neverWritten reports whether the stored settings c stand for the starting
// ones: with Config.AccountCenter set, settings no SetAccountCenter wrote
// (a zero UpdatedAt, as in the zero settings a store hands a first
// UpdateAccountCenter) are replaced by them, so the first change is made
// to what every instance answered before it. Without Config.AccountCenter
// the stored settings are used as they are.
func (s *core) neverWritten(c *account.AccountCenter) bool {
	return s.start != nil && c.UpdatedAt.IsZero()
}
