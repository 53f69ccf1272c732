package httpadapter_test

import (
	"context"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
)

// Password.
func TestPasswordScenarios(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		e.enableAll()
		const pw = "pass-word-1"
		newUser := func(in myaccount.CreateUserInput) (id, tok string) {
			id = e.user(in)
			return id, e.token(id, allScopes...)
		}
		canSignIn := func(t *testing.T, tok, password string) {
			t.Helper()
			e.call("POST", "/api/verifications/password", tok, nil, map[string]any{"password": password}).want(201)
		}

		t.Run("45 invalid VH", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "p45", Password: pw})
			e.call("POST", "/api/my-account/password", tok, vh("invalid"), map[string]any{"password": "new-pass-word-45"}).wantError(401, "verification_record.permission_denied")
		})
		t.Run("46 no VH for a user with a password", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "p46", Password: pw})
			e.call("POST", "/api/my-account/password", tok, nil, map[string]any{"password": "new-pass-word-46"}).wantError(401, "verification_record.permission_denied")
		})
		t.Run("47 123456 is rejected", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "p47", Password: pw})
			r := e.call("POST", "/api/my-account/password", tok, e.pwRecord(tok, pw), map[string]any{"password": "123456"}).wantError(422, "password.rejected")
			if issues, ok := r.json["data"].([]any); !ok || len(issues) == 0 {
				t.Fatalf("no issues in %s", r.raw)
			}
		})
		t.Run("48 the same password", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "p48", Password: pw})
			e.call("POST", "/api/my-account/password", tok, e.pwRecord(tok, pw), map[string]any{"password": pw}).wantError(422, "user.same_password")
		})
		t.Run("49 a new password, with the hook and passwordUpdatedAt", func(t *testing.T) {
			e := e.sub(t)
			id, tok := newUser(myaccount.CreateUserInput{Username: "p49", Password: pw})
			e.clock.Advance(time.Minute)
			e.call("POST", "/api/my-account/password", tok, e.pwRecord(tok, pw), map[string]any{"password": "new-pass-word-49"}).want(204)
			if r := e.call("GET", "/api/my-account", tok, nil, nil); r.json["hasPassword"] != true {
				t.Fatalf("hasPassword: %s", r.raw)
			}
			canSignIn(t, tok, "new-pass-word-49")
			e.call("POST", "/api/verifications/password", tok, nil, map[string]any{"password": pw}).wantError(422, "session.invalid_credentials")
			u, err := e.store.GetUser(context.Background(), id)
			if err != nil || !u.PasswordUpdatedAt.Equal(e.clock.Now()) {
				t.Fatalf("passwordUpdatedAt %v, want %v (%v)", u.PasswordUpdatedAt, e.clock.Now(), err)
			}
			evs := e.eventsOf(myaccount.EventUserDataUpdated)
			last := evs[len(evs)-1]
			if last.UserID != id || last.Changes[0] != myaccount.ChangePassword || last.User.PasswordHash != "" {
				t.Fatalf("hook: %+v", last)
			}
		})
		t.Run("50 VH from a code to the current email", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "p50", Password: pw, PrimaryEmail: "p50@example.com"})
			rec := e.codeRecord(tok, "email", "p50@example.com")
			e.call("POST", "/api/my-account/password", tok, vh(rec), map[string]any{"password": "new-pass-word-50"}).want(204)
			canSignIn(t, tok, "new-pass-word-50")
		})
		t.Run("52 openid-only token without VH", func(t *testing.T) {
			e := e.sub(t)
			id, _ := newUser(myaccount.CreateUserInput{Username: "p52", Password: pw})
			e.call("POST", "/api/my-account/password", e.token(id, "openid"), nil, map[string]any{"password": "new-pass-word-52"}).wantError(401, "verification_record.permission_denied")
		})
		t.Run("53-54 a first password without VH", func(t *testing.T) {
			e := e.sub(t)
			id, _ := newUser(myaccount.CreateUserInput{Username: "p53"})
			tok := e.token(id, "openid")
			e.call("POST", "/api/my-account/password", tok, nil, map[string]any{"password": "123456"}).wantError(422, "password.rejected")
			e.call("POST", "/api/my-account/password", tok, nil, map[string]any{"password": "first-pass-word-53"}).want(204)
			canSignIn(t, tok, "first-pass-word-53")
		})
		t.Run("55 a first password with the field ReadOnly", func(t *testing.T) {
			e := e.sub(t)
			e2 := newEnv(t, e.store)
			e2.tokens = e.tokens
			id, _ := newUser(myaccount.CreateUserInput{Username: "p55"})
			e.setFields(map[string]string{"password": "ReadOnly", "username": "Edit"})
			defer e.enableAll()
			e.call("POST", "/api/my-account/password", e.token(id, "openid"), nil, map[string]any{"password": "first-pass-word-55"}).wantError(400, "account_center.field_not_editable")
		})
		t.Run("56-57 an email or a phone needs VH", func(t *testing.T) {
			e := e.sub(t)
			id, _ := newUser(myaccount.CreateUserInput{PrimaryEmail: "p56@example.com"})
			e.call("POST", "/api/my-account/password", e.token(id, "openid"), nil, map[string]any{"password": "first-pass-word-56"}).wantError(401, "verification_record.permission_denied")
			id, _ = newUser(myaccount.CreateUserInput{PrimaryPhone: "15551230057"})
			e.call("POST", "/api/my-account/password", e.token(id, "openid"), nil, map[string]any{"password": "first-pass-word-57"}).wantError(401, "verification_record.permission_denied")
		})
		t.Run("a wrong password makes no record", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "pwrong", Password: pw})
			e.call("POST", "/api/verifications/password", tok, nil, map[string]any{"password": "wrong"}).wantError(422, "session.invalid_credentials")
		})
		t.Run("a user without a password", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "pnone"})
			e.call("POST", "/api/verifications/password", tok, nil, map[string]any{"password": "anything"}).wantError(422, "session.invalid_credentials")
		})
		t.Run("records expire after ten minutes", func(t *testing.T) {
			e := e.sub(t)
			_, tok := newUser(myaccount.CreateUserInput{Username: "pexp", Password: pw})
			rec := e.pwRecord(tok, pw)
			e.clock.Advance(10*time.Minute + time.Second)
			e.call("PATCH", "/api/my-account", tok, rec, map[string]any{"username": "pexp2"}).wantError(401, "verification_record.permission_denied")
		})
	})
}

