package myaccount

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/connector"
)

// AccessToken is a provider access token as the token routes answer it:
// expires_in is the seconds left, left out when unknown.
type AccessToken struct {
	AccessToken string `json:"access_token"`
	Scope       string `json:"scope,omitempty"`
	TokenType   string `json:"token_type,omitempty"`
	ExpiresIn   int64  `json:"expires_in,omitempty"`
}

// IdentityToken answers GET
// /api/my-account/identities/:target/access-token: the
// provider's access token for the caller's identity at target, refreshed
// through the connector when it has expired and a refresh token exists.
func (s *Account) IdentityToken(ctx context.Context, c Caller, target string) (*AccessToken, error) {
	if _, err := s.gateCenter(ctx, c); err != nil {
		return nil, err
	}
	if err := refuseImpersonated(c); err != nil {
		return nil, err
	}
	if !c.HasScope(ScopeIdentities) {
		return nil, ErrTokenForbidden
	}
	stored, err := s.cfg.Store.GetTokenSet(ctx, c.UserID, target)
	if errors.Is(err, account.ErrNotFound) {
		return nil, ErrTokenNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("load token set: %w", err)
	}
	ts, err := s.openTokenSet(stored)
	if err != nil {
		return nil, err
	}
	if ts.AccessToken == "" {
		return nil, ErrTokenNotFound
	}
	if ts.ExpiresAt.IsZero() || !ts.Expired(s.now()) {
		return s.accessToken(ts), nil
	}
	if ts.RefreshToken == "" {
		if err := s.cfg.Store.DeleteTokenSet(ctx, c.UserID, target); err != nil && !errors.Is(err, account.ErrNotFound) {
			return nil, fmt.Errorf("drop expired token set: %w", err)
		}
		return nil, ErrTokenExpired
	}
	refreshed, err := s.refreshTokenSet(ctx, stored, ts)
	if err != nil {
		return nil, err
	}
	return s.accessToken(refreshed), nil
}

// refreshTokenSet refreshes ts through its connector and stores the result.
func (s *core) refreshTokenSet(ctx context.Context, stored *account.TokenSet, ts *connector.TokenSet) (*connector.TokenSet, error) {
	conn, err := s.socialConnector(stored.ConnectorID)
	if err != nil {
		return nil, err
	}
	refresher, ok := conn.(connector.Refresher)
	if !ok {
		return nil, ErrTokenExpired
	}
	fresh, err := refresher.Refresh(ctx, ts)
	if err != nil {
		return nil, connectorError(err)
	}
	if fresh.RefreshToken == "" {
		fresh.RefreshToken = ts.RefreshToken // providers may not rotate it
	}
	sealed, err := s.sealTokenSet(stored.UserID, stored.Target, fresh)
	if err != nil {
		return nil, err
	}
	next := *stored
	next.Sealed, next.Scope, next.ExpiresAt, next.UpdatedAt = sealed, fresh.Scope, fresh.ExpiresAt, s.now()
	if err := s.cfg.Store.PutTokenSet(ctx, &next); err != nil {
		return nil, fmt.Errorf("store refreshed token set: %w", err)
	}
	return fresh, nil
}

// accessToken is ts as answered.
func (s *core) accessToken(ts *connector.TokenSet) *AccessToken {
	out := &AccessToken{AccessToken: ts.AccessToken, Scope: ts.Scope, TokenType: ts.TokenType}
	if !ts.ExpiresAt.IsZero() {
		if left := int64(ts.ExpiresAt.Sub(s.now()).Seconds()); left > 0 {
			out.ExpiresIn = left
		}
	}
	return out
}

// UpdateAccessTokenInput is the body of PUT .../identities/:target/access-token.
type UpdateAccessTokenInput struct {
	VerificationRecordID string `json:"verificationRecordId"`
}

// ReplaceIdentityToken answers PUT
// /api/my-account/identities/:target/access-token: it stores
// the token set of a newer social verification of the caller's own
// identity at target.
func (s *Account) ReplaceIdentityToken(ctx context.Context, c Caller, target string, in UpdateAccessTokenInput) (*AccessToken, error) {
	if _, err := s.gateCenter(ctx, c); err != nil {
		return nil, err
	}
	if err := refuseImpersonated(c); err != nil {
		return nil, err
	}
	if in.VerificationRecordID == "" {
		return nil, ErrInvalidInput
	}
	if !c.HasScope(ScopeIdentities) {
		return nil, ErrTokenForbidden
	}
	res, err := s.verifiedSocial(ctx, c, in.VerificationRecordID)
	if err != nil {
		return nil, err
	}
	if res.Target != target {
		return nil, account.NewError(http.StatusUnprocessableEntity, account.CodeSocialVerificationInvalidTarget).
			WithData(map[string]any{"expected": target, "actual": res.Target})
	}
	owner, err := s.cfg.Store.FindUserBySocialIdentity(ctx, res.Target, res.User.ID)
	if errors.Is(err, account.ErrNotFound) || (err == nil && owner.ID != c.UserID) {
		return nil, ErrNotCurrentUser
	}
	if err != nil {
		return nil, fmt.Errorf("find identity owner: %w", err)
	}
	if len(res.SealedToken) == 0 {
		return nil, ErrNoTokenInRecord
	}
	stored := &account.TokenSet{UserID: c.UserID, Target: target, ConnectorID: s.connectorIDForTarget(target),
		Sealed: res.SealedToken, Scope: res.Scope, ExpiresAt: res.ExpiresAt, UpdatedAt: s.now()}
	if err := s.cfg.Store.PutTokenSet(ctx, stored); err != nil {
		return nil, fmt.Errorf("store token set: %w", err)
	}
	ts, err := s.openTokenSet(stored)
	if err != nil {
		return nil, err
	}
	return s.accessToken(ts), nil
}
