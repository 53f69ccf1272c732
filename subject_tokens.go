package myaccount

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/verification"
)

// Impersonation (Logto's POST /api/subject-tokens and its token exchange):
// an administrator makes a subject token for a user; the host's support
// tool trades it once, through the token exchange (token_exchange.go), for
// a short-lived access token that acts as the user with the restrictions
// of impersonation.go.
//
// Both tokens are verification records of their own types keyed by a
// digest of the token, so no store needs a table for them: the subject
// token is used up by Store.UseRecord (one caller wins), both expire with
// the record, and DeleteExpiredRecords sweeps them. The store never holds
// a token in clear; the secrets are 32 random bytes, so SHA-256 is enough.

// SubjectTokenPrefix starts every subject token, as Logto's do.
const SubjectTokenPrefix = "sub_"

// SubjectTokenTTL is how long a subject token can be exchanged (Logto's 600
// seconds).
const SubjectTokenTTL = 600 * time.Second

// ImpersonationTokenPrefix starts every access token the token exchange
// issues, so an Authenticator tells them from other bearer tokens.
const ImpersonationTokenPrefix = "imp_"

// ImpersonationTokenTTL is how long an impersonation access token works.
const ImpersonationTokenTTL = time.Hour

// ImpersonationClientID is the ClientID of a principal authenticated by an
// impersonation access token.
const ImpersonationClientID = "impersonation"

// tokenSecretBytes is how many random bytes a subject or impersonation
// token carries.
const tokenSecretBytes = 32

// SubjectTokenInput is the body of POST /api/subject-tokens.
type SubjectTokenInput struct {
	// UserID is the user to impersonate.
	UserID string `json:"userId"`
	// Context is the administrator's free-form note (a ticket id, a
	// reason), kept with the token; nil = none.
	Context map[string]any `json:"context"`
}

// SubjectTokenView is the answer of POST /api/subject-tokens.
type SubjectTokenView struct {
	SubjectToken string `json:"subjectToken"`
	ExpiresIn    int64  `json:"expiresIn"` // seconds
}

// impersonationGrant is what a subject token's record, and the record of
// the access token it was exchanged for, hold in Result.
type impersonationGrant struct {
	ActorClientID string         `json:"actorClientId"`
	Context       map[string]any `json:"context,omitempty"`
	Scopes        []string       `json:"scopes,omitempty"`
}

// NewSubjectToken answers POST /api/subject-tokens (201): a subject token
// for in.UserID, made by the administrator client actorClientID, usable
// once within SubjectTokenTTL. 400 guard.invalid_input for a missing user
// id, 404 entity.not_found for an unknown user.
func (s *Admin) NewSubjectToken(ctx context.Context, actorClientID string, in SubjectTokenInput) (*SubjectTokenView, error) {
	if in.UserID == "" || !validText(in.UserID) {
		return nil, ErrInvalidInput
	}
	if _, err := s.adminUser(ctx, in.UserID); err != nil {
		return nil, err
	}
	grant, err := json.Marshal(impersonationGrant{ActorClientID: actorClientID, Context: in.Context})
	if err != nil {
		return nil, ErrInvalidInput
	}
	value, err := s.newToken(SubjectTokenPrefix)
	if err != nil {
		return nil, err
	}
	now := s.now()
	r := &verification.Record{
		ID: tokenRecordID(value), Type: verification.TypeSubjectToken, UserID: in.UserID,
		CreatedAt: now, ExpiresAt: now.Add(SubjectTokenTTL), Result: grant,
	}
	if err := s.cfg.Store.CreateRecord(ctx, r); err != nil {
		return nil, fmt.Errorf("create subject token: %w", err)
	}
	s.emit(ctx, Event{Type: EventSubjectTokenCreated, UserID: in.UserID, ActorClientID: actorClientID})
	return &SubjectTokenView{SubjectToken: value, ExpiresIn: int64(SubjectTokenTTL / time.Second)}, nil
}

// newToken makes a token value: prefix and 32 random bytes.
func (s *core) newToken(prefix string) (string, error) {
	secret := make([]byte, tokenSecretBytes)
	if _, err := io.ReadFull(s.cfg.Random, secret); err != nil {
		return "", fmt.Errorf("make token: %w", err)
	}
	return prefix + base64.RawURLEncoding.EncodeToString(secret), nil
}

// isToken reports whether value has the shape of a token made by newToken
// with prefix.
func isToken(value, prefix string) bool {
	return len(value) == len(prefix)+base64.RawURLEncoding.EncodedLen(tokenSecretBytes) && value[:len(prefix)] == prefix
}

// tokenRecordID is the id of the record behind a subject or impersonation
// token: a digest, so the store holds no token in clear.
func tokenRecordID(value string) string {
	sum := sha256.Sum256([]byte("myaccount/token\x00" + value))
	return "token-" + base64.RawURLEncoding.EncodeToString(sum[:])
}

// AuthenticateImpersonationToken checks an access token the token exchange
// issued and returns who it acts for: the impersonated user, the token's
// scopes, the client ImpersonationClientID, first-party, Impersonated with
// the administrator client that made the subject token. A value that is
// not such a token, an unknown or expired one are 401 auth.unauthorized; a
// store that fails is 503 request.service_unavailable (and logged).
func (svc *Service) AuthenticateImpersonationToken(ctx context.Context, value string) (Principal, error) {
	s := svc.core
	if !isToken(value, ImpersonationTokenPrefix) {
		return Principal{}, ErrAccessTokenInvalid
	}
	r, err := s.cfg.Store.GetRecord(ctx, tokenRecordID(value))
	switch {
	case errors.Is(err, account.ErrNotFound):
		return Principal{}, ErrAccessTokenInvalid
	case err != nil:
		s.cfg.Logger.ErrorContext(ctx, "myaccount: finding an impersonation token failed", "error", err)
		return Principal{}, ErrAccessTokenUnavailable
	}
	var g impersonationGrant
	if r.Type != verification.TypeImpersonationToken || r.Expired(s.now()) || json.Unmarshal(r.Result, &g) != nil {
		return Principal{}, ErrAccessTokenInvalid
	}
	return Principal{
		UserID: r.UserID, Scopes: g.Scopes, ClientID: ImpersonationClientID, FirstParty: true,
		Impersonated: true, ActorClientID: g.ActorClientID,
	}, nil
}
