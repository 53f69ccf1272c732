package myaccount

import (
	"context"
	"errors"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/verification"
)

// The identifiers an administrator sets (POST /api/users, PATCH
// /api/users/:userId) pass the Account API's checks: the body's shapes
// and the email's parse (400 guard.invalid_input; the address is stored
// in its one form), the username policy (422 user.username_*), a
// phone that parses (422 user.invalid_phone). The email blocklist does not
// apply: it is the sign-in experience's, and an administrator sets what
// they choose. The empty string (Logto's "" or null) means not set.

// validIdentifiers reports whether each identifier that is set has the
// shape the body guard asks for; the email's shape is its parse
// (normalizedEmail).
func validIdentifiers(username, email, phone string) bool {
	return validText(username, email, phone) &&
		(username == "" || usernameShape.MatchString(username)) &&
		len(email) <= maxEmailInput &&
		(phone == "" || phoneShape.MatchString(phone))
}

// normalizedEmail returns an email address in its one form (Config.EmailSyntax),
// the form stored and keyed: 400 guard.invalid_input when it has none.
func (s *core) normalizedEmail(email string) (string, error) {
	if email == "" {
		return "", nil
	}
	normal, ok := s.normalIdentifier(verification.IdentifierEmail, email)
	if !ok {
		return "", ErrInvalidInput
	}
	return normal, nil
}

// usernameKey applies the username policy to a username of the right shape
// and returns its unique key.
func (s *core) usernameKey(name string) (string, error) {
	if name == "" {
		return "", nil
	}
	if err := s.cfg.UsernamePolicy.Check(name); err != nil {
		return "", err
	}
	return s.cfg.UsernamePolicy.Key(name), nil
}

// normalizedPhone returns the stored form of a phone number of the right
// shape: its own unique key.
func normalizedPhone(phone string) (string, error) {
	if phone == "" {
		return "", nil
	}
	normalized, err := account.NormalizePhone(phone)
	if err != nil {
		return "", account.ErrInvalidPhone
	}
	return normalized, nil
}

// claimedIdentifiers is what a write claimed, for telling which identifier a
// conflict is about when the store could not.
type claimedIdentifiers struct {
	id, usernameKey, emailKey, phone string
}

func claimsOf(u *account.User) claimedIdentifiers {
	return claimedIdentifiers{u.ID, u.UsernameKey, u.EmailKey, u.PrimaryPhone}
}

// nameConflict fills in which identifier a *ConflictError is about when the
// store left it empty, by asking who holds each identifier the write
// claimed. Other errors pass unchanged.
func (s *core) nameConflict(ctx context.Context, err error, claims claimedIdentifiers) error {
	var conflict *account.ConflictError
	if !errors.As(err, &conflict) || conflict.Identifier != "" {
		return err
	}
	for _, id := range []struct {
		kind account.IdentifierKind
		key  string
	}{
		{account.IdentifierUsername, claims.usernameKey},
		{account.IdentifierEmail, claims.emailKey},
		{account.IdentifierPhone, claims.phone},
	} {
		if id.key == "" {
			continue
		}
		if other, err := s.cfg.Store.FindUser(ctx, id.kind, id.key); err == nil && other.ID != claims.id {
			conflict.Identifier = id.kind
			break
		}
	}
	return err
}
