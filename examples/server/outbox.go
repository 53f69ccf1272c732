package main

import (
	"context"
	"log/slog"
	"sync"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// outbox is dev mode's email and SMS sender: it keeps the latest message
// per address for GET /dev/outbox, and logs each send with its code. It
// delivers nothing, so it serves dev mode only.
type outbox struct {
	log *slog.Logger

	mu     sync.Mutex
	latest map[string]myaccount.Message
}

func newOutbox(log *slog.Logger) *outbox {
	return &outbox{log: log, latest: map[string]myaccount.Message{}}
}

// Send records m.
func (o *outbox) Send(ctx context.Context, m myaccount.Message) error {
	o.mu.Lock()
	o.latest[m.To] = m
	o.mu.Unlock()
	o.log.InfoContext(ctx, "dev outbox", "to", m.To, "template", m.Template, "locale", m.Locale, "code", m.Code)
	return nil
}

// find returns the latest message to an address: as given, or in the one
// form the library delivers to (an email with its domain lowercased and in
// ASCII, a phone in its stored digits), so a test may ask for the address
// as it typed it.
func (o *outbox) find(to string) (myaccount.Message, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if m, ok := o.latest[to]; ok {
		return m, true
	}
	if email, err := account.NormalizeEmail(to); err == nil {
		if m, ok := o.latest[email]; ok {
			return m, true
		}
	}
	if phone, err := account.NormalizePhone(to); err == nil {
		if m, ok := o.latest[phone]; ok {
			return m, true
		}
	}
	return myaccount.Message{}, false
}
