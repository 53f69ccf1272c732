package mfa

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/protocol/webauthncose"
	"github.com/go-webauthn/webauthn/webauthn"

	"github.com/myaccount-go/myaccount/account"
)

// This file holds the WebAuthn ceremonies as pure functions over
// go-webauthn: each Begin returns the options for the browser and the
// session bytes to keep in a verification record; each Finish takes those
// bytes back. Nothing is kept in memory between the two, so any app
// instance can finish a ceremony another one began.
//
// Replay: go-webauthn does not consume a session. The same response
// verified twice against the same session succeeds twice (a test pins
// this). What makes a response single-use is the store taking the session
// and deleting it in one step (verification.Store.TakeSession) before
// Finish is called.

// WebAuthnTimeout is how long the browser is asked to wait for the
// authenticator (the options' timeout, 60000 ms in Logto). The server side
// relies on the verification record's expiry instead of go-webauthn's own
// session expiry, which would read the wall clock rather than the
// configured Clock.
const WebAuthnTimeout = 60 * time.Second

// RelyingParty is the WebAuthn relying party of one request.
type RelyingParty struct {
	// ID is the RP ID: the request's host name, without scheme or port.
	// It is also the RP display name. go-webauthn refuses an IP address.
	ID string
	// Origins are the origins a response may come from: the request's own
	// origin, then the account center's WebAuthn related origins. Empty
	// entries are ignored; at least one other is required.
	Origins []string
}

// WebAuthnUser is the user of a ceremony as WebAuthn sees them.
type WebAuthnUser struct {
	// ID is the user id; its bytes are the WebAuthn user handle, which a
	// passkey gives back at discoverable sign-in to say whose it is.
	// 1 to 64 bytes.
	ID string
	// Name and DisplayName are what the authenticator shows (as in Logto:
	// the email, phone or username, and the name first for DisplayName).
	Name        string
	DisplayName string
	// Credentials are the user's registered passkeys: excluded from a new
	// registration, allowed for sign-in.
	Credentials []WebAuthnCredential
}

// LoginResult is what a verified WebAuthn sign-in tells the caller, who
// records it with Store.AdvanceSignCount.
type LoginResult struct {
	// UserID is the id of the user who signed in.
	UserID string
	// CredentialID is the passkey used.
	CredentialID []byte
	// SignCount is the counter the authenticator reported: the value to
	// store, whether or not it moved forward.
	SignCount uint32
	// BackupState is the authenticator's current backup (sync) state.
	BackupState bool
	// CloneWarning is set when the counter did not move past the stored
	// one while either is non-zero: a sign that the private key may exist
	// twice. go-webauthn only flags it; refusing is the caller's choice.
	CloneWarning bool
}

// BeginRegistration starts registering a passkey for u. It
// returns the PublicKeyCredentialCreationOptions as JSON, in the form
// PublicKeyCredential.parseCreationOptionsFromJSON takes (not wrapped in
// {"publicKey": ...}), and the session to keep for FinishRegistration.
//
// The options ask for a discoverable credential with user verification,
// ES256 or RS256 keys, no attestation, a 60 s timeout, and exclude u's
// existing credentials so an authenticator does not register twice. As in
// Logto (SimpleWebAuthn's default), the credProps extension is requested,
// so the browser reports whether the key is really discoverable.
func BeginRegistration(rp RelyingParty, u WebAuthnUser) (options json.RawMessage, session []byte, err error) {
	w, err := rp.webAuthn()
	if err != nil {
		return nil, nil, err
	}
	exclude := make([]protocol.CredentialDescriptor, 0, len(u.Credentials))
	for i := range u.Credentials {
		c := u.Credentials[i].webauthnCredential()
		exclude = append(exclude, c.Descriptor())
	}
	creation, sd, err := w.BeginRegistration(newWebAuthnUser(&u),
		webauthn.WithExclusions(exclude),
		webauthn.WithCredentialParameters([]protocol.CredentialParameter{
			{Type: protocol.PublicKeyCredentialType, Algorithm: webauthncose.AlgES256},
			{Type: protocol.PublicKeyCredentialType, Algorithm: webauthncose.AlgRS256},
		}),
		webauthn.WithExtensions(webauthn.WithExtensionCredProps()),
	)
	if err != nil {
		return nil, nil, fmt.Errorf("begin WebAuthn registration: %w", err)
	}
	options, err = json.Marshal(creation.Response)
	if err != nil {
		return nil, nil, fmt.Errorf("encode WebAuthn creation options: %w", err)
	}
	// go-webauthn leaves an empty exclude list out; Logto sends [], and a
	// client may iterate it without checking.
	if len(exclude) == 0 {
		if options, err = setJSONMember(options, "excludeCredentials", []byte("[]")); err != nil {
			return nil, nil, err
		}
	}
	if session, err = json.Marshal(sd); err != nil {
		return nil, nil, fmt.Errorf("encode WebAuthn session: %w", err)
	}
	return options, session, nil
}

