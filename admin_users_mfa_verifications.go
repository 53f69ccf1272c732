package myaccount

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
)

// CreateFactorInput is the body of POST /api/users/:userId/mfa-verifications:
// {"type": "Totp", "secret"?} or {"type": "BackupCode", "codes"?}.
type CreateFactorInput struct {
	Type   mfa.FactorType `json:"type"`
	Secret *string        `json:"secret"`
	Codes  []string       `json:"codes"`
}

// CreatedFactor answers POST /api/users/:userId/mfa-verifications: the TOTP
// secret (with the QR code of its otpauth URI) or the backup codes, which an
// administrator hands to the user.
type CreatedFactor struct {
	Type         mfa.FactorType
	Secret       string
	SecretQRCode string
	Codes        []string
}

// MarshalJSON writes {type, secret, secretQrCode} or {type, codes}.
func (f CreatedFactor) MarshalJSON() ([]byte, error) {
	if f.Type == mfa.TypeTOTP {
		return json.Marshal(map[string]any{"type": f.Type, "secret": f.Secret, "secretQrCode": f.SecretQRCode})
	}
	return json.Marshal(map[string]any{"type": f.Type, "codes": f.Codes})
}

// MFAFactors answers GET /api/users/:userId/mfa-verifications: the
// user's factors as the Account API lists them, in the order added.
func (s *Admin) MFAFactors(ctx context.Context, id string) ([]FactorView, error) {
	if _, err := s.adminUser(ctx, id); err != nil {
		return nil, err
	}
	factors, err := s.factors(ctx, id)
	if err != nil {
		return nil, err
	}
	return factorViews(factors), nil
}

// AddMFAFactor answers POST /api/users/:userId/mfa-verifications (200),
// as Logto's Management API: a TOTP factor with the given secret or a new
// one, or a backup-code set with the given codes or ten new ones. The rules
// are the Account API's, with Logto's admin statuses: 422
// user.totp_already_in_use, 422 user.totp_secret_invalid, 422
// user.backup_code_already_in_use (a set with codes left), 422
// session.mfa.backup_code_can_not_be_alone, 422 user.wrong_backup_code_format.
// The sign-in experience's factor list does not apply (an administrator
// decides), and the user's MFA setting is left as it is. Secrets are sealed
// at rest, so Config.Cipher is required. It emits User.Data.Updated.
func (s *Admin) AddMFAFactor(ctx context.Context, id string, in CreateFactorInput) (*CreatedFactor, error) {
	switch in.Type {
	case mfa.TypeTOTP:
		if in.Secret != nil && !validText(*in.Secret) {
			return nil, ErrInvalidInput
		}
	case mfa.TypeBackupCode:
		if len(in.Codes) > 100 || !validText(in.Codes...) {
			return nil, ErrInvalidInput
		}
	default:
		return nil, ErrInvalidInput
	}
	u, err := s.adminUser(ctx, id)
	if err != nil {
		return nil, err
	}
	if s.cfg.Cipher == nil {
		return nil, errors.New("myaccount: Config.Cipher is required to bind MFA factors (their secrets are sealed at rest)")
	}
	if in.Type == mfa.TypeTOTP {
		return s.createTOTPAdmin(ctx, u, in.Secret)
	}
	codes := in.Codes
	if codes == nil {
		if codes, err = mfa.GenerateBackupCodes(s.cfg.Random); err != nil {
			return nil, fmt.Errorf("generate backup codes: %w", err)
		}
	}
	if err := s.bindBackupCodes(ctx, id, codes, adminBinding); err != nil {
		return nil, err
	}
	return &CreatedFactor{Type: mfa.TypeBackupCode, Codes: codes}, nil
}

func (s *core) createTOTPAdmin(ctx context.Context, u *account.User, given *string) (*CreatedFactor, error) {
	var secret string
	if given != nil && *given != "" {
		secret = *given
	} else {
		var err error
		if secret, err = mfa.GenerateTOTPSecret(s.cfg.Random); err != nil {
			return nil, fmt.Errorf("generate TOTP secret: %w", err)
		}
	}
	if err := s.bindTOTP(ctx, u.ID, secret, nil, adminBinding); err != nil {
		return nil, err
	}
	qr, err := mfa.TOTPQRCodeDataURL(mfa.TOTPURI(secret, s.cfg.MFA.Issuer, accountLabel(u)))
	if err != nil {
		return nil, fmt.Errorf("draw TOTP QR code: %w", err)
	}
	return &CreatedFactor{Type: mfa.TypeTOTP, Secret: secret, SecretQRCode: qr}, nil
}

// RemoveMFAFactor answers DELETE
// /api/users/:userId/mfa-verifications/:verificationId (204): 404
// entity.not_found when the user has no such factor. The user's MFA setting
// is left as it is, as Logto leaves it. It emits User.Data.Updated.
func (s *Admin) RemoveMFAFactor(ctx context.Context, id, factorID string) error {
	if _, err := s.adminUser(ctx, id); err != nil {
		return err
	}
	if err := s.cfg.Store.DeleteFactor(ctx, id, factorID); err != nil {
		if errors.Is(err, account.ErrNotFound) {
			return ErrFactorNotFound
		}
		return fmt.Errorf("delete factor: %w", err)
	}
	s.mfaChanged(ctx, id)
	return nil
}
