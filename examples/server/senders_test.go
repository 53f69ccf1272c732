package main

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/myaccount-go/myaccount/smtpsender"
)

// relay is an SMTP server on 127.0.0.1 (emersion/go-smtp, no TLS, no
// authentication) that keeps the mails it accepts.
type relay struct {
	addr  string
	mu    sync.Mutex
	mails []string
}

func startRelay(t *testing.T) *relay {
	t.Helper()
	r := &relay{}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := smtp.NewServer(r)
	s.Domain = "localhost"
	s.ReadTimeout, s.WriteTimeout = 10*time.Second, 10*time.Second
	r.addr = l.Addr().String()
	go func() { _ = s.Serve(l) }()
	t.Cleanup(func() { _ = s.Close() })
	return r
}

func (r *relay) NewSession(*smtp.Conn) (smtp.Session, error) { return &relaySession{r: r}, nil }

func (r *relay) received() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.mails...)
}

type relaySession struct{ r *relay }

func (s *relaySession) Mail(string, *smtp.MailOptions) error { return nil }
func (s *relaySession) Rcpt(string, *smtp.RcptOptions) error { return nil }
func (s *relaySession) Reset()                               {}
func (s *relaySession) Logout() error                        { return nil }
func (s *relaySession) Data(rd io.Reader) error {
	b, err := io.ReadAll(rd)
	if err != nil {
		return err
	}
	s.r.mu.Lock()
	s.r.mails = append(s.r.mails, string(b))
	s.r.mu.Unlock()
	return nil
}

// smsHook is an SMS webhook that records what it is sent, and answers
// status.
type smsHook struct {
	mu     sync.Mutex
	status int
	got    []smsMessage
	auth   []string
}

func (h *smsHook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var m smsMessage
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") != "application/json" || json.NewDecoder(r.Body).Decode(&m) != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	h.mu.Lock()
	h.got = append(h.got, m)
	h.auth = append(h.auth, r.Header.Get("Authorization"))
	status := h.status
	h.mu.Unlock()
	w.WriteHeader(status)
}

var sixDigits = regexp.MustCompile(`\b\d{6}\b`)

