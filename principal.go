package myaccount

import "slices"

// Principal is who makes a request: what an Authenticator reads from an access
// token or a session. The use cases check its scopes and first-party flag in
// Logto's order.
type Principal struct {
	// UserID is the user the token acts for (the token's subject).
	UserID string
	// Scopes are the token's granted scopes.
	Scopes []string
	// ClientID is the application the token was issued to; empty if unknown.
	ClientID string
	// FirstParty is true when that application is the host's own. Mutating
	// routes refuse third-party applications; an Authenticator
	// that cannot tell must report false (fail closed).
	FirstParty bool
	// SessionID is the uid of the sign-in session the token was issued in
	// (a JWT's sid claim); empty when the token is not session-backed. GET
	// /api/my-account/sessions marks that session isCurrent.
	SessionID string
	// Impersonated is true when an administrator acts as the user through
	// a token from the token exchange (Service.ExchangeSubjectToken). Such a session
	// may read the account and change its profile, but not its password,
	// identifiers, social identities, MFA factors or the account itself
	// (403 auth.forbidden, ErrImpersonated).
	Impersonated bool
	// ActorClientID is the administrator client that made the subject
	// token of an impersonated session; empty otherwise.
	ActorClientID string
}

// The scopes.
const (
	ScopeOpenID         = "openid"
	ScopeProfile        = "profile"
	ScopeEmail          = "email"
	ScopePhone          = "phone"
	ScopeAddress        = "address"
	ScopeCustomData     = "custom_data"
	ScopeIdentities     = "identities"
	ScopeSessions       = "urn:logto:scope:sessions"
	ScopeTrustedDevices = "urn:logto:scope:trusted_devices"
)

// HasScope reports whether the principal was granted scope.
func (p Principal) HasScope(scope string) bool { return slices.Contains(p.Scopes, scope) }
