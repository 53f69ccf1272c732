package myaccount

import (
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/verification"
)

// This file is the one form of an identifier. An email address or a phone
// number is read once, where it enters, and that form is what every rule
// sees: the email policy, the uniqueness key, the send limits, the lockout,
// the stored record and user, and delivery. A value that has no such form
// is refused where it enters, and names nobody at sign-in.

// normalIdentifier returns an email address or phone number in its one
// form: an address normalized by Config.EmailSyntax (a bare addr-spec, the
// domain in lowercase ASCII), a phone in its stored digits
// (account.NormalizePhone: country code and national number, no trunk
// zero). ok is false when it has none: "victim@example.com(1)",
// "014155550123", an unknown type.
func (s *core) normalIdentifier(typ verification.IdentifierType, value string) (normal string, ok bool) {
	var err error
	switch typ {
	case verification.IdentifierEmail:
		normal, err = s.cfg.EmailSyntax.Normalize(value)
	case verification.IdentifierPhone:
		normal, err = account.NormalizePhone(value)
	default:
		return "", false
	}
	return normal, err == nil
}

// normalOrSame is value's one form, or value itself when it has none (a
// stored value written before the forms were enforced).
func (s *core) normalOrSame(typ verification.IdentifierType, value string) string {
	if normal, ok := s.normalIdentifier(typ, value); ok {
		return normal
	}
	return value
}

// identifierKey returns the key under which the store holds a user's
// identifier of kind (Store.FindUser): the username policy's key, the
// EmailKey of the normalized address, the normalized phone. Every spelling
// of one identifier has one key. ok is false when value names nobody: it
// is empty, has no normal form, or kind has no key.
func (s *core) identifierKey(kind account.IdentifierKind, value string) (key string, ok bool) {
	if value == "" {
		return "", false
	}
	switch kind {
	case account.IdentifierUsername:
		return s.cfg.UsernamePolicy.Key(value), true
	case account.IdentifierEmail:
		email, ok := s.normalIdentifier(verification.IdentifierEmail, value)
		if !ok {
			return "", false
		}
		return account.EmailKey(email), true
	case account.IdentifierPhone:
		return s.normalIdentifier(verification.IdentifierPhone, value)
	}
	return "", false
}
