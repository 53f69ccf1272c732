package account

import (
	"context"
	"fmt"
	"strings"
	"unicode"
)

// CodeDisposableEmailValidationFailed answers a DisposableChecker that could
// not give an answer (500), as Logto does.
const CodeDisposableEmailValidationFailed Code = "session.email_blocklist.disposable_email_validation_failed"

// DisposableChecker tells whether an email address belongs to a disposable
// mail service. Logto asks a cloud function; here the app plugs in its own
// (a domain list, a service), and nothing is asked when it is nil.
type DisposableChecker interface {
	Disposable(ctx context.Context, email string) (bool, error)
}

// EmailPolicy is the email blocklist policy (Logto's
// packages/core/src/libraries/sign-in-experience/email-blocklist-policy.ts and
// packages/toolkit/core-kit/src/email-blocklist.ts). It applies when a code
// is sent to a new email and when a primary email is set.
//
// An entry of CustomBlocklist or CustomAllowlist is a full address
// ("foo@example.com") or a domain ("@example.com"), where "*" stands for any
// run of characters ("foo*@example.com", "@*.example.com"). Matching
// ignores case; gmail.com and googlemail.com are one domain, and dots in a
// Gmail local part are ignored, as Gmail does. Validate checks the entries'
// shape.
type EmailPolicy struct {
	// BlockSubaddressing rejects a local part holding "+" ("me+tag@x.com").
	BlockSubaddressing bool
	// CustomBlocklist rejects the addresses any entry matches.
	CustomBlocklist []string
	// CustomAllowlist, when not empty, rejects the addresses no entry
	// matches. The blocklist still applies to those it lets through.
	CustomAllowlist []string
	// Disposable, when set, rejects what it reports as disposable.
	Disposable DisposableChecker
}

// Check returns why email may not be used, or nil. The checks run in Logto's order and the first failure decides:
//  1. no domain after "@": 400 session.email_blocklist.invalid_email;
//  2. BlockSubaddressing and a "+" in the local part: 422
//     session.email_blocklist.email_subaddressing_not_allowed;
//  3. a non-empty CustomAllowlist without a match: 422
//     session.email_blocklist.email_not_allowed;
//  4. a CustomBlocklist match: the same 422;
//  5. Disposable says so: the same 422 (its failure: 500
//     CodeDisposableEmailValidationFailed).
//
// The email_not_allowed errors carry {"email": email} for the message.
//
// email must be the address in its one form (EmailSyntax.Normalize), the
// form mail is delivered to: Check reads it as Logto does, up to its first
// "@", so on a raw `"x@company.com@"@evil.com` it would check company.com
// while mail goes to evil.com. The Service only ever passes the normal form.
func (p EmailPolicy) Check(ctx context.Context, email string) *Error {
	local, domain := splitEmail(email)
	if domain == "" {
		return NewError(400, CodeInvalidEmail)
	}
	if p.BlockSubaddressing && strings.Contains(local, "+") {
		return NewError(422, CodeEmailSubaddressingNotAllowed)
	}
	notAllowed := NewError(422, CodeEmailNotAllowed).WithData(map[string]any{"email": email})
	if len(p.CustomAllowlist) > 0 && !matchesAnyEmailItem(p.CustomAllowlist, email) {
		return notAllowed
	}
	if matchesAnyEmailItem(p.CustomBlocklist, email) {
		return notAllowed
	}
	if p.Disposable != nil {
		disposable, err := p.Disposable.Disposable(ctx, email)
		if err != nil {
			return NewError(500, CodeDisposableEmailValidationFailed)
		}
		if disposable {
			return notAllowed
		}
	}
	return nil
}

// Validate reports the entries of CustomBlocklist and CustomAllowlist that
// are neither an address nor an "@domain" (with or without "*"), the entries
// Logto refuses when the policy is saved.
func (p EmailPolicy) Validate() error {
	var bad []string
	for _, list := range [][]string{p.CustomBlocklist, p.CustomAllowlist} {
		for _, item := range list {
			if !isEmailListItem(item) {
				bad = append(bad, item)
			}
		}
	}
	if len(bad) > 0 {
		return fmt.Errorf("myaccount: email policy entries are neither an address nor @domain: %q", bad)
	}
	return nil
}

