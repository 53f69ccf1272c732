package mfa

import (
	"encoding/hex"
	"fmt"
	"io"
	"strings"
)

// BackupCodeCount is the number of codes in a backup-code set: generated
// and required on bind alike (spec §6.4).
const BackupCodeCount = 10

// backupCodeBytes random bytes make one code: 10 hex characters, 40 bits.
const backupCodeBytes = 5

// GenerateBackupCodes returns a new set of BackupCodeCount codes read from
// r, each 10 lower-case hex characters (spec §4.19). Codes are not checked
// for uniqueness, as in Logto: two equal codes in a set (one chance in about
// 2^34) still work, one use each.
func GenerateBackupCodes(r io.Reader) ([]string, error) {
	b := make([]byte, BackupCodeCount*backupCodeBytes)
	if _, err := io.ReadFull(r, b); err != nil {
		return nil, fmt.Errorf("read backup codes: %w", err)
	}
	codes := make([]string, BackupCodeCount)
	for i := range codes {
		codes[i] = hex.EncodeToString(b[i*backupCodeBytes : (i+1)*backupCodeBytes])
	}
	return codes, nil
}

// ValidBackupCodes reports whether codes is a set a user may bind (spec
// §6.4): exactly BackupCodeCount codes, each 10 hex characters of either
// case. Callers store NormalizeBackupCode of each, so a code typed later in
// another case still matches.
func ValidBackupCodes(codes []string) bool {
	if len(codes) != BackupCodeCount {
		return false
	}
	for _, c := range codes {
		if !backupCodeShape(c) {
			return false
		}
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
