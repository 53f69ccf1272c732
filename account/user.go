package account

import "time"

// User is one account. The zero value of a field means "not set": an empty
// string, a nil pointer or map, a zero time. Stores keep every field and give
// back exactly what was written (times to the microsecond, in any location).
//
// User values are plain data: a store never hands out a value it keeps, and
// never keeps a value it was handed, so callers may change what they hold.
type User struct {
	ID string

	// Username, PrimaryEmail and PrimaryPhone are the user's identifiers as
	// they are shown. PrimaryPhone is stored normalized (country code and
	// national number, digits only, no trunk zero), so it is its own key.
	Username     string
	PrimaryEmail string
	PrimaryPhone string

	// UsernameKey and EmailKey are the forms the store keeps unique: the
	// account service sets them with UsernameKey and EmailKey (the functions)
	// whenever it sets Username or PrimaryEmail. Stores index them and never
	// compute them, so the username case rule stays in one place.
	UsernameKey string
	EmailKey    string

	// Name and Avatar are nullable strings: nil is JSON null.
	Name   *string
	Avatar *string

	// Profile holds the OpenID Connect standard claims.
	Profile Profile

	// CustomData is a free JSON object owned by the app.
	CustomData map[string]any

	// Identities maps a social connector target to the user's identity there.
	// Each (target, SocialIdentity.UserID) pair belongs to at most one user.
	Identities map[string]SocialIdentity

	// PasswordHash is a PHC string (argon2id, or a legacy hash upgraded on
	// the next successful check: argon2i, bcrypt, or an imported weak digest
	// in the form of ImportDigest); empty when the user has no password.
	PasswordHash      string
	PasswordUpdatedAt time.Time

	// LogtoConfig holds the user's own MFA and passkey sign-in settings.
	LogtoConfig LogtoConfig

	IsSuspended   bool
	ApplicationID string
	LastSignInAt  time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// HasPassword reports whether the user has a password.
func (u *User) HasPassword() bool { return u.PasswordHash != "" }

// HasSecurityVerificationMethod reports whether the user can prove who they
// are by a password, an email or a phone. Such a user needs the
// verification header for the conditional-VH routes.
func (u *User) HasSecurityVerificationMethod() bool {
	return u.PasswordHash != "" || u.PrimaryEmail != "" || u.PrimaryPhone != ""
}

// IdentifierCount counts the identifiers a user can sign in with:
// username, primary email, primary phone and each social identity. Password
// and MFA factors are not identifiers.
func (u *User) IdentifierCount() int {
	n := len(u.Identities)
	for _, s := range []string{u.Username, u.PrimaryEmail, u.PrimaryPhone} {
		if s != "" {
			n++
		}
	}
	return n
}

// Profile holds the OpenID Connect standard claims a user may edit.
type Profile struct {
	FamilyName        string   `json:"familyName,omitempty"`
	GivenName         string   `json:"givenName,omitempty"`
	MiddleName        string   `json:"middleName,omitempty"`
	Nickname          string   `json:"nickname,omitempty"`
	PreferredUsername string   `json:"preferredUsername,omitempty"`
	Profile           string   `json:"profile,omitempty"`
	Website           string   `json:"website,omitempty"`
	Gender            string   `json:"gender,omitempty"`
	Birthdate         string   `json:"birthdate,omitempty"`
	Zoneinfo          string   `json:"zoneinfo,omitempty"`
	Locale            string   `json:"locale,omitempty"`
	Address           *Address `json:"address,omitempty"`
}

// Address is the OpenID Connect address claim.
type Address struct {
	Formatted     string `json:"formatted,omitempty"`
	StreetAddress string `json:"streetAddress,omitempty"`
	Locality      string `json:"locality,omitempty"`
	Region        string `json:"region,omitempty"`
	PostalCode    string `json:"postalCode,omitempty"`
	Country       string `json:"country,omitempty"`
}

// SocialIdentity is a user's identity at one social connector target.
type SocialIdentity struct {
	// UserID is the user's id at the provider (not ours).
	UserID string `json:"userId"`
	// Details is what the connector reported about the user (id, email,
	// phone, name, avatar, raw data).
	Details map[string]any `json:"details,omitempty"`
}

// LogtoConfig holds a user's own MFA and passkey sign-in settings (the
// mfa-settings and logto-configs routes; the name is Logto's).
type LogtoConfig struct {
	MFA           MFAConfig           `json:"mfa"`
	PasskeySignIn PasskeySignInConfig `json:"passkeySignIn"`
}

// MFAConfig is the user's MFA state.
type MFAConfig struct {
	// Enabled is nil until something sets it: Logto's "unknown" legacy
	// state, omitted from GET logto-configs.
	Enabled                            *bool `json:"enabled,omitempty"`
	Skipped                            bool  `json:"skipped"`
	AdditionalBindingSuggestionSkipped bool  `json:"additionalBindingSuggestionSkipped"`
	SkipMFAOnSignIn                    bool  `json:"skipMfaOnSignIn"`
}

// PasskeySignInConfig is the user's passkey sign-in state.
type PasskeySignInConfig struct {
	Skipped bool `json:"skipped"`
}
