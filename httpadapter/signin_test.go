package httpadapter_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/internal/testdb"
)

// The sign-in checks a host's login calls, over the sign-in handler: TOTP
// codes from oathtool are accepted once, backup codes are used once even
// under concurrency, passwords lock out.
func TestSignInChecks(t *testing.T) {
	for _, k := range testdb.Kinds {
		t.Run("store="+k.Name, func(t *testing.T) {
			s := newSignInEnv(t, k.New(t), withMFA(t), func(c *myaccount.Config) {
				c.Lockout = myaccount.LockoutPolicy{MaxAttempts: 12, Duration: time.Minute}
			})
			s.enableAll()
			const pw = "pass-word-1"
			id := s.user(myaccount.CreateUserInput{Username: "si", Password: pw, PrimaryEmail: "si@example.com"})
			tok := s.token(id, "openid", "profile", "identities")
			secret := s.call("POST", "/api/my-account/mfa-verifications/totp-secret/generate", tok, nil, nil).want(200).str("secret")
			s.call("POST", "/api/my-account/mfa-verifications", tok, s.pwRecord(tok, pw), map[string]any{"type": "Totp", "secret": secret}).want(204)
			codes := s.call("POST", "/api/my-account/mfa-verifications/backup-codes/generate", tok, nil, nil).want(200).json["codes"].([]any)
			s.call("POST", "/api/my-account/mfa-verifications", tok, s.pwRecord(tok, pw), map[string]any{"type": "BackupCode", "codes": codes}).want(204)
			pending := map[string]string{pendingHeader: id}
			post := func(path string, body any) *resp {
				return s.do(req{method: "POST", path: path, header: pending, body: body})
			}

			t.Run("password by username and by email in any case", func(t *testing.T) {
				post("/api/sign-in/password", map[string]any{"identifier": map[string]any{"type": "username", "value": "si"}, "password": pw}).want(204)
				post("/api/sign-in/password", map[string]any{"identifier": map[string]any{"type": "email", "value": "SI@example.com"}, "password": pw}).want(204)
				post("/api/sign-in/password", map[string]any{"identifier": map[string]any{"type": "username", "value": "nobody"}, "password": pw}).wantError(422, "session.invalid_credentials")
			})
			t.Run("a TOTP code is accepted once", func(t *testing.T) {
				code := oathtool(t, secret, s.clock.Now())
				post("/api/sign-in/totp", map[string]any{"code": code}).want(204)
				post("/api/sign-in/totp", map[string]any{"code": code}).wantError(400, "session.mfa.invalid_totp_code")
				// The next step's code, used concurrently: exactly one wins.
				s.clock.Advance(30 * time.Second)
				code = oathtool(t, secret, s.clock.Now())
				statuses := race(8, func() int { return post("/api/sign-in/totp", map[string]any{"code": code}).status })
				if statuses[204] != 1 || statuses[400] != 7 {
					t.Fatalf("statuses %v, want one 204 and seven 400", statuses)
				}
				// A code from a step before the last used one is refused.
				old := oathtool(t, secret, s.clock.Now().Add(-30*time.Second))
				post("/api/sign-in/totp", map[string]any{"code": old}).wantError(400, "session.mfa.invalid_totp_code")
			})
			t.Run("two sign-ins with one backup code: one wins", func(t *testing.T) {
				code := strings.ToUpper(codes[3].(string))
				statuses := race(2, func() int { return post("/api/sign-in/backup-code", map[string]any{"code": code}).status })
				if statuses[204] != 1 || statuses[400] != 1 {
					t.Fatalf("statuses %v, want one 204 and one 400", statuses)
				}
				r := s.call("GET", "/api/my-account/mfa-verifications/backup-codes", tok, s.pwRecord(tok, pw), nil).want(200)
				if used := r.json["codes"].([]any)[3].(map[string]any)["usedAt"]; used == nil {
					t.Fatalf("usedAt not set: %s", r.raw)
				}
				post("/api/sign-in/backup-code", map[string]any{"code": "0000000000"}).wantError(400, "session.mfa.invalid_backup_code")
			})
			t.Run("no pending user, no check", func(t *testing.T) {
				s.do(req{method: "POST", path: "/api/sign-in/totp", body: map[string]any{"code": "123456"}}).wantError(401, "auth.unauthorized")
			})
			t.Run("wrong codes lock out", func(t *testing.T) {
				// Nine failures so far; the twelfth locks the user out.
				for i := 0; i < 2; i++ {
					post("/api/sign-in/totp", map[string]any{"code": "000000"}).wantError(400, "session.mfa.invalid_totp_code")
				}
				post("/api/sign-in/totp", map[string]any{"code": "000000"}).wantError(400, "session.verification_blocked_too_many_attempts")
				post("/api/sign-in/totp", map[string]any{"code": oathtool(t, secret, s.clock.Now().Add(30*time.Second))}).wantError(400, "session.verification_blocked_too_many_attempts")
			})
		})
	}
}

// race runs f n times at once and counts the statuses it returns.
func race(n int, f func() int) map[int]int {
	var (
		mu  sync.Mutex
		wg  sync.WaitGroup
		out = map[int]int{}
	)
	start := make(chan struct{})
	for range n {
		wg.Go(func() {
			<-start
			st := f()
			mu.Lock()
			out[st]++
			mu.Unlock()
		})
	}
	close(start)
	wg.Wait()
	return out
}
