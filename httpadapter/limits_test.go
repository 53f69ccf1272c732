package httpadapter_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount"
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
		e.admin("PATCH", "/api/account-center", map[string]any{"profileFields": fields}).wantError(400, "guard.invalid_input")
		css := strings.Repeat("a", 64<<10)
		e.admin("PATCH", "/api/account-center", map[string]any{"customCss": css}).want(200)
		e.admin("PATCH", "/api/account-center", map[string]any{"customCss": css + "a"}).wantError(400, "guard.invalid_input")
		codes := make([]string, 101)
		for i := range codes {
			codes[i] = fmt.Sprintf("code%06d", i)
		}
		e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "BackupCode", "codes": codes}).want(400)
		e.admin("POST", users+"/mfa-verifications", map[string]any{"type": "BackupCode", "codes": codes}).wantError(400, "guard.invalid_input")
	})
	t.Run("request body", func(t *testing.T) {
		e := e.sub(t)
		big := `{"name":"` + strings.Repeat("x", 1<<20) + `"}`
		e.call("PATCH", "/api/my-account", tok, nil, big).wantError(413, "request.body_too_large")
		e.admin("PATCH", users, big).wantError(413, "request.body_too_large")
	})
}
