package account

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/idna"
	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// The bounds of an address, in bytes of its normal form (RFC 5321
// §4.5.3.1: a path of 256 octets holds the address and its brackets).
const (
	MaxEmailLength      = 254
	MaxEmailLocalLength = 64
	maxEmailDomainBytes = 253
	maxDomainLabelBytes = 63
	// maxEmailInput bounds what is parsed at all, before IDNA runs.
	maxEmailInput = 1024
)

// EmailSyntax says which email addresses are accepted, wherever an address
// enters: a code send, a code check, the primary email, the administrator's
// routes and the sign-in lookup all read an address through it.
//
// The zero value is the default: the local part is ASCII only. A local
// part in another script is refused because it opens look-alike addresses
// ("ａlice" in fullwidth letters, "K" as the Kelvin sign) that mail
// systems treat as other mailboxes while people read them as the same one,
// and because delivering to one needs SMTPUTF8 all the way to the
// recipient. Domains in any script are accepted and converted to their
// ASCII (IDNA) form, which maps such look-alikes onto the domain they
// imitate.
type EmailSyntax struct {
	// UnicodeLocalPart accepts local parts that hold letters, marks and
	// digits of any script (RFC 6531). Their uniqueness key (EmailKey) is
	// NFKC case-folded, so look-alikes that fold together (fullwidth
	// letters, the Kelvin sign, ligatures) are one address for uniqueness
	// and the send limits; a local part that reads as something else once
	// folded (a fullwidth "＠" or "＜") is refused. The address delivered
	// to stays as typed.
	UnicodeLocalPart bool
}

// NormalizeEmail is EmailSyntax{}.Normalize: ASCII local parts only.
func NormalizeEmail(s string) (string, error) { return EmailSyntax{}.Normalize(s) }

// Normalize returns the one form of an email address that every rule sees
// and that mail is delivered to, or an error wrapping ErrInvalidEmail.
//
// It accepts exactly one RFC 5322 addr-spec whose local part is a
// dot-atom: no display name, no angle brackets, no comment "(...)", no
// quoted local part, no white space or control character, no empty, leading
// or trailing dot in the local part. The domain is a host name of at least
// two labels, without a trailing dot or an empty label and not an IP
// literal ("[192.0.2.1]") or a dotted number ("192.0.2.1"). Each of those
// forms makes the address that is checked differ from the one a mail
// system delivers to ("victim@example.com(1)" reaches victim@example.com;
// "x@company.com@"@evil.com reaches evil.com).
//
// The domain is lowercased and converted to ASCII by IDNA's lookup profile
// (UTS #46), so "Bücher.example" becomes "xn--bcher-kva.example" and a
// fullwidth "ｅxample.com" becomes "example.com". The local part keeps its
// case: mail systems may tell case apart there, and EmailKey, not the
// address, ignores it. Normalize is idempotent.
func (x EmailSyntax) Normalize(s string) (string, error) {
	if len(s) > maxEmailInput || !utf8.ValidString(s) {
		return "", fmt.Errorf("%w: too long or not UTF-8", ErrInvalidEmail)
	}
	if strings.ContainsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) {
		return "", fmt.Errorf("%w: white space or a control character", ErrInvalidEmail)
	}
	local, domain, ok := strings.Cut(s, "@")
	if !ok || strings.Contains(domain, "@") {
		return "", fmt.Errorf("%w: not exactly one @", ErrInvalidEmail)
	}
	if err := x.checkLocal(local); err != nil {
		return "", err
	}
	ascii, err := asciiDomain(domain)
	if err != nil {
		return "", err
	}
	addr := local + "@" + ascii
	if len(addr) > MaxEmailLength {
		return "", fmt.Errorf("%w: longer than %d bytes", ErrInvalidEmail, MaxEmailLength)
	}
	return addr, nil
}

// checkLocal accepts a dot-atom of at most MaxEmailLocalLength bytes.
func (x EmailSyntax) checkLocal(local string) error {
	if len(local) > MaxEmailLocalLength {
		return fmt.Errorf("%w: local part longer than %d bytes", ErrInvalidEmail, MaxEmailLocalLength)
	}
	if !isDotAtom(local, x.UnicodeLocalPart) {
		return fmt.Errorf("%w: local part is not a dot-atom", ErrInvalidEmail)
	}
	// A Unicode local part must stay a dot-atom once folded: "a＠b" folds
	// to "a@b".
	if x.UnicodeLocalPart && !isASCII(local) && !isDotAtom(foldKey(local), true) {
		return fmt.Errorf("%w: local part folds to another shape", ErrInvalidEmail)
	}
	return nil
}

// isDotAtom: atoms of atext (RFC 5322 §3.2.3) joined by single dots; with
// unicode, letters, marks and digits outside ASCII count as atext too.
func isDotAtom(s string, unicodeText bool) bool {
	if s == "" {
		return false
	}
	for _, atom := range strings.Split(s, ".") {
		if atom == "" {
			return false
		}
		for _, r := range atom {
			if r < utf8.RuneSelf {
				if !isAtext(byte(r)) {
					return false
				}
				continue
			}
			if !unicodeText || !unicode.In(r, unicode.L, unicode.M, unicode.N) {
				return false
			}
		}
	}
	return true
}

// isAtext is RFC 5322's atext: letters, digits and !#$%&'*+-/=?^_`{|}~.
func isAtext(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0
}

// asciiDomain converts a domain to its lowercase ASCII form and checks it
// is a host name: labels of letters, digits and inner hyphens of 1 to 63
// bytes, 253 bytes in all, at least two labels, the last not all digits.
// The checks run on the converted form, because IDNA maps some characters
// to dots ("。") or to nothing.
func asciiDomain(domain string) (string, error) {
	if strings.HasPrefix(domain, "[") {
		return "", fmt.Errorf("%w: an IP-literal domain", ErrInvalidEmail)
	}
	ascii, err := idna.Lookup.ToASCII(strings.ToLower(domain))
	if err != nil {
		return "", fmt.Errorf("%w: domain: %w", ErrInvalidEmail, err)
	}
	ascii = strings.ToLower(ascii)
	if len(ascii) > maxEmailDomainBytes {
		return "", fmt.Errorf("%w: domain longer than %d bytes", ErrInvalidEmail, maxEmailDomainBytes)
	}
	labels := strings.Split(ascii, ".")
	if len(labels) < 2 {
		return "", fmt.Errorf("%w: domain has one label", ErrInvalidEmail)
	}
	for _, l := range labels {
		if !isHostLabel(l) {
			return "", fmt.Errorf("%w: domain has an empty or invalid label", ErrInvalidEmail)
		}
	}
	if strings.Trim(labels[len(labels)-1], "0123456789") == "" {
		return "", fmt.Errorf("%w: domain is a number", ErrInvalidEmail)
	}
	return ascii, nil
}

// isHostLabel: 1 to 63 lowercase letters, digits and hyphens, no hyphen
// first or last.
func isHostLabel(l string) bool {
	if l == "" || len(l) > maxDomainLabelBytes || l[0] == '-' || l[len(l)-1] == '-' {
		return false
	}
	for i := 0; i < len(l); i++ {
		c := l[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// foldKey is the compatibility caseless form of s (Unicode D146, ending in
// NFKC): fullwidth letters become ASCII, the Kelvin sign becomes "k", "ß"
// becomes "ss".
func foldKey(s string) string {
	fold := cases.Fold()
	s = fold.String(norm.NFD.String(s))
	s = fold.String(norm.NFKD.String(s))
	return norm.NFKC.String(s)
}
