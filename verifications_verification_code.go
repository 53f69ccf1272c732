package myaccount

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/verification"
)

// IdentifierInput is an email address or phone number in a request body:
// {"type":"email"|"phone","value":...}. The use cases read its value once,
// into its one form (see identifier_key.go), and use only that form.
type IdentifierInput struct {
	Type  verification.IdentifierType `json:"type"`
	Value string                      `json:"value"`
}

// phoneShape is the phone body guard; the email guard is
// the stricter parse of Config.EmailSyntax (normalIdentifier).
var phoneShape = regexp.MustCompile(`^\d+$`)

// maxEmailInput bounds an email address in a body.
const maxEmailInput = 256

// normalized checks id as the body guard does and returns it with its value
// in its one form (normalIdentifier). An unknown type, a value too long, an
// address that is not one bare addr-spec ("victim@example.com(1)",
// "x<victim@example.com>", a quoted local part, a trailing dot) and a phone
// number that does not parse ("014155550123") are 400 guard.invalid_input,
// before anything is sent or counted.
func (s *core) normalized(id IdentifierInput) (IdentifierInput, error) {
	if !validText(id.Value) {
		return id, ErrInvalidInput
	}
	switch id.Type {
	case verification.IdentifierEmail:
		if len(id.Value) > maxEmailInput {
			return id, ErrInvalidInput
		}
	case verification.IdentifierPhone:
		if len(id.Value) > MaxPhoneDigits || !phoneShape.MatchString(id.Value) {
			return id, ErrInvalidInput
		}
	default:
		return id, ErrInvalidInput
	}
	normal, ok := s.normalIdentifier(id.Type, id.Value)
	if !ok {
		return id, ErrInvalidInput
	}
	id.Value = normal
	return id, nil
}

// recordType is the code record type of an identifier type.
func (id IdentifierInput) recordType() verification.Type {
	if id.Type == verification.IdentifierPhone {
		return verification.TypePhoneVerificationCode
	}
	return verification.TypeEmailVerificationCode
}

// SendCodeInput is the body of POST /api/verifications/verification-code.
type SendCodeInput struct {
	Identifier IdentifierInput `json:"identifier"`
	// TemplateType is BindMfa or UserPermissionValidation; empty means
	// UserPermissionValidation. It is ignored for a new identifier.
	TemplateType verification.TemplateType `json:"templateType"`
}

// SendCode answers POST /api/verifications/verification-code:
// it sends a 6-digit code to an email or phone and makes an unverified code
// record. A code to the caller's current address proves identity once
// verified (template UserPermissionValidation); a code to a new address
// (template BindNewIdentifier) proves the address before it is set.
func (s *Account) SendCode(ctx context.Context, c Caller, in SendCodeInput) (*VerificationResult, error) {
	_, u, err := s.gate(ctx, c)
	if err != nil {
		return nil, err
	}
	if err := refuseImpersonated(c); err != nil {
		return nil, err
	}
	if in.Identifier, err = s.normalized(in.Identifier); err != nil {
		return nil, err
	}
	switch in.TemplateType {
	case "", verification.TemplateBindMfa, verification.TemplateUserPermissionValidation:
	default:
		return nil, ErrInvalidInput
	}
	if err := requireFirstParty(c); err != nil {
		return nil, err
	}
	current := u.PrimaryEmail
	if in.Identifier.Type == verification.IdentifierPhone {
		current = u.PrimaryPhone
	}
	template := in.TemplateType
	if in.Identifier.Value != s.normalOrSame(in.Identifier.Type, current) {
		// New identifier: compared exactly, as Logto does, in
		// the one form of both (the local part's case still counts).
		template = verification.TemplateBindNewIdentifier
		if in.Identifier.Type == verification.IdentifierEmail {
			if err := s.cfg.EmailPolicy.Check(ctx, in.Identifier.Value); err != nil {
				return nil, err
			}
		}
	} else if template == "" {
		template = verification.TemplateUserPermissionValidation
	}

	code, err := s.newCode()
	if err != nil {
		return nil, err
	}
	id := s.cfg.NewID()
	if err := s.takeSendAllowance(ctx, c, in.Identifier); err != nil {
		return nil, err
	}
	sender := s.cfg.EmailSender
	if in.Identifier.Type == verification.IdentifierPhone {
		sender = s.cfg.SMSSender
	}
	if sender == nil {
		return nil, ErrNoConnector
	}
	msg := Message{To: in.Identifier.Value, Code: code, Template: template, Locale: localeOrDefault(c.Locale), UserID: u.ID}
	if err := sender.Send(ctx, msg); err != nil {
		var apiErr *account.Error
		if errors.As(err, &apiErr) {
			return nil, apiErr
		}
		s.cfg.Logger.ErrorContext(ctx, "myaccount: sending a code failed", "user", u.ID, "type", in.Identifier.Type, "error", err)
		return nil, ErrConnectorSend
	}
	return s.createRecord(ctx, &verification.Record{
		ID:           id,
		Type:         in.Identifier.recordType(),
		UserID:       u.ID,
		Identifier:   verification.Identifier{Type: in.Identifier.Type, Value: in.Identifier.Value},
		TemplateType: template,
		Code:         &verification.Code{Hash: hashCode(id, code), SentAt: s.now()},
	})
}

