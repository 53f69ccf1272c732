package smtpsender

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/verification"
)

// maxHeaderLine is RFC 5322's hard limit (998) less room for the field name.
const maxHeaderLine = 900

// envelope is what the SMTP conversation needs besides the message bytes.
type envelope struct {
	from, to string
}

// compose validates m and renders the whole RFC 5322 message. It runs before
// any connection is made, so a bad recipient or template costs no network
// round trip and never reaches the relay.
func (s *Sender) compose(m myaccount.Message, now time.Time) (envelope, []byte, error) {
	if m.To == "" {
		return envelope{}, nil, ErrInvalidRecipient
	}
	// The account service hands over an address in its one form; checking
	// it again here means no other spelling reaches the envelope even when
	// a caller builds the Message itself.
	bare, err := account.EmailSyntax{UnicodeLocalPart: true}.Normalize(m.To)
	if err != nil {
		return envelope{}, nil, ErrInvalidRecipient
	}
	to, err := parseAddress(bare)
	if err != nil {
		// net/mail's error quotes the input; the address stays out of ours.
		return envelope{}, nil, ErrInvalidRecipient
	}
	if m.Code == "" {
		return envelope{}, nil, errors.New("smtpsender: message has no code")
	}
	template := string(m.Template)
	if template == "" {
		template = string(verification.TemplateGeneric)
	}
	if !isToken(template) {
		return envelope{}, nil, errors.New("smtpsender: template type is not a header token")
	}

	var subject, body, lang string
	if s.cfg.Compose != nil {
		subject, body = s.cfg.Compose(m)
		// The caller localised the text for m.Locale, so that is its language.
		lang = canonicalLocale(m.Locale)
	} else {
		t := textFor(m.Template, m.Locale)
		subject, body, lang = t.subject, strings.ReplaceAll(t.body, codePlaceholder, m.Code), t.lang
	}
	encSubject, err := encodeSubject(subject)
	if err != nil {
		return envelope{}, nil, err
	}

	// The recipient's display name, if they typed one, is dropped: it is
	// user-controlled text that would otherwise appear as sent by us.
	toHeader := (&mail.Address{Address: to.Address}).String()

	var b bytes.Buffer
	header := func(name, value string) {
		b.WriteString(name)
		b.WriteString(": ")
		b.WriteString(value)
		b.WriteString("\r\n")
	}
	header("From", s.from.String())
	header("To", toHeader)
	header("Subject", encSubject)
	header("Date", now.Format(time.RFC1123Z))
	header("Message-ID", "<"+rand.Text()+"@"+s.msgIDDomain+">")
	// RFC 3834: keeps vacation responders from answering a robot.
	header("Auto-Submitted", "auto-generated")
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	if lang != "" {
		header("Content-Language", lang)
	}
	header("X-Myaccount-Template", template)
	b.WriteString("\r\n")

	// Quoted-printable keeps every line short and 7-bit, so relays without
	// 8BITMIME and SMTPUTF8 pass the non-English texts unchanged; in text
	// mode it also turns the body's "\n" into CRLF.
	qp := quotedprintable.NewWriter(&b)
	if _, err := qp.Write([]byte(body)); err != nil {
		return envelope{}, nil, fmt.Errorf("smtpsender: encode body: %w", err)
	}
	if err := qp.Close(); err != nil {
		return envelope{}, nil, fmt.Errorf("smtpsender: encode body: %w", err)
	}
	if !strings.HasSuffix(body, "\n") {
		b.WriteString("\r\n")
	}
	return envelope{from: s.envFrom, to: envelopeAddress(to)}, b.Bytes(), nil
}

// encodeSubject makes subject a valid header value: RFC 2047 encoded words
// when it is not plain ASCII, folded between words so no line grows long.
// A line break is an error rather than something to strip: it can only come
// from a Compose func, and silently repairing it would hide the bug.
func encodeSubject(subject string) (string, error) {
	if strings.ContainsAny(subject, "\r\n") {
		return "", errors.New("smtpsender: subject contains a line break")
	}
	if !utf8.ValidString(subject) {
		return "", errors.New("smtpsender: subject is not valid UTF-8")
	}
	if isPrintableASCII(subject) {
		if len(subject) > maxHeaderLine {
			return "", errors.New("smtpsender: subject is too long")
		}
		return subject, nil
	}
	// B is shorter for scripts that are mostly multi-byte (Korean, Japanese,
	// Chinese); Q stays readable for mostly-Latin text such as French.
	enc := mime.QEncoding
	if nonASCII := len(subject) - asciiCount(subject); nonASCII*2 > len(subject) {
		enc = mime.BEncoding
	}
	s := enc.Encode("utf-8", subject)
	// Adjacent encoded words are separated by a space; folding there is
	// invisible to readers (RFC 2047 §6.2 drops whitespace between words).
	return strings.ReplaceAll(s, "?= =?", "?=\r\n =?"), nil
}

// envelopeAddress renders a for MAIL FROM / RCPT TO. mail.Address.String
// quotes a local part that needs it ("a b"@example.com), which the bare
// Address field would not.
func envelopeAddress(a *mail.Address) string {
	return strings.TrimSuffix(strings.TrimPrefix((&mail.Address{Address: a.Address}).String(), "<"), ">")
}

// messageIDDomain is the From domain when it is a plain ASCII host name,
// which is what Message-ID's right-hand side must be.
func messageIDDomain(from *mail.Address) string {
	_, d, ok := cutLast(from.Address, "@")
	if !ok || !isToken(strings.ReplaceAll(d, ".", "-")) {
		return "localhost"
	}
	return d
}

// cutLast is strings.Cut at the last sep: a quoted local part may hold '@'.
func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// canonicalLocale turns a request locale into a Content-Language value, or
// "" when it does not look like a language tag (it came from a request
// header and must not carry anything else into ours).
func canonicalLocale(locale string) string {
	tag := strings.ReplaceAll(strings.TrimSpace(primaryRange(locale)), "_", "-")
	if tag == "" || len(tag) > 35 || !isToken(tag) || strings.Contains(tag, "_") {
		return ""
	}
	return tag
}

// isToken reports whether s is letters, digits, '-' and '_' only: safe as
// an unquoted header value.
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
		default:
			return false
		}
	}
	return true
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

func asciiCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			n++
		}
	}
	return n
}
