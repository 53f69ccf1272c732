package mfa_test

import (
	"encoding/base32"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/myaccount-go/myaccount/mfa"
)

// Issue 9: what users type as TOTP secrets, TOTP codes and backup codes is
// taken without panicking, and a normalized backup code stays as it is.

// FuzzTOTP: any secret and code are checked without panicking; a code
// matches only for a base32 key and only within one step of now, and a
// valid secret's own current code (as any authenticator app computes it)
// always matches. A key ValidTOTPSecret refuses may still match (lower
// case, fewer than 16 characters: the seed lower-case-secret): MatchTOTP
// checks codes, and every secret it is given was checked when it was
// bound.
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
		if ok && !base32Key(secret) {
			t.Errorf("MatchTOTP accepted a code for %q, which is no base32 key", secret)
		}
		if ok && (step < mfa.TOTPStep(now)-1 || step > mfa.TOTPStep(now)+1) {
			t.Errorf("MatchTOTP matched step %d, %d steps from now", step, step-mfa.TOTPStep(now))
		}
		if !valid {
			return
		}
		_ = mfa.TOTPURI(secret, "issuer:"+code, code)
		if now.Unix() < 30 {
			return // no step before the epoch's first
		}
		own, err := totp.GenerateCodeCustom(secret, now, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
		if err != nil {
			t.Fatalf("a valid secret %q does not make codes: %v", secret, err)
		}
		if step, ok := mfa.MatchTOTP(secret, own, now); !ok || step < mfa.TOTPStep(now) {
			t.Errorf("the current code %s of %q: step %d, %v; want step %d", own, secret, step, ok, mfa.TOTPStep(now))
		}
	})
}

// base32Key reports whether s is a key an authenticator app reads: base32
// once trimmed, upper-cased and padded, and not empty.
func base32Key(s string) bool {
	s = strings.ToUpper(strings.TrimSpace(s))
	if n := len(s) % 8; n != 0 {
		s += strings.Repeat("=", 8-n)
	}
	b, err := base32.StdEncoding.DecodeString(s)
	return err == nil && len(b) > 0
}

// FuzzBackupCodes: normalizing is stable, a code of the right shape keeps
// it when normalized (what is stored still looks like a code), and a set
// is valid only as ten such codes.
func FuzzBackupCodes(f *testing.F) {
	for _, s := range []string{"", "abcd-1234", " ABCD1234\n", "0123456789", strings.Repeat("a", 100), "ünï", "\x00", "ABCDEF0123", "\u00a0abcdef0123\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, code string) {
		n := mfa.NormalizeBackupCode(code)
		if mfa.NormalizeBackupCode(n) != n {
			t.Errorf("NormalizeBackupCode is not stable on %q", code)
		}
		// c and nine other codes.
		ten := func(c string) []string {
			return []string{c, "000000000a", "000000000b", "000000000c", "000000000d", "000000000e", "000000000f", "00000000a0", "00000000b0", "00000000c0"}
		}
		if mfa.ValidBackupCodes(ten(code)) && !mfa.ValidBackupCodes(ten(n)) {
			t.Errorf("%q is a backup code, but its normal form %q is not", code, n)
		}
		if mfa.ValidBackupCodes([]string{code, n}) {
			t.Errorf("two codes made a valid set")
		}
		_ = mfa.ValidBackupCodes(strings.Split(code, ","))
	})
}
