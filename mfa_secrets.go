package myaccount

import (
	"fmt"

	"github.com/myaccount-go/myaccount/mfa"
)

// The associated data that binds each sealed secret to its user, factor and
// purpose: a ciphertext copied to another row does not open.
func totpAAD(userID, factorID string) []byte { return []byte("totp:" + userID + ":" + factorID) }

func backupCodeAAD(userID, factorID string) []byte {
	return []byte("backup-code:" + userID + ":" + factorID)
}

// newTOTPFactor seals secret into a new TOTP factor.
func (s *core) newTOTPFactor(userID, secret string) (*mfa.Factor, error) {
	f := &mfa.Factor{ID: s.cfg.NewID(), UserID: userID, Type: mfa.TypeTOTP, CreatedAt: s.now()}
	sealed, err := s.cfg.Cipher.Seal([]byte(secret), totpAAD(userID, f.ID))
	if err != nil {
		return nil, fmt.Errorf("seal TOTP secret: %w", err)
	}
	f.TOTP = &mfa.TOTP{SealedSecret: sealed}
	return f, nil
}

// openTOTP returns the secret of a TOTP factor.
func (s *core) openTOTP(f *mfa.Factor) (string, error) {
	secret, err := s.cfg.Cipher.Open(f.TOTP.SealedSecret, totpAAD(f.UserID, f.ID))
	if err != nil {
		return "", fmt.Errorf("open TOTP secret: %w", err)
	}
	return string(secret), nil
}

// newBackupCodeFactor seals codes into a new backup-code factor: each code
// sealed (to show it again) and MACed (to find it at sign-in without
// opening every code).
func (s *core) newBackupCodeFactor(userID string, codes []string) (*mfa.Factor, error) {
	f := &mfa.Factor{ID: s.cfg.NewID(), UserID: userID, Type: mfa.TypeBackupCode, CreatedAt: s.now()}
	for _, code := range codes {
		code = mfa.NormalizeBackupCode(code)
		sealed, err := s.cfg.Cipher.Seal([]byte(code), backupCodeAAD(userID, f.ID))
		if err != nil {
			return nil, fmt.Errorf("seal backup code: %w", err)
		}
		f.BackupCodes = append(f.BackupCodes, mfa.BackupCode{Hash: s.cfg.Cipher.MAC([]byte(code)), Sealed: sealed})
	}
	return f, nil
}

// openBackupCode returns code number i of a backup-code factor.
func (s *core) openBackupCode(f *mfa.Factor, i int) (string, error) {
	code, err := s.cfg.Cipher.Open(f.BackupCodes[i].Sealed, backupCodeAAD(f.UserID, f.ID))
	if err != nil {
		return "", fmt.Errorf("open backup code: %w", err)
	}
	return string(code), nil
}
