package myaccount

import (
	"context"
	"errors"
	"fmt"

	"github.com/myaccount-go/myaccount/account"
)

// GrantView is one grant as GET /api/my-account/grants answers it.
type GrantView struct {
	ID      string         `json:"id"`
	Payload map[string]any `json:"payload"`
	// ExpiresAt is in epoch milliseconds.
	ExpiresAt   int64           `json:"expiresAt"`
	Application ApplicationView `json:"application"`
}

// ApplicationView names a grant's application.
type ApplicationView struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// GrantsView is the answer of GET /api/my-account/grants.
type GrantsView struct {
	Grants []GrantView `json:"grants"`
}

// ListGrantsInput is the query of GET /api/my-account/grants.
type ListGrantsInput struct {
	// AppType keeps the grants of first-party or third-party applications
	// only; empty keeps all.
	AppType AppType
}

// Grants answers GET /api/my-account/grants: the
// caller's active grants.
func (s *Account) Grants(ctx context.Context, c Caller, in ListGrantsInput) (*GrantsView, error) {
	p := s.cfg.Sessions
	if p == nil {
		return nil, ErrNoSessionProvider
	}
	center, err := s.gateCenter(ctx, c)
	if err != nil {
		return nil, err
	}
	switch in.AppType {
	case AppTypeAny, AppTypeFirstParty, AppTypeThirdParty:
	default:
		return nil, ErrInvalidInput
	}
	if err := s.sessionChecks(ctx, c, center, false); err != nil {
		return nil, err
	}
	return s.userGrants(ctx, c.UserID, in.AppType)
}

// userGrants lists the user's active grants, of appType's applications:
// what the user sees of their own and an administrator sees of them.
func (s *core) userGrants(ctx context.Context, userID string, appType AppType) (*GrantsView, error) {
	list, err := s.cfg.Sessions.Grants(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("list grants: %w", err)
	}
	now := s.now()
	out := &GrantsView{Grants: []GrantView{}}
	for _, g := range list {
		if g.AccountID != userID || expired(g.ExpiresAt, now) {
			continue
		}
		if (appType == AppTypeFirstParty && !g.Application.FirstParty) ||
			(appType == AppTypeThirdParty && g.Application.FirstParty) {
			continue
		}
		out.Grants = append(out.Grants, GrantView{
			ID: g.ID,
			Payload: withDefaults(g.Payload, map[string]any{
				"kind": "Grant", "clientId": g.Application.ID, "accountId": g.AccountID,
			}),
			ExpiresAt:   expiresAt(g.ExpiresAt),
			Application: ApplicationView{ID: g.Application.ID, Name: g.Application.Name},
		})
	}
	return out, nil
}

// RevokeGrant answers DELETE /api/my-account/grants/:grantId:
// the grant and every token issued under it are revoked, so the
// application's refresh token stops working. A grant that does not exist,
// has expired or is another user's is 404 oidc.invalid_grant alike.
func (s *Account) RevokeGrant(ctx context.Context, c Caller, id string) error {
	p := s.cfg.Sessions
	if p == nil {
		return ErrNoSessionProvider
	}
	center, err := s.gateCenter(ctx, c)
	if err != nil {
		return err
	}
	if id == "" || !validText(id) {
		return ErrInvalidInput
	}
	if err := s.sessionChecks(ctx, c, center, true); err != nil {
		return err
	}
	return s.revokeUserGrant(ctx, c.UserID, id, false)
}

// revokeUserGrant revokes the user's grant id and its tokens. A grant that
// does not exist or is another user's is 404 oidc.invalid_grant; so is an
// expired one, unless expiredOK, when it is left alone and nil returned
// (the Management API's answer).
func (s *core) revokeUserGrant(ctx context.Context, userID, id string, expiredOK bool) error {
	p := s.cfg.Sessions
	g, err := p.Grant(ctx, id)
	switch {
	case errors.Is(err, account.ErrNotFound):
		return ErrInvalidGrant
	case err != nil:
		return fmt.Errorf("find grant: %w", err)
	case g.AccountID != userID:
		return ErrInvalidGrant
	case expired(g.ExpiresAt, s.now()):
		if expiredOK {
			return nil
		}
		return ErrInvalidGrant
	}
	if err := p.RevokeGrant(ctx, id); err != nil {
		if errors.Is(err, account.ErrNotFound) {
			return ErrInvalidGrant
		}
		return fmt.Errorf("revoke grant: %w", err)
	}
	return nil
}
