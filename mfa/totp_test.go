package mfa_test

import (
	"bytes"
	"crypto/rand"
	"encoding/base32"
	"encoding/base64"
	"image"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/pquerna/otp"

	"github.com/myaccount-go/myaccount/mfa"
)

const oathtoolPath = "/usr/bin/oathtool"

// oathtool asks OATH Toolkit, an independent RFC 6238 implementation, for
// the code of secret at t.
func oathtool(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	if _, err := os.Stat(oathtoolPath); err != nil {
		t.Skipf("%s not installed (Debian package oathtool; CI installs it)", oathtoolPath)
	}
	out, err := exec.Command(oathtoolPath, "--totp", "-b", secret, "--now", at.UTC().Format("2006-01-02 15:04:05 UTC")).Output()
	if err != nil {
		t.Fatalf("oathtool %s at %v: %v", secret, at, err)
	}
	return strings.TrimSpace(string(out))
}

func TestGenerateTOTPSecret(t *testing.T) {
	t.Parallel()
	t.Run("32 base32 characters of 20 bytes", func(t *testing.T) {
		for range 20 {
			s, err := mfa.GenerateTOTPSecret(rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			if len(s) != 32 || !mfa.ValidTOTPSecret(s) {
				t.Fatalf("secret %q: want 32 valid characters", s)
			}
			b, err := base32.StdEncoding.DecodeString(s)
			if err != nil || len(b) != 20 {
				t.Fatalf("secret %q decodes to %d bytes, %v", s, len(b), err)
			}
		}
	})
	t.Run("reads its bytes from the given source", func(t *testing.T) {
		s, err := mfa.GenerateTOTPSecret(bytes.NewReader(make([]byte, 20)))
		if err != nil || s != strings.Repeat("A", 32) {
			t.Fatalf("got %q, %v; want 32 A", s, err)
		}
	})
	t.Run("short source", func(t *testing.T) {
		if _, err := mfa.GenerateTOTPSecret(bytes.NewReader(make([]byte, 19))); err == nil {
			t.Fatal("want an error")
		}
		if _, err := mfa.GenerateTOTPSecret(iotest.ErrReader(os.ErrClosed)); err == nil {
			t.Fatal("want an error")
		}
	})
}

func TestValidTOTPSecret(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name   string
		secret string
		want   bool
	}{
		{"16 characters (Logto's test secret)", "JBSWY3DPEHPK3PXP", true},
		{"24 characters", "JBSWY3DPEHPK3PXPJBSWY3DP", true},
		{"32 characters", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", true},
		{"final group padded after 2 characters", "JBSWY3DPEHPK3PXPAB======", true},
		{"final group padded after 4 characters", "JBSWY3DPEHPK3PXPABCD====", true},
		{"final group padded after 5 characters", "JBSWY3DPEHPK3PXPABCDE===", true},
		{"final group padded after 7 characters", "JBSWY3DPEHPK3PXPABCDEFG=", true},
		{"32 characters, the last group padded", "JBSWY3DPEHPK3PXPJBSWY3DPAB======", true},
		{"lower case", "jbswy3dpehpk3pxp", false},
		{"mixed case", "JBSWY3DPEHPK3PXp", false},
		{"empty", "", false},
		{"8 characters: too short", "JBSWY3DP", false},
		{"15 characters", "JBSWY3DPEHPK3PX", false},
		{"not a whole group (17)", "JBSWY3DPEHPK3PXPA", false},
		{"not a whole group (20)", "JBSWY3DPEHPK3PXPABCD", false},
		{"40 characters: too long", strings.Repeat("JBSWY3DP", 5), false},
		{"padding after 1 character", "JBSWY3DPEHPK3PXPA=======", false},
		{"padding after 3 characters", "JBSWY3DPEHPK3PXPABC=====", false},
		{"padding after 6 characters", "JBSWY3DPEHPK3PXPABCDEF==", false},
		{"padding in the middle", "JBSWY3D=EHPK3PXP", false},
		{"short padding", "JBSWY3DPEHPK3PXPAB=", false},
		{"digit 1 (not base32)", "JBSWY3DPEHPK3PX1", false},
		{"digit 8 (not base32)", "JBSWY3DPEHPK3PX8", false},
		{"digit 0 (not base32)", "JBSWY3DPEHPK3PX0", false},
		{"spaces", "JBSW Y3DP EHPK 3PXP", false},
		{"Logto's invalid example", "invalid-totp-secret", false},
		{"trailing newline", "JBSWY3DPEHPK3PXP\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := mfa.ValidTOTPSecret(tc.secret); got != tc.want {
				t.Fatalf("ValidTOTPSecret(%q) = %v, want %v", tc.secret, got, tc.want)
			}
		})
	}
}

