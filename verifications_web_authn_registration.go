package myaccount

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

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
// /api/verifications/web-authn/registration: it begins a passkey
// registration for the caller, with the request's host name as relying
// party, and keeps the ceremony's session in a new record.
func (s *Account) StartWebAuthnRegistration(ctx context.Context, c Caller) (*WebAuthnRegistration, error) {
	center, u, err := s.gate(ctx, c)
	if err != nil {
		return nil, err
	}
	if err := refuseImpersonated(c); err != nil {
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
// /api/verifications/web-authn/registration/verify: it checks
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
	if err := refuseImpersonated(c); err != nil {
		return nil, err
	}
	if in.VerificationRecordID == "" || !isJSONObject(in.Payload) {
		return nil, ErrInvalidInput
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
		return nil, ErrPendingInfoNotFound
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