// newCode returns 6 random digits.
func (s *core) newCode() (string, error) {
	var b [8]byte
	if _, err := io.ReadFull(s.cfg.Random, b[:]); err != nil {
		return "", fmt.Errorf("make code: %w", err)
	}
	var n uint64
	for _, x := range b {
		n = n<<8 | uint64(x)
	}
	return fmt.Sprintf("%06d", n%1_000_000), nil
}

// hashCode is the stored form of a code: SHA-256 over the record id and the
// code, so equal codes of two records differ.
func hashCode(recordID, code string) []byte {
	sum := sha256.Sum256([]byte(recordID + ":" + code))
	return sum[:]
}

func localeOrDefault(l string) string {
	if l == "" {
		return "en"
	}
	return l
}

// VerifyCodeInput is the body of POST /api/verifications/verification-code/verify.
type VerifyCodeInput struct {
	Identifier     IdentifierInput `json:"identifier"`
	VerificationID string          `json:"verificationId"`
	Code           string          `json:"code"`
}

// VerifyCode answers POST /api/verifications/verification-code/verify:
// it checks a code under the lockout, consumes it and marks the
// record verified. Each attempt is counted before the compare, and the code
// is consumed by one store step, so concurrent guesses cannot both win.
func (s *Account) VerifyCode(ctx context.Context, c Caller, in VerifyCodeInput) (*VerifiedRecord, error) {
	if _, err := s.gateCenter(ctx, c); err != nil {
		return nil, err
	}
	if err := refuseImpersonated(c); err != nil {
		return nil, err
	}
	id, err := s.normalized(in.Identifier)
	if err != nil {
		return nil, err
	}
	in.Identifier = id
	if in.VerificationID == "" || in.Code == "" {
		return nil, ErrInvalidInput
	}
	if err := requireFirstParty(c); err != nil {
		return nil, err
	}
	r, err := s.ownRecord(ctx, c, in.VerificationID, in.Identifier.recordType())
	if err != nil {
		return nil, err
	}
	// Failures count on the caller, who holds the record, in the pool of
	// their password checks: not on the address, which anyone may send
	// codes to, so nobody can lock out another user's address.
	g := guarded{action: actionVerificationCode, account: userPool(poolCredential, c.UserID), userID: c.UserID}
	if err := s.check(ctx, g); err != nil {
		return nil, err
	}
	if r.Code == nil {
		return nil, ErrCodeNotFound
	}
	if r.Identifier.Value != in.Identifier.Value {
		if in.Identifier.Type == verification.IdentifierPhone {
			return nil, account.NewError(http.StatusBadRequest, account.CodeCodePhoneMismatch)
		}
		return nil, account.NewError(http.StatusBadRequest, account.CodeCodeEmailMismatch)
	}
	if s.now().Sub(r.Code.SentAt) > s.cfg.Codes.TTL {
		return nil, ErrCodeExpired
	}
	tries, err := s.cfg.Store.CountCodeAttempt(ctx, r.ID)
	if errors.Is(err, account.ErrNotFound) {
		return nil, ErrCodeNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("count code attempt: %w", err)
	}
	if tries > s.cfg.Codes.MaxTries {
		return nil, s.fail(ctx, g, ErrCodeMaxTries)
	}
	if subtle.ConstantTimeCompare(hashCode(r.ID, in.Code), r.Code.Hash) != 1 {
		return nil, s.fail(ctx, g, ErrCodeMismatch)
	}
	if err := s.cfg.Store.ConsumeCode(ctx, r.ID); err != nil {
		if errors.Is(err, account.ErrNotFound) {
			return nil, ErrCodeNotFound
		}
		return nil, fmt.Errorf("consume code: %w", err)
	}
	return &VerifiedRecord{VerificationRecordID: r.ID}, nil
}
