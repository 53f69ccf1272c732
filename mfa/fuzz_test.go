package mfa_test

import (
	"strings"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount/mfa"
)

// Issue 9: what users type as TOTP secrets, TOTP codes and backup codes is
// taken without panicking, and a normalized backup code stays as it is.

func FuzzTOTP(f *testing.F) {
	for _, s := range [][2]string{
		{"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "123456"}, {"JBSWY3DPEHPK3PXP", "000000"}, {"", ""},
		{"jbswy3dpehpk3pxp", "12345"}, {"JBSWY3DP========", "1234567"}, {"JBSWY3DPEHPK3PX=", "abcdef"}, {"\x00", "\xff"},
	} {
		f.Add(s[0], s[1], int64(1_700_000_000))
	}
	f.Fuzz(func(t *testing.T, secret, code string, unix int64) {
		now := time.Unix(unix%(1<<40), 0)
		valid := mfa.ValidTOTPSecret(secret)
		step, ok := mfa.MatchTOTP(secret, code, now)
		if ok && !valid {
			t.Errorf("MatchTOTP accepted a code for the invalid secret %q", secret)
		}
		if ok && (step < mfa.TOTPStep(now)-1 || step > mfa.TOTPStep(now)+1) {
			t.Errorf("MatchTOTP matched step %d, %d steps from now", step, step-mfa.TOTPStep(now))
		}
		if valid {
			_ = mfa.TOTPURI(secret, "issuer:"+code, code)
		}
	})
}

func FuzzBackupCodes(f *testing.F) {
	for _, s := range []string{"", "abcd-1234", " ABCD1234\n", "0123456789", strings.Repeat("a", 100), "ünï", "\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		n := mfa.NormalizeBackupCode(code)
		if mfa.NormalizeBackupCode(n) != n {
			t.Errorf("NormalizeBackupCode is not stable on %q", code)
		}
		codes := []string{code, n}
		_ = mfa.ValidBackupCodes(codes)
		_ = mfa.ValidBackupCodes(strings.Split(code, ","))
	})
}
