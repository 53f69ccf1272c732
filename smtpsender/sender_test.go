package smtpsender_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/smtpsender"
	"github.com/myaccount-go/myaccount/verification"
)

const (
	testCode = "739184"
	testFrom = "Acme Accounts <no-reply@acme.test>"
	testTo   = "user@example.com"
)

var _ myaccount.Sender = (*smtpsender.Sender)(nil)

func newSender(t *testing.T, cfg smtpsender.Config) *smtpsender.Sender {
	t.Helper()
	if cfg.From == "" {
		cfg.From = testFrom
	}
	s, err := smtpsender.New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return s
}

func message(locale string, tmpl verification.TemplateType) myaccount.Message {
	return myaccount.Message{To: testTo, Code: testCode, Template: tmpl, Locale: locale, UserID: "u1"}
}

// parsed is a received mail, decoded the way a mail client would.
type parsed struct {
	header    mail.Header
	rawHeader string
	subject   string
	body      string
}

func parse(t *testing.T, data []byte) parsed {
	t.Helper()
	for i, b := range data {
		if b >= 0x80 {
			t.Fatalf("byte %d of the message is not 7-bit (%#x): the relay may lack 8BITMIME", i, b)
		}
	}
	raw, _, ok := bytes.Cut(data, []byte("\r\n\r\n"))
	if !ok {
		t.Fatalf("no CRLF CRLF between header and body:\n%s", data)
	}
	for _, line := range strings.Split(string(raw), "\r\n") {
		if len(line) > 998 {
			t.Fatalf("header line longer than 998 bytes: %q", line)
		}
	}
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("ReadMessage: %v\n%s", err, data)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		t.Fatalf("decode Subject %q: %v", msg.Header.Get("Subject"), err)
	}
	body, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil {
		t.Fatalf("decode body: %v", err)
	}
	return parsed{header: msg.Header, rawHeader: string(raw), subject: subject, body: string(body)}
}

func onlyMail(t *testing.T, ts *testServer) received {
	t.Helper()
	mails := ts.Mails()
	if len(mails) != 1 {
		t.Fatalf("relay got %d mails, want 1", len(mails))
	}
	return mails[0]
}

var messageIDPattern = regexp.MustCompile(`^<[A-Za-z0-9]+@acme\.test>$`)

