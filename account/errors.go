package account

import (
	"errors"
	"fmt"
)

// Store errors. Every store of every domain package reports these (wrapped or
// not); callers compare with errors.Is.
var (
	// ErrNotFound means the thing asked for does not exist (or no longer
	// does: a payload that was already taken, a code already consumed).
	ErrNotFound = errors.New("myaccount: not found")

	// ErrConflict means the write would break a uniqueness rule or a
	// condition that no longer holds: an identifier another user holds, a
	// second TOTP, a backup code already used, a TOTP step that is not newer.
	ErrConflict = errors.New("myaccount: conflict")

	// ErrUnavailable means the store cannot be reached right now (the
	// database is down, restarting, or the connection broke): the request
	// may succeed if tried again later. The HTTP adapters answer it 503
	// request.service_unavailable with Retry-After.
	ErrUnavailable = errors.New("myaccount: store unavailable")
)

// ConflictError is the ErrConflict of a write that claimed an identifier
// another user already holds. Identifier says which one, when the store can
// tell; it is empty otherwise.
type ConflictError struct {
	Identifier IdentifierKind
}

func (e *ConflictError) Error() string {
	if e.Identifier == "" {
		return ErrConflict.Error()
	}
	return fmt.Sprintf("%s: %s already in use", ErrConflict, e.Identifier)
}

// Is makes errors.Is(err, ErrConflict) true for a *ConflictError.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

// ErrInvalidPhone is the 422 user.invalid_phone error of a phone number that
// cannot be parsed. NormalizePhone's errors match it with
// errors.Is and errors.As.
var ErrInvalidPhone = NewError(422, CodeInvalidPhone)

// ErrInvalidEmail is the error of an address NormalizeEmail refuses; its
// errors wrap it (errors.Is) and say why, without repeating the address.
var ErrInvalidEmail = errors.New("myaccount: not a single plain email address")

// ErrMalformedHash is the error of a stored password hash that cannot be
// read or that asks for parameters beyond the limits of Argon2Params.
var ErrMalformedHash = errors.New("myaccount: malformed password hash")
