package myaccount

import (
	"context"
	"time"

	"github.com/myaccount-go/myaccount/account"
)

// EventType names an event, with Logto's hook names.
type EventType string

// The event types.
const (
	// EventUserDataUpdated follows every successful change of a user.
	EventUserDataUpdated EventType = "User.Data.Updated"
	// EventUserCreated follows Admin.AddUser (POST /api/users).
	EventUserCreated EventType = "User.Created"
	// EventUserDeleted follows the deletion of a user, by an administrator
	// or by the user (DELETE /api/my-account). User is the user as it was.
	EventUserDeleted EventType = "User.Deleted"
	// EventUserSuspensionStatusUpdated follows a suspension or its end
	// (PATCH /api/users/:userId/is-suspended); User.IsSuspended says which.
	EventUserSuspensionStatusUpdated EventType = "User.SuspensionStatus.Updated"
	// EventIdentifierLockout follows a lockout: reached now, or an attempt
	// refused while one lasts.
	EventIdentifierLockout EventType = "Identifier.Lockout"
	// EventMessageRateLimited follows a code send refused by the send limit.
	EventMessageRateLimited EventType = "Message.RateLimited"
	// EventAccessTokenCreated and EventAccessTokenDeleted follow the making
	// and the deletion of a personal access token (AccessToken names it).
	EventAccessTokenCreated EventType = "PersonalAccessToken.Created"
	EventAccessTokenDeleted EventType = "PersonalAccessToken.Deleted"
	// EventSubjectTokenCreated: an administrator made a subject token to
	// impersonate UserID.
	EventSubjectTokenCreated EventType = "SubjectToken.Created"
	// EventImpersonationStarted: a subject token for UserID was exchanged
	// for an impersonation access token.
	EventImpersonationStarted EventType = "Impersonation.Started"
)

// Change says what a User.Data.Updated event changed, so a hook can notify
// the old address, revoke sessions or write an audit line without diffing.
type Change string

// The changes.
const (
	ChangeProfile      Change = "profile"
	ChangeUsername     Change = "username"
	ChangeCustomData   Change = "customData"
	ChangePassword     Change = "password"
	ChangePrimaryEmail Change = "primaryEmail"
	ChangePrimaryPhone Change = "primaryPhone"
	ChangeIdentity     Change = "identity"
	ChangeMFA          Change = "mfa"
	ChangeLogtoConfig  Change = "logtoConfig"
)

// Event is what the hook receives. It never carries a secret, a code or a
// token.
type Event struct {
	Type EventType
	At   time.Time
	// UserID is the user concerned; empty for a lockout of an identifier
	// that is not a user id.
	UserID string
	// Changes lists what a User.Data.Updated event changed.
	Changes []Change
	// User is the user after the change (User.Data.Updated, User.Created,
	// User.SuspensionStatus.Updated) or before it (User.Deleted), with its
	// password hash removed.
	User *account.User
	// Previous holds the identifier a primary-email or primary-phone change
	// replaced, so the app can tell the old address.
	Previous string
	// Action is what was locked out or rate limited ("Password",
	// "VerificationCode", "SendCode").
	Action string
	// AccessToken names the personal access token made or deleted.
	AccessToken string
	// ActorClientID is the administrator client behind the change: the
	// caller's Principal.ActorClientID when an impersonated session made
	// it, the administrator's client for SubjectToken.Created and
	// Impersonation.Started; empty otherwise.
	ActorClientID string
}

// Hook receives events after the change they describe is stored. It runs
// synchronously in the request: keep it fast, hand slow work to a queue.
type Hook func(ctx context.Context, e Event)
