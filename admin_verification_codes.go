package myaccount

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/verification"
)

// The Management API's verification codes (Logto's POST
// /api/verification-codes and .../verify): the host's server has a code
// sent to an email address or phone number and later checks what its user
// typed, for a flow of its own. The code rules are the Account API's
// (6 digits, CodePolicy.TTL, MaxTries tries counted before each compare,
// consumed by one store step), and so are the send limits, with one
// difference: an administrator is no user, so the per-user budget does not
// apply. What counts a send:
//   - the recipient, always (CodePolicy.SendLimit per SendWindow, one
//     counter with the Account API's codes to the same address);
//   - the client address, when the caller gives one (ClientSMSLimit or
//     ClientEmailLimit per ClientSendWindow). Through the HTTP adapter that
//     is the address of whoever calls the Management API, usually the
//     host's own server; a server that asks on behalf of many end users
//     gives WithClientAddress a function that returns the end user's
//     address (or "" to leave the client budget off).
//
// A recipient has at most one pending code: a new send replaces the last
// one, tries and all. The code is kept in a verification record of type
// TypeManagementCode with no user, whose id is derived from the recipient,
// so verify finds it by the address alone and no Account API call can name
// it (those want records of their own user and type).

// VerificationCodeInput is the body of POST /api/verification-codes: an
// email address or a phone number, exactly one.
type VerificationCodeInput struct {
	Email string `json:"email"`
	Phone string `json:"phone"`
}

// identifier is the one address of in, or guard.invalid_input when it names
// none or both.
func (in VerificationCodeInput) identifier() (IdentifierInput, error) {
	switch {
	case in.Email != "" && in.Phone == "":
		return IdentifierInput{Type: verification.IdentifierEmail, Value: in.Email}, nil
	case in.Phone != "" && in.Email == "":
		return IdentifierInput{Type: verification.IdentifierPhone, Value: in.Phone}, nil
	}
	return IdentifierInput{}, ErrInvalidInput
}

// VerifyVerificationCodeInput is the body of POST
// /api/verification-codes/verify: the address the code was sent to and the
// code.
type VerifyVerificationCodeInput struct {
	Email            string `json:"email"`
	Phone            string `json:"phone"`
	VerificationCode string `json:"verificationCode"`
}

// managementCodeID is the record id of the pending code to id (in its one
// form): a digest, so the id holds no address in clear.
func managementCodeID(id IdentifierInput) string {
	key := id.Value
	if id.Type == verification.IdentifierEmail {
		key = account.EmailKey(id.Value)
	}
	sum := sha256.Sum256([]byte("myaccount/management-code\x00" + string(id.Type) + "\x00" + key))
	return "mgmt-code-" + hex.EncodeToString(sum[:16])
}