// FinishRegistration verifies the browser's registration response against
// the session BeginRegistration returned for u, and returns the new passkey
// with every field go-webauthn asks to keep, plus RPID (the RP ID the
// ceremony began with, which the key is bound to) and Agent (userAgent).
// Name is left empty for the caller.
//
// response is the RegistrationResponseJSON (the "payload");
// its type may be Logto's "WebAuthn" as well as the standard "public-key".
// Verification requires user verification, the session's challenge and RP
// ID, and one of rp's origins; attestation statements are checked when
// present but not required to chain to a trusted root (attestation
// "none"). A credential id u already has is refused too. Every such
// failure wraps ErrWebAuthnVerification.
func FinishRegistration(rp RelyingParty, u WebAuthnUser, session []byte, response []byte, userAgent string) (*WebAuthnCredential, error) {
	sd, err := decodeSession(session)
	if err != nil {
		return nil, err
	}
	w, err := rp.webAuthn()
	if err != nil {
		return nil, err
	}
	body, err := standardType(response)
	if err != nil {
		return nil, verificationFailed(err)
	}
	parsed, err := protocol.ParseCredentialCreationResponseBytes(body)
	if err != nil {
		return nil, verificationFailed(err)
	}
	cred, err := w.CreateCredential(newWebAuthnUser(&u), *sd, parsed)
	if err != nil {
		return nil, verificationFailed(err)
	}
	for i := range u.Credentials {
		if bytes.Equal(u.Credentials[i].CredentialID, cred.ID) {
			return nil, verificationFailed(errors.New("the credential is already registered"))
		}
	}
	out, err := newWebAuthnCredential(cred)
	if err != nil {
		return nil, err
	}
	out.RPID = sd.GetRelyingPartyID(rp.ID)
	out.Agent = userAgent
	return out, nil
}

// BeginLogin starts a WebAuthn sign-in. With a user it asks for one of u's
// passkeys (allowCredentials); with u nil it is a discoverable (passkey)
// sign-in, where the authenticator chooses and the response says whose key
// it is. It returns the PublicKeyCredentialRequestOptions as JSON (not
// wrapped in {"publicKey": ...}), with user verification required and a
// 60 s timeout, and the session to keep for FinishLogin. A user without
// credentials is an error.
func BeginLogin(rp RelyingParty, u *WebAuthnUser) (options json.RawMessage, session []byte, err error) {
	w, err := rp.webAuthn()
	if err != nil {
		return nil, nil, err
	}
	var (
		assertion *protocol.CredentialAssertion
		sd        *webauthn.SessionData
	)
	if u == nil {
		assertion, sd, err = w.BeginDiscoverableLogin()
	} else {
		assertion, sd, err = w.BeginLogin(newWebAuthnUser(u))
	}
	if err != nil {
		return nil, nil, fmt.Errorf("begin WebAuthn login: %w", err)
	}
	if options, err = json.Marshal(assertion.Response); err != nil {
		return nil, nil, fmt.Errorf("encode WebAuthn request options: %w", err)
	}
	if session, err = json.Marshal(sd); err != nil {
		return nil, nil, fmt.Errorf("encode WebAuthn session: %w", err)
	}
	return options, session, nil
}

