package account

import "time"

// PersonalAccessToken is a long-lived secret a user (or an administrator for
// them) makes so a script can act for the user. The store keeps only Hash,
// the SHA-256 of the secret: the secret itself is shown once, when it is
// made. Name is unique within the user.
//
// PersonalAccessToken values are plain data, like User: a store never hands
// out a value it keeps, and never keeps a value it was handed.
type PersonalAccessToken struct {
	UserID string
	Name   string
	Hash   []byte // SHA-256 of the secret; unique across all tokens
	// Scopes are the scopes a request made with the token holds.
	Scopes    []string
	CreatedAt time.Time
	// ExpiresAt is when the token stops working; zero = never.
	ExpiresAt time.Time
}

// Expired reports whether the token no longer works at now.
func (t *PersonalAccessToken) Expired(now time.Time) bool {
	return !t.ExpiresAt.IsZero() && !now.Before(t.ExpiresAt)
}
