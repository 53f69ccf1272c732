package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/smtpsender"
)

// parseSMTPURL reads -smtp-url into a smtpsender.Config (without From and
// the password): smtp://[USER@]HOST:PORT with STARTTLS required,
// smtps://[USER@]HOST:PORT with TLS from the first byte, and ?tls=
// opportunistic or none to relax STARTTLS. A password in the URL is
// refused: ps would show it.
func parseSMTPURL(raw string) (smtpsender.Config, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return smtpsender.Config{}, fmt.Errorf("-smtp-url: %w", err)
	}
	var cfg smtpsender.Config
	switch u.Scheme {
	case "smtp":
		cfg.TLS = smtpsender.StartTLSRequired
	case "smtps":
		cfg.TLS = smtpsender.ImplicitTLS
	default:
		return cfg, fmt.Errorf("-smtp-url %s: the scheme must be smtp or smtps", u.Redacted())
	}
	if _, set := u.User.Password(); set {
		return cfg, fmt.Errorf("-smtp-url %s: give the password in -smtp-password-file or $%s, not in the URL", u.Redacted(), smtpPasswordEnv)
	}
	if u.Port() == "" || u.Hostname() == "" {
		return cfg, fmt.Errorf("-smtp-url %s: want HOST:PORT, e.g. smtp://mail.example.com:587", u.Redacted())
	}
	cfg.Addr = u.Host
	cfg.Username = u.User.Username()
	switch tls := u.Query().Get("tls"); {
	case tls == "":
	case tls == "opportunistic" && u.Scheme == "smtp":
		cfg.TLS = smtpsender.StartTLSOpportunistic
	case tls == "none" && u.Scheme == "smtp":
		cfg.TLS = smtpsender.NoTLS
	default:
		return cfg, fmt.Errorf("-smtp-url %s: tls=%s is not opportunistic or none (with smtp://)", u.Redacted(), tls)
	}
	return cfg, nil
}

// smsWebhook delivers SMS codes by POSTing {"to", "text"} as JSON to a URL
// of the operator's (their SMS provider, or a relay in front of it), with
// an optional bearer token. Any 2xx answer is a sent message; anything
// else fails the send, and the library answers the client with its
// connector error. The code is in the text only, and is never logged.
type smsWebhook struct {
	url    string
	token  string
	client *http.Client
}

// smsWebhookTimeout bounds one delivery.
const smsWebhookTimeout = 10 * time.Second

// smsMessage is the body the webhook gets. Template and Locale let a relay
// word its own message; Text is ready to send.
type smsMessage struct {
	To       string `json:"to"`
	Text     string `json:"text"`
	Template string `json:"template"`
	Locale   string `json:"locale"`
}

// Send implements myaccount.Sender.
func (h *smsWebhook) Send(ctx context.Context, m myaccount.Message) error {
	body, err := json.Marshal(smsMessage{To: "+" + m.To, Text: smsText(m), Template: string(m.Template), Locale: m.Locale})
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, smsWebhookTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.url, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if h.token != "" {
		req.Header.Set("Authorization", "Bearer "+h.token)
	}
	res, err := h.client.Do(req)
	if err != nil {
		return fmt.Errorf("sms webhook: %w", err)
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("sms webhook: answered %s", res.Status)
	}
	return nil
}

// smsText is the message a person reads.
func smsText(m myaccount.Message) string {
	return m.Code + " is your verification code. It expires in 10 minutes; do not share it."
}