// FinishLogin verifies the browser's assertion (AuthenticationResponseJSON;
// type "WebAuthn" is accepted as "public-key") against a session from
// BeginLogin. find loads the user who owns the credential: it is given the
// credential id and the user handle from the response (empty when the
// authenticator sent none). For a session begun with a user, the user find
// returns must be that user; for a discoverable session the user handle is
// required and must be the returned user's id. Either way the credential
// must be one of the user's.
//
// A find error that is account.ErrNotFound counts as a failed verification
// (an unknown user or passkey); any other find error is returned as it is,
// for the caller to treat as its own failure. All verification failures
// wrap ErrWebAuthnVerification.
//
// FinishLogin does not refuse a cloned authenticator: it reports
// CloneWarning and the caller decides.
func FinishLogin(rp RelyingParty, session []byte, response []byte, find func(credentialID []byte, userHandle []byte) (*WebAuthnUser, error)) (*LoginResult, error) {
	sd, err := decodeSession(session)
	if err != nil {
		return nil, err
	}
	w, err := rp.webAuthn()
	if err != nil {
		return nil, err
	}
	body, err := standardType(response)
	if err != nil {
		return nil, verificationFailed(err)
	}
	parsed, err := protocol.ParseCredentialRequestResponseBytes(body)
	if err != nil {
		return nil, verificationFailed(err)
	}

	var (
		found   *WebAuthnUser
		findErr error
	)
	lookup := func(credentialID, userHandle []byte) (webauthn.User, error) {
		found, findErr = find(credentialID, userHandle)
		if findErr != nil {
			return nil, findErr
		}
		if found == nil {
			findErr = fmt.Errorf("no user owns the credential: %w", account.ErrNotFound)
			return nil, findErr
		}
		return newWebAuthnUser(found), nil
	}
	if len(sd.UserID) > 0 {
		var user webauthn.User
		if user, err = lookup(parsed.RawID, parsed.Response.UserHandle); err == nil {
			_, err = w.ValidateLogin(user, *sd, parsed)
		}
	} else {
		_, _, err = w.ValidatePasskeyLogin(lookup, *sd, parsed)
	}
	if findErr != nil && !errors.Is(findErr, account.ErrNotFound) {
		return nil, fmt.Errorf("find WebAuthn user: %w", findErr)
	}
	if err != nil {
		return nil, verificationFailed(err)
	}

	var stored *WebAuthnCredential
	for i := range found.Credentials {
		if bytes.Equal(found.Credentials[i].CredentialID, parsed.RawID) {
			stored = &found.Credentials[i]
			break
		}
	}
	if stored == nil { // go-webauthn found it; this cannot happen
		return nil, verificationFailed(errors.New("the credential is not the user's"))
	}
	count := parsed.Response.AuthenticatorData.Counter
	return &LoginResult{
		UserID:       found.ID,
		CredentialID: bytes.Clone(parsed.RawID),
		SignCount:    count,
		BackupState:  parsed.Response.AuthenticatorData.Flags.HasBackupState(),
		// The stored CloneWarning is not consulted: go-webauthn never
		// clears it, so one old warning would flag every later sign-in.
		CloneWarning: count <= stored.SignCount && (count != 0 || stored.SignCount != 0),
	}, nil
}

