package myaccount

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"time"
	"unicode/utf8"

	"github.com/myaccount-go/myaccount/account"
)

// Personal access tokens (Logto's Management API under
// /api/users/:userId/personal-access-tokens): an administrator, or the
// app's own server, makes a long-lived token so a script can act for a
// user. The secret is shown once, when it is made: the store keeps its
// SHA-256 only (the secret is 32 random bytes, so a fast hash is as good as
// a slow one, and lets each request find its token through an index).
// Requests made with one are checked by Service.AuthenticatePersonalAccessToken.

// AccessTokenPrefix starts every personal access token, as Logto's do, so
// an Authenticator tells them from other bearer tokens.
const AccessTokenPrefix = "pat_"

// MaxAccessTokenNameLength bounds a token's name, in characters.
const MaxAccessTokenNameLength = 128

// accessTokenSecretBytes is how many random bytes a token carries.
const accessTokenSecretBytes = 32

// DefaultAccessTokenScopes are the scopes of a token made without any: the
// scopes of every Account API route.
var DefaultAccessTokenScopes = []string{ScopeOpenID, ScopeProfile, ScopeEmail, ScopePhone, ScopeAddress, ScopeCustomData, ScopeIdentities, ScopeSessions}

// accessTokenScopes are the scopes a token may hold.
var accessTokenScopes = append(slices.Clone(DefaultAccessTokenScopes), ScopeTrustedDevices)

var (
	errExpiryInPast = account.NewError(http.StatusBadRequest, account.CodeRequestInvalidInput).
		WithData(map[string]any{"details": "The value of `expiresAt` must be in the future."})
)

// AccessTokenView is a personal access token as the routes answer it; Value
// is set only in the answer that makes the token.
type AccessTokenView struct {
	UserID    string   `json:"userId"`
	Name      string   `json:"name"`
	Value     string   `json:"value,omitempty"`
	Scopes    []string `json:"scopes"`
	CreatedAt int64    `json:"createdAt"` // epoch milliseconds
	ExpiresAt *int64   `json:"expiresAt"` // epoch milliseconds; null = never
}

func accessTokenView(t *account.PersonalAccessToken) *AccessTokenView {
	v := &AccessTokenView{UserID: t.UserID, Name: t.Name, Scopes: t.Scopes, CreatedAt: t.CreatedAt.UnixMilli()}
	if v.Scopes == nil {
		v.Scopes = []string{}
	}
	if !t.ExpiresAt.IsZero() {
		ms := t.ExpiresAt.UnixMilli()
		v.ExpiresAt = &ms
	}
	return v
}

// CreateAccessTokenInput is the body of POST
// /api/users/:userId/personal-access-tokens.
type CreateAccessTokenInput struct {
	// Name is unique within the user: 1 to MaxAccessTokenNameLength
	// characters.
	Name string `json:"name"`
	// ExpiresAt is when the token stops working, in epoch milliseconds;
	// nil = never. It must be in the future.
	ExpiresAt *int64 `json:"expiresAt"`
	// Scopes limit what the token may do (an extension of Logto's body);
	// nil = DefaultAccessTokenScopes.
	Scopes []string `json:"scopes"`
}

// RenameAccessTokenInput is the body of PATCH
// /api/users/:userId/personal-access-tokens/:name: the new name.
// CurrentName is read only by PATCH .../personal-access-tokens, which
// takes the current name in the body instead of the path; without it, Name
// is the current name too.
type RenameAccessTokenInput struct {
	CurrentName string `json:"currentName"`
	Name        string `json:"name"`
}

// DeleteAccessTokenInput is the body of POST
// /api/users/:userId/personal-access-tokens/delete.
type DeleteAccessTokenInput struct {
	Name string `json:"name"`
}

// validAccessTokenName reports whether name can name a token.
func validAccessTokenName(name string) bool {
	return name != "" && validText(name) && utf8.RuneCountInString(name) <= MaxAccessTokenNameLength
}

// NewPersonalAccessToken answers POST /api/users/:userId/personal-access-tokens
// (201): a new token, its secret in Value, shown this once. 400
// guard.invalid_input for a bad name or an unknown scope, 400
// request.invalid_input for an expiry not in the future, 404
// entity.not_found for an unknown user, 422
// user.personal_access_token_name_exists for a name the user already has.
func (s *Admin) NewPersonalAccessToken(ctx context.Context, userID string, in CreateAccessTokenInput) (*AccessTokenView, error) {
	if !validAccessTokenName(in.Name) {
		return nil, ErrInvalidInput
	}
	scopes := in.Scopes
	if scopes == nil {
		scopes = DefaultAccessTokenScopes
	}
	for _, sc := range scopes {
		if !slices.Contains(accessTokenScopes, sc) {
			return nil, ErrInvalidInput
		}
	}
	now := s.now()
	var expires time.Time
	if in.ExpiresAt != nil {
		expires = time.UnixMilli(*in.ExpiresAt)
		if !expires.After(now) {
			return nil, errExpiryInPast
		}
	}
	secret := make([]byte, accessTokenSecretBytes)
	if _, err := io.ReadFull(s.cfg.Random, secret); err != nil {
		return nil, fmt.Errorf("make access token: %w", err)
	}
	value := AccessTokenPrefix + base64.RawURLEncoding.EncodeToString(secret)
	t := &account.PersonalAccessToken{
		UserID:    userID,
		Name:      in.Name,
		Hash:      accessTokenHash(value),
		Scopes:    slices.Compact(slices.Sorted(slices.Values(scopes))),
		CreatedAt: now,
		ExpiresAt: expires,
	}
	switch err := s.cfg.Store.CreateAccessToken(ctx, t); {
	case errors.Is(err, account.ErrNotFound):
		return nil, ErrUserNotFound
	case errors.Is(err, account.ErrConflict):
		return nil, ErrAccessTokenNameTaken
	case err != nil:
		return nil, fmt.Errorf("create access token: %w", err)
	}
	v := accessTokenView(t)
	v.Value = value
	s.emit(ctx, Event{Type: EventAccessTokenCreated, UserID: userID, AccessToken: t.Name})
	return v, nil
}