// The lockout.
func TestPasswordLockout(t *testing.T) {
	eachStoreWith(t, func(c *myaccount.Config) { c.Lockout = myaccount.LockoutPolicy{MaxAttempts: 2, Duration: time.Minute} }, func(t *testing.T, e *env) {
		e.enableAll()
		id := e.user(myaccount.CreateUserInput{Username: "lock", Password: "pass-word-1"})
		tok := e.token(id, allScopes...)
		e.call("POST", "/api/verifications/password", tok, nil, map[string]any{"password": "wrong"}).wantError(422, "session.invalid_credentials")
		e.call("POST", "/api/verifications/password", tok, nil, map[string]any{"password": "wrong"}).wantError(400, "session.verification_blocked_too_many_attempts")
		// While locked, even the right password is refused.
		e.call("POST", "/api/verifications/password", tok, nil, map[string]any{"password": "pass-word-1"}).wantError(400, "session.verification_blocked_too_many_attempts")
		if n := len(e.eventsOf(myaccount.EventIdentifierLockout)); n != 2 {
			t.Fatalf("%d lockout events, want 2", n)
		}
		e.clock.Advance(time.Minute + time.Second)
		e.call("POST", "/api/verifications/password", tok, nil, map[string]any{"password": "pass-word-1"}).want(201)
	})
}

// eachStoreWith is eachStore with a changed config.
func eachStoreWith(t *testing.T, change func(*myaccount.Config), f func(t *testing.T, e *env)) {
	eachStoreEnv(t, func(t *testing.T, store myaccount.Store) *env { return newEnv(t, store, change) }, f)
}