func TestSendDeliversLocalizedMessage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		locale   string
		template verification.TemplateType
		subject  string
		lang     string
		bodyHas  string
	}{
		{"en/UserPermissionValidation", "en", verification.TemplateUserPermissionValidation,
			"Confirm it's you", "en", "Your verification code is 739184."},
		{"en-US/BindNewIdentifier", "en-US", verification.TemplateBindNewIdentifier,
			"Verify your new email address", "en", "link this email address to your account"},
		{"en/BindMfa", "en", verification.TemplateBindMfa,
			"Verify your email for two-step verification", "en", "Your verification code is 739184."},
		{"ko-KR/BindNewIdentifier", "ko-KR", verification.TemplateBindNewIdentifier,
			"새 이메일 주소 인증", "ko", "인증 코드는 739184입니다."},
		{"ko/UserPermissionValidation", "ko", verification.TemplateUserPermissionValidation,
			"본인 확인", "ko", "인증 코드는 739184입니다."},
		{"ja/BindMfa", "ja", verification.TemplateBindMfa,
			"2段階認証用メールアドレスの確認", "ja", "確認コードは 739184 です。"},
		{"ja-JP/Generic", "ja-JP", verification.TemplateGeneric,
			"確認コード", "ja", "確認コードは 739184 です。"},
		{"zh-TW/UserPermissionValidation", "zh-TW", verification.TemplateUserPermissionValidation,
			"驗證您的身分", "zh-TW", "您的驗證碼是 739184。"},
		{"zh-Hant/BindNewIdentifier", "zh-Hant", verification.TemplateBindNewIdentifier,
			"驗證您的新電子郵件地址", "zh-TW", "您的驗證碼是 739184。"},
		{"zh_HK/BindMfa", "zh_HK", verification.TemplateBindMfa,
			"驗證兩步驟驗證電子郵件", "zh-TW", "您的驗證碼是 739184。"},
		{"fr-CA/BindMfa", "fr-CA", verification.TemplateBindMfa,
			"Vérifiez votre e-mail de vérification en deux étapes", "fr", "Votre code de vérification est 739184."},
		{"fr/UserPermissionValidation", "fr", verification.TemplateUserPermissionValidation,
			"Confirmez votre identité", "fr", "Votre code de vérification est 739184."},
		{"fr/ForgotPassword falls back to the generic text", "fr", verification.TemplateForgotPassword,
			"Votre code de vérification", "fr", "Votre code de vérification est 739184."},
		{"whole Accept-Language value uses its first range", "ko-KR,ko;q=0.9,en;q=0.8", verification.TemplateGeneric,
			"인증 코드", "ko", "인증 코드는 739184입니다."},
		{"unsupported language falls back to English", "de-DE", verification.TemplateBindNewIdentifier,
			"Verify your new email address", "en", "Your verification code is 739184."},
		{"Simplified Chinese falls back to English", "zh-CN", verification.TemplateGeneric,
			"Your verification code", "en", "Your verification code is 739184."},
		{"empty locale is English", "", verification.TemplateSignIn,
			"Your verification code", "en", "Your verification code is 739184."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := startServer(t, serverOptions{})
			s := newSender(t, smtpsender.Config{Addr: ts.Addr, TLS: smtpsender.NoTLS, HelloName: "app.acme.test"})
			before := time.Now().Add(-time.Second).Truncate(time.Second)

			if err := s.Send(context.Background(), message(tt.locale, tt.template)); err != nil {
				t.Fatalf("Send: %v", err)
			}

			got := onlyMail(t, ts)
			if got.From != "no-reply@acme.test" || len(got.To) != 1 || got.To[0] != testTo {
				t.Errorf("envelope = %q -> %q, want no-reply@acme.test -> [%s]", got.From, got.To, testTo)
			}
			if got.Helo != "app.acme.test" {
				t.Errorf("EHLO name = %q, want app.acme.test", got.Helo)
			}
			p := parse(t, got.Data)
			if p.subject != tt.subject {
				t.Errorf("Subject = %q, want %q", p.subject, tt.subject)
			}
			if !strings.Contains(p.body, tt.bodyHas) {
				t.Errorf("body %q does not contain %q", p.body, tt.bodyHas)
			}
			if !strings.Contains(p.body, testCode) {
				t.Errorf("body %q does not contain the code", p.body)
			}
			wantHeaders := map[string]string{
				"Content-Language":          tt.lang,
				"X-Myaccount-Template":      string(tt.template),
				"MIME-Version":              "1.0",
				"Content-Transfer-Encoding": "quoted-printable",
				"Auto-Submitted":            "auto-generated",
			}
			for k, want := range wantHeaders {
				if got := p.header.Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
			mt, params, err := mime.ParseMediaType(p.header.Get("Content-Type"))
			if err != nil || mt != "text/plain" || !strings.EqualFold(params["charset"], "utf-8") {
				t.Errorf("Content-Type = %q, want text/plain; charset=utf-8", p.header.Get("Content-Type"))
			}
			from, err := p.header.AddressList("From")
			if err != nil || len(from) != 1 || from[0].Name != "Acme Accounts" || from[0].Address != "no-reply@acme.test" {
				t.Errorf("From = %q (%v), want %q", p.header.Get("From"), err, testFrom)
			}
			to, err := p.header.AddressList("To")
			if err != nil || len(to) != 1 || to[0].Address != testTo {
				t.Errorf("To = %q (%v), want %s", p.header.Get("To"), err, testTo)
			}
			date, err := p.header.Date()
			if err != nil || date.Before(before) || date.After(time.Now().Add(time.Second)) {
				t.Errorf("Date = %q (%v), want the time of sending", p.header.Get("Date"), err)
			}
			if id := p.header.Get("Message-ID"); !messageIDPattern.MatchString(id) {
				t.Errorf("Message-ID = %q, want <random@acme.test>", id)
			}
			headerWithoutID := strings.ReplaceAll(p.rawHeader, p.header.Get("Message-ID"), "")
			if strings.Contains(headerWithoutID, testCode) {
				t.Errorf("the code appears in the header:\n%s", p.rawHeader)
			}
		})
	}
}

