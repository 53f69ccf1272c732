package httpadapter_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// Codes, their limits and their templates.
func TestCodeScenarios(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		e.enableAll()
		id := e.user(myaccount.CreateUserInput{Username: "c1", Password: "pass-word-1", PrimaryEmail: "c1@example.com"})
		tok := e.token(id, allScopes...)
		send := func(value string, extra map[string]any) *resp {
			body := map[string]any{"identifier": map[string]any{"type": "email", "value": value}}
			for k, v := range extra {
				body[k] = v
			}
			return e.call("POST", "/api/verifications/verification-code", tok, nil, body)
		}
		verify := func(value, recordID, code string) *resp {
			return e.call("POST", "/api/verifications/verification-code/verify", tok, nil, map[string]any{
				"identifier": map[string]any{"type": "email", "value": value}, "verificationId": recordID, "code": code,
			})
		}

		t.Run("145 the 11th send to one address is rate limited", func(t *testing.T) {
			e := e.sub(t)
			for i := 0; i < 10; i++ {
				send("limit@example.com", nil).want(201)
			}
			send("limit@example.com", nil).wantError(429, "request.message_rate_limited")
			// Case does not evade the limit.
			send("LIMIT@example.com", nil).wantError(429, "request.message_rate_limited")
			if len(e.eventsOf(myaccount.EventMessageRateLimited)) != 2 {
				t.Fatal("no Message.RateLimited events")
			}
			e.clock.Advance(601 * time.Second)
			send("limit@example.com", nil).want(201)
		})
		t.Run("148 templates and locale", func(t *testing.T) {
			e := e.sub(t)
			e.do(req{method: "POST", path: "/api/verifications/verification-code", token: tok,
				body:   map[string]any{"identifier": map[string]any{"type": "email", "value": "c1@example.com"}},
				header: map[string]string{"Accept-Language": "ko-KR,ko;q=0.9"}}).want(201)
			if m := e.outbox.latest(t, "c1@example.com"); m.Template != "UserPermissionValidation" || m.Locale != "ko-KR" {
				t.Fatalf("message %+v", m)
			}
			send("c1@example.com", map[string]any{"templateType": "BindMfa"}).want(201)
			if m := e.outbox.latest(t, "c1@example.com"); m.Template != "BindMfa" || m.Locale != "en" {
				t.Fatalf("message %+v", m)
			}
			send("new148@example.com", map[string]any{"templateType": "BindMfa"}).want(201)
			if m := e.outbox.latest(t, "new148@example.com"); m.Template != "BindNewIdentifier" {
				t.Fatalf("message %+v", m)
			}
			send("c1@example.com", map[string]any{"templateType": "SignIn"}).wantError(400, "guard.invalid_input")
		})
		t.Run("verify: wrong code, max tries, consumed, expired, mismatch", func(t *testing.T) {
			e := e.sub(t)
			rec := send("v@example.com", nil).want(201).str("verificationRecordId")
			code := e.outbox.latest(t, "v@example.com").Code
			wrong := "000000"
			if code == wrong {
				wrong = "111111"
			}
			verify("other@example.com", rec, code).wantError(400, "verification_code.email_mismatch")
			verify("v@example.com", "missing", code).wantError(400, "verification_record.not_found")
			verify("v@example.com", rec, wrong).wantError(400, "verification_code.code_mismatch")
			verify("v@example.com", rec, code).want(200)
			verify("v@example.com", rec, code).wantError(400, "verification_code.not_found")

			rec = send("v2@example.com", nil).want(201).str("verificationRecordId")
			code = e.outbox.latest(t, "v2@example.com").Code
			for i := 0; i < 9; i++ { // 10 tries in all, with the one above
				verify("v2@example.com", rec, wrong).wantError(400, "verification_code.code_mismatch")
			}
			verify("v2@example.com", rec, wrong).wantError(400, "verification_code.code_mismatch")
			verify("v2@example.com", rec, code).wantError(400, "verification_code.exceed_max_try")

			rec = send("v3@example.com", nil).want(201).str("verificationRecordId")
			code = e.outbox.latest(t, "v3@example.com").Code
			e.clock.Advance(601 * time.Second)
			// The record's own ten minutes bound the code.
			verify("v3@example.com", rec, code).wantError(400, "verification_record.not_found")
		})
		t.Run("a code expires before its record", func(t *testing.T) {
			e2 := newEnv(t, e.store, func(c *myaccount.Config) { c.Codes.TTL = time.Minute })
			e2.tokens = e.tokens
			rec := e2.call("POST", "/api/verifications/verification-code", tok, nil, map[string]any{"identifier": map[string]any{"type": "email", "value": "v4@example.com"}}).want(201).str("verificationRecordId")
			m := e2.outbox.latest(t, "v4@example.com")
			e2.clock.Advance(61 * time.Second)
			e2.call("POST", "/api/verifications/verification-code/verify", tok, nil, map[string]any{
				"identifier": map[string]any{"type": "email", "value": "v4@example.com"}, "verificationId": rec, "code": m.Code,
			}).wantError(400, "verification_code.expired")
		})
		t.Run("another user cannot verify my record", func(t *testing.T) {
			e := e.sub(t)
			rec := send("mine@example.com", nil).want(201).str("verificationRecordId")
			code := e.outbox.latest(t, "mine@example.com").Code
			other := e.token(e.user(myaccount.CreateUserInput{Username: "c2"}), allScopes...)
			e.call("POST", "/api/verifications/verification-code/verify", other, nil, map[string]any{
				"identifier": map[string]any{"type": "email", "value": "mine@example.com"}, "verificationId": rec, "code": code,
			}).wantError(400, "verification_record.not_found")
		})
		t.Run("a BindMfa record does not prove identity", func(t *testing.T) {
			e := e.sub(t)
			rec := e.codeRecord(tok, "email", "c1@example.com", "BindMfa")
			e.call("PATCH", "/api/my-account", tok, vh(rec), map[string]any{"username": "c1new"}).wantError(401, "verification_record.permission_denied")
		})
		t.Run("no sender answers 501", func(t *testing.T) {
			e := e.sub(t)
			e2 := newEnv(t, e.store, func(c *myaccount.Config) { c.SMSSender = nil })
			e2.tokens = e.tokens
			e2.call("POST", "/api/verifications/verification-code", tok, nil, map[string]any{"identifier": map[string]any{"type": "phone", "value": "15551234567"}}).wantError(501, "connector.not_found")
		})
	})
}