// SendVerificationCode answers POST /api/verification-codes (204): it sends
// a 6-digit code of template Generic to in's email or phone. clientAddr is
// the caller's network address for the per-client send budget, "" for
// none. A body that names neither or both, or an address that does not
// parse, is 400 guard.invalid_input; no sender for the kind is 501
// connector.not_found; a spent budget is 429 request.message_rate_limited
// (the pending code, if any, stays); a failed delivery is 400
// connector.general (the pending code is gone).
func (s *Admin) SendVerificationCode(ctx context.Context, in VerificationCodeInput, clientAddr string) error {
	id, err := in.identifier()
	if err != nil {
		return err
	}
	if id, err = s.normalized(id); err != nil {
		return err
	}
	sender := s.cfg.EmailSender
	if id.Type == verification.IdentifierPhone {
		sender = s.cfg.SMSSender
	}
	if sender == nil {
		return ErrNoConnector
	}
	code, err := s.newCode()
	if err != nil {
		return err
	}
	if err := s.takeSendAllowance(ctx, Caller{ClientAddr: clientAddr}, id); err != nil {
		return err
	}
	now := s.now()
	r := &verification.Record{
		ID:           managementCodeID(id),
		Type:         verification.TypeManagementCode,
		CreatedAt:    now,
		ExpiresAt:    now.Add(s.cfg.Codes.TTL),
		Identifier:   verification.Identifier{Type: id.Type, Value: id.Value},
		TemplateType: verification.TemplateGeneric,
	}
	r.Code = &verification.Code{Hash: hashCode(r.ID, code), SentAt: now}
	// The last code goes first, so that a code that fails to arrive leaves
	// none behind; a concurrent send may win the insert, and then this one
	// takes its place.
	for range 2 {
		if err = s.dropManagementCode(ctx, r.ID); err != nil {
			return err
		}
		if err = s.cfg.Store.CreateRecord(ctx, r); !errors.Is(err, account.ErrConflict) {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("create verification code: %w", err)
	}
	msg := Message{To: id.Value, Code: code, Template: verification.TemplateGeneric, Locale: localeOrDefault("")}
	if err := sender.Send(ctx, msg); err != nil {
		if dropErr := s.dropManagementCode(ctx, r.ID); dropErr != nil {
			s.cfg.Logger.WarnContext(ctx, "myaccount: removing an undelivered code failed", "error", dropErr)
		}
		var apiErr *account.Error
		if errors.As(err, &apiErr) {
			return apiErr
		}
		s.cfg.Logger.ErrorContext(ctx, "myaccount: sending a code failed", "type", id.Type, "error", err)
		return ErrConnectorSend
	}
	return nil
}

// dropManagementCode removes the pending code record id, if there is one.
func (s *core) dropManagementCode(ctx context.Context, id string) error {
	if err := s.cfg.Store.UseRecord(ctx, id); err != nil && !errors.Is(err, account.ErrNotFound) {
		return fmt.Errorf("remove verification code: %w", err)
	}
	return nil
}

// VerifyVerificationCode answers POST /api/verification-codes/verify (204):
// it checks the code sent to in's email or phone and uses it up. A body
// that names neither address or both, or no code, is 400
// guard.invalid_input; no pending code to that address (none sent, already
// used, or sent to another address) is 400 verification_code.not_found; then
// 400 verification_code.expired after CodePolicy.TTL, 400
// verification_code.exceed_max_try beyond MaxTries tries, 400
// verification_code.code_mismatch for a wrong code. Each try is counted
// before the compare, and of concurrent right answers exactly one wins.
func (s *Admin) VerifyVerificationCode(ctx context.Context, in VerifyVerificationCodeInput) error {
	id, err := VerificationCodeInput{Email: in.Email, Phone: in.Phone}.identifier()
	if err != nil {
		return err
	}
	if id, err = s.normalized(id); err != nil {
		return err
	}
	if in.VerificationCode == "" || !validText(in.VerificationCode) {
		return ErrInvalidInput
	}
	r, err := s.cfg.Store.GetRecord(ctx, managementCodeID(id))
	if errors.Is(err, account.ErrNotFound) {
		return ErrCodeNotFound
	}
	if err != nil {
		return fmt.Errorf("load verification code: %w", err)
	}
	if r.Type != verification.TypeManagementCode || r.Code == nil || r.Identifier.Type != id.Type {
		return ErrCodeNotFound
	}
	if s.now().Sub(r.Code.SentAt) > s.cfg.Codes.TTL {
		return ErrCodeExpired
	}
	tries, err := s.cfg.Store.CountCodeAttempt(ctx, r.ID)
	if errors.Is(err, account.ErrNotFound) {
		return ErrCodeNotFound
	}
	if err != nil {
		return fmt.Errorf("count code attempt: %w", err)
	}
	if tries > s.cfg.Codes.MaxTries {
		return ErrCodeMaxTries
	}
	if subtle.ConstantTimeCompare(hashCode(r.ID, in.VerificationCode), r.Code.Hash) != 1 {
		return ErrCodeMismatch
	}
	// Using the record up is the one step that consumes the code.
	if err := s.cfg.Store.UseRecord(ctx, r.ID); err != nil {
		if errors.Is(err, account.ErrNotFound) {
			return ErrCodeNotFound
		}
		return fmt.Errorf("consume verification code: %w", err)
	}
	return nil
}
