package account

import "time"

// TokenSet is a social provider's token set for one user and one social
// target, sealed by the caller (the store never sees it in clear). A user has
// at most one per target: Store.PutTokenSet replaces it, Store.GetTokenSet reads it back to hand out the access token.
//
// TokenSet values are plain data, like User: a store never hands out a value
// it keeps, and never keeps a value it was handed.
type TokenSet struct {
	UserID      string
	Target      string // the social connector target, e.g. "google"
	ConnectorID string
	Sealed      []byte // the token set, encrypted by the account service's Cipher

	// Scope and ExpiresAt are kept in clear beside it for metadata (the
	// access-token route reads the stored scope); ExpiresAt zero = unknown.
	Scope     string
	ExpiresAt time.Time
	UpdatedAt time.Time
}
