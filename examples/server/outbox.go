package main

import (
	"context"
	"log/slog"
	"sync"

	"github.com/myaccount-go/myaccount"
)

// outbox is the example's email and SMS sender: it keeps the latest message
// per address for GET /dev/outbox, and logs each send (with the code only
// in dev mode).
type outbox struct {
	log *slog.Logger
	dev bool

	mu     sync.Mutex
	latest map[string]myaccount.Message
}

func newOutbox(log *slog.Logger, dev bool) *outbox {
	return &outbox{log: log, dev: dev, latest: map[string]myaccount.Message{}}
}

// Send records m.
func (o *outbox) Send(ctx context.Context, m myaccount.Message) error {
	if o.dev {
		o.mu.Lock()
		o.latest[m.To] = m
		o.mu.Unlock()
		o.log.InfoContext(ctx, "dev outbox", "to", m.To, "template", m.Template, "locale", m.Locale, "code", m.Code)
		return nil
	}
	o.log.InfoContext(ctx, "code sent (no delivery configured in this example)", "template", m.Template, "locale", m.Locale)
	return nil
}

// find returns the latest message to an exact address.
func (o *outbox) find(to string) (myaccount.Message, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	m, ok := o.latest[to]
	return m, ok
}