func TestSendCustomCompose(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverOptions{})
	var gotMsg myaccount.Message
	s := newSender(t, smtpsender.Config{
		Addr: ts.Addr,
		TLS:  smtpsender.NoTLS,
		Compose: func(m myaccount.Message) (string, string) {
			gotMsg = m
			return "Ton code Acme ✓ " + strings.Repeat("très long ", 20), "Code : " + m.Code + "\n"
		},
	})
	m := message("fr-BE", verification.TemplateBindNewIdentifier)
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if gotMsg != m {
		t.Errorf("Compose got %+v, want %+v", gotMsg, m)
	}
	p := parse(t, onlyMail(t, ts).Data)
	if want := "Ton code Acme ✓ " + strings.Repeat("très long ", 20); p.subject != want {
		t.Errorf("Subject = %q, want %q", p.subject, want)
	}
	if p.body != "Code : 739184\r\n" {
		t.Errorf("body = %q, want the composed text with CRLF", p.body)
	}
	if got := p.header.Get("Content-Language"); got != "fr-BE" {
		t.Errorf("Content-Language = %q, want the request locale fr-BE", got)
	}
}

func TestSendSTARTTLSWithAuth(t *testing.T) {
	t.Parallel()
	serverTLS, roots := selfSigned(t)
	ts := startServer(t, serverOptions{tls: serverTLS, user: "mailer", pass: "s3cret"})
	s := newSender(t, smtpsender.Config{
		Addr:      ts.Addr,
		Username:  "mailer",
		Password:  "s3cret",
		TLSConfig: &tls.Config{RootCAs: roots}, // ServerName comes from Addr
	})
	if err := s.Send(context.Background(), message("en", verification.TemplateBindMfa)); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := onlyMail(t, ts)
	if !got.TLS {
		t.Error("the mail was sent without TLS")
	}
	if got.AuthUser != "mailer" {
		t.Errorf("authenticated user = %q, want mailer", got.AuthUser)
	}
	if p := parse(t, got.Data); !strings.Contains(p.body, testCode) {
		t.Errorf("body %q does not contain the code", p.body)
	}
}

func TestSendImplicitTLSWithAuth(t *testing.T) {
	t.Parallel()
	serverTLS, roots := selfSigned(t)
	ts := startServer(t, serverOptions{tls: serverTLS, implicit: true, user: "mailer", pass: "s3cret"})
	s := newSender(t, smtpsender.Config{
		Addr:      ts.Addr,
		Username:  "mailer",
		Password:  "s3cret",
		TLS:       smtpsender.ImplicitTLS,
		TLSConfig: &tls.Config{RootCAs: roots},
	})
	if err := s.Send(context.Background(), message("ja", verification.TemplateGeneric)); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if got := onlyMail(t, ts); !got.TLS || got.AuthUser != "mailer" {
		t.Errorf("TLS = %v, user = %q; want a TLS session authenticated as mailer", got.TLS, got.AuthUser)
	}
}

func TestSendAuthFailure(t *testing.T) {
	t.Parallel()
	serverTLS, roots := selfSigned(t)
	ts := startServer(t, serverOptions{tls: serverTLS, user: "mailer", pass: "s3cret"})
	s := newSender(t, smtpsender.Config{
		Addr:      ts.Addr,
		Username:  "mailer",
		Password:  "wrong-password",
		TLSConfig: &tls.Config{RootCAs: roots},
	})
	err := s.Send(context.Background(), message("en", verification.TemplateGeneric))
	if err == nil {
		t.Fatal("Send with a wrong password succeeded")
	}
	var te *textproto.Error
	if !errors.As(err, &te) || te.Code != 535 {
		t.Errorf("error = %v, want the relay's 535 as *textproto.Error", err)
	}
	for _, secret := range []string{testCode, "wrong-password"} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error %q leaks %q", err, secret)
		}
	}
	if n := len(ts.Mails()); n != 0 {
		t.Errorf("relay accepted %d mails", n)
	}
}

