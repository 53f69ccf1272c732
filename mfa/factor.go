package mfa

import "time"

// FactorType is the kind of an MFA factor.
type FactorType string

// The MFA factor types. Only the first three can be bound through the
// Account API; the code factors exist as sign-in-experience settings.
const (
	TypeTOTP                  FactorType = "Totp"
	TypeWebAuthn              FactorType = "WebAuthn"
	TypeBackupCode            FactorType = "BackupCode"
	TypeEmailVerificationCode FactorType = "EmailVerificationCode"
	TypePhoneVerificationCode FactorType = "PhoneVerificationCode"
)

// Single reports whether a user may hold at most one factor of this type.
func (t FactorType) Single() bool { return t == TypeTOTP || t == TypeBackupCode }

// Factor is one MFA factor of a user. Exactly one of TOTP, WebAuthn and
// BackupCodes is set, matching Type. Stores keep every field and give back
// exactly what was written; they never hand out or keep a caller's value.
type Factor struct {
	ID         string
	UserID     string
	Type       FactorType
	CreatedAt  time.Time
	LastUsedAt time.Time // zero when never used

	TOTP        *TOTP
	WebAuthn    *WebAuthnCredential
	BackupCodes []BackupCode
}

// TOTP is an authenticator-app factor.
type TOTP struct {
	// SealedSecret is the base32 secret, encrypted by the Cipher.
	SealedSecret []byte
	// LastUsedStep is the RFC 6238 time step of the last code accepted at
	// sign-in; a code is accepted only for a later step. 0 when never used.
	LastUsedStep int64
}

// BackupCode is one single-use backup code.
type BackupCode struct {
	// Hash finds the code without decrypting: a keyed hash of the code.
	Hash []byte
	// Sealed is the code encrypted by the Cipher, to show it again.
	Sealed []byte
	// UsedAt is when the code was used; zero while unused.
	UsedAt time.Time
}

// WebAuthnCredential is a passkey: every field go-webauthn asks to persist
// (its Credential record), plus Logto's own (RPID, Agent, Name).
type WebAuthnCredential struct {
	CredentialID      []byte
	PublicKey         []byte
	AttestationType   string
	AttestationFormat string
	Transports        []string

	// The credential flags, kept as booleans: after a JSON round trip
	// go-webauthn's packed flag byte is lost while these survive.
	UserPresent    bool
	UserVerified   bool
	BackupEligible bool
	BackupState    bool

	// The authenticator.
	AAGUID       []byte
	SignCount    uint32
	CloneWarning bool
	Attachment   string

	// The raw attestation, kept so the credential can be verified again later.
	AttestationClientDataJSON    []byte
	AttestationClientDataHash    []byte
	AttestationAuthenticatorData []byte
	AttestationPublicKeyAlg      int64
	AttestationObject            []byte

	// Extensions is go-webauthn's CredentialExtensions as JSON.
	Extensions []byte

	// RPID is the relying party the credential was registered for.
	RPID string
	// Agent is the User-Agent of the registering request.
	Agent string
	// Name is the user's label for the passkey; empty when unnamed.
	Name string
}

// RemainingCodes counts the unused codes of a backup-code factor.
func (f *Factor) RemainingCodes() int {
	n := 0
	for _, c := range f.BackupCodes {
		if c.UsedAt.IsZero() {
			n++
		}
	}
	return n
}