// Outside dev mode a code is delivered by SMTP (-smtp-url) or the SMS
// webhook (-sms-webhook), and the code that arrives verifies; a kind of
// code with no delivery configured is refused as the library refuses it
// (501 connector.not_found), never pretended sent.
func TestProductionDeliversCodes(t *testing.T) {
	iss := outsideProvider(t)
	sendCode := func(c client, token, kind, value string) (int, string, string) {
		t.Helper()
		status, code := c.errorCode("POST", "/api/verifications/verification-code", token, nil, `{"identifier":{"type":"`+kind+`","value":"`+value+`"}}`)
		if status != http.StatusCreated {
			return status, code, ""
		}
		var rec struct{ VerificationRecordID string }
		c.do("POST", "/api/verifications/verification-code", token, nil, map[string]any{"identifier": map[string]any{"type": kind, "value": value}}, 201, &rec)
		return status, code, rec.VerificationRecordID
	}
	signedIn := func(t *testing.T, c client, admin string) string {
		c.do("PATCH", "/api/account-center", admin, nil, map[string]any{"enabled": true, "fields": map[string]string{"email": "Edit", "phone": "Edit"}}, 200, nil)
		var u struct{ ID string }
		c.do("POST", "/api/users", admin, nil, map[string]any{"username": "ada"}, 200, &u)
		tok, err := iss.mint(u.ID, allScopes, false, "")
		if err != nil {
			t.Fatal(err)
		}
		return tok
	}

	t.Run("no delivery configured", func(t *testing.T) {
		c, admin, logs := startProduction(t, iss, func(cfg *serverConfig) { cfg.firstPartyClients = devFirstPartyClient })
		tok := signedIn(t, c, admin)
		for kind, value := range map[string]string{"email": "ada@example.com", "phone": "14155550100"} {
			if status, code, _ := sendCode(c, tok, kind, value); status != http.StatusNotImplemented || code != "connector.not_found" {
				t.Errorf("%s code: %d %s, want 501 connector.not_found", kind, status, code)
			}
		}
		if !regexp.MustCompile(`no delivery for email codes`).MatchString(logs.String()) || !regexp.MustCompile(`no delivery for sms codes`).MatchString(logs.String()) {
			t.Errorf("the start did not say codes are refused:\n%s", logs)
		}
	})

	t.Run("SMTP and the SMS webhook", func(t *testing.T) {
		mail := startRelay(t)
		hook := &smsHook{status: http.StatusAccepted}
		hookSrv := httptest.NewServer(hook)
		t.Cleanup(hookSrv.Close)
		t.Setenv(smsWebhookTokenEnv, "hook-secret")
		c, admin, logs := startProduction(t, iss, func(cfg *serverConfig) {
			cfg.firstPartyClients = devFirstPartyClient
			cfg.smtpURL, cfg.smtpFrom = "smtp://"+mail.addr+"?tls=none", "Example <no-reply@example.com>"
			cfg.smsWebhook = hookSrv.URL + "/send"
		})
		tok := signedIn(t, c, admin)

		// Each sendCode posts twice (the first answer is only read for its
		// status), so each kind gets two messages; the last one's code
		// belongs to the record.
		_, _, emailRecord := sendCode(c, tok, "email", "ada@example.com")
		mails := mail.received()
		if len(mails) != 2 {
			t.Fatalf("the relay got %d mails, want 2", len(mails))
		}
		code := sixDigits.FindString(mails[1])
		c.do("POST", "/api/verifications/verification-code/verify", tok, nil, map[string]any{
			"identifier": map[string]any{"type": "email", "value": "ada@example.com"}, "verificationId": emailRecord, "code": code,
		}, 200, nil)

		_, _, smsRecord := sendCode(c, tok, "phone", "14155550100")
		hook.mu.Lock()
		got, auth := hook.got, hook.auth
		hook.mu.Unlock()
		if len(got) != 2 || got[1].To != "+14155550100" || auth[1] != "Bearer hook-secret" {
			t.Fatalf("the webhook got %+v with %q", got, auth)
		}
		c.do("POST", "/api/verifications/verification-code/verify", tok, nil, map[string]any{
			"identifier": map[string]any{"type": "phone", "value": "14155550100"}, "verificationId": smsRecord, "code": sixDigits.FindString(got[1].Text),
		}, 200, nil)

		hook.mu.Lock()
		hook.status = http.StatusBadGateway
		hook.mu.Unlock()
		if status, code, _ := sendCode(c, tok, "phone", "14155550101"); status != http.StatusBadRequest || code != "connector.general" {
			t.Errorf("a failing webhook: %d %s, want the library's 400 connector.general", status, code)
		}
		if regexp.MustCompile(`\b` + code + `\b`).MatchString(logs.String()) {
			t.Errorf("a code reached the log:\n%s", logs)
		}
	})
}

func TestSMTPURL(t *testing.T) {
	for raw, want := range map[string]smtpsender.Config{
		"smtp://mail.example.com:587":                         {Addr: "mail.example.com:587", TLS: smtpsender.StartTLSRequired},
		"smtps://mailer@mail.example.com:465":                 {Addr: "mail.example.com:465", Username: "mailer", TLS: smtpsender.ImplicitTLS},
		"smtp://localhost:25?tls=none":                        {Addr: "localhost:25", TLS: smtpsender.NoTLS},
		"smtp://mailer@mail.example.com:25?tls=opportunistic": {Addr: "mail.example.com:25", Username: "mailer", TLS: smtpsender.StartTLSOpportunistic},
	} {
		got, err := parseSMTPURL(raw)
		if err != nil || got.Addr != want.Addr || got.Username != want.Username || got.TLS != want.TLS {
			t.Errorf("%s: %+v, %v; want %+v", raw, got, err, want)
		}
	}
	for _, bad := range []string{"mail.example.com:587", "http://mail.example.com:587", "smtp://mail.example.com", "smtp://u:p@mail.example.com:587", "smtps://mail.example.com:465?tls=none", "smtp://mail.example.com:25?tls=maybe"} {
		if _, err := parseSMTPURL(bad); err == nil {
			t.Errorf("%s: accepted", bad)
		}
	}
}
