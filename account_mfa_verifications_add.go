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

// maxFactorName bounds a passkey's name.
const maxFactorName = 256

// AddMFAInput is the body of POST /api/my-account/mfa-verifications: a
// union on Type. WebAuthn takes NewIdentifierVerificationRecordID (a verified
// registration record) and an optional Name; Totp takes Secret and an
// optional Code; BackupCode takes Codes.
type AddMFAInput struct {
	Type                              mfa.FactorType `json:"type"`
	NewIdentifierVerificationRecordID *string        `json:"newIdentifierVerificationRecordId"`
	Name                              *string        `json:"name"`
	Secret                            *string        `json:"secret"`
	Code                              *string        `json:"code"`
	Codes                             []string       `json:"codes"`
}

func (in *AddMFAInput) validate() error {
	switch in.Type {
	case mfa.TypeWebAuthn:
		if in.NewIdentifierVerificationRecordID == nil || !validTextPtr(in.Name) || (in.Name != nil && len(*in.Name) > maxFactorName) {
			return ErrInvalidInput
		}
	case mfa.TypeTOTP:
		if in.Secret == nil {
			return ErrInvalidInput
		}
	case mfa.TypeBackupCode:
		if in.Codes == nil || len(in.Codes) > 100 {
			return ErrInvalidInput
		}
	default:
		return ErrInvalidInput
	}
	return nil
}

// AddMFAFactor answers POST /api/my-account/mfa-verifications: it binds a TOTP app, a backup-code set or a verified passkey.
func (s *Account) AddMFAFactor(ctx context.Context, c Caller, in AddMFAInput) error {
	center, err := s.gateCenter(ctx, c)
	if err != nil {
		return err
	}
	if err := refuseImpersonated(c); err != nil {
		return err
	}
	if err := in.validate(); err != nil {
		return err
	}
	if err := s.requireVerified(ctx, c); err != nil {
		return err
	}
	mode := center.Mode(account.FieldMFA)
	if in.Type == mfa.TypeWebAuthn {
		mode = center.PasskeyMode()
	}
	if err := requireEdit(mode); err != nil {
		return err
	}
	if err := requireScope(c, ScopeIdentities, http.StatusUnauthorized); err != nil {
		return err
	}
	if err := requireFirstParty(c); err != nil {
		return err
	}
	if !s.factorEnabled(in.Type) {
		return ErrFactorNotEnabled
	}
	switch in.Type {
	case mfa.TypeTOTP:
		return s.bindTOTP(ctx, c.UserID, *in.Secret, in.Code, userBinding)
	case mfa.TypeBackupCode:
		return s.bindBackupCodes(ctx, c.UserID, in.Codes, userBinding)
	default:
		return s.bindWebAuthn(ctx, c, *in.NewIdentifierVerificationRecordID, in.Name)
	}
}

// factorEnabled applies the sign-in experience: WebAuthn may be bound as an
// MFA factor or for passkey sign-in.
func (s *core) factorEnabled(t mfa.FactorType) bool {
	if t == mfa.TypeWebAuthn && s.cfg.MFA.PasskeySignIn {
		return true
	}
	return s.cfg.MFA.enabled(t)
}

// binding is how binding a factor differs between the routes: the status
// of an invalid TOTP secret; whether the bind turns the user's MFA on
// (Logto's admin route leaves logtoConfig alone); and, for PUT
// .../mfa-verifications/totp, that a new authenticator app takes the old
// one's place and proves itself with a code.
type binding struct {
	secretInvalid *account.Error
	enableMFA     bool
	replaceTOTP   bool
}

var (
	userBinding    = binding{secretInvalid: ErrTOTPSecretInvalid, enableMFA: true}
	replaceBinding = binding{secretInvalid: ErrTOTPSecretInvalid, enableMFA: true, replaceTOTP: true}
	adminBinding   = binding{secretInvalid: account.NewError(http.StatusUnprocessableEntity, account.CodeTOTPSecretInvalid)}

	// ErrTOTPReplaced: a concurrent PUT changed the factor between our
	// read and our write.
)

