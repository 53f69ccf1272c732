package httpadapter_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/verification"
)

// The Management API's verification codes, as Logto's integration tests
// drive them (verification-code.test.ts, verification-code-rate-limit.test.ts).
func TestAdminVerificationCodes(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		t.Run("an email code is sent and verified once", func(t *testing.T) {
			e := e.sub(t)
			e.admin("POST", "/api/verification-codes", map[string]any{"email": "ann@example.com"}).want(204)
			m := e.outbox.latest(t, "ann@example.com")
			if m.Template != verification.TemplateGeneric || m.UserID != "" {
				t.Fatalf("message %+v", m)
			}
			body := map[string]any{"email": "ann@example.com", "verificationCode": m.Code}
			e.admin("POST", "/api/verification-codes/verify", body).want(204)
			e.admin("POST", "/api/verification-codes/verify", body).wantError(400, "verification_code.not_found")
		})
		t.Run("a phone code is verified; to another number it is not found", func(t *testing.T) {
			e := e.sub(t)
			e.admin("POST", "/api/verification-codes", map[string]any{"phone": "14155550100"}).want(204)
			code := e.outbox.latest(t, "14155550100").Code
			e.admin("POST", "/api/verification-codes/verify", map[string]any{"phone": "14155550101", "verificationCode": code}).wantError(400, "verification_code.not_found")
			e.admin("POST", "/api/verification-codes/verify", map[string]any{"phone": "14155550100", "verificationCode": "x" + code}).wantError(400, "verification_code.code_mismatch")
			e.admin("POST", "/api/verification-codes/verify", map[string]any{"phone": "14155550100", "verificationCode": code}).want(204)
		})
		t.Run("a body without an email or phone is guard.invalid_input", func(t *testing.T) {
			e := e.sub(t)
			for _, body := range []any{map[string]any{"username": "any_string"}, map[string]any{"email": "a@"}, map[string]any{"email": "a@example.com", "phone": "14155550100"}, "[1]"} {
				e.admin("POST", "/api/verification-codes", body).wantError(400, "guard.invalid_input")
			}
			e.admin("POST", "/api/verification-codes/verify", map[string]any{"email": "a@example.com"}).wantError(400, "guard.invalid_input")
		})
		t.Run("the code expires, and allows ten tries", func(t *testing.T) {
			e := e.sub(t)
			e.admin("POST", "/api/verification-codes", map[string]any{"email": "tries@example.com"}).want(204)
			code := e.outbox.latest(t, "tries@example.com").Code
			for i := 0; i < 10; i++ {
				e.admin("POST", "/api/verification-codes/verify", map[string]any{"email": "tries@example.com", "verificationCode": "x"}).wantError(400, "verification_code.code_mismatch")
			}
			e.admin("POST", "/api/verification-codes/verify", map[string]any{"email": "tries@example.com", "verificationCode": code}).wantError(400, "verification_code.exceed_max_try")
			e.admin("POST", "/api/verification-codes", map[string]any{"email": "tries@example.com"}).want(204)
			code = e.outbox.latest(t, "tries@example.com").Code
			e.clock.Advance(601 * time.Second)
			e.admin("POST", "/api/verification-codes/verify", map[string]any{"email": "tries@example.com", "verificationCode": code}).wantError(400, "verification_code.expired")
		})
		t.Run("the 11th send to one recipient within ten minutes is 429", func(t *testing.T) {
			e := e.sub(t)
			for i := 0; i < 10; i++ {
				e.admin("POST", "/api/verification-codes", map[string]any{"phone": "14155550199"}).want(204)
			}
			e.admin("POST", "/api/verification-codes", map[string]any{"phone": "14155550199"}).wantError(429, "request.message_rate_limited")
			e.admin("POST", "/api/verification-codes", map[string]any{"email": "other@example.com"}).want(204)
		})
		t.Run("the client address counts: 30 text messages per client", func(t *testing.T) {
			e := e.sub(t)
			e.clock.Advance(time.Hour) // past the sends above
			for i := 0; i < 30; i++ {
				e.admin("POST", "/api/verification-codes", map[string]any{"phone": fmt.Sprintf("1415556%04d", i)}).want(204)
			}
			e.admin("POST", "/api/verification-codes", map[string]any{"phone": "14155569999"}).wantError(429, "request.message_rate_limited")
		})
	})
	t.Run("without a sender it is 501 connector.not_found", func(t *testing.T) {
		e := newEnv(t, newMemoryStore(), func(c *myaccount.Config) { c.EmailSender, c.SMSSender = nil, nil })
		e.admin("POST", "/api/verification-codes", map[string]any{"email": "test_send@email.com"}).wantError(501, "connector.not_found")
		e.admin("POST", "/api/verification-codes/verify", map[string]any{"email": "test_send@email.com", "verificationCode": "any_string"}).wantError(400, "verification_code.not_found")
		e.call("POST", "/api/verification-codes", "", nil, map[string]any{"email": "a@example.com"}).wantError(401, "auth.unauthorized")
	})
}
