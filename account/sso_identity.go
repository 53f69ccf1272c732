package account

import "time"

// SSOIdentity is a user's identity at one enterprise SSO connector (Logto's
// user_sso_identities): who the identity provider says the user is. A user
// has at most one per connector, and one identity (Issuer, IdentityID)
// belongs to at most one user.
//
// SSOIdentity values are plain data, like User: a store never hands out a
// value it keeps, and never keeps a value it was handed.
type SSOIdentity struct {
	// ID is the record's own id, kept when the record is updated.
	ID     string
	UserID string
	// SSOConnectorID is the host's id of the SSO connector.
	SSOConnectorID string
	// Issuer names the identity provider: an OIDC issuer, a SAML entity id.
	Issuer string
	// IdentityID is the user's id at the identity provider.
	IdentityID string
	// Detail is what the provider reported about the user; never nil once
	// stored (an empty object).
	Detail map[string]any
	// CreatedAt is when the identity was first recorded; UpdatedAt when it
	// was last written.
	CreatedAt time.Time
	UpdatedAt time.Time
}
