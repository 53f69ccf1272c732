package httpadapter_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/verification"
)

// syncBuffer is a log sink safe for concurrent handlers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// failingRecords fails CreateRecord while on is set: an internal error
// in the middle of a password check.
type failingRecords struct {
	myaccount.Store
	mu sync.Mutex
	on bool
}

func (s *failingRecords) CreateRecord(ctx context.Context, r *verification.Record) error {
	s.mu.Lock()
	on := s.on
	s.mu.Unlock()
	if on {
		return errors.New("injected store failure")
	}
	return s.Store.CreateRecord(ctx, r)
}

// failingSender fails every send: its error is logged.
type failingSender struct{}

func (failingSender) Send(context.Context, myaccount.Message) error {
	return errors.New("injected send failure")
}

// SECURITY.md: no password, code, secret, token or verification record id
// reaches the logs, at any level, on success, on refusal or on an internal
// error. Every log line of the service and the handlers is captured and
// searched for each secret the flows handled.
func TestLogsHoldNoSecrets(t *testing.T) {
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	prev := slog.Default()
	slog.SetDefault(logger) // the handlers log to slog.Default
	t.Cleanup(func() { slog.SetDefault(prev) })

	store := &failingRecords{Store: newMemoryStore()}
	e := newEnv(t, store, withMFA(t), func(c *myaccount.Config) {
		c.Logger = logger
		c.SMSSender = failingSender{}
	})
	e.enableAll()
	const pw, newPW = "Lg-first-Secret-7731", "Lg-second-Secret-8842"
	id := e.user(myaccount.CreateUserInput{Username: "logs1", Password: pw, PrimaryEmail: "logs1@example.com"})
	tok := e.token(id, allScopes...)
	secrets := []string{pw, newPW, tok}

	// Passwords: right, wrong, and right while the store fails.
	rec := e.pwRecord(tok, pw)
	secrets = append(secrets, *rec)
	e.call("POST", "/api/verifications/password", tok, nil, map[string]any{"password": "Lg-wrong-Secret-9953"}).want(422)
	secrets = append(secrets, "Lg-wrong-Secret-9953")
	store.mu.Lock()
	store.on = true
	store.mu.Unlock()
	e.call("POST", "/api/verifications/password", tok, nil, map[string]any{"password": pw}).wantError(500, "internal_server_error")
	store.mu.Lock()
	store.on = false
	store.mu.Unlock()
	e.call("POST", "/api/my-account/password", tok, rec, map[string]any{"password": newPW}).want(204)

	// Codes: one sent and verified, one wrong, one whose send fails.
	codeID := e.codeRecord(tok, "email", "logs2@example.com")
	secrets = append(secrets, codeID, e.outbox.latest(t, "logs2@example.com").Code)
	e.call("POST", "/api/verifications/verification-code", tok, nil, map[string]any{"identifier": map[string]any{"type": "phone", "value": "14155550123"}}).wantError(400, "connector.general")

	// TOTP, backup codes, a personal access token.
	rec = e.pwRecord(tok, newPW)
	secret := e.call("POST", "/api/my-account/mfa-verifications/totp-secret/generate", tok, nil, nil).want(200).str("secret")
	code := oathtool(t, secret, e.clock.Now())
	e.call("POST", "/api/my-account/mfa-verifications", tok, rec, map[string]any{"type": "Totp", "secret": secret, "code": code}).want(204)
	secrets = append(secrets, secret, *rec)
	codes := e.call("POST", "/api/my-account/mfa-verifications/backup-codes/generate", tok, nil, nil).want(200).json["codes"].([]any)
	e.call("POST", "/api/my-account/mfa-verifications", tok, rec, map[string]any{"type": "BackupCode", "codes": codes}).want(204)
	for _, c := range codes {
		secrets = append(secrets, c.(string))
	}
	pat := e.admin("POST", patPath(id), map[string]any{"name": "logs"}).want(201).str("value")
	e.call("GET", "/api/my-account", pat, nil, nil).want(200)
	e.call("GET", "/api/my-account", pat[:len(pat)-1]+"x", nil, nil).want(401)
	secrets = append(secrets, pat, adminToken)

	out := logs.String()
	if !strings.Contains(out, "injected store failure") || !strings.Contains(out, "injected send failure") {
		t.Fatalf("the internal errors were not logged; the test sees nothing:\n%s", out)
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(out, s) {
			t.Errorf("the logs hold a secret %q:\n%s", s, out)
		}
	}
}
