package myaccount

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/verification"
)

// WebAuthnRegistration answers POST /api/verifications/web-authn/registration:
// the record to verify, and the options for navigator.credentials.create.
type WebAuthnRegistration struct {
	VerificationRecordID string
	RegistrationOptions  json.RawMessage
	ExpiresAt            string
}

// MarshalJSON writes {verificationRecordId, registrationOptions, expiresAt}.
func (r WebAuthnRegistration) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ID        string          `json:"verificationRecordId"`
		Options   json.RawMessage `json:"registrationOptions"`
		ExpiresAt string          `json:"expiresAt"`
	}{r.VerificationRecordID, r.RegistrationOptions, r.ExpiresAt})
}

// StartWebAuthnRegistration answers POST
// /api/verifications/web-authn/registration (spec §3.6): it begins a passkey
// registration for the caller, with the request's host name as relying
// party, and keeps the ceremony's session in a new record.
func (s *Account) StartWebAuthnRegistration(ctx context.Context, c Caller) (*WebAuthnRegistration, error) {
	center, u, err := s.gate(ctx, c)
	if err != nil {
		return nil, err
	}
	if err := requireFirstParty(c); err != nil {
		return nil, err
	}
	wu, err := s.webAuthnUser(ctx, u)
	if err != nil {
		return nil, err
	}
	options, session, err := mfa.BeginRegistration(relyingParty(c, center), wu)
	if err != nil {
		// The relying party comes from the request (an IP address as host
		// cannot be one): the client's doing, not ours.
		return nil, webAuthnError(err)
	}
	res, err := s.createRecord(ctx, &verification.Record{Type: verification.TypeWebAuthn, UserID: u.ID, Session: session})
	if err != nil {
		return nil, err
	}
	return &WebAuthnRegistration{VerificationRecordID: res.VerificationRecordID, RegistrationOptions: options, ExpiresAt: isoTime(res.ExpiresAt)}, nil
}

// VerifyWebAuthnRegistrationInput is the body of POST
// /api/verifications/web-authn/registration/verify: the record and the
// browser's RegistrationResponseJSON.
type VerifyWebAuthnRegistrationInput struct {
	VerificationRecordID string          `json:"verificationRecordId"`
	Payload              json.RawMessage `json:"payload"`
}

// VerifyWebAuthnRegistration answers POST
// /api/verifications/web-authn/registration/verify (spec §3.7): it checks
// the attestation against the record's session, which is taken in the same
// step, so one registration response can be verified only once. Every
// failure of the ceremony, also a relying party the request cannot have
// (options made on one host, verified on an IP address), is 400
// session.mfa.webauthn_verification_failed with the reason as data.
func (s *Account) VerifyWebAuthnRegistration(ctx context.Context, c Caller, in VerifyWebAuthnRegistrationInput) (*VerifiedRecord, error) {
	center, u, err := s.gate(ctx, c)
	if err != nil {
		return nil, err
	}
	if in.VerificationRecordID == "" || !isJSONObject(in.Payload) {
		return nil, errInvalidInput
	}
	if err := requireFirstParty(c); err != nil {
		return nil, err
	}
	r, err := s.ownRecord(ctx, c, in.VerificationRecordID, verification.TypeWebAuthn)
	if err != nil {
		return nil, err
	}
	session, err := s.cfg.Store.TakeSession(ctx, r.ID)
	if errors.Is(err, account.ErrNotFound) {
		return nil, errPendingInfoNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("take WebAuthn session: %w", err)
	}
	wu, err := s.webAuthnUser(ctx, u)
	if err != nil {
		return nil, err
	}
	cred, err := mfa.FinishRegistration(relyingParty(c, center), wu, session, in.Payload, c.UserAgent)
	if err != nil {
		return nil, webAuthnError(err)
	}
	result, err := json.Marshal(cred)
	if err != nil {
		return nil, fmt.Errorf("keep WebAuthn registration: %w", err)
	}
	if err := s.cfg.Store.Complete(ctx, r.ID, result); err != nil {
		return nil, fmt.Errorf("complete WebAuthn record: %w", err)
	}
	return &VerifiedRecord{VerificationRecordID: r.ID}, nil
}

// webAuthnError is 400 webauthn_verification_failed with the library's
// reason as data, for a failed ceremony; anything else is internal.
func webAuthnError(err error) error {
	if errors.Is(err, mfa.ErrWebAuthnVerification) {
		return account.NewError(http.StatusBadRequest, account.CodeWebAuthnVerificationFailed).
			WithData(map[string]any{"message": err.Error()})
	}
	return err
}

// relyingParty is the request's relying party (spec §3.6-§3.7): its host
// name, and as origins its own origin plus the account center's related
// origins.
func relyingParty(c Caller, center *account.AccountCenter) mfa.RelyingParty {
	return mfa.RelyingParty{ID: c.Host, Origins: append([]string{c.Origin}, center.WebAuthnRelatedOrigins...)}
}

// webAuthnUser is u as a WebAuthn user (names as spec §3.6 gives them),
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