// The username policy.
func TestUsernamePolicyScenarios(t *testing.T) {
	insensitive := account.DefaultUsernamePolicy()
	insensitive.CaseSensitive = false
	noUpper := account.DefaultUsernamePolicy()
	noUpper.AllowUppercase = false
	for _, c := range []struct {
		name   string
		policy account.UsernamePolicy
		status int
		code   string
	}{
		{"146 case-sensitive by default", account.DefaultUsernamePolicy(), 200, ""},
		{"146 case-insensitive", insensitive, 422, "user.username_already_in_use"},
		{"147 upper case not allowed", noUpper, 422, "user.username_uppercase_not_allowed"},
	} {
		t.Run(c.name, func(t *testing.T) {
			eachStoreWith(t, func(cfg *myaccount.Config) { cfg.UsernamePolicy = &c.policy }, func(t *testing.T, e *env) {
				e.enableAll()
				e.user(myaccount.CreateUserInput{Username: "casey"})
				id := e.user(myaccount.CreateUserInput{Username: "other", Password: "pass-word-1"})
				tok := e.token(id, allScopes...)
				r := e.call("PATCH", "/api/my-account", tok, e.pwRecord(tok, "pass-word-1"), map[string]any{"username": "Casey"})
				if c.status == 200 {
					r.want(200)
					return
				}
				r.wantError(c.status, c.code)
			})
		})
	}
}

// Issue 14 item 4: the send limits hold for the address or number that is
// delivered to, and one user cannot pump codes to many numbers.
func TestSendLimitsFollowTheDeliveredRecipient(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		e.enableAll()
		send := func(e *env, tok, typ, value string) *resp {
			return e.call("POST", "/api/verifications/verification-code", tok, nil, map[string]any{"identifier": map[string]any{"type": typ, "value": value}})
		}
		sentTo := func(to string) int {
			e.outbox.mu.Lock()
			defer e.outbox.mu.Unlock()
			n := 0
			for _, m := range e.outbox.sent {
				if m.To == to {
					n++
				}
			}
			return n
		}

		t.Run("other spellings of a limited address are refused or counted with it", func(t *testing.T) {
			e := e.sub(t)
			tok := e.token(e.user(myaccount.CreateUserInput{Username: "i4email"}), allScopes...)
			for i := 0; i < 10; i++ {
				send(e, tok, "email", "victim@example.com").want(201)
			}
			send(e, tok, "email", "victim@example.com").wantError(429, "request.message_rate_limited")
			for _, s := range []string{"victim@example.com(1)", "victim@example.com(2)", "x<victim@example.com>", "Victim <victim@example.com>", "victim@example.com."} {
				send(e, tok, "email", s).wantError(400, "guard.invalid_input")
			}
			send(e, tok, "email", "victim@EXAMPLE.com").wantError(429, "request.message_rate_limited")
			if n := sentTo("victim@example.com"); n != 10 {
				t.Fatalf("%d codes to victim@example.com, want 10", n)
			}
		})
		t.Run("a phone with leading zeros is refused", func(t *testing.T) {
			e := e.sub(t)
			tok := e.token(e.user(myaccount.CreateUserInput{Username: "i4phone"}), allScopes...)
			for i := 0; i < 10; i++ {
				send(e, tok, "phone", "14155550123").want(201)
			}
			send(e, tok, "phone", "14155550123").wantError(429, "request.message_rate_limited")
			for _, p := range []string{"014155550123", "0014155550123", "00014155550123"} {
				send(e, tok, "phone", p).wantError(400, "guard.invalid_input")
			}
			if n := sentTo("14155550123"); n != 10 {
				t.Fatalf("%d codes to 14155550123, want 10", n)
			}
			e.outbox.mu.Lock()
			defer e.outbox.mu.Unlock()
			for _, m := range e.outbox.sent {
				if len(m.To) > 0 && m.To[0] == '0' {
					t.Fatalf("a code went to %q", m.To)
				}
			}
		})
		t.Run("the 31st number from one user is refused", func(t *testing.T) {
			e := e.sub(t)
			// The subtests before sent text messages from this client's
			// address: start a new window, so only the user's budget binds.
			e.clock.Advance(601 * time.Second)
			tok := e.token(e.user(myaccount.CreateUserInput{Username: "i4pump"}), allScopes...)
			for i := 0; i < 30; i++ {
				send(e, tok, "phone", fmt.Sprintf("1415666%04d", i)).want(201)
			}
			send(e, tok, "phone", "14156669999").wantError(429, "request.message_rate_limited")
			if n := sentTo("14156669999"); n != 0 {
				t.Fatalf("%d codes to the 31st number", n)
			}
			e.clock.Advance(601 * time.Second)
			send(e, tok, "phone", "14156669999").want(201)
		})
	})
}
