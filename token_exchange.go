package myaccount

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/verification"
)

// The token exchange of RFC 8693 for subject tokens (subject_tokens.go):
// the host mounts httpadapter.TokenExchange at its token endpoint, or
// calls Service.ExchangeSubjectToken itself.

// The grant and token types of RFC 8693 the exchange speaks.
const (
	GrantTypeTokenExchange = "urn:ietf:params:oauth:grant-type:token-exchange"
	TokenTypeAccessToken   = "urn:ietf:params:oauth:token-type:access_token"
	// TokenTypeImpersonationToken is Logto's own name for a subject
	// token's type, accepted as well.
	TokenTypeImpersonationToken = "urn:logto:token-type:impersonation_token"
)

// The error codes of RFC 6749 §5.2 the exchange answers.
const (
	OAuthInvalidRequest       = "invalid_request"
	OAuthInvalidGrant         = "invalid_grant"
	OAuthUnsupportedGrantType = "unsupported_grant_type"
)

// OAuthError is a token endpoint's refusal (RFC 6749 §5.2): a 400 with
// Code and a human Description.
type OAuthError struct {
	Code        string `json:"error"`
	Description string `json:"error_description,omitempty"`
}

func (e *OAuthError) Error() string { return e.Code + ": " + e.Description }

// TokenExchangeInput is a token exchange request's form.
type TokenExchangeInput struct {
	GrantType        string
	SubjectToken     string
	SubjectTokenType string
}

// TokenExchangeResult is a successful token exchange's answer.
type TokenExchangeResult struct {
	AccessToken     string `json:"access_token"`
	IssuedTokenType string `json:"issued_token_type"`
	TokenType       string `json:"token_type"`
	ExpiresIn       int64  `json:"expires_in"` // seconds
}

// ExchangeSubjectToken trades a subject token for an impersonation access
// token (prefix ImpersonationTokenPrefix, DefaultAccessTokenScopes,
// ImpersonationTokenTTL), which AuthenticateImpersonationToken accepts.
// The subject token is used up, whatever the outcome after it was found.
// Refusals are *OAuthError: unsupported_grant_type for another grant,
// invalid_request for a missing parameter or another token type,
// invalid_grant for a token that is unknown, expired, used, or whose user
// is gone or suspended.
func (svc *Service) ExchangeSubjectToken(ctx context.Context, in TokenExchangeInput) (*TokenExchangeResult, error) {
	s := svc.core
	switch {
	case in.GrantType == "":
		return nil, &OAuthError{OAuthInvalidRequest, "missing grant_type"}
	case in.GrantType != GrantTypeTokenExchange:
		return nil, &OAuthError{OAuthUnsupportedGrantType, "unsupported grant_type"}
	case in.SubjectToken == "" || in.SubjectTokenType == "":
		return nil, &OAuthError{OAuthInvalidRequest, "missing subject_token or subject_token_type"}
	case in.SubjectTokenType != TokenTypeAccessToken && in.SubjectTokenType != TokenTypeImpersonationToken:
		return nil, &OAuthError{OAuthInvalidRequest, "unsupported subject_token_type"}
	}
	badGrant := &OAuthError{OAuthInvalidGrant, "invalid subject token"}
	if !isToken(in.SubjectToken, SubjectTokenPrefix) {
		return nil, badGrant
	}
	id := tokenRecordID(in.SubjectToken)
	r, err := s.cfg.Store.GetRecord(ctx, id)
	switch {
	case errors.Is(err, account.ErrNotFound):
		return nil, badGrant
	case err != nil:
		return nil, fmt.Errorf("load subject token: %w", err)
	}
	var g impersonationGrant
	if r.Type != verification.TypeSubjectToken || json.Unmarshal(r.Result, &g) != nil {
		return nil, badGrant
	}
	if r.Expired(s.now()) {
		return nil, &OAuthError{OAuthInvalidGrant, "subject token is expired"}
	}
	switch err := s.cfg.Store.UseRecord(ctx, id); {
	case errors.Is(err, account.ErrNotFound):
		return nil, &OAuthError{OAuthInvalidGrant, "subject token is already used"}
	case err != nil:
		return nil, fmt.Errorf("use subject token: %w", err)
	}
	switch u, err := s.cfg.Store.GetUser(ctx, r.UserID); {
	case errors.Is(err, account.ErrNotFound):
		return nil, badGrant
	case err != nil:
		return nil, fmt.Errorf("load user: %w", err)
	case u.IsSuspended:
		return nil, &OAuthError{OAuthInvalidGrant, "user is suspended"}
	}
	value, err := s.newToken(ImpersonationTokenPrefix)
	if err != nil {
		return nil, err
	}
	issued, err := json.Marshal(impersonationGrant{ActorClientID: g.ActorClientID, Scopes: slices.Clone(DefaultAccessTokenScopes)})
	if err != nil {
		return nil, fmt.Errorf("make impersonation token: %w", err)
	}
	now := s.now()
	if err := s.cfg.Store.CreateRecord(ctx, &verification.Record{
		ID: tokenRecordID(value), Type: verification.TypeImpersonationToken, UserID: r.UserID,
		CreatedAt: now, ExpiresAt: now.Add(ImpersonationTokenTTL), Result: issued,
	}); err != nil {
		return nil, fmt.Errorf("create impersonation token: %w", err)
	}
	s.emit(ctx, Event{Type: EventImpersonationStarted, UserID: r.UserID, ActorClientID: g.ActorClientID})
	return &TokenExchangeResult{
		AccessToken: value, IssuedTokenType: TokenTypeAccessToken, TokenType: "Bearer",
		ExpiresIn: int64(ImpersonationTokenTTL / time.Second),
	}, nil
}
