package myaccount

import (
	"context"
	"errors"
	"fmt"
	"time"
	"unicode/utf8"

	"github.com/myaccount-go/myaccount/account"
)

// Enterprise SSO identities (Logto's user_sso_identities). The library runs
// no SSO connector: the host's SSO login (OIDC or SAML against the
// enterprise's identity provider) signs the user in, and then tells the
// library who the provider said the user is, with SignIn.RecordSSOIdentity.
// GET /api/users/:userId?includeSsoIdentities=true shows them.

// The lengths Logto's columns allow (user_sso_identities).
const (
	maxSSOConnectorID = 128
	maxSSOIssuer      = 256
	maxSSOIdentityID  = 128
)

// RecordSSOIdentityInput is what the host's SSO login learned from the
// identity provider.
type RecordSSOIdentityInput struct {
	// SSOConnectorID is the host's id of the SSO connector the user came
	// through. Required.
	SSOConnectorID string `json:"ssoConnectorId"`
	// Issuer names the provider: the OIDC issuer or the SAML entity id.
	// Required.
	Issuer string `json:"issuer"`
	// IdentityID is the user's id at the provider (OIDC sub, SAML name id).
	// Required.
	IdentityID string `json:"identityId"`
	// Detail is what the provider reported about the user (claims,
	// attributes); nil is stored as {}.
	Detail map[string]any `json:"detail"`
}

// SSOIdentityView is an SSO identity as Logto's Management API shows it
// (UserSsoIdentity without tenantId); times are milliseconds since the
// Unix epoch.
type SSOIdentityView struct {
	ID             string         `json:"id"`
	UserID         string         `json:"userId"`
	Issuer         string         `json:"issuer"`
	IdentityID     string         `json:"identityId"`
	Detail         map[string]any `json:"detail"`
	CreatedAt      int64          `json:"createdAt"`
	UpdatedAt      int64          `json:"updatedAt"`
	SSOConnectorID string         `json:"ssoConnectorId"`
}

func ssoIdentityView(id *account.SSOIdentity) *SSOIdentityView {
	detail := id.Detail
	if detail == nil {
		detail = map[string]any{}
	}
	return &SSOIdentityView{
		ID:             id.ID,
		UserID:         id.UserID,
		Issuer:         id.Issuer,
		IdentityID:     id.IdentityID,
		Detail:         detail,
		CreatedAt:      epochMillis(id.CreatedAt),
		UpdatedAt:      epochMillis(id.UpdatedAt),
		SSOConnectorID: id.SSOConnectorID,
	}
}

func epochMillis(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

// RecordSSOIdentity records, for the host's SSO login, the user's identity
// at an SSO connector, in one store step: the first sign-in through the
// connector adds it, a later one writes the issuer, identity id and detail
// over the stored identity (which keeps its id and createdAt) and moves
// updatedAt. A user has one identity per connector, and an enterprise
// identity (issuer, identity id) belongs to one user.
//
// Errors: 400 guard.invalid_input for an empty or over-long connector id,
// issuer or identity id (128, 256 and 128 characters, Logto's columns), one
// that is not text (invalid UTF-8, NUL), or a detail beyond the custom-data
// bounds (16 levels, 64 KiB as JSON);
// 404 entity.not_found for an unknown user; 422
// user.identity_already_in_use when another user (or this user at another
// connector) holds the identity.
//
// It does not check that the user may sign in (suspension, the connector's
// domains): that is the host's SSO login's job, done before it calls.
func (s *SignIn) RecordSSOIdentity(ctx context.Context, userID string, in RecordSSOIdentityInput) (*SSOIdentityView, error) {
	for _, f := range []struct {
		value string
		max   int
	}{{in.SSOConnectorID, maxSSOConnectorID}, {in.Issuer, maxSSOIssuer}, {in.IdentityID, maxSSOIdentityID}} {
		if f.value == "" || !validText(f.value) || utf8.RuneCountInString(f.value) > f.max {
			return nil, ErrInvalidInput
		}
	}
	if !validCustomData(in.Detail) {
		return nil, ErrInvalidInput
	}
	now := s.now()
	stored, err := s.cfg.Store.PutSSOIdentity(ctx, &account.SSOIdentity{
		ID:             s.cfg.NewID(),
		UserID:         userID,
		SSOConnectorID: in.SSOConnectorID,
		Issuer:         in.Issuer,
		IdentityID:     in.IdentityID,
		Detail:         in.Detail,
		CreatedAt:      now,
		UpdatedAt:      now,
	})
	switch {
	case errors.Is(err, account.ErrNotFound):
		return nil, ErrUserNotFound
	case errors.Is(err, account.ErrConflict):
		return nil, ErrIdentityInUse
	case err != nil:
		return nil, fmt.Errorf("record sso identity: %w", err)
	}
	return ssoIdentityView(stored), nil
}

// UserOptions chooses what GET /api/users/:userId adds to the user.
type UserOptions struct {
	// IncludeSSOIdentities adds ssoIdentities, the user's enterprise SSO
	// identities (includeSsoIdentities=true): [] when there are none.
	IncludeSSOIdentities bool
}

// UserWith answers GET /api/users/:userId with its options: the user as
// User answers it, with what opt asks for. 404 entity.not_found for an
// unknown user.
func (s *Admin) UserWith(ctx context.Context, id string, opt UserOptions) (*UserView, error) {
	u, err := s.adminUser(ctx, id)
	if err != nil {
		return nil, err
	}
	v := userView(u)
	if opt.IncludeSSOIdentities {
		list, err := s.cfg.Store.ListSSOIdentities(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("list sso identities: %w", err)
		}
		v.SSOIdentities = make([]*SSOIdentityView, len(list))
		for i, sid := range list {
			v.SSOIdentities[i] = ssoIdentityView(sid)
		}
	}
	return v, nil
}