// bindTOTP binds an authenticator app with this secret. A code, when
// given, must come from the secret (b.replaceTOTP: it must be given, and
// the app replaces the user's old one; otherwise an old one refuses it).
func (s *core) bindTOTP(ctx context.Context, userID, secret string, code *string, b binding) error {
	factors, err := s.factors(ctx, userID)
	if err != nil {
		return err
	}
	old := firstOfType(factors, mfa.TypeTOTP)
	if old != nil && !b.replaceTOTP {
		return ErrTOTPInUse
	}
	if !mfa.ValidTOTPSecret(secret) {
		return b.secretInvalid
	}
	if code != nil && (*code != "" || b.replaceTOTP) {
		if _, ok := mfa.MatchTOTP(secret, *code, s.now()); !ok {
			return ErrInvalidTOTPCode
		}
	}
	f, err := s.newTOTPFactor(userID, secret)
	if err != nil {
		return err
	}
	err = s.bindFactor(ctx, f, old, b.enableMFA)
	switch {
	case errors.Is(err, errFactorTaken) && b.replaceTOTP:
		return ErrTOTPReplaced
	case errors.Is(err, errFactorTaken):
		return ErrTOTPInUse // a concurrent bind won
	}
	return err
}

func (s *core) bindBackupCodes(ctx context.Context, userID string, codes []string, b binding) error {
	factors, err := s.factors(ctx, userID)
	if err != nil {
		return err
	}
	old := firstOfType(factors, mfa.TypeBackupCode)
	if old != nil && old.RemainingCodes() > 0 {
		return ErrBackupCodesInUse
	}
	if firstOfType(factors, mfa.TypeTOTP) == nil && firstOfType(factors, mfa.TypeWebAuthn) == nil {
		return ErrBackupCodeAlone
	}
	if !mfa.ValidBackupCodes(codes) {
		return ErrBackupCodeFormat
	}
	f, err := s.newBackupCodeFactor(userID, codes)
	if err != nil {
		return err
	}
	// A used-up set is replaced, so one set is ever active.
	err = s.bindFactor(ctx, f, old, b.enableMFA)
	if errors.Is(err, errFactorTaken) {
		return ErrBackupCodesInUse // a concurrent bind won
	}
	return err
}

func (s *core) bindWebAuthn(ctx context.Context, c Caller, recordID string, name *string) error {
	r, err := s.ownRecord(ctx, c, recordID, verification.TypeWebAuthn)
	if err != nil {
		return err
	}
	if !r.Verified {
		return ErrRecordNotFound
	}
	if len(r.Result) == 0 {
		return ErrPendingInfoNotFound
	}
	var cred mfa.WebAuthnCredential
	if err := json.Unmarshal(r.Result, &cred); err != nil {
		return fmt.Errorf("read WebAuthn registration: %w", err)
	}
	if name != nil {
		cred.Name = *name
	}
	if err := s.useRecord(ctx, r.ID); err != nil {
		return err // bound already, by this request's twin
	}
	f := &mfa.Factor{ID: s.cfg.NewID(), UserID: c.UserID, Type: mfa.TypeWebAuthn, CreatedAt: s.now(), WebAuthn: &cred}
	// A passkey turns MFA on only when WebAuthn is an MFA factor, not when
	// it is there for passkey sign-in alone.
	err = s.bindFactor(ctx, f, nil, s.cfg.MFA.enabled(mfa.TypeWebAuthn))
	if errors.Is(err, errFactorTaken) {
		return ErrRecordNotFound // this registration is bound already
	}
	return err
}

// errFactorTaken is bindFactor's answer when the store refuses the factor
// (account.ErrConflict); each route answers it in its own words.
var errFactorTaken = errors.New("myaccount: the factor is taken")

// bindFactor stores f in the place of old (nil: after the user's factors),
// sets the user's UpdatedAt and, when enableMFA, turns the user's MFA on,
// all in one store step (mfa.Store.BindFactor), then tells the hook.
// errFactorTaken when the store refuses f: another bind came first.
func (s *core) bindFactor(ctx context.Context, f *mfa.Factor, old *mfa.Factor, enableMFA bool) error {
	replacing := ""
	if old != nil {
		replacing = old.ID
	}
	now := s.now()
	u, err := s.cfg.Store.BindFactor(ctx, f, replacing, func(u *account.User) error {
		if enableMFA {
			enabled := true
			u.LogtoConfig.MFA.Enabled = &enabled
		}
		u.UpdatedAt = now
		return nil
	})
	switch {
	case errors.Is(err, account.ErrConflict):
		return fmt.Errorf("bind %s factor: %w: %w", f.Type, errFactorTaken, err)
	case errors.Is(err, account.ErrNotFound):
		return userWriteError(err, "") // the user is gone
	case err != nil:
		return fmt.Errorf("bind %s factor: %w", f.Type, err)
	}
	s.userChanged(ctx, u, "", ChangeMFA)
	return nil
}
