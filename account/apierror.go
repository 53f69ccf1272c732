package account

import "fmt"

// Code is a stable error code a client sees (spec §7), e.g. "user.suspended".
type Code string

// Error is an error a client sees: a stable code, the HTTP status it is
// answered with, and optional data (the issues of a rejected password, the
// interpolations of a message). Every rule of the account center fails with
// an *Error; anything else is an internal error.
type Error struct {
	Code   Code
	Status int
	Data   any
}

// NewError returns an *Error with this status and code.
func NewError(status int, code Code) *Error { return &Error{Code: code, Status: status} }

// WithData returns a copy of e carrying data.
func (e *Error) WithData(data any) *Error {
	c := *e
	c.Data = data
	return &c
}

func (e *Error) Error() string { return fmt.Sprintf("%s (%d)", e.Code, e.Status) }

// Is makes errors.Is match two *Error values with the same code and status,
// so a sentinel like ErrFieldNotEditable can be compared against.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code && t.Status == e.Status
}
