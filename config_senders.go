package myaccount

import (
	"context"

	"github.com/myaccount-go/myaccount/verification"
)

// Message is a code to deliver by email or SMS.
type Message struct {
	// To is the email address or phone number in its one form, the form
	// the email policy checked and the send limits counted: a bare
	// addr-spec with its domain in lowercase ASCII (Config.EmailSyntax), or
	// the phone's digits, country code first, without "+" or a trunk zero
	// (account.NormalizePhone).
	To string
	// Code is the code itself: the one place it exists in clear.
	Code string
	// Template is the resolved template type.
	Template verification.TemplateType
	// Locale is the request's preferred language (from Accept-Language),
	// "en" when unknown.
	Locale string
	// UserID is the user who asked for the code; "" for a code the
	// Management API sends (POST /api/verification-codes).
	UserID string
}

// Sender delivers codes. An error fails the send: no record is made and the
// client gets a connector error. Implementations must not log Code.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// SenderFunc adapts a function to Sender.
type SenderFunc func(ctx context.Context, m Message) error

// Send calls f.
func (f SenderFunc) Send(ctx context.Context, m Message) error { return f(ctx, m) }