func TestSendTLSFailures(t *testing.T) {
	t.Parallel()
	serverTLS, roots := selfSigned(t)
	tests := []struct {
		name string
		srv  serverOptions
		cfg  smtpsender.Config
	}{
		{"StartTLSRequired and no STARTTLS offered", serverOptions{},
			smtpsender.Config{TLS: smtpsender.StartTLSRequired}},
		{"untrusted certificate", serverOptions{tls: serverTLS},
			smtpsender.Config{TLS: smtpsender.StartTLSOpportunistic}},
		{"certificate for another name", serverOptions{tls: serverTLS},
			smtpsender.Config{TLSConfig: &tls.Config{RootCAs: roots, ServerName: "smtp.other.test"}}},
		{"credentials but AUTH not offered", serverOptions{tls: serverTLS},
			smtpsender.Config{Username: "mailer", Password: "s3cret", TLSConfig: &tls.Config{RootCAs: roots}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := startServer(t, tt.srv)
			tt.cfg.Addr = ts.Addr
			s := newSender(t, tt.cfg)
			err := s.Send(context.Background(), message("en", verification.TemplateGeneric))
			if err == nil {
				t.Fatal("Send succeeded")
			}
			if strings.Contains(err.Error(), testCode) {
				t.Errorf("error %q leaks the code", err)
			}
			if n := len(ts.Mails()); n != 0 {
				t.Errorf("relay accepted %d mails", n)
			}
		})
	}
}

func TestSendStartTLSOpportunistic(t *testing.T) {
	t.Parallel()
	serverTLS, roots := selfSigned(t)
	for _, offered := range []bool{true, false} {
		t.Run(fmt.Sprintf("offered=%v", offered), func(t *testing.T) {
			t.Parallel()
			var opts serverOptions
			if offered {
				opts.tls = serverTLS
			}
			ts := startServer(t, opts)
			s := newSender(t, smtpsender.Config{
				Addr: ts.Addr, TLS: smtpsender.StartTLSOpportunistic, TLSConfig: &tls.Config{RootCAs: roots},
			})
			if err := s.Send(context.Background(), message("en", verification.TemplateGeneric)); err != nil {
				t.Fatalf("Send: %v", err)
			}
			if got := onlyMail(t, ts); got.TLS != offered {
				t.Errorf("TLS = %v, want %v", got.TLS, offered)
			}
		})
	}
}

func TestSendRejectedRecipient(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverOptions{rejectRcpt: true})
	s := newSender(t, smtpsender.Config{Addr: ts.Addr, TLS: smtpsender.NoTLS})
	err := s.Send(context.Background(), message("en", verification.TemplateGeneric))
	if err == nil {
		t.Fatal("Send succeeded although the relay rejected the recipient")
	}
	var te *textproto.Error
	if !errors.As(err, &te) || te.Code != 550 {
		t.Errorf("error = %v, want the relay's 550 as *textproto.Error", err)
	}
	if strings.Contains(err.Error(), testCode) {
		t.Errorf("error %q leaks the code", err)
	}
	if n := len(ts.Mails()); n != 0 {
		t.Errorf("relay accepted %d mails", n)
	}
}

