// Package connector is the contract between the account service and the
// connectors it talks to: social sign-in providers (Google, GitHub, any
// OpenID Connect or OAuth 2.0 provider, a mock for development) and the
// identities of the email and SMS connectors.
//
// There is no registry and no global state: an app builds its connectors
// and passes them to the service in its Config as a slice. The service
// finds a connector by ID, checks its Kind, and for a social connector
// drives the two steps:
//
//  1. AuthorizationURI gives the URL to send the browser to and an opaque
//     session the service keeps in the verification record (PKCE verifier,
//     nonce, redirect URI), so any app instance can finish the flow.
//  2. Verify gets that session back with the callback data the client
//     posts (connectorData) and returns the provider's user and tokens.
//
// Connectors fail with *account.Error values carrying Logto's connector
// codes and statuses (the Err* values of this package), so a client sees what Logto would
// have answered. Subpackages hold implementations: oauth (generic OAuth 2.0
// and OpenID Connect, with Google and GitHub presets) and mock (the dev
// server's fake provider).
package connector

import (
	"context"
	"time"
)

// Kind is a connector's type, spelled as Logto's ConnectorType
// (packages/toolkit/connector-kit/src/types/foundation.ts), so settings and
// errors read the same as the original.
type Kind string

// The connector kinds.
const (
	// KindSocial is a social sign-in provider; it implements Social.
	KindSocial Kind = "Social"
	// KindEmail is an email connector: codes go out through the service's
	// email Sender, the connector only names it.
	KindEmail Kind = "Email"
	// KindSMS is an SMS connector, as KindEmail for text messages.
	KindSMS Kind = "Sms"
)

// Connector is what every connector has: an identity in the service's list.
type Connector interface {
	// ID is the connector's id, the connectorId clients send.
	ID() string
	// Target is the identity namespace: a user's social identities are
	// keyed by target, so two connectors for the same provider (web and
	// native apps, say) share identities.
	Target() string
	// Kind says what the connector is for.
	Kind() Kind
}

// Social is a social sign-in connector (Kind KindSocial).
//
// Implementations must be safe for concurrent use and must not keep flow
// state in memory: everything Verify needs goes into the session.
type Social interface {
	Connector
	// AuthorizationURI returns the provider URL to send the browser to,
	// and opaque session state the connector needs back at Verify (PKCE
	// verifier, nonce, redirect URI). state and redirectURI come from the
	// client; scope may be empty (the connector's default scope then).
	AuthorizationURI(ctx context.Context, req AuthorizationRequest) (uri string, session []byte, err error)
	// Verify checks the callback data (connectorData: e.g. {"code": "...",
	// "state": "...", "redirectUri": "..."}) against session and returns
	// the social user and, when the provider gave one, its token set.
	// Errors are *account.Error values with connector codes (the Err* values).
	Verify(ctx context.Context, session []byte, data map[string]any) (*SocialUser, *TokenSet, error)
}

// Sessionless is optionally implemented by a Social connector that can run
// its flow with no session kept between the two steps. The Management API
// needs it: POST /api/connectors/{connectorId}/authorization-uri keeps
// nothing (the caller keeps and checks its state), and POST
// /api/users/{userId}/identities hands the callback data straight to the
// connector. Logto's Management API has the same limit: only connectors
// that do not rely on its interaction session work there. Without
// Sessionless both routes answer 501 connector.not_implemented.
type Sessionless interface {
	Social
	// SessionlessAuthorizationURI returns the provider URL to send the
	// browser to, for a flow that VerifySessionless finishes. Nothing is
	// kept: the caller checks the state when the provider sends it back.
	SessionlessAuthorizationURI(ctx context.Context, req AuthorizationRequest) (string, error)
	// VerifySessionless turns callback data into the social user (and its
	// token set, when the provider gave one), with no session. Errors are
	// as Verify's.
	VerifySessionless(ctx context.Context, data map[string]any) (*SocialUser, *TokenSet, error)
}

// AuthorizationRequest is what the client asked for when it started a
// social verification.
type AuthorizationRequest struct {
	// State is the client's CSRF state, echoed by the provider.
	State string
	// RedirectURI is where the provider sends the browser back to.
	RedirectURI string
	// Scope is the scope the client asked for; empty means the
	// connector's configured scope.
	Scope string
	// RecordID is the id of the verification record that will hold the
	// session, for connectors that key state of their own by it (Logto
	// passes it as the connector session's jti).
	RecordID string
}

// Refresher is optionally implemented by connectors that can refresh a
// token set. Without it, an expired stored token with a refresh token is
// answered as expired.
type Refresher interface {
	// Refresh exchanges ts.RefreshToken for a new token set. The result
	// may lack a refresh token when the provider does not rotate it; the
	// caller then keeps the old one.
	Refresh(ctx context.Context, ts *TokenSet) (*TokenSet, error)
}

// SocialUser is the user a social provider reported (Logto's
// SocialUserInfo). ID is the provider's stable user id; the other fields
// are empty when the provider gave none (or, for email and phone, did not
// say they were verified).
type SocialUser struct {
	ID     string `json:"id"`
	Email  string `json:"email,omitempty"`
	Phone  string `json:"phone,omitempty"`
	Name   string `json:"name,omitempty"`
	Avatar string `json:"avatar,omitempty"`
	// Raw is the provider's profile as it answered (claims, API object),
	// kept with the identity for apps that need more than the fields
	// above. It never holds tokens.
	Raw map[string]any `json:"rawData,omitempty"`
}

// TokenSet is a provider's token response, the third-party token set the
// account API stores (sealed) and hands back.
type TokenSet struct {
	AccessToken  string `json:"access_token,omitempty"`
	RefreshToken string `json:"refresh_token,omitempty"`
	IDToken      string `json:"id_token,omitempty"`
	TokenType    string `json:"token_type,omitempty"`
	Scope        string `json:"scope,omitempty"`
	// ExpiresAt is when the access token expires, from the response's
	// expires_in; zero when the provider did not say.
	ExpiresAt time.Time `json:"expires_at,omitzero"`
}

// Expired reports whether the access token has expired at now. A token
// with no known expiry never expires here, as in Logto: the provider is
// the judge when it is used.
func (t *TokenSet) Expired(now time.Time) bool {
	return !t.ExpiresAt.IsZero() && !now.Before(t.ExpiresAt)
}

// Static is a connector that is only an identity in the service's list:
// the email and SMS connectors, whose sending is the service's Sender.
type Static struct {
	IDValue     string
	TargetValue string
	KindValue   Kind
}

// ID returns s.IDValue.
func (s Static) ID() string { return s.IDValue }

// Target returns s.TargetValue.
func (s Static) Target() string { return s.TargetValue }

// Kind returns s.KindValue.
func (s Static) Kind() Kind { return s.KindValue }