// PersonalAccessTokens answers GET /api/users/:userId/personal-access-tokens:
// the user's tokens, oldest first, without their secrets; 404
// entity.not_found for an unknown user.
func (s *Admin) PersonalAccessTokens(ctx context.Context, userID string) ([]*AccessTokenView, error) {
	if _, err := s.adminUser(ctx, userID); err != nil {
		return nil, err
	}
	tokens, err := s.cfg.Store.ListAccessTokens(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("list access tokens: %w", err)
	}
	out := make([]*AccessTokenView, len(tokens))
	for i, t := range tokens {
		out[i] = accessTokenView(t)
	}
	return out, nil
}

// RenamePersonalAccessToken answers PATCH
// /api/users/:userId/personal-access-tokens/:name (and, with the current
// name in the body, PATCH .../personal-access-tokens): 400
// guard.invalid_input for a bad name, 404 entity.not_found for an unknown
// user or token, 422 user.personal_access_token_name_exists for a name the
// user has. An empty name (no currentName in the body) takes in.Name as
// the current name, as Logto does: the token is answered unchanged.
func (s *Admin) RenamePersonalAccessToken(ctx context.Context, userID, name string, in RenameAccessTokenInput) (*AccessTokenView, error) {
	if name == "" {
		name = in.Name
	}
	if !validAccessTokenName(in.Name) || !validText(name) {
		return nil, ErrInvalidInput
	}
	if _, err := s.adminUser(ctx, userID); err != nil {
		return nil, err
	}
	t, err := s.cfg.Store.RenameAccessToken(ctx, userID, name, in.Name)
	switch {
	case errors.Is(err, account.ErrNotFound):
		return nil, ErrAccessTokenNotFound
	case errors.Is(err, account.ErrConflict):
		return nil, ErrAccessTokenNameTaken
	case err != nil:
		return nil, fmt.Errorf("rename access token: %w", err)
	}
	return accessTokenView(t), nil
}

// RevokePersonalAccessToken answers DELETE
// /api/users/:userId/personal-access-tokens/:name (204): the token stops
// working at once. 404 entity.not_found for an unknown user or token.
func (s *Admin) RevokePersonalAccessToken(ctx context.Context, userID, name string) error {
	if !validText(name) {
		return ErrAccessTokenNotFound
	}
	if _, err := s.adminUser(ctx, userID); err != nil {
		return err
	}
	switch err := s.cfg.Store.DeleteAccessToken(ctx, userID, name); {
	case errors.Is(err, account.ErrNotFound):
		return ErrAccessTokenNotFound
	case err != nil:
		return fmt.Errorf("delete access token: %w", err)
	}
	s.emit(ctx, Event{Type: EventAccessTokenDeleted, UserID: userID, AccessToken: name})
	return nil
}

// AuthenticatePersonalAccessToken checks a personal access token and returns who
// it acts for: its user, its scopes, the client "personal-access-token",
// first-party (the app's own scripts). A value that is not a token, an
// unknown, deleted or expired token are all 401 auth.unauthorized; a store
// that fails is 503 request.service_unavailable (and logged).
// Whether the user may still use the Account API (suspension) is the
// routes' own check, as for any token.
func (svc *Service) AuthenticatePersonalAccessToken(ctx context.Context, value string) (Principal, error) {
	s := svc.core
	if len(value) != len(AccessTokenPrefix)+base64.RawURLEncoding.EncodedLen(accessTokenSecretBytes) || value[:len(AccessTokenPrefix)] != AccessTokenPrefix {
		return Principal{}, ErrAccessTokenInvalid
	}
	t, err := s.cfg.Store.FindAccessToken(ctx, accessTokenHash(value))
	switch {
	case errors.Is(err, account.ErrNotFound):
		return Principal{}, ErrAccessTokenInvalid
	case err != nil:
		// An authenticator's error other than an account error reads as
		// "not a valid token": say what happened instead.
		s.cfg.Logger.ErrorContext(ctx, "myaccount: finding a personal access token failed", "error", err)
		return Principal{}, ErrAccessTokenUnavailable
	}
	if t.Expired(s.now()) {
		return Principal{}, ErrAccessTokenInvalid
	}
	return Principal{UserID: t.UserID, Scopes: t.Scopes, ClientID: AccessTokenClientID, FirstParty: true}, nil
}

// AccessTokenClientID is the ClientID of a principal authenticated by a
// personal access token.
const AccessTokenClientID = "personal-access-token"

func accessTokenHash(value string) []byte {
	h := sha256.Sum256([]byte(value))
	return h[:]
}