// splitEmail returns the local part (before the first "@") and the domain
// (between the first and any second "@"), as Logto's email.split('@') does.
func splitEmail(email string) (local, domain string) {
	local, rest, _ := strings.Cut(email, "@")
	domain, _, _ = strings.Cut(rest, "@")
	return local, domain
}

var gmailDomains = []string{"gmail.com", "googlemail.com"}

func isGmail(domain string) bool { return domain == gmailDomains[0] || domain == gmailDomains[1] }

func matchesAnyEmailItem(items []string, email string) bool {
	for _, item := range items {
		if matchesEmailItem(item, email) {
			return true
		}
	}
	return false
}

// matchesEmailItem tells whether email matches one list entry, ignoring
// case. A domain entry matches the domain alone; an address entry the whole
// address. For a Gmail address, the entry and the address lose the dots of
// their local parts and the address is tried under both Gmail domains.
func matchesEmailItem(item, email string) bool {
	item, email = strings.ToLower(item), strings.ToLower(email)
	_, domain := splitEmail(email)
	if pattern, ok := strings.CutPrefix(item, "@"); ok {
		if domain == "" {
			return false
		}
		if isGmail(domain) {
			return wildcardMatch(pattern, gmailDomains[0]) || wildcardMatch(pattern, gmailDomains[1])
		}
		return wildcardMatch(pattern, domain)
	}
	if domain == "" || !isGmail(domain) {
		return wildcardMatch(item, email)
	}
	item = removeLocalDots(item)
	local, _, _ := strings.Cut(removeLocalDots(email), "@")
	for _, d := range gmailDomains {
		if wildcardMatch(item, local+"@"+d) {
			return true
		}
	}
	return false
}

// removeLocalDots drops the dots before the first "@".
func removeLocalDots(s string) string {
	i := strings.IndexByte(s, '@')
	if i < 0 {
		return s
	}
	return strings.ReplaceAll(s[:i], ".", "") + s[i:]
}

// wildcardMatch tells whether s matches pattern, where "*" stands for any
// run of characters and everything else for itself. It never backtracks:
// the text between stars must appear in order, and taking each piece at its
// leftmost place is always right when "*" is the only operator, so the cost
// is one left-to-right search (no regexp is built from the entry).
func wildcardMatch(pattern, s string) bool {
	pieces := strings.Split(pattern, "*")
	if len(pieces) == 1 {
		return pattern == s
	}
	first, last := pieces[0], pieces[len(pieces)-1]
	if len(s) < len(first)+len(last) || !strings.HasPrefix(s, first) || !strings.HasSuffix(s, last) {
		return false
	}
	middle := s[len(first) : len(s)-len(last)]
	for _, piece := range pieces[1 : len(pieces)-1] {
		i := strings.Index(middle, piece)
		if i < 0 {
			return false
		}
		middle = middle[i+len(piece):]
	}
	return true
}

// isEmailListItem is Logto's isEmailBlocklistItem: without "*", an address
// local@host.name or a domain @host.name (labels of letters, digits and
// inner hyphens); with "*", the same shapes more loosely, with no white
// space and a domain that is not only stars and dots.
func isEmailListItem(v string) bool {
	if !strings.Contains(v, "*") {
		local, host, ok := strings.Cut(v, "@")
		if !ok || !isHostname(host) {
			return false
		}
		return local == "" && strings.HasPrefix(v, "@") ||
			local != "" && !strings.ContainsFunc(local, isJSSpace)
	}
	if strings.ContainsFunc(v, isJSSpace) {
		return false
	}
	if domain, ok := strings.CutPrefix(v, "@"); ok {
		return isWildcardDomain(domain)
	}
	parts := strings.Split(v, "@")
	return len(parts) == 2 && parts[0] != "" && isWildcardDomain(parts[1])
}

// isHostname: at least two dot-separated labels, each of ASCII letters and
// digits with hyphens inside.
func isHostname(h string) bool {
	labels := strings.Split(h, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return true
}

func isWildcardDomain(d string) bool {
	return d != "" && strings.Contains(d, ".") && !strings.Contains(d, "@") &&
		!strings.Contains(d, "..") && !strings.HasPrefix(d, ".") && !strings.HasSuffix(d, ".") &&
		strings.Trim(d, "*.") != ""
}

// isJSSpace is JavaScript's \s: Unicode white space and the BOM, but not
// U+0085.
func isJSSpace(r rune) bool {
	return r == '\ufeff' || r != '\u0085' && unicode.IsSpace(r)
}