// A stalled relay must not hold the caller: each way the exchange can be
// bounded returns promptly with an error that names the reason.
func TestSendStallingServer(t *testing.T) {
	t.Parallel()
	const prompt = 3 * time.Second // generous bound for a loaded CI machine; the real wait is ~100 ms

	t.Run("context cancelled mid-conversation", func(t *testing.T) {
		t.Parallel()
		addr, accepted := stallingServer(t)
		s := newSender(t, smtpsender.Config{Addr: addr, TLS: smtpsender.NoTLS, Timeout: time.Minute})
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		done := make(chan error, 1)
		go func() { done <- s.Send(ctx, message("en", verification.TemplateGeneric)) }()
		<-accepted
		cancel()
		select {
		case err := <-done:
			if !errors.Is(err, context.Canceled) {
				t.Errorf("error = %v, want context.Canceled", err)
			}
		case <-time.After(prompt):
			t.Fatal("Send did not return after the context was cancelled")
		}
	})

	t.Run("context deadline", func(t *testing.T) {
		t.Parallel()
		addr, _ := stallingServer(t)
		s := newSender(t, smtpsender.Config{Addr: addr, TLS: smtpsender.NoTLS, Timeout: time.Minute})
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		start := time.Now()
		err := s.Send(ctx, message("en", verification.TemplateGeneric))
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error = %v, want context.DeadlineExceeded", err)
		}
		if d := time.Since(start); d > prompt {
			t.Errorf("Send took %v", d)
		}
	})

	t.Run("Config.Timeout", func(t *testing.T) {
		t.Parallel()
		addr, _ := stallingServer(t)
		s := newSender(t, smtpsender.Config{Addr: addr, TLS: smtpsender.NoTLS, Timeout: 100 * time.Millisecond})
		start := time.Now()
		err := s.Send(context.Background(), message("en", verification.TemplateGeneric))
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("error = %v, want context.DeadlineExceeded", err)
		}
		if d := time.Since(start); d > prompt {
			t.Errorf("Send took %v", d)
		}
	})

	t.Run("context already cancelled does not connect", func(t *testing.T) {
		t.Parallel()
		l := silentListener(t)
		s := newSender(t, smtpsender.Config{Addr: l.Addr().String(), TLS: smtpsender.NoTLS})
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := s.Send(ctx, message("en", verification.TemplateGeneric)); !errors.Is(err, context.Canceled) {
			t.Errorf("error = %v, want context.Canceled", err)
		}
		assertNoConnection(t, l)
	})
}

func TestSendRefusesInvalidMessageWithoutConnecting(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		to      string
		code    string
		tmpl    verification.TemplateType
		compose func(myaccount.Message) (string, string)
	}{
		{name: "CRLF header injection in To", to: "user@example.com\r\nBcc: victim@example.org"},
		{name: "LF in To", to: "user@example.com\nBcc: victim@example.org"},
		{name: "CR in To", to: "user@example.com\rRCPT TO:<victim@example.org>"},
		{name: "NUL in To", to: "user@example.com\x00"},
		{name: "two recipients", to: "user@example.com, victim@example.org"},
		{name: "not an address", to: "user at example.com"},
		{name: "empty To", to: ""},
		{name: "display name only", to: "Victim <>"},
		// Issue 14: every other spelling of an address is refused, so the
		// mailbox delivered to is the one that was checked and counted.
		{name: "comment after the address", to: "victim@example.com(1)"},
		{name: "comment before the address", to: "(x)victim@example.com"},
		{name: "angle brackets", to: "x<victim@example.com>"},
		{name: "display name", to: "Victim <victim@example.com>"},
		{name: "quoted display name", to: `"ceo@company.com" <m@evil.com>`},
		{name: "quoted local part", to: `"x@company.com@"@evil.com`},
		{name: "trailing dot", to: "victim@example.com."},
		{name: "spaces around", to: " victim@example.com "},
		{name: "empty code", to: testTo, code: "-"},
		{name: "template with a line break", to: testTo, tmpl: "Generic\r\nBcc: victim@example.org"},
		{name: "composed subject with a line break", to: testTo, compose: func(m myaccount.Message) (string, string) {
			return "Your code\r\nBcc: victim@example.org", m.Code
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			l := silentListener(t)
			s := newSender(t, smtpsender.Config{Addr: l.Addr().String(), TLS: smtpsender.NoTLS, Compose: tt.compose})
			m := message("en", verification.TemplateGeneric)
			m.To = tt.to
			if tt.code == "-" {
				m.Code = ""
			}
			if tt.tmpl != "" {
				m.Template = tt.tmpl
			}
			err := s.Send(context.Background(), m)
			if err == nil {
				t.Fatal("Send accepted the message")
			}
			if isRecipient := tt.code == "" && tt.tmpl == "" && tt.compose == nil; isRecipient != errors.Is(err, smtpsender.ErrInvalidRecipient) {
				t.Errorf("error = %v; errors.Is(ErrInvalidRecipient) = %v, want %v", err, !isRecipient, isRecipient)
			}
			if tt.to != "" && strings.Contains(err.Error(), tt.to) {
				t.Errorf("error %q repeats the recipient", err)
			}
			if m.Code != "" && strings.Contains(err.Error(), m.Code) {
				t.Errorf("error %q leaks the code", err)
			}
			assertNoConnection(t, l)
		})
	}
}

