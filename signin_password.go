package myaccount

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
)

// The sign-in side (signin_*.go): the checks a host's own login calls to
// use the factors its users manage in the account center. Each check counts
// failures under the lockouts, and the single-use ones (a TOTP code, a
// backup code, a passkey assertion) are consumed by one store step, so a
// code or an assertion cannot be used twice, even by two app instances at
// once.

// SignInIdentifier names a user at sign-in: a username, an email or a
// phone, as the user typed it.
type SignInIdentifier struct {
	Kind  account.IdentifierKind
	Value string
}

// SignInResult is who signed in with a password: what a host needs to go
// on with its login, and no secret.
type SignInResult struct {
	// UserID is the user's id.
	UserID string
	// Factors are the second factors the user has bound (their types, in
	// the order bound), so the host can tell whether to ask for one.
	Factors []mfa.FactorType
}

// Password checks a password for the user an identifier names,
// under the lockouts: failures count on the user found, in
// whatever spelling the identifier was typed (an email in any case, a
// phone with or without "+" or a trunk zero, the username), and for an
// identifier nobody holds on its normalized form; the client's failures
// (c.ClientAddr) count too and lock the client out first (LockoutPolicy).
// An unknown identifier costs the same time as a wrong password and gets
// the same answer, 422 session.invalid_credentials; a suspended user gets
// 401 user.suspended.
func (s *SignIn) Password(ctx context.Context, c Caller, id SignInIdentifier, password string) (*SignInResult, error) {
	if id.Value == "" || password == "" || !validText(id.Value) {
		return nil, ErrInvalidInput
	}
	key, known, err := s.signInLookupKey(id)
	if err != nil {
		return nil, err
	}
	var u *account.User
	if known {
		if u, err = s.findByKey(ctx, id.Kind, key); err != nil {
			return nil, err
		}
	}
	g := guarded{action: actionPassword, account: counterKey{poolCredential, unknownSubject(id.Kind), key}, client: c.ClientAddr}
	if u != nil {
		g.account, g.userID = userPool(poolCredential, u.ID), u.ID
	}
	if err := s.check(ctx, g); err != nil {
		return nil, err
	}
	var ok bool
	if u == nil {
		err = account.VerifyDecoy(ctx, s.cfg.Hasher, password)
	} else {
		ok, err = s.checkPassword(ctx, u, password)
	}
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, s.fail(ctx, g, ErrInvalidCredential)
	}
	if u.IsSuspended {
		return nil, ErrSuspended
	}
	factors, err := s.factors(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	res := &SignInResult{UserID: u.ID}
	for _, f := range factors {
		if !slices.Contains(res.Factors, f.Type) {
			res.Factors = append(res.Factors, f.Type)
		}
	}
	return res, nil
}

// signInLookupKey is the key under which the store finds the user an
// identifier names (identifierKey: every spelling has one key). An
// identifier with no normal form (an address that is not one bare
// addr-spec, a phone that does not parse) names nobody: known is false,
// and its key is only a counter's, the value lowercased without a "+".
func (s *core) signInLookupKey(id SignInIdentifier) (key string, known bool, err error) {
	switch id.Kind {
	case account.IdentifierUsername, account.IdentifierEmail, account.IdentifierPhone:
	default:
		return "", false, ErrInvalidInput
	}
	if key, ok := s.identifierKey(id.Kind, id.Value); ok {
		return key, true, nil
	}
	return strings.ToLower(strings.TrimPrefix(id.Value, "+")), false, nil
}

// unknownSubject is the counter subject of an identifier nobody holds.
func unknownSubject(kind account.IdentifierKind) counterSubject {
	switch kind {
	case account.IdentifierEmail:
		return subjectEmail
	case account.IdentifierPhone:
		return subjectPhone
	}
	return subjectUsername
}

// findByKey returns the user holding the identifier key of this kind, or
// nil.
func (s *core) findByKey(ctx context.Context, kind account.IdentifierKind, key string) (*account.User, error) {
	u, err := s.cfg.Store.FindUser(ctx, kind, key)
	if errors.Is(err, account.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("find user: %w", err)
	}
	return u, nil
}

// Complete stamps the user's last sign-in time: the host calls it when
// its login completes. A user that does not exist is 404
// entity.not_found (ErrUserNotFound).
func (s *SignIn) Complete(ctx context.Context, userID string) error {
	now := s.now()
	_, err := s.cfg.Store.UpdateUser(ctx, userID, func(u *account.User) error {
		u.LastSignInAt = now
		return nil
	})
	if errors.Is(err, account.ErrNotFound) {
		return ErrUserNotFound
	}
	if err != nil {
		return fmt.Errorf("record sign-in: %w", err)
	}
	return nil
}
