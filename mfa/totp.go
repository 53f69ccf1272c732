package mfa

import (
	"bytes"
	"crypto/subtle"
	"encoding/base32"
	"encoding/base64"
	"fmt"
	"image/png"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/qr"
	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"
)

// TOTPPeriod is the RFC 6238 time step: 30 seconds, the authenticator-app
// default that Logto (otplib) uses too.
const TOTPPeriod = 30 * time.Second

// TOTPSecretBytes is the size of a generated TOTP key: 20 bytes (160 bits),
// the HMAC-SHA1 block-sized key RFC 4226 recommends.
const TOTPSecretBytes = 20

// TOTPQRCodeSize is the width and height, in pixels, of the QR code PNG.
const TOTPQRCodeSize = 256

// totpOpts are the code parameters every authenticator app assumes when an
// otpauth URI does not say otherwise; Logto's otplib defaults are the same.
var totpOpts = totp.ValidateOpts{
	Period:    uint(TOTPPeriod / time.Second),
	Digits:    otp.DigitsSix,
	Algorithm: otp.AlgorithmSHA1,
}

// totpSecretPattern is Logto's check (totp-validation.ts): upper-case
// RFC 4648 base32 in full 8-character groups, optionally followed by one
// final group with the padding a byte count produces (2, 4, 5 or 7 data
// characters).
var totpSecretPattern = regexp.MustCompile(`^(?:[2-7A-Z]{8})*(?:[2-7A-Z]{2}={6}|[2-7A-Z]{4}={4}|[2-7A-Z]{5}={3}|[2-7A-Z]{7}=)?$`)

var base32NoPadding = base32.StdEncoding.WithPadding(base32.NoPadding)

// GenerateTOTPSecret returns a new TOTP key read from r: TOTPSecretBytes
// random bytes as upper-case base32 without padding (32 characters), the
// form POST .../totp-secret/generate answers.
func GenerateTOTPSecret(r io.Reader) (string, error) {
	b := make([]byte, TOTPSecretBytes)
	if _, err := io.ReadFull(r, b); err != nil {
		return "", fmt.Errorf("read TOTP secret: %w", err)
	}
	return base32NoPadding.EncodeToString(b), nil
}

// ValidTOTPSecret reports whether s is a TOTP key a user may bind: 16 to 32 characters (padding included) of upper-case base32, in
// full 8-character groups with at most one correctly padded final group.
// Lower case is refused, as in Logto, although the code math would accept
// it: the key is stored as given, so one spelling keeps comparisons simple.
func ValidTOTPSecret(s string) bool {
	return len(s) >= 16 && len(s) <= 32 && totpSecretPattern.MatchString(s)
}

// TOTPStep is the RFC 6238 time step of t: the number of whole periods
// since the Unix epoch. Steps order codes in time, so the store can refuse
// a code whose step is not later than the last one used.
func TOTPStep(t time.Time) int64 {
	s := t.Unix()
	p := int64(TOTPPeriod / time.Second)
	if s < 0 && s%p != 0 {
		return s/p - 1 // floor, not truncation, before the epoch
	}
	return s / p
}

// MatchTOTP checks code against secret at time now, with the window of one
// step either side that Logto allows for clock drift: the steps
// now-1, now and now+1. It returns the step the code belongs to, which the
// caller stores (Store.AdvanceTOTPStep) so the same code cannot be used
// twice; MatchTOTP itself knows nothing of earlier uses.
//
// Every candidate is computed and compared in constant time, whatever the
// earlier comparisons gave, so the answer's timing says nothing about which
// step matched. Should two steps of the window share a code (about one
// chance in a million), the later step is returned: recording the later
// step can only make a replay of that code fail, never succeed.
//
// A code that is not exactly six ASCII digits, or a secret that is not
// base32, never matches; nor does an empty (or blank) secret, which the
// code library would take as a key of no bytes, whose codes anyone can
// compute.
func MatchTOTP(secret, code string, now time.Time) (step int64, ok bool) {
	if !sixDigits(code) || strings.TrimSpace(secret) == "" {
		return 0, false
	}
	current := TOTPStep(now)
	p := int64(TOTPPeriod / time.Second)
	for _, s := range [...]int64{current - 1, current, current + 1} {
		if s < 0 {
			continue
		}
		want, err := totp.GenerateCodeCustom(secret, time.Unix(s*p, 0), totpOpts)
		if err != nil {
			return 0, false // the secret does not decode: no step can match
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 {
			step, ok = s, true
		}
	}
	return step, ok
}

func sixDigits(code string) bool {
	if len(code) != 6 {
		return false
	}
	for i := 0; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' {
			return false
		}
	}
	return true
}

// TOTPURI returns the otpauth:// key URI an authenticator app scans
// (Google Authenticator's Key Uri Format): label "issuer:account", and the
// secret, issuer and code parameters spelled out so that no app has to
// guess its defaults. Issuer and account are percent-encoded, a space as
// %20 and a '+' as %2B, since apps disagree on what a bare '+' means; a ':'
// inside either is encoded too, as it would otherwise split the label. An
// empty issuer leaves the label as the account name alone.
func TOTPURI(secret, issuer, accountName string) string {
	label := escapeLabel(accountName)
	if issuer != "" {
		label = escapeLabel(issuer) + ":" + label
	}
	q := []string{"secret=" + escapeQuery(secret)}
	if issuer != "" {
		q = append(q, "issuer="+escapeQuery(issuer))
	}
	q = append(q, "algorithm=SHA1", "digits=6", fmt.Sprintf("period=%d", int(TOTPPeriod/time.Second)))
	return "otpauth://totp/" + label + "?" + strings.Join(q, "&")
}

// labelEscaper also encodes what PathEscape leaves alone but some apps
// read otherwise: ':' splits the label, and '+' may be taken for a space.
var labelEscaper = strings.NewReplacer(":", "%3A", "+", "%2B")

func escapeLabel(s string) string {
	return labelEscaper.Replace(url.PathEscape(s))
}

func escapeQuery(s string) string {
	// QueryEscape writes a literal '+' as %2B, so every '+' left is a space.
	return strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
}

// TOTPQRCodeDataURL draws uri as a QR code, a TOTPQRCodeSize-pixel square
// PNG, and returns it as a data: URL that a page can put straight into an
// <img src>. Error correction level M keeps a typical key URI small enough
// to scale cleanly.
func TOTPQRCodeDataURL(uri string) (string, error) {
	code, err := qr.Encode(uri, qr.M, qr.Auto)
	if err != nil {
		return "", fmt.Errorf("encode QR code: %w", err)
	}
	code, err = barcode.Scale(code, TOTPQRCodeSize, TOTPQRCodeSize)
	if err != nil {
		return "", fmt.Errorf("scale QR code: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, code); err != nil {
		return "", fmt.Errorf("encode PNG: %w", err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes()), nil
}
