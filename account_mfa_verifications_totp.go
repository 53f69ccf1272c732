package myaccount

import (
	"context"
	"fmt"
	"net/http"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
)

// ReplaceTOTPInput is the body of PUT /api/my-account/mfa-verifications/totp.
type ReplaceTOTPInput struct {
	Secret *string `json:"secret"`
	Code   *string `json:"code"`
}

// ReplaceTOTP answers PUT /api/my-account/mfa-verifications/totp: it binds a new authenticator app, replacing the old one in place,
// once a code from the new secret proves the app works.
func (s *Account) ReplaceTOTP(ctx context.Context, c Caller, in ReplaceTOTPInput) error {
	center, err := s.gateCenter(ctx, c)
	if err != nil {
		return err
	}
	if err := refuseImpersonated(c); err != nil {
		return err
	}
	if in.Secret == nil || in.Code == nil {
		return ErrInvalidInput
	}
	if err := s.requireVerified(ctx, c); err != nil {
		return err
	}
	if err := requireEdit(center.Mode(account.FieldMFA)); err != nil {
		return err
	}
	if err := requireScope(c, ScopeIdentities, http.StatusUnauthorized); err != nil {
		return err
	}
	if err := requireFirstParty(c); err != nil {
		return err
	}
	if !s.cfg.MFA.enabled(mfa.TypeTOTP) {
		return ErrFactorNotEnabled
	}
	return s.bindTOTP(ctx, c.UserID, *in.Secret, in.Code, replaceBinding)
}

// TOTPSecret answers POST .../totp-secret/generate: a new secret, and the
// otpauth URI and QR code an authenticator app scans, so a settings page
// needs no QR library.
type TOTPSecret struct {
	Secret     string `json:"secret"`
	OTPAuthURI string `json:"otpauthUri"`
	QRCode     string `json:"qrCode"`
}

// NewTOTPSecret answers POST
// /api/my-account/mfa-verifications/totp-secret/generate.
// Nothing is stored: the secret comes back with the bind request.
func (s *Account) NewTOTPSecret(ctx context.Context, c Caller) (*TOTPSecret, error) {
	_, u, err := s.gate(ctx, c)
	if err != nil {
		return nil, err
	}
	if err := refuseImpersonated(c); err != nil {
		return nil, err
	}
	secret, err := mfa.GenerateTOTPSecret(s.cfg.Random)
	if err != nil {
		return nil, fmt.Errorf("generate TOTP secret: %w", err)
	}
	uri := mfa.TOTPURI(secret, s.cfg.MFA.Issuer, accountLabel(u))
	qr, err := mfa.TOTPQRCodeDataURL(uri)
	if err != nil {
		return nil, fmt.Errorf("draw TOTP QR code: %w", err)
	}
	return &TOTPSecret{Secret: secret, OTPAuthURI: uri, QRCode: qr}, nil
}

// accountLabel is how an authenticator app or a passkey names the user:
// email, phone, username, or the id.
func accountLabel(u *account.User) string {
	for _, s := range []string{u.PrimaryEmail, u.PrimaryPhone, u.Username} {
		if s != "" {
			return s
		}
	}
	return u.ID
}
