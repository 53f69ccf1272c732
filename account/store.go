package account

import "context"

// Store persists users and the account-center settings.
//
// Every method takes the context first and returns ErrNotFound or
// ErrConflict (possibly wrapped) for the cases it documents; it never returns
// a nil value with a nil error. Uniqueness is the store's own job: two
// concurrent writes claiming one identifier cannot both succeed, whatever the
// number of app instances sharing the store.
type Store interface {
	// CreateUser inserts u. It fails with ErrConflict when the id is taken
	// or when u claims an identifier another user holds; a *ConflictError
	// says which identifier when the store can tell.
	CreateUser(ctx context.Context, u *User) error

	// GetUser returns the user with this id, or ErrNotFound.
	GetUser(ctx context.Context, id string) (*User, error)

	// FindUser returns the user holding an identifier: kind is
	// IdentifierUsername (key = UsernameKey), IdentifierEmail (key =
	// EmailKey) or IdentifierPhone (key = the normalized phone). ErrNotFound
	// when nobody holds it.
	FindUser(ctx context.Context, kind IdentifierKind, key string) (*User, error)

	// FindUserBySocialIdentity returns the user holding the social identity
	// (target, socialUserID), or ErrNotFound.
	FindUserBySocialIdentity(ctx context.Context, target, socialUserID string) (*User, error)

	// UpdateUser is the one way to change a user. It loads the user with
	// this id, calls change on a copy, and writes back the result, all as a
	// single atomic step: no other UpdateUser or DeleteUser of the same user
	// runs in between, on this or any other app instance. So a change that
	// reads and then writes (a last-identifier check, a merge) cannot lose
	// or miss a concurrent one.
	//
	// change must not call the store, must not keep u, and must not change
	// u.ID. It may be called more than once (a store that writes without a
	// lock calls it again when another write came first): it must depend
	// on u alone, and only its last call counts. If it returns an error, nothing is written and UpdateUser returns
	// that error as it is. Claiming an identifier another user holds (a
	// username, email or phone key, or a social identity) fails with a
	// *ConflictError and writes nothing: this is how identifiers are claimed
	// atomically. ErrNotFound when there is no such user. On success it
	// returns the user as written.
	UpdateUser(ctx context.Context, id string, change func(u *User) error) (*User, error)

	// ListUsers returns one page of the users q selects, newest first
	// (CreatedAt descending, a zero CreatedAt last, then ID ascending), and
	// how many users q selects in all. A page past the end is empty, not an
	// error. It is an administrator's search: the stores scan the users
	// table for a non-empty Search, and keep no index for it.
	ListUsers(ctx context.Context, q UserQuery) ([]*User, int, error)

	// DeleteUser removes the user and everything stored for them in one
	// step: social identities, enterprise SSO identities, social token
	// sets, personal access tokens, MFA factors and verification records.
	// ErrNotFound when there is no such user.
	DeleteUser(ctx context.Context, id string) error

	// PutTokenSet stores ts as the one token set of (ts.UserID, ts.Target):
	// it inserts it, or replaces every field of the one stored. Concurrent
	// puts of one pair all succeed (never a duplicate-key error), and the
	// last one written wins. The store does not check that the user exists:
	// the caller puts a set only for a user it has just loaded, and
	// DeleteUser removes the user's sets.
	PutTokenSet(ctx context.Context, ts *TokenSet) error

	// GetTokenSet returns the user's token set for a social target, or
	// ErrNotFound.
	GetTokenSet(ctx context.Context, userID, target string) (*TokenSet, error)

	// DeleteTokenSet removes the user's token set for a social target.
	// ErrNotFound when there is none.
	DeleteTokenSet(ctx context.Context, userID, target string) error

	// CreateAccessToken inserts a personal access token. ErrNotFound when
	// its user does not exist (checked in the same step, so a token never
	// outlives a concurrent DeleteUser); ErrConflict when the user already
	// has a token of that name, or another token has the same hash.
	CreateAccessToken(ctx context.Context, t *PersonalAccessToken) error

	// ListAccessTokens returns the user's tokens, oldest first (CreatedAt,
	// then Name); none for an unknown user.
	ListAccessTokens(ctx context.Context, userID string) ([]*PersonalAccessToken, error)

	// FindAccessToken returns the token whose Hash is hash, or ErrNotFound.
	FindAccessToken(ctx context.Context, hash []byte) (*PersonalAccessToken, error)

	// RenameAccessToken renames the user's token name to newName and
	// returns it. ErrNotFound when the user has no token of that name;
	// ErrConflict when another of their tokens is called newName.
	RenameAccessToken(ctx context.Context, userID, name, newName string) (*PersonalAccessToken, error)

	// DeleteAccessToken removes the user's token of that name. ErrNotFound
	// when there is none.
	DeleteAccessToken(ctx context.Context, userID, name string) error

	// PutSSOIdentity records the user's identity at an SSO connector in one
	// atomic step: it inserts id when the user (id.UserID) has none at
	// id.SSOConnectorID, or else writes Issuer, IdentityID, Detail and
	// UpdatedAt over the stored one, which keeps its ID and CreatedAt. It
	// returns the identity as stored. ErrNotFound when the user does not
	// exist (checked in the same step, so an identity never outlives a
	// concurrent DeleteUser); ErrConflict when another record (another
	// user's, or the same user's at another connector) holds (Issuer,
	// IdentityID), or the id is taken: of two concurrent puts of one
	// identity for two users, one wins.
	PutSSOIdentity(ctx context.Context, id *SSOIdentity) (*SSOIdentity, error)

	// ListSSOIdentities returns the user's SSO identities, oldest first
	// (CreatedAt, a zero CreatedAt first, then ID); none for an unknown user.
	ListSSOIdentities(ctx context.Context, userID string) ([]*SSOIdentity, error)

	// GetAccountCenter returns the stored account-center settings, or
	// ErrNotFound when none were ever saved (callers then use the zero
	// AccountCenter).
	GetAccountCenter(ctx context.Context) (*AccountCenter, error)

	// UpdateAccountCenter changes the settings atomically, like UpdateUser:
	// change gets a copy of the stored settings (the zero AccountCenter when
	// none are stored), and what it leaves is written. It returns the
	// settings as written.
	UpdateAccountCenter(ctx context.Context, change func(c *AccountCenter) error) (*AccountCenter, error)
}
