package account

import "unicode/utf8"

// UsernamePolicy is the username policy, Logto's sign-in
// experience usernamePolicy (packages/toolkit/core-kit/src/username-policy.ts).
// Whatever it allows, a username is never empty, never starts with a digit
// and only holds ASCII letters, digits and underscores: that floor is Logto's
// too.
type UsernamePolicy struct {
	// CaseSensitive decides whether "Foo" and "foo" are different usernames
	// (see Key).
	CaseSensitive bool
	// MinLength and MaxLength count characters. Zero or less means no bound
	// (the floor still requires one character).
	MinLength int
	MaxLength int
	// The Allow fields say which characters a username may hold.
	AllowUppercase  bool
	AllowLowercase  bool
	AllowNumbers    bool
	AllowUnderscore bool
}

// DefaultUsernamePolicy returns Logto's default, which changes nothing
// beyond the floor: case-sensitive, 1 to 128 characters, every character
// class allowed.
func DefaultUsernamePolicy() UsernamePolicy {
	return UsernamePolicy{
		CaseSensitive:   true,
		MinLength:       1,
		MaxLength:       128,
		AllowUppercase:  true,
		AllowLowercase:  true,
		AllowNumbers:    true,
		AllowUnderscore: true,
	}
}

// The username violations, in the order Check looks for them.
const (
	UsernameRequired             = "required"
	UsernameStartsWithNumber     = "starts_with_number"
	UsernameInvalidCharsetHard   = "invalid_charset_hard"
	UsernameTooShort             = "too_short"
	UsernameTooLong              = "too_long"
	UsernameUppercaseNotAllowed  = "uppercase_not_allowed"
	UsernameLowercaseNotAllowed  = "lowercase_not_allowed"
	UsernameNumbersNotAllowed    = "numbers_not_allowed"
	UsernameUnderscoreNotAllowed = "underscore_not_allowed"
)

// Check returns the first violation of username as a 422
// user.username_<violation> error, or nil when the username is allowed: the
// floor first (required, starts_with_number, invalid_charset_hard), then the
// lengths, then the character classes (upper case, lower case, numbers,
// underscore).
func (p UsernamePolicy) Check(username string) *Error {
	if v := p.violation(username); v != "" {
		return NewError(422, UsernameViolationCode(v))
	}
	return nil
}

func (p UsernamePolicy) violation(username string) string {
	if username == "" {
		return UsernameRequired
	}
	if isASCIIDigit(username[0]) {
		return UsernameStartsWithNumber
	}
	var upper, lower, digit, underscore bool
	for i := 0; i < len(username); i++ {
		switch c := username[i]; {
		case c >= 'A' && c <= 'Z':
			upper = true
		case c >= 'a' && c <= 'z':
			lower = true
		case isASCIIDigit(c):
			digit = true
		case c == '_':
			underscore = true
		default:
			return UsernameInvalidCharsetHard
		}
	}
	// After the floor the username is ASCII, but count characters anyway:
	// the limits are in characters, not bytes.
	n := utf8.RuneCountInString(username)
	switch {
	case p.MinLength > 0 && n < p.MinLength:
		return UsernameTooShort
	case p.MaxLength > 0 && n > p.MaxLength:
		return UsernameTooLong
	case upper && !p.AllowUppercase:
		return UsernameUppercaseNotAllowed
	case lower && !p.AllowLowercase:
		return UsernameLowercaseNotAllowed
	case digit && !p.AllowNumbers:
		return UsernameNumbersNotAllowed
	case underscore && !p.AllowUnderscore:
		return UsernameUnderscoreNotAllowed
	}
	return ""
}

func isASCIIDigit(c byte) bool { return c >= '0' && c <= '9' }

// Key is the form of username that is unique across users under this
// policy's case rule; see UsernameKey.
func (p UsernamePolicy) Key(username string) string {
	return UsernameKey(username, p.CaseSensitive)
}
