// Package smtpsender delivers verification codes by email over SMTP.
//
// A *Sender implements myaccount.Sender: the account service hands it a
// Message (recipient, code, template type, locale) and it sends one
// plain-text, quoted-printable mail in the user's language through the
// configured relay, with the standard library's net/smtp. It keeps no
// state between sends, so one Sender serves any number of goroutines and
// app instances.
//
// Security rules it keeps:
//   - the code appears only in the mail body: never in a subject, a header,
//     an error or a log line;
//   - recipient, sender and subject are checked for line breaks and parsed
//     with net/mail before any connection, so request data cannot add
//     headers, recipients or SMTP commands;
//   - TLS is required by default (StartTLSRequired), certificates are
//     verified against the relay's host name, and the password is only sent
//     over TLS or to localhost.
//
// Each Send opens its own connection and closes it at the end; a context
// that is cancelled or reaches its deadline closes the connection at once,
// so a stalled relay cannot hold a request longer than the caller allows.
package smtpsender

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"strings"
	"time"

	"github.com/myaccount-go/myaccount"
)

// Sender sends verification codes through one SMTP relay. It is safe for
// concurrent use.
type Sender struct {
	cfg         Config
	host        string // host part of cfg.Addr: TLS server name and PlainAuth host
	from        *mail.Address
	envFrom     string
	msgIDDomain string
	tlsConfig   *tls.Config
	timeout     time.Duration
}

var _ myaccount.Sender = (*Sender)(nil)

// New validates cfg and returns a Sender. It makes no connection: a relay
// that is down at start-up should not keep the app from starting.
func New(cfg Config) (*Sender, error) {
	host, from, err := cfg.validate()
	if err != nil {
		return nil, err
	}
	var tc *tls.Config
	if cfg.TLSConfig != nil {
		tc = cfg.TLSConfig.Clone()
	} else {
		tc = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	if tc.ServerName == "" {
		tc.ServerName = host
	}
	timeout := cfg.Timeout
	if timeout == 0 {
		timeout = DefaultTimeout
	}
	return &Sender{
		cfg:         cfg,
		host:        host,
		from:        from,
		envFrom:     envelopeAddress(from),
		msgIDDomain: messageIDDomain(from),
		tlsConfig:   tc,
		timeout:     timeout,
	}, nil
}

// Send delivers m as one email. The message is built and checked first, so
// an invalid recipient fails without contacting the relay. The whole
// exchange is bounded by Config.Timeout and by ctx: cancellation or a
// deadline closes the connection and Send returns an error that matches
// ctx.Err() with errors.Is.
//
// A relay's rejection is returned wrapping its *textproto.Error, so callers
// can tell a temporary (4xx) from a permanent (5xx) failure with errors.As.
// Once the relay has accepted the data the mail counts as sent: a failing
// QUIT afterwards is ignored, because reporting failure would make the user
// ask for a second code while the first one is on its way.
func (s *Sender) Send(ctx context.Context, m myaccount.Message) error {
	env, msg, err := s.compose(m, time.Now())
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("smtpsender: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()

	conn, err := s.dial(ctx)
	if err != nil {
		return s.fail(ctx, fmt.Errorf("connect: %w", err))
	}
	// Closing the connection when ctx ends (cancel, caller's deadline or
	// Config.Timeout) unblocks any read or write at once. One mechanism
	// rather than a connection deadline as well: then the error seen here
	// always comes after ctx.Err() is set, and fail reports the real cause.
	stop := context.AfterFunc(ctx, func() { _ = conn.Close() })
	defer stop()
	defer conn.Close()

	if err := s.converse(conn, env, msg); err != nil {
		return s.fail(ctx, err)
	}
	return nil
}

// fail prefixes err and, when the context ended the exchange, makes the
// context's error the one errors.Is finds: "use of closed network
// connection" alone would not tell the caller why.
func (s *Sender) fail(ctx context.Context, err error) error {
	// The dialer enforces ctx's deadline with its own timer, which may fire
	// just before ctx's; wait for ctx so the error names the deadline.
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		if d, ok := ctx.Deadline(); ok && !time.Now().Before(d) {
			<-ctx.Done()
		}
	}
	if cerr := ctx.Err(); cerr != nil {
		return fmt.Errorf("smtpsender: %w: %w", cerr, err)
	}
	return fmt.Errorf("smtpsender: %w", err)
}

// dial opens the TCP connection, and the TLS session first for ImplicitTLS.
func (s *Sender) dial(ctx context.Context) (net.Conn, error) {
	if s.cfg.TLS == ImplicitTLS {
		d := &tls.Dialer{Config: s.tlsConfig}
		return d.DialContext(ctx, "tcp", s.cfg.Addr)
	}
	var d net.Dialer
	return d.DialContext(ctx, "tcp", s.cfg.Addr)
}

// converse runs one SMTP transaction on conn. Errors name the step; none
// contains the message, so the code cannot leak through them.
func (s *Sender) converse(conn net.Conn, env envelope, msg []byte) error {
	c, err := smtp.NewClient(conn, s.host)
	if err != nil {
		return fmt.Errorf("greeting: %w", err)
	}
	// Hello is called even with the default name because it is the one call
	// that reports an EHLO failure; Extension would just answer "no".
	name := s.cfg.HelloName
	if name == "" {
		name = "localhost"
	}
	if err := c.Hello(name); err != nil {
		return fmt.Errorf("hello: %w", err)
	}

	switch s.cfg.TLS {
	case StartTLSRequired, StartTLSOpportunistic:
		ok, _ := c.Extension("STARTTLS")
		if !ok && s.cfg.TLS == StartTLSRequired {
			return errors.New("starttls: the server does not offer STARTTLS and Config.TLS is StartTLSRequired")
		}
		if ok {
			if err := c.StartTLS(s.tlsConfig); err != nil {
				return fmt.Errorf("starttls: %w", err)
			}
		}
	}

	if s.cfg.Username != "" {
		// Checked after STARTTLS: servers often offer AUTH only then.
		ok, mechs := c.Extension("AUTH")
		if !ok || !hasField(mechs, "PLAIN") {
			return errors.New("auth: the server does not offer AUTH PLAIN")
		}
		if err := c.Auth(smtp.PlainAuth("", s.cfg.Username, s.cfg.Password, s.host)); err != nil {
			return fmt.Errorf("auth: %w", err)
		}
	}

	if err := c.Mail(env.from); err != nil {
		return fmt.Errorf("mail from: %w", err)
	}
	if err := c.Rcpt(env.to); err != nil {
		return fmt.Errorf("rcpt to: %w", err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("data: %w", err)
	}
	if _, err := w.Write(msg); err != nil {
		return fmt.Errorf("data: %w", err)
	}
	// Close sends the final dot and reads the relay's verdict on the mail.
	if err := w.Close(); err != nil {
		return fmt.Errorf("data: %w", err)
	}
	_ = c.Quit()
	return nil
}

// hasField reports whether the space-separated list has f, ignoring case.
func hasField(list, f string) bool {
	for _, x := range strings.Fields(list) {
		if strings.EqualFold(x, f) {
			return true
		}
	}
	return false
}
