package verification

import "time"

// Type is the kind of a verification record.
type Type string

// The record types the Verification API creates.
const (
	TypePassword              Type = "Password"
	TypeEmailVerificationCode Type = "EmailVerificationCode"
	TypePhoneVerificationCode Type = "PhoneVerificationCode"
	TypeSocial                Type = "Social"
	TypeWebAuthn              Type = "WebAuthn"
	// TypeSignInPasskey holds a WebAuthn sign-in ceremony (the sign-in
	// API); its UserID is empty for a discoverable (passkey) login.
	TypeSignInPasskey Type = "SignInPasskey"
	// TypeManagementCode holds the pending code of the Management API's
	// POST /api/verification-codes to one recipient: no user, an id derived
	// from the recipient, a code of template Generic.
	TypeManagementCode Type = "ManagementVerificationCode"
	// TypeSubjectToken holds an impersonation subject token (POST
	// /api/subject-tokens), keyed by the token's digest and used up by the
	// token exchange; it has no code, session or proof.
	TypeSubjectToken Type = "SubjectToken"
	// TypeImpersonationToken holds the access token a subject token was
	// exchanged for, keyed by the token's digest; it lives until it expires.
	TypeImpersonationToken Type = "ImpersonationToken"
)

// TemplateType is the message template of a code.
type TemplateType string

// The template types.
const (
	TemplateSignIn                   TemplateType = "SignIn"
	TemplateRegister                 TemplateType = "Register"
	TemplateForgotPassword           TemplateType = "ForgotPassword"
	TemplateOrganizationInvitation   TemplateType = "OrganizationInvitation"
	TemplateGeneric                  TemplateType = "Generic"
	TemplateUserPermissionValidation TemplateType = "UserPermissionValidation"
	TemplateBindNewIdentifier        TemplateType = "BindNewIdentifier"
	TemplateMfaVerification          TemplateType = "MfaVerification"
	TemplateBindMfa                  TemplateType = "BindMfa"
)

// TTL is how long a record lives after it is made. Verifying a record never
// moves its expiry.
const TTL = 10 * time.Minute

// Record is one verification record. Stores keep every field and give back
// exactly what was written; they never hand out or keep a caller's value.
type Record struct {
	ID   string
	Type Type

	// UserID is the user who asked for the record. Every record of the
	// Account API has one, also records for new
	// identifiers; a discoverable passkey sign-in and a Management API
	// code (TypeManagementCode) have none.
	UserID string

	CreatedAt time.Time
	ExpiresAt time.Time

	// Verified is set when the proof succeeded: at creation for a password
	// record, by ConsumeCode for a code record, by Complete for social and
	// WebAuthn records.
	Verified bool

	// Identifier is the email or phone a code record was sent to.
	Identifier Identifier

	// TemplateType is the resolved template of a code record.
	TemplateType TemplateType

	// Code is the pending code of a code record; nil once consumed.
	Code *Code

	// ConnectorID is the social connector of a social record.
	ConnectorID string

	// Session is one-shot ceremony state (WebAuthn SessionData, a social
	// connector's session), opaque to the store; nil once taken.
	Session []byte

	// Result is what a successful proof produced (the WebAuthn registration,
	// the social user and its sealed token set), opaque to the store.
	Result []byte

	// PasswordStamp is a digest of the user's password hash at the time
	// the record was made, opaque to the store. The checks that accept a
	// record compare it with the digest of the user's current hash, so a
	// record made before the password changed (or was set or removed)
	// proves nothing afterwards.
	PasswordStamp []byte
}

// Expired reports whether the record has expired at now.
func (r *Record) Expired(now time.Time) bool { return !now.Before(r.ExpiresAt) }

// IdentifierType is the kind of address a code goes to.
type IdentifierType string

// The identifier types of code records.
const (
	IdentifierEmail IdentifierType = "email"
	IdentifierPhone IdentifierType = "phone"
)

// Identifier is an email address or phone number, as the client sent it.
type Identifier struct {
	Type  IdentifierType
	Value string
}

// Code is a sent code: only its hash is kept.
type Code struct {
	// Hash is the code's hash; the code itself is never stored.
	Hash []byte
	// SentAt starts the code's own expiry window.
	SentAt time.Time
	// Tries counts the attempts made so far, counted before each compare.
	Tries int
}
