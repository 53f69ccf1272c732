package myaccount

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
)

// The WebAuthn helpers of registration (verifications_web_authn_registration.go)
// and passkey sign-in (signin_webauthn.go).

// webAuthnError is 400 webauthn_verification_failed with the library's
// reason as data, for a failed ceremony; anything else is internal.
func webAuthnError(err error) error {
	if errors.Is(err, mfa.ErrWebAuthnVerification) {
		return account.NewError(http.StatusBadRequest, account.CodeWebAuthnVerificationFailed).
			WithData(map[string]any{"message": err.Error()})
	}
	return err
}

// relyingParty is the request's relying party: its host
// name, and as origins its own origin plus the account center's related
// origins.
func relyingParty(c Caller, center *account.AccountCenter) mfa.RelyingParty {
	return mfa.RelyingParty{ID: c.Host, Origins: append([]string{c.Origin}, center.WebAuthnRelatedOrigins...)}
}

// webAuthnUser is u as a WebAuthn user (names as Logto gives them),
// with the passkeys u already has.
func (s *core) webAuthnUser(ctx context.Context, u *account.User) (mfa.WebAuthnUser, error) {
	factors, err := s.factors(ctx, u.ID)
	if err != nil {
		return mfa.WebAuthnUser{}, err
	}
	wu := mfa.WebAuthnUser{ID: u.ID}
	phone := ""
	if u.PrimaryPhone != "" {
		phone = account.FormatPhone(u.PrimaryPhone)
	}
	name := ""
	if u.Name != nil {
		name = *u.Name
	}
	wu.Name = firstNonEmpty(u.PrimaryEmail, phone, u.Username, "Unnamed User")
	wu.DisplayName = firstNonEmpty(name, u.PrimaryEmail, phone, u.Username, "Unnamed User")
	for _, f := range factors {
		if f.Type == mfa.TypeWebAuthn {
			wu.Credentials = append(wu.Credentials, *f.WebAuthn)
		}
	}
	return wu, nil
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// isJSONObject reports whether raw is a JSON object.
func isJSONObject(raw json.RawMessage) bool {
	var m map[string]json.RawMessage
	return len(raw) > 0 && json.Unmarshal(raw, &m) == nil && m != nil
}
