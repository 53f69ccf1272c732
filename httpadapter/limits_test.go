package httpadapter_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// nested returns custom data nesting depth levels deep (the top-level
// object is depth 1).
func nested(depth int) map[string]any {
	var v any = "leaf"
	for range depth - 1 {
		v = map[string]any{"k": v}
	}
	if m, ok := v.(map[string]any); ok {
		return m
	}
	return map[string]any{"k": v}
}

// Issue 9, item 5: each bound of LIMITS.md holds, on the Account API and
// on the administrator's routes, and a value at the bound passes.
func TestLimits(t *testing.T) {
	e := newEnv(t, newMemoryStore(), withMFA(t))
	e.enableAll()
	const pw = "Limits-pass-1"
	id := e.user(myaccount.CreateUserInput{Username: "limits1", Password: pw})
	tok := e.token(id, allScopes...)
	users := "/api/users/" + id
	long := func(n int) string { return strings.Repeat("é", n) } // characters, not bytes

	t.Run("name", func(t *testing.T) {
		e := e.sub(t)
		e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"name": long(myaccount.MaxNameLength)}).want(200)
		e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"name": long(myaccount.MaxNameLength + 1)}).wantError(400, "guard.invalid_input")
		e.admin("PATCH", users, map[string]any{"name": long(myaccount.MaxNameLength + 1)}).wantError(400, "guard.invalid_input")
		e.admin("POST", "/api/users", map[string]any{"username": "limits2", "name": long(myaccount.MaxNameLength + 1)}).wantError(400, "guard.invalid_input")
	})
	t.Run("avatar URL", func(t *testing.T) {
		e := e.sub(t)
		url := func(n int) string { return "https://example.com/" + strings.Repeat("a", n-len("https://example.com/")) }
		e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"avatar": url(myaccount.MaxAvatarURLLength)}).want(200)
		e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"avatar": url(myaccount.MaxAvatarURLLength + 1)}).wantError(400, "guard.invalid_input")
		e.admin("PATCH", users, map[string]any{"avatar": url(myaccount.MaxAvatarURLLength + 1)}).wantError(400, "guard.invalid_input")
	})
	t.Run("profile claims", func(t *testing.T) {
		e := e.sub(t)
		e.call("PATCH", "/api/my-account/profile", tok, nil, map[string]any{"givenName": long(myaccount.MaxProfileClaimLength)}).want(200)
		e.call("PATCH", "/api/my-account/profile", tok, nil, map[string]any{"givenName": long(myaccount.MaxProfileClaimLength + 1)}).wantError(400, "guard.invalid_input")
		e.call("PATCH", "/api/my-account/profile", tok, nil, map[string]any{"address": map[string]any{"locality": long(myaccount.MaxProfileClaimLength + 1)}}).wantError(400, "guard.invalid_input")
		e.admin("PATCH", users+"/profile", map[string]any{"profile": map[string]any{"nickname": long(myaccount.MaxProfileClaimLength + 1)}}).wantError(400, "guard.invalid_input")
	})
	t.Run("custom data depth", func(t *testing.T) {
		e := e.sub(t)
		e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"customData": nested(myaccount.MaxCustomDataDepth)}).want(200)
		e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"customData": nested(myaccount.MaxCustomDataDepth + 1)}).wantError(400, "guard.invalid_input")
		e.admin("PATCH", users+"/custom-data", map[string]any{"customData": nested(myaccount.MaxCustomDataDepth + 1)}).wantError(400, "guard.invalid_input")
		e.admin("PATCH", users, map[string]any{"customData": nested(myaccount.MaxCustomDataDepth + 1)}).wantError(400, "guard.invalid_input")
	})
	t.Run("custom data size", func(t *testing.T) {
		e := e.sub(t)
		half := strings.Repeat("x", myaccount.MaxCustomDataBytes/2)
		e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"customData": map[string]any{"a": half[:len(half)-100]}}).want(200)
		e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"customData": map[string]any{"a": half, "b": half}}).wantError(400, "guard.invalid_input")
		// Each half fits; the administrator's merge of the second into
		// the first does not, and nothing is written.
		e.admin("PATCH", users+"/custom-data", map[string]any{"customData": map[string]any{"b": half + strings.Repeat("y", 200)}}).wantError(400, "guard.invalid_input")
		got := e.admin("GET", users+"/custom-data", nil).want(200)
		if got.has("b") {
			t.Errorf("the refused merge was written: %d bytes", len(got.raw))
		}
	})
	t.Run("lists", func(t *testing.T) {
		e := e.sub(t)
		origins := make([]string, 51)
		for i := range origins {
			origins[i] = fmt.Sprintf("https://app%d.example.com", i)
		}
		e.admin("PATCH", "/api/account-center", map[string]any{"webauthnRelatedOrigins": origins[:50]}).want(200)
		e.admin("PATCH", "/api/account-center", map[string]any{"webauthnRelatedOrigins": origins}).wantError(400, "guard.invalid_input")
		fields := make([]map[string]any, 101)
		for i := range fields {
			fields[i] = map[string]any{"name": fmt.Sprintf("f%d", i)}
		}
		e.admin("PATCH", "/api/account-center", map[string]any{"profileFields": fields[:100]}).want(200)
		e.admin("PATCH", "/api/account-center", map[string]any{"profileFields": fields}).wantError(400, "guard.invalid_input")
		url := "https://example.com/" + strings.Repeat("d", 2048-len("https://example.com/"))
		e.admin("PATCH", "/api/account-center", map[string]any{"deleteAccountUrl": url}).want(200)
		e.admin("PATCH", "/api/account-center", map[string]any{"deleteAccountUrl": url + "d"}).wantError(400, "guard.invalid_input")
		css := strings.Repeat("a", 64<<10)
		e.admin("PATCH", "/api/account-center", map[string]any{"customCss": css}).want(200)
		e.admin("PATCH", "/api/account-center", map[string]any{"customCss": css + "a"}).wantError(400, "guard.invalid_input")
		codes := make([]string, 101)
		for i := range codes {
			codes[i] = fmt.Sprintf("code%06d", i)
		}
		// 100 codes pass the guard and fail on their number (422).
		e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "BackupCode", "codes": codes[:100]}).want(422)
		e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "BackupCode", "codes": codes}).wantError(400, "guard.invalid_input")
		e.admin("POST", users+"/mfa-verifications", map[string]any{"type": "BackupCode", "codes": codes[:100]}).want(422)
		e.admin("POST", users+"/mfa-verifications", map[string]any{"type": "BackupCode", "codes": codes}).wantError(400, "guard.invalid_input")
	})
	t.Run("username", func(t *testing.T) {
		e := e.sub(t)
		rec := e.pwRecord(tok, pw)
		e.call("PATCH", "/api/my-account", tok, rec, map[string]any{"username": strings.Repeat("u", 128)}).want(200)
		e.call("PATCH", "/api/my-account", tok, rec, map[string]any{"username": strings.Repeat("u", 129)}).wantError(422, "user.username_too_long")
		e.call("PATCH", "/api/my-account", tok, rec, map[string]any{"username": "limits1"}).want(200)
	})
	t.Run("passkey name", func(t *testing.T) {
		e := e.sub(t)
		rec := e.pwRecord(tok, pw)
		// At the bound the name passes the guard and the unknown id
		// fails after it.
		e.call("PATCH", "/api/my-account/mfa-verifications/none/name", tok, rec, map[string]any{"name": strings.Repeat("n", 256)}).wantError(400, "verification_record.not_found")
		e.call("PATCH", "/api/my-account/mfa-verifications/none/name", tok, rec, map[string]any{"name": strings.Repeat("n", 257)}).wantError(400, "guard.invalid_input")
		bind := func(name string) *resp {
			return e.call("POST", "/api/my-account/mfa-verifications", tok, rec, map[string]any{"type": "WebAuthn", "newIdentifierVerificationRecordId": "none", "name": name})
		}
		bind(strings.Repeat("n", 256)).wantError(400, "verification_record.not_found")
		bind(strings.Repeat("n", 257)).wantError(400, "guard.invalid_input")
	})
	t.Run("addresses a code is sent to", func(t *testing.T) {
		e := e.sub(t)
		send := func(typ, value string) *resp {
			return e.call("POST", "/api/verifications/verification-code", tok, nil, map[string]any{"identifier": map[string]any{"type": typ, "value": value}})
		}
		phone := func(digits int) string { return "1" + strings.Repeat("5", digits-1) }
		// A code goes only to a number that parses; MaxPhoneDigits bounds
		// what is parsed at all.
		send("phone", "14155550123").want(201)
		send("phone", phone(myaccount.MaxPhoneDigits)).wantError(400, "guard.invalid_input")
		send("phone", phone(myaccount.MaxPhoneDigits+1)).wantError(400, "guard.invalid_input")
		send("phone", phone(5000)).wantError(400, "guard.invalid_input")
		// An address is at most 254 bytes with a local part of at most 64
		// (RFC 5321), whatever route it enters by.
		email := func(n int) string {
			domain := strings.Repeat(strings.Repeat("d", 60)+".", 3)
			return strings.Repeat("e", 64) + "@" + domain + strings.Repeat("c", n-64-1-len(domain))
		}
		send("email", email(myaccount.MaxEmailLength)).want(201)
		send("email", email(myaccount.MaxEmailLength+1)).wantError(400, "guard.invalid_input")
		send("email", strings.Repeat("e", 65)+"@example.com").wantError(400, "guard.invalid_input")
		e.admin("PATCH", users, map[string]any{"primaryEmail": email(myaccount.MaxEmailLength + 1)}).wantError(400, "guard.invalid_input")
		e.admin("PATCH", users, map[string]any{"primaryEmail": strings.Repeat("e", 65) + "@example.com"}).wantError(400, "guard.invalid_input")
		// The administrator's phone is parsed: past libphonenumber's 250
		// characters it is no number.
		e.admin("PATCH", users, map[string]any{"primaryPhone": phone(251)}).wantError(422, "user.invalid_phone")
	})
	t.Run("password", func(t *testing.T) {
		e := e.sub(t)
		long := "Aa1-" + strings.Repeat("xq", 200)
		r := e.call("POST", "/api/my-account/password", tok, e.pwRecord(tok, pw), map[string]any{"password": long})
		r.wantError(422, "password.rejected")
		if !strings.Contains(string(r.raw), "password_rejected.too_long") {
			t.Errorf("a %d-character password: %s, want too_long", len(long), r.raw)
		}
		e.admin("POST", "/api/users", map[string]any{"username": "digest1", "passwordAlgorithm": "Bcrypt", "passwordDigest": "$2a$" + strings.Repeat("x", 253)}).wantError(400, "guard.invalid_input")
	})
	t.Run("social identity of the administrator's routes", func(t *testing.T) {
		e := e.sub(t)
		at := strings.Repeat("t", myaccount.MaxIdentityFieldLength)
		e.admin("PUT", users+"/identities/"+at, map[string]any{"userId": at, "details": nested(myaccount.MaxCustomDataDepth)}).want(201)
		for _, c := range []struct {
			name, target string
			body         map[string]any
		}{
			{"long target", at + "t", map[string]any{"userId": "u1"}},
			{"long user id", "github", map[string]any{"userId": at + "t"}},
			{"deep details", "github", map[string]any{"userId": "u1", "details": nested(myaccount.MaxCustomDataDepth + 1)}},
			{"large details", "github", map[string]any{"userId": "u1", "details": map[string]any{"a": strings.Repeat("x", myaccount.MaxCustomDataBytes)}}},
		} {
			e.admin("PUT", users+"/identities/"+c.target, c.body).wantError(400, "guard.invalid_input")
		}
		// POST's connectorData has the custom data's bounds.
		for _, data := range []any{nested(myaccount.MaxCustomDataDepth + 1), map[string]any{"a": strings.Repeat("x", myaccount.MaxCustomDataBytes)}} {
			e.admin("POST", users+"/identities", map[string]any{"connectorId": "github", "connectorData": data}).wantError(400, "guard.invalid_input")
		}
		// The use case refuses it too, without HTTP.
		_, err := e.svc.Admin.LinkIdentity(context.Background(), id, myaccount.AdminLinkIdentityInput{ConnectorID: "github", ConnectorData: nested(myaccount.MaxCustomDataDepth + 1)})
		var apiErr *account.Error
		if !errors.As(err, &apiErr) || apiErr.Code != account.CodeGuardInvalidInput {
			t.Errorf("LinkIdentityAdmin with deep details: %v, want guard.invalid_input", err)
		}
	})
	t.Run("request body", func(t *testing.T) {
		e := e.sub(t)
		big := `{"name":"` + strings.Repeat("x", 1<<20) + `"}`
		e.call("PATCH", "/api/my-account", tok, nil, big).wantError(413, "request.body_too_large")
		e.admin("PATCH", users, big).wantError(413, "request.body_too_large")
	})
}
