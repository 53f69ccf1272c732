package smtpsender

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"strings"
	"time"

	"github.com/myaccount-go/myaccount"
)

// DefaultTimeout bounds a whole Send (dial, TLS, conversation) when
// Config.Timeout is zero: a verification code is worthless after a few
// minutes, and a request handler should not hang on a slow relay.
const DefaultTimeout = 10 * time.Second

// TLSMode says how the connection to the relay is protected.
//
// The zero value is StartTLSRequired, so a Config that forgets to choose
// never sends a code in clear text to a remote relay.
type TLSMode int

const (
	// StartTLSRequired connects in clear (usually port 587 or 25) and
	// upgrades with STARTTLS; a server that does not offer STARTTLS, or a
	// failed handshake, fails the send.
	StartTLSRequired TLSMode = iota
	// StartTLSOpportunistic upgrades with STARTTLS when the server offers it
	// and otherwise continues in clear. A failed handshake still fails the
	// send rather than silently retrying in clear. With credentials it
	// behaves like StartTLSRequired for remote hosts, because net/smtp
	// refuses to send a password over an unencrypted connection.
	StartTLSOpportunistic
	// ImplicitTLS opens a TLS connection first ("SMTPS", usually port 465).
	ImplicitTLS
	// NoTLS never encrypts: for a relay on the same host or a development
	// mail catcher. Credentials are only allowed to localhost.
	NoTLS
)

// String names the mode for error messages and logs.
func (m TLSMode) String() string {
	switch m {
	case StartTLSRequired:
		return "StartTLSRequired"
	case StartTLSOpportunistic:
		return "StartTLSOpportunistic"
	case ImplicitTLS:
		return "ImplicitTLS"
	case NoTLS:
		return "NoTLS"
	}
	return fmt.Sprintf("TLSMode(%d)", int(m))
}

// Config describes the relay and the sender identity. New validates it once
// so that a misconfiguration shows at start-up, not at the first code.
type Config struct {
	// Addr is the relay as host:port, e.g. "smtp.example.com:587".
	Addr string
	// Username and Password enable AUTH PLAIN. net/smtp only sends them over
	// TLS or to localhost, 127.0.0.1 or ::1; New rejects NoTLS with
	// credentials to any other host for the same reason.
	Username string
	Password string
	// From is the sender, an address with an optional display name:
	// "Acme <no-reply@acme.example>". Its address is also the envelope
	// sender and its domain names the Message-ID.
	From string
	// TLS chooses STARTTLS (required or opportunistic), implicit TLS or
	// none. The zero value is StartTLSRequired.
	TLS TLSMode
	// TLSConfig customises certificate checks (RootCAs for a private CA,
	// for instance). It is cloned; when its ServerName is empty the host of
	// Addr is used, so verification is never skipped by accident.
	TLSConfig *tls.Config
	// Timeout bounds one Send from dial to QUIT; DefaultTimeout when zero.
	// A shorter deadline on the Send context wins.
	Timeout time.Duration
	// HelloName is the name given in EHLO/HELO; net/smtp's "localhost" when
	// empty. Some relays score mail by it, so production setups should set
	// the host's public name.
	HelloName string
	// Compose, when set, replaces the built-in texts: it returns the subject
	// and the plain-text body for m. The body must contain m.Code for the
	// mail to be useful; the subject must not (subjects show in
	// notifications and logs) and must be a single line.
	Compose func(m myaccount.Message) (subject, textBody string)
}

// validate checks cfg and returns the parts Send needs, already parsed.
func (cfg Config) validate() (host string, from *mail.Address, err error) {
	if cfg.Addr == "" {
		return "", nil, errors.New("smtpsender: Config.Addr is required")
	}
	host, port, err := net.SplitHostPort(cfg.Addr)
	if err != nil || host == "" || port == "" {
		return "", nil, fmt.Errorf("smtpsender: Config.Addr %q is not host:port", cfg.Addr)
	}
	if cfg.From == "" {
		return "", nil, errors.New("smtpsender: Config.From is required")
	}
	from, err = parseAddress(cfg.From)
	if err != nil {
		return "", nil, fmt.Errorf("smtpsender: Config.From: %w", err)
	}
	switch cfg.TLS {
	case StartTLSRequired, StartTLSOpportunistic, ImplicitTLS, NoTLS:
	default:
		return "", nil, fmt.Errorf("smtpsender: unknown Config.TLS %v", cfg.TLS)
	}
	if cfg.Password != "" && cfg.Username == "" {
		return "", nil, errors.New("smtpsender: Config.Password is set without Config.Username")
	}
	// Same rule as net/smtp.PlainAuth, checked now instead of at every send.
	if cfg.Username != "" && cfg.TLS == NoTLS && !isLocalhost(host) {
		return "", nil, fmt.Errorf("smtpsender: credentials need TLS to reach %q; only localhost may use NoTLS with a password", host)
	}
	if cfg.Timeout < 0 {
		return "", nil, errors.New("smtpsender: Config.Timeout is negative")
	}
	if cfg.HelloName != "" && strings.ContainsFunc(cfg.HelloName, func(r rune) bool {
		return r <= ' ' || r == 0x7f
	}) {
		return "", nil, errors.New("smtpsender: Config.HelloName contains spaces or control characters")
	}
	return host, from, nil
}

// isLocalhost mirrors net/smtp's own list, so New and PlainAuth agree.
func isLocalhost(host string) bool {
	return host == "localhost" || host == "127.0.0.1" || host == "::1"
}

// parseAddress accepts exactly one address. Control characters are refused
// before net/mail sees the value because a CR or LF that reached a header
// or an SMTP command would let the sender of a request add headers,
// recipients or commands of their own.
func parseAddress(s string) (*mail.Address, error) {
	if strings.ContainsFunc(s, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return nil, errors.New("address contains control characters")
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return nil, fmt.Errorf("invalid address: %w", err)
	}
	return a, nil
}
