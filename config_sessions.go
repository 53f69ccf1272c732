package myaccount

import (
	"context"
	"time"
)

// SessionProvider is the app's sign-in sessions and the grants its
// applications hold, for the sessions and grants routes.
// Sessions belong to the app: the library serves those routes
// only when Config.Sessions is set, and applies every check itself, the
// owner check included, so an implementation only looks things up and
// revokes them.
//
// Lookups of something that does not exist (or no longer does) return an
// error that is account.ErrNotFound (wrapped or not), never nil, nil.
// Expired sessions and grants may be returned: the library leaves them out.
// Methods are called concurrently.
type SessionProvider interface {
	// Sessions lists the sessions of the account accountID.
	Sessions(ctx context.Context, accountID string) ([]Session, error)
	// Session returns the session whose uid is uid, whichever account it
	// belongs to.
	Session(ctx context.Context, uid string) (*Session, error)
	// RevokeSession ends the session uid. With a target other than
	// RevokeGrantsNone it first revokes the grants the session's
	// authorizations reference, with every token issued under them: of
	// first-party applications only (RevokeGrantsFirstParty) or of all
	// (RevokeGrantsAll). Access tokens already issued in the session may
	// stay valid until they expire, as in Logto.
	RevokeSession(ctx context.Context, uid string, target RevokeGrantsTarget) error

	// Grants lists the grants of the account accountID, of every
	// application; the library filters them by application type.
	Grants(ctx context.Context, accountID string) ([]Grant, error)
	// Grant returns the grant id, whichever account it belongs to.
	Grant(ctx context.Context, id string) (*Grant, error)
	// RevokeGrant revokes the grant id and every token issued under it
	// (refresh tokens stop working), and removes it from the authorizations
	// of the account's sessions.
	RevokeGrant(ctx context.Context, id string) error
}

// Session is one sign-in session.
type Session struct {
	// UID identifies the session; DELETE .../sessions/:sessionId takes it.
	UID string
	// AccountID is the user the session signed in; empty when none yet.
	AccountID string
	// ClientID is the application the session was last used with; empty
	// when unknown.
	ClientID string
	// Payload is the provider's session data, shown as is (Logto: exp, iat,
	// jti, uid, kind, loginTs, accountId, authorizations). The answer always
	// carries uid, kind and accountId in it.
	Payload map[string]any
	// LastSubmission is the last interaction's result; nil is null.
	LastSubmission map[string]any
	// ExpiresAt is when the session ends; zero means it does not.
	ExpiresAt time.Time
}

// Grant is what an application was granted for an account: its scopes and
// resources, the parent of its refresh tokens.
type Grant struct {
	ID string
	// AccountID is the user who granted it.
	AccountID string
	// Payload is the provider's grant data, shown as is (Logto: exp, iat,
	// jti, kind, clientId, accountId, openid, resources). The answer always
	// carries kind, clientId and accountId in it.
	Payload map[string]any
	// ExpiresAt is when the grant ends; zero means it does not.
	ExpiresAt time.Time
	// Application is the application that holds the grant.
	Application Application
}

// Application is an application of the app's identity provider.
type Application struct {
	ID   string
	Name string
	// FirstParty is true for the host's own applications; the
	// appType filter of GET .../grants uses it.
	FirstParty bool
}

// RevokeGrantsTarget says which grants a session delete also revokes.
type RevokeGrantsTarget string

// The revokeGrantsTarget values of DELETE .../sessions/:sessionId.
const (
	RevokeGrantsNone       RevokeGrantsTarget = ""
	RevokeGrantsAll        RevokeGrantsTarget = "all"
	RevokeGrantsFirstParty RevokeGrantsTarget = "firstParty"
)

// AppType filters grants by the kind of application that holds them.
type AppType string

// The appType values of GET .../grants.
const (
	AppTypeAny        AppType = ""
	AppTypeFirstParty AppType = "firstParty"
	AppTypeThirdParty AppType = "thirdParty"
)

// The errors of the sessions and grants routes. Decision 3: the session
// errors answer their intended 404.
