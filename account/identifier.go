package account

import "strings"

// IdentifierKind names one kind of sign-in identifier a store keeps unique.
type IdentifierKind string

// The identifier kinds.
const (
	IdentifierUsername IdentifierKind = "username"
	IdentifierEmail    IdentifierKind = "email"
	IdentifierPhone    IdentifierKind = "phone"
	IdentifierSocial   IdentifierKind = "social"
)

// EmailKey is the form of an email address that is unique across users,
// and that the send limits count on: email uniqueness is case-insensitive.
// Give it an address in its normal form (EmailSyntax.Normalize).
// An ASCII address is lowercased, as it always was, so stored keys stay
// valid; an address with a Unicode local part (EmailSyntax.UnicodeLocalPart)
// is NFKC case-folded, so its look-alikes share its key. Empty stays empty.
func EmailKey(email string) string {
	if isASCII(email) {
		return strings.ToLower(email)
	}
	return foldKey(email)
}

// UsernameKey is the form of a username that is unique across users under
// the username policy's case rule. Empty stays empty.
//
// The key is written when the username is; changing the case rule of a
// running deployment does not rewrite existing keys.
func UsernameKey(username string, caseSensitive bool) string {
	if caseSensitive {
		return username
	}
	return strings.ToLower(username)
}
