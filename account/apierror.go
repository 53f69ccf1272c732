package account

import "fmt"

// Code is a stable error code a client sees, e.g. "user.suspended".
type Code string

// Error is an error a client sees: a stable code, the HTTP status it is
// answered with, and optional data (the issues of a rejected password, the
// interpolations of a message). Every rule of the account center fails with
// an *Error; anything else is an internal error.
type Error struct {
	Code   Code
	Status int
	Data   any
	// Cause is what made the rule fail, when there is more to say than
	// the code (a connector's error, a parse error): errors.Unwrap returns
	// it. It is never shown to a client.
	Cause error
}

// NewError returns an *Error with this status and code.
func NewError(status int, code Code) *Error { return &Error{Code: code, Status: status} }

// WithData returns a copy of e carrying data.
func (e *Error) WithData(data any) *Error {
	c := *e
	c.Data = data
	return &c
}

// WithCause returns a copy of e that wraps cause.
func (e *Error) WithCause(cause error) *Error {
	c := *e
	c.Cause = cause
	return &c
}

func (e *Error) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("%s (%d): %v", e.Code, e.Status, e.Cause)
	}
	return fmt.Sprintf("%s (%d)", e.Code, e.Status)
}

// Unwrap returns the cause, or nil.
func (e *Error) Unwrap() error { return e.Cause }

// Is makes errors.Is match two *Error values with the same code, and the
// same status unless the target has none: errors.Is(err,
// myaccount.ErrUsernameInUse), or errors.Is(err, &account.Error{Code:
// account.CodeUsernameAlreadyInUse}). Data and causes do not count.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code && (t.Status == 0 || t.Status == e.Status)
}