func TestTOTPStep(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		at   time.Time
		want int64
	}{
		{time.Unix(0, 0), 0},
		{time.Unix(29, 999_999_999), 0},
		{time.Unix(30, 0), 1},
		{time.UnixMilli(1_695_010_563_617), 56_500_352}, // Logto's getTotpTokenTimeStep test
		{time.Unix(-1, 0), -1},
		{time.Unix(-30, 0), -1},
		{time.Unix(-31, 0), -2},
	} {
		if got := mfa.TOTPStep(tc.at); got != tc.want {
			t.Errorf("TOTPStep(%v) = %d, want %d", tc.at.Unix(), got, tc.want)
		}
	}
}

func TestMatchTOTP(t *testing.T) {
	t.Parallel()
	t.Run("Logto's vector", func(t *testing.T) {
		at := time.UnixMilli(1_695_010_563_617)
		step, ok := mfa.MatchTOTP("JBSWY3DPEHPK3PXP", "971144", at)
		if !ok || step != 56_500_352 {
			t.Fatalf("got step %d, %v; want 56500352, true", step, ok)
		}
		if _, ok := mfa.MatchTOTP("JBSWY3DPEHPK3PXP", "123456", at); ok {
			t.Fatal("123456 matched")
		}
	})

	secrets := []string{
		"JBSWY3DPEHPK3PXP",
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
		"JBSWY3DPEHPK3PXPJBSWY3DPAB======",
	}
	if s, err := mfa.GenerateTOTPSecret(rand.Reader); err == nil {
		secrets = append(secrets, s)
	}
	times := []time.Time{
		time.Date(2026, 8, 21, 12, 0, 0, 0, time.UTC),  // first second of a step
		time.Date(2026, 8, 21, 12, 0, 29, 0, time.UTC), // last second of a step
		time.Date(2031, 1, 2, 3, 4, 17, 0, time.UTC),
		time.UnixMilli(1_695_010_563_617),
	}
	for _, secret := range secrets {
		for _, at := range times {
			t.Run("oathtool/"+secret+"/"+at.Format(time.RFC3339), func(t *testing.T) {
				t.Parallel()
				code := oathtool(t, secret, at)
				want := mfa.TOTPStep(at)
				for _, d := range []time.Duration{-mfa.TOTPPeriod, 0, mfa.TOTPPeriod} {
					step, ok := mfa.MatchTOTP(secret, code, at.Add(d))
					if !ok || step != want {
						t.Errorf("checked %v later: got step %d, %v; want %d, true", d, step, ok, want)
					}
				}
				for _, d := range []time.Duration{-2 * mfa.TOTPPeriod, 2 * mfa.TOTPPeriod, 10 * mfa.TOTPPeriod} {
					if step, ok := mfa.MatchTOTP(secret, code, at.Add(d)); ok {
						t.Errorf("checked %v later: matched step %d", d, step)
					}
				}
			})
		}
	}

	t.Run("codes that are not six ASCII digits", func(t *testing.T) {
		at := time.UnixMilli(1_695_010_563_617)
		for _, code := range []string{"", "97114", "9711440", " 971144", "971144 ", "97114a", "９７１１４４", "971-144"} {
			if _, ok := mfa.MatchTOTP("JBSWY3DPEHPK3PXP", code, at); ok {
				t.Errorf("code %q matched", code)
			}
		}
	})
	t.Run("a secret that is not base32", func(t *testing.T) {
		if _, ok := mfa.MatchTOTP("not base32!", "971144", time.UnixMilli(1_695_010_563_617)); ok {
			t.Fatal("matched")
		}
	})
}

