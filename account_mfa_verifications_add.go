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
			return errInvalidInput
		}
	case mfa.TypeTOTP:
		if in.Secret == nil {
			return errInvalidInput
		}
	case mfa.TypeBackupCode:
		if in.Codes == nil || len(in.Codes) > 100 {
			return errInvalidInput
		}
	default:
		return errInvalidInput
	}
	return nil
}

var (
	errFactorNotEnabled    = account.NewError(http.StatusBadRequest, account.CodeMFAFactorNotEnabled)
	errTOTPInUse           = account.NewError(http.StatusUnprocessableEntity, account.CodeTOTPAlreadyInUse)
	errTOTPSecretInvalid   = account.NewError(http.StatusBadRequest, account.CodeTOTPSecretInvalid)
	errInvalidTOTPCode     = account.NewError(http.StatusBadRequest, account.CodeInvalidTOTPCode)
	errBackupCodesInUse    = account.NewError(http.StatusUnprocessableEntity, account.CodeBackupCodeAlreadyInUse)
	errBackupCodeAlone     = account.NewError(http.StatusUnprocessableEntity, account.CodeBackupCodeCanNotBeAlone)
	errBackupCodeFormat    = account.NewError(http.StatusUnprocessableEntity, account.CodeWrongBackupCodeFormat)
	errPendingInfoNotFound = account.NewError(http.StatusBadRequest, account.CodePendingInfoNotFound)
)

// AddMFAFactor answers POST /api/my-account/mfa-verifications (spec
// §4.16): it binds a TOTP app, a backup-code set or a verified passkey.
func (s *Account) AddMFAFactor(ctx context.Context, c Caller, in AddMFAInput) error {
	center, err := s.Gate(ctx, c)
	if err != nil {
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
		return errFactorNotEnabled
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
// MFA factor or for passkey sign-in (spec §4.16 step 6).
func (s *core) factorEnabled(t mfa.FactorType) bool {
	if t == mfa.TypeWebAuthn && s.cfg.MFA.PasskeySignIn {
		return true
	}
	return s.cfg.MFA.enabled(t)
}

// binding is how binding a factor differs between the user (Account API)
// and an administrator (Management API): the status of an invalid TOTP
// secret, and whether the bind turns the user's MFA on (Logto's admin route
// leaves logtoConfig alone).
type binding struct {
	secretInvalid *account.Error
	enableMFA     bool
}

var (
	userBinding  = binding{secretInvalid: errTOTPSecretInvalid, enableMFA: true}
	adminBinding = binding{secretInvalid: account.NewError(http.StatusUnprocessableEntity, account.CodeTOTPSecretInvalid)}
)

func (s *core) bindTOTP(ctx context.Context, userID, secret string, code *string, b binding) error {
	factors, err := s.factors(ctx, userID)
	if err != nil {
		return err
	}
	if firstOfType(factors, mfa.TypeTOTP) != nil {
		return errTOTPInUse
	}
	if !mfa.ValidTOTPSecret(secret) {
		return b.secretInvalid
	}
	if code != nil && *code != "" {
		if _, ok := mfa.MatchTOTP(secret, *code, s.now()); !ok {
			return errInvalidTOTPCode
		}
	}
	f, err := s.newTOTPFactor(userID, secret)
	if err != nil {
		return err
	}
	if err := s.cfg.Store.AddFactor(ctx, f); err != nil {
		if errors.Is(err, account.ErrConflict) {
			return errTOTPInUse // a concurrent bind won
		}
		return fmt.Errorf("add TOTP factor: %w", err)
	}
	return s.factorAdded(ctx, userID, f, b.enableMFA)
}

func (s *core) bindBackupCodes(ctx context.Context, userID string, codes []string, b binding) error {
	factors, err := s.factors(ctx, userID)
	if err != nil {
		return err
	}
	old := firstOfType(factors, mfa.TypeBackupCode)
	if old != nil && old.RemainingCodes() > 0 {
		return errBackupCodesInUse
	}
	if firstOfType(factors, mfa.TypeTOTP) == nil && firstOfType(factors, mfa.TypeWebAuthn) == nil {
		return errBackupCodeAlone
	}
	if !mfa.ValidBackupCodes(codes) {
		return errBackupCodeFormat
	}
	f, err := s.newBackupCodeFactor(userID, codes)
	if err != nil {
		return err
	}
	if old != nil {
		// A used-up set is replaced, so one set is ever active (decision 3).
		err = s.cfg.Store.ReplaceFactor(ctx, old.ID, f)
	} else {
		err = s.cfg.Store.AddFactor(ctx, f)
	}
	if errors.Is(err, account.ErrConflict) || errors.Is(err, account.ErrNotFound) {
		return errBackupCodesInUse // a concurrent bind won
	}
	if err != nil {
		return fmt.Errorf("add backup codes: %w", err)
	}
	return s.factorAdded(ctx, userID, f, b.enableMFA)
}

func (s *core) bindWebAuthn(ctx context.Context, c Caller, recordID string, name *string) error {
	r, err := s.ownRecord(ctx, c, recordID, verification.TypeWebAuthn)
	if err != nil {
		return err
	}
	if !r.Verified {
		return errRecordNotFound
	}
	if len(r.Result) == 0 {
		return errPendingInfoNotFound
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
	if err := s.cfg.Store.AddFactor(ctx, f); err != nil {
		if errors.Is(err, account.ErrConflict) {
			return errRecordNotFound // this registration is bound already
		}
		return fmt.Errorf("add WebAuthn factor: %w", err)
	}
	// A passkey turns MFA on only when WebAuthn is an MFA factor, not when
	// it is there for passkey sign-in alone (spec §4.16 step 7).
	return s.factorAdded(ctx, c.UserID, f, s.cfg.MFA.enabled(mfa.TypeWebAuthn))
}

// factorAdded turns the user's MFA on (when enableMFA) and tells the hook.
// If the user cannot be updated, the factor is taken back, so the change
// is all or nothing.
func (s *core) factorAdded(ctx context.Context, userID string, f *mfa.Factor, enableMFA bool) error {
	now := s.now()
	u, err := s.cfg.Store.UpdateUser(ctx, userID, func(u *account.User) error {
		if enableMFA {
			enabled := true
			u.LogtoConfig.MFA.Enabled = &enabled
		}
		u.UpdatedAt = now
		return nil
	})
	if err != nil {
		if delErr := s.cfg.Store.DeleteFactor(ctx, userID, f.ID); delErr != nil {
			s.cfg.Logger.ErrorContext(ctx, "myaccount: taking back a factor failed", "user", userID, "factor", f.ID, "error", delErr)
		}
		return userWriteError(err, "")
	}
	s.userChanged(ctx, u, "", ChangeMFA)
	return nil
}
