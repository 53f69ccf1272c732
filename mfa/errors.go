package mfa

import "errors"

// ErrWebAuthnVerification is wrapped by every error of FinishRegistration
// and FinishLogin that comes from the client's response: a bad signature,
// origin, RP ID, challenge, flag or format. The error's own message is
// go-webauthn's description of what failed, which the use case returns as
// the data of 400 session.mfa.webauthn_verification_failed.
// A relying party that cannot be one (the request's host is an IP address,
// or there is no origin) wraps it too, in every Begin and Finish: it is
// the request's. Errors that do not wrap it (an unreadable session, a
// store failure reported by find) are the server's.
var ErrWebAuthnVerification = errors.New("WebAuthn verification failed")