func TestNewRejectsInvalidConfig(t *testing.T) {
	t.Parallel()
	valid := smtpsender.Config{Addr: "smtp.acme.test:587", From: testFrom}
	tests := []struct {
		name   string
		change func(*smtpsender.Config)
	}{
		{"missing Addr", func(c *smtpsender.Config) { c.Addr = "" }},
		{"Addr without port", func(c *smtpsender.Config) { c.Addr = "smtp.acme.test" }},
		{"Addr without host", func(c *smtpsender.Config) { c.Addr = ":587" }},
		{"missing From", func(c *smtpsender.Config) { c.From = "" }},
		{"From with CRLF", func(c *smtpsender.Config) { c.From = "no-reply@acme.test\r\nBcc: victim@example.org" }},
		{"From not an address", func(c *smtpsender.Config) { c.From = "Acme Accounts" }},
		{"unknown TLS mode", func(c *smtpsender.Config) { c.TLS = smtpsender.TLSMode(42) }},
		{"password without username", func(c *smtpsender.Config) { c.Password = "s3cret" }},
		{"credentials in clear to a remote host", func(c *smtpsender.Config) {
			c.TLS, c.Username, c.Password = smtpsender.NoTLS, "mailer", "s3cret"
		}},
		{"negative timeout", func(c *smtpsender.Config) { c.Timeout = -time.Second }},
		{"HelloName with CRLF", func(c *smtpsender.Config) { c.HelloName = "app\r\nMAIL FROM:<x@y>" }},
		{"HelloName with a space", func(c *smtpsender.Config) { c.HelloName = "app acme" }},
	}
	if _, err := smtpsender.New(valid); err != nil {
		t.Fatalf("New(valid) = %v", err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := valid
			tt.change(&cfg)
			if s, err := smtpsender.New(cfg); err == nil {
				t.Errorf("New(%+v) = %v, want an error", cfg, s)
			}
		})
	}
}

func TestNewAllowsCredentialsInClearToLocalhost(t *testing.T) {
	t.Parallel()
	for _, addr := range []string{"localhost:25", "127.0.0.1:1025", "[::1]:25"} {
		cfg := smtpsender.Config{Addr: addr, From: testFrom, TLS: smtpsender.NoTLS, Username: "u", Password: "p"}
		if _, err := smtpsender.New(cfg); err != nil {
			t.Errorf("New(%s) = %v", addr, err)
		}
	}
}

// One Sender serves concurrent requests: it keeps no per-send state.
func TestSendConcurrent(t *testing.T) {
	t.Parallel()
	ts := startServer(t, serverOptions{})
	s := newSender(t, smtpsender.Config{Addr: ts.Addr, TLS: smtpsender.NoTLS})
	const n = 8
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			m := message("en", verification.TemplateGeneric)
			m.To = fmt.Sprintf("user%d@example.com", i)
			errs <- s.Send(context.Background(), m)
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("Send: %v", err)
		}
	}
	seen := map[string]bool{}
	for _, m := range ts.Mails() {
		seen[m.To[0]] = true
	}
	if len(seen) != n {
		t.Errorf("relay got mails for %d distinct recipients, want %d", len(seen), n)
	}
}