func TestTOTPURI(t *testing.T) {
	t.Parallel()
	const secret = "JBSWY3DPEHPK3PXP"
	t.Run("otp parses it back", func(t *testing.T) {
		uri := mfa.TOTPURI(secret, "Acme Corp", "jane+doe@example.com")
		k, err := otp.NewKeyFromURL(uri)
		if err != nil {
			t.Fatal(err)
		}
		if k.Type() != "totp" || k.Issuer() != "Acme Corp" || k.AccountName() != "jane+doe@example.com" ||
			k.Secret() != secret || k.Period() != 30 || k.Digits() != otp.DigitsSix || k.Algorithm() != otp.AlgorithmSHA1 {
			t.Fatalf("%s parsed as type %s issuer %q account %q secret %q period %d digits %d algorithm %v",
				uri, k.Type(), k.Issuer(), k.AccountName(), k.Secret(), k.Period(), k.Digits(), k.Algorithm())
		}
		if strings.Contains(uri, "+") {
			t.Errorf("%s: a '+' in the URI; spaces should be %%20 and a plus %%2B", uri)
		}
	})
	t.Run("escaping", func(t *testing.T) {
		for _, tc := range []struct{ issuer, account string }{
			{"Acme: EU", "a:b c"},
			{"a&b=c?d#e/f", "100%/+?&#"},
			{"アクメ", "用户"},
		} {
			uri := mfa.TOTPURI(secret, tc.issuer, tc.account)
			u, err := url.Parse(uri)
			if err != nil {
				t.Fatalf("%s: %v", uri, err)
			}
			issuer, account, found := strings.Cut(strings.TrimPrefix(u.EscapedPath(), "/"), ":")
			if !found {
				t.Fatalf("%s: no issuer:account label", uri)
			}
			if got, _ := url.PathUnescape(issuer); got != tc.issuer {
				t.Errorf("%s: label issuer %q, want %q", uri, got, tc.issuer)
			}
			if got, _ := url.PathUnescape(account); got != tc.account {
				t.Errorf("%s: label account %q, want %q", uri, got, tc.account)
			}
			q := u.Query()
			if q.Get("issuer") != tc.issuer || q.Get("secret") != secret || q.Get("algorithm") != "SHA1" ||
				q.Get("digits") != "6" || q.Get("period") != "30" || len(q) != 5 {
				t.Errorf("%s: query %v", uri, q)
			}
		}
	})
	t.Run("no issuer", func(t *testing.T) {
		uri := mfa.TOTPURI(secret, "", "jane")
		want := "otpauth://totp/jane?secret=JBSWY3DPEHPK3PXP&algorithm=SHA1&digits=6&period=30"
		if uri != want {
			t.Fatalf("got %s, want %s", uri, want)
		}
	})
}

func TestTOTPQRCodeDataURL(t *testing.T) {
	t.Parallel()
	uri := mfa.TOTPURI("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "Acme Corp", "jane.doe@example.com")
	data, err := mfa.TOTPQRCodeDataURL(uri)
	if err != nil {
		t.Fatal(err)
	}
	b64, ok := strings.CutPrefix(data, "data:image/png;base64,")
	if !ok {
		t.Fatalf("not a PNG data URL: %.40s", data)
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		t.Fatal(err)
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(raw))
	if err != nil || format != "png" {
		t.Fatalf("format %q, %v", format, err)
	}
	if cfg.Width != mfa.TOTPQRCodeSize || cfg.Height != mfa.TOTPQRCodeSize || mfa.TOTPQRCodeSize != 256 {
		t.Fatalf("size %dx%d, want 256x256", cfg.Width, cfg.Height)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	// A QR code has both dark and light modules; the top-left pixel is in
	// the dark border of a finder pattern once scaled.
	dark, light := 0, 0
	for y := 0; y < 256; y += 4 {
		for x := 0; x < 256; x += 4 {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
				dark++
			} else {
				light++
			}
		}
	}
	if dark == 0 || light == 0 {
		t.Fatalf("%d dark and %d light samples: not a QR code", dark, light)
	}
}