// webAuthn is go-webauthn configured for rp and the options.
// A relying party go-webauthn refuses (no host, an IP address or a
// malformed host as RP ID, no origin) is a verification failure: it comes from the
// request, which may differ between the two steps of a ceremony.
func (rp RelyingParty) webAuthn() (*webauthn.WebAuthn, error) {
	if rp.ID == "" {
		return nil, verificationFailed(errors.New("the request has no host name to be the WebAuthn relying party"))
	}
	origins := make([]string, 0, len(rp.Origins))
	for _, o := range rp.Origins {
		if o != "" {
			origins = append(origins, o)
		}
	}
	timeout := webauthn.TimeoutConfig{Timeout: WebAuthnTimeout, TimeoutUVD: WebAuthnTimeout}
	w, err := webauthn.New(&webauthn.Config{
		RPID:                  rp.ID,
		RPDisplayName:         rp.ID,
		RPOrigins:             origins,
		AttestationPreference: protocol.PreferNoAttestation,
		AuthenticatorSelection: protocol.AuthenticatorSelection{
			ResidentKey:        protocol.ResidentKeyRequirementRequired,
			RequireResidentKey: protocol.ResidentKeyRequired(),
			UserVerification:   protocol.VerificationRequired,
		},
		Timeouts: webauthn.TimeoutsConfig{Login: timeout, Registration: timeout},
	})
	if err != nil {
		// The relying party is the request's (its host and origin): one
		// that cannot be, such as an IP address, is the client's doing.
		return nil, verificationFailed(fmt.Errorf("the request's host %q cannot be a WebAuthn relying party: %w", rp.ID, err))
	}
	return w, nil
}

func decodeSession(b []byte) (*webauthn.SessionData, error) {
	var sd webauthn.SessionData
	if err := json.Unmarshal(b, &sd); err != nil {
		return nil, fmt.Errorf("decode WebAuthn session: %w", err)
	}
	if sd.Challenge == "" {
		return nil, errors.New("decode WebAuthn session: no challenge")
	}
	return &sd, nil
}

// standardType rewrites Logto's credential type discriminator "WebAuthn"
// (its request bodies carry it) to the standard "public-key" go-webauthn
// insists on; any other body passes through untouched.
func standardType(response []byte) ([]byte, error) {
	var probe struct {
		Type string `json:"type"`
	}
	if err := json.Unmarshal(response, &probe); err != nil {
		return nil, fmt.Errorf("the response is not a JSON object: %w", err)
	}
	if probe.Type != string(TypeWebAuthn) {
		return response, nil
	}
	return setJSONMember(response, "type", []byte(`"`+protocol.PublicKeyCredentialType+`"`))
}

// setJSONMember sets one member of a JSON object, keeping the others as
// they are.
func setJSONMember(object []byte, name string, value json.RawMessage) ([]byte, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(object, &m); err != nil {
		return nil, fmt.Errorf("the response is not a JSON object: %w", err)
	}
	m[name] = value
	return json.Marshal(m)
}

// webAuthnError is a verification failure: its message is go-webauthn's,
// and it is both ErrWebAuthnVerification and the underlying error.
type webAuthnError struct {
	msg string
	err error
}

func (e *webAuthnError) Error() string   { return e.msg }
func (e *webAuthnError) Unwrap() []error { return []error{ErrWebAuthnVerification, e.err} }

// verificationFailed wraps err as a verification failure. go-webauthn's
// errors print only their summary ("Error validating origin"); the detail
// that says what was expected and what came is in DevInfo, so both go into
// the message.
func verificationFailed(err error) error {
	msg := err.Error()
	var pe *protocol.Error
	if errors.As(err, &pe) {
		msg = pe.Details
		if pe.DevInfo != "" {
			msg += ": " + pe.DevInfo
		}
	}
	if msg == "" {
		msg = ErrWebAuthnVerification.Error()
	}
	return &webAuthnError{msg: msg, err: err}
}

// webAuthnUser adapts a WebAuthnUser to go-webauthn's User.
type webAuthnUser struct {
	u     *WebAuthnUser
	creds []webauthn.Credential
}

func newWebAuthnUser(u *WebAuthnUser) webAuthnUser {
	creds := make([]webauthn.Credential, len(u.Credentials))
	for i := range u.Credentials {
		creds[i] = u.Credentials[i].webauthnCredential()
	}
	return webAuthnUser{u: u, creds: creds}
}

func (w webAuthnUser) WebAuthnID() []byte                         { return []byte(w.u.ID) }
func (w webAuthnUser) WebAuthnName() string                       { return w.u.Name }
func (w webAuthnUser) WebAuthnDisplayName() string                { return w.u.DisplayName }
func (w webAuthnUser) WebAuthnCredentials() []webauthn.Credential { return w.creds }

