package mfa

import (
	"encoding/hex"
	"fmt"
	"io"
	"slices"
	"strings"
)

// BackupCodeCount is the number of codes in a backup-code set: generated
// and required on bind alike.
const BackupCodeCount = 10

// backupCodeBytes random bytes make one code: 10 hex characters, 40 bits.
const backupCodeBytes = 5

// GenerateBackupCodes returns a new set of BackupCodeCount distinct codes
// read from r, each 10 lower-case hex characters. A code equal
// to one before it (one chance in about 2^34) is drawn again, so the set is
// one ValidBackupCodes accepts.
func GenerateBackupCodes(r io.Reader) ([]string, error) {
	b := make([]byte, BackupCodeCount*backupCodeBytes)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, fmt.Errorf("read backup codes: %w", err)
	}
	codes := make([]string, 0, BackupCodeCount)
	for len(codes) < BackupCodeCount {
		if len(b) == 0 {
			b = make([]byte, backupCodeBytes)
			if _, err := io.ReadFull(r, b); err != nil {
				return nil, fmt.Errorf("read backup codes: %w", err)
			}
		}
		code := hex.EncodeToString(b[:backupCodeBytes])
		b = b[backupCodeBytes:]
		if !slices.Contains(codes, code) {
			codes = append(codes, code)
		}
	}
	return codes, nil
}

// ValidBackupCodes reports whether codes is a set a user may bind: exactly BackupCodeCount codes, each 10 hex characters of either
// case, no two alike once normalized. Ten copies of one code would leave,
// in effect, one code that works ten times; Logto accepts them, we do not.
// Callers store NormalizeBackupCode of each, so a code typed later in
// another case still matches.
func ValidBackupCodes(codes []string) bool {
	if len(codes) != BackupCodeCount {
		return false
	}
	seen := make(map[string]bool, len(codes))
	for _, c := range codes {
		n := NormalizeBackupCode(c)
		if !backupCodeShape(c) || seen[n] {
			return false
		}
		seen[n] = true
	}
	return true
}

func backupCodeShape(c string) bool {
	if len(c) != 2*backupCodeBytes {
		return false
	}
	for i := 0; i < len(c); i++ {
		switch ch := c[i]; {
		case '0' <= ch && ch <= '9', 'a' <= ch && ch <= 'f', 'A' <= ch && ch <= 'F':
		default:
			return false
		}
	}
	return true
}

// NormalizeBackupCode is the form a backup code is stored, hashed and
// compared in: trimmed of surrounding white space and lower case, so a code
// copied with a trailing newline or typed in capitals still matches.
func NormalizeBackupCode(code string) string {
	return strings.ToLower(strings.TrimSpace(code))
}
