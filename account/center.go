package account

import "time"

// Field names one part of the account that the account center switches Off,
// ReadOnly or Edit.
type Field string

// The account-center fields.
const (
	FieldName          Field = "name"
	FieldAvatar        Field = "avatar"
	FieldProfile       Field = "profile"
	FieldEmail         Field = "email"
	FieldPhone         Field = "phone"
	FieldPassword      Field = "password"
	FieldUsername      Field = "username"
	FieldSocial        Field = "social"
	FieldCustomData    Field = "customData"
	FieldMFA           Field = "mfa"
	FieldPasskey       Field = "passkey"
	FieldSession       Field = "session"
	FieldTrustedDevice Field = "trustedDevice"
	// FieldDeleteAccount governs DELETE /api/my-account, the self-service
	// deletion this library adds (Logto only links to deleteAccountUrl):
	// Off by default, Edit to allow it.
	FieldDeleteAccount Field = "deleteAccount"
)

// Fields lists every account-center field, in Logto's order.
var Fields = []Field{
	FieldName, FieldAvatar, FieldProfile, FieldEmail, FieldPhone, FieldPassword, FieldUsername,
	FieldSocial, FieldCustomData, FieldMFA, FieldPasskey, FieldSession, FieldTrustedDevice,
	FieldDeleteAccount,
}

// FieldMode says what a user may do with a field.
type FieldMode string

// The field modes. An absent field is Off.
const (
	Off      FieldMode = "Off"
	ReadOnly FieldMode = "ReadOnly"
	Edit     FieldMode = "Edit"
)

// Valid reports whether m is one of the three modes.
func (m FieldMode) Valid() bool { return m == Off || m == ReadOnly || m == Edit }

// Readable reports whether the field may be read (ReadOnly or Edit).
func (m FieldMode) Readable() bool { return m == ReadOnly || m == Edit }

// Editable reports whether the field may be changed.
func (m FieldMode) Editable() bool { return m == Edit }

// AccountCenter holds the account-center settings. The zero
// value is what a new deployment starts with: disabled, every field Off.
type AccountCenter struct {
	// Enabled is the master switch for the Account and Verification APIs.
	Enabled bool

	// Fields maps a field to its mode; an absent field is Off.
	Fields map[Field]FieldMode

	// WebAuthnRelatedOrigins are origins accepted, beside the request's own,
	// when a WebAuthn registration is verified.
	WebAuthnRelatedOrigins []string

	// DeleteAccountURL is an http(s) URL of the app's own deletion page;
	// empty when unset (null in JSON).
	DeleteAccountURL string

	// CustomCSS is free text; nil is null.
	CustomCSS *string

	// ProfileFields orders custom profile fields; nil is null.
	ProfileFields []ProfileField

	UpdatedAt time.Time
}

// ProfileField names one custom profile field.
type ProfileField struct {
	Name string `json:"name"`
}

// Mode returns the mode of field f; an absent field is Off.
func (c *AccountCenter) Mode(f Field) FieldMode {
	if m, ok := c.Fields[f]; ok {
		return m
	}
	return Off
}

// PasskeyMode returns the mode that governs WebAuthn passkeys: the passkey
// field when it is set, the mfa field otherwise.
func (c *AccountCenter) PasskeyMode() FieldMode {
	if m, ok := c.Fields[FieldPasskey]; ok {
		return m
	}
	return c.Mode(FieldMFA)
}