// webauthnCredential is c as go-webauthn's credential record. The packed
// flag byte is rebuilt from the four stored booleans. Extensions that do
// not decode are dropped: go-webauthn records them for the app and never
// uses them to verify.
func (c *WebAuthnCredential) webauthnCredential() webauthn.Credential {
	var flags protocol.AuthenticatorFlags
	for _, f := range []struct {
		set  bool
		flag protocol.AuthenticatorFlags
	}{
		{c.UserPresent, protocol.FlagUserPresent},
		{c.UserVerified, protocol.FlagUserVerified},
		{c.BackupEligible, protocol.FlagBackupEligible},
		{c.BackupState, protocol.FlagBackupState},
	} {
		if f.set {
			flags |= f.flag
		}
	}
	var transports []protocol.AuthenticatorTransport
	for _, t := range c.Transports {
		transports = append(transports, protocol.AuthenticatorTransport(t))
	}
	var ext webauthn.CredentialExtensions
	if len(c.Extensions) > 0 {
		_ = json.Unmarshal(c.Extensions, &ext)
	}
	return webauthn.Credential{
		ID:                bytes.Clone(c.CredentialID),
		PublicKey:         bytes.Clone(c.PublicKey),
		AttestationType:   c.AttestationType,
		AttestationFormat: c.AttestationFormat,
		Transport:         transports,
		Flags:             webauthn.NewCredentialFlags(flags),
		Authenticator: webauthn.Authenticator{
			AAGUID:       bytes.Clone(c.AAGUID),
			SignCount:    c.SignCount,
			CloneWarning: c.CloneWarning,
			Attachment:   protocol.AuthenticatorAttachment(c.Attachment),
		},
		Attestation: webauthn.CredentialAttestation{
			ClientDataJSON:     bytes.Clone(c.AttestationClientDataJSON),
			ClientDataHash:     bytes.Clone(c.AttestationClientDataHash),
			AuthenticatorData:  bytes.Clone(c.AttestationAuthenticatorData),
			PublicKeyAlgorithm: c.AttestationPublicKeyAlg,
			Object:             bytes.Clone(c.AttestationObject),
		},
		Extensions: ext,
	}
}

// newWebAuthnCredential is go-webauthn's credential record as ours; RPID,
// Agent and Name are left for the caller. Transports is empty, not nil,
// when the browser sent none (Logto stores []).
func newWebAuthnCredential(c *webauthn.Credential) (*WebAuthnCredential, error) {
	ext, err := json.Marshal(c.Extensions)
	if err != nil {
		return nil, fmt.Errorf("encode WebAuthn extensions: %w", err)
	}
	transports := make([]string, 0, len(c.Transport))
	for _, t := range c.Transport {
		transports = append(transports, string(t))
	}
	return &WebAuthnCredential{
		CredentialID:      bytes.Clone(c.ID),
		PublicKey:         bytes.Clone(c.PublicKey),
		AttestationType:   c.AttestationType,
		AttestationFormat: c.AttestationFormat,
		Transports:        transports,

		UserPresent:    c.Flags.UserPresent,
		UserVerified:   c.Flags.UserVerified,
		BackupEligible: c.Flags.BackupEligible,
		BackupState:    c.Flags.BackupState,

		AAGUID:       bytes.Clone(c.Authenticator.AAGUID),
		SignCount:    c.Authenticator.SignCount,
		CloneWarning: c.Authenticator.CloneWarning,
		Attachment:   string(c.Authenticator.Attachment),

		AttestationClientDataJSON:    bytes.Clone(c.Attestation.ClientDataJSON),
		AttestationClientDataHash:    bytes.Clone(c.Attestation.ClientDataHash),
		AttestationAuthenticatorData: bytes.Clone(c.Attestation.AuthenticatorData),
		AttestationPublicKeyAlg:      c.Attestation.PublicKeyAlgorithm,
		AttestationObject:            bytes.Clone(c.Attestation.Object),

		Extensions: ext,
	}, nil
}
