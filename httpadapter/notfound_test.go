package httpadapter_test

import (
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount"
)

// Issue 14 item 15: a path under /api that no handler serves answers 404
// with the JSON error body, localized, whichever handler it reaches; a
// known path with a method it does not take answers 405 the same way, with
// Allow. Every exchange also passes the OpenAPI contract.
func TestUnknownPathsAnswerJSON(t *testing.T) {
	e := newSignInEnv(t, newMemoryStore()).env // no session provider: the sessions routes are not mounted
	e.enableAll()
	tok := e.token(e.user(myaccount.CreateUserInput{Username: "nf"}), allScopes...)

	notFound := []req{
		{method: "GET", path: "/api/my-account/nothing", token: tok},
		{method: "POST", path: "/api/my-account/mfa-verifications/totp-secret/nothing", token: tok},
		{method: "GET", path: "/api/my-account/sessions", token: tok}, // an optional route the app did not configure
		{method: "DELETE", path: "/api/my-account/grants/g1", token: tok},
		{method: "GET", path: "/api/verifications/nothing", token: tok},
		{method: "POST", path: "/api/verifications/password/nothing", token: tok},
		{method: "GET", path: "/api/users/u1/nothing", token: adminToken},
		{method: "DELETE", path: "/api/users/u1/personal-access-tokens/a/b", token: adminToken},
		{method: "POST", path: "/api/sign-in/nothing"},
		{method: "POST", path: "/api/sign-in/webauthn/nothing"},
		{method: "GET", path: "/api/nothing"},
		{method: "GET", path: "/api/"},
		{method: "DELETE", path: "/api/.well-known/nothing"},
	}
	for _, r := range notFound {
		t.Run("404 "+r.method+" "+r.path, func(t *testing.T) {
			res := e.sub(t).do(r).wantError(404, "request.not_found")
			if ct := res.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q", ct)
			}
		})
	}

	wrongMethod := []struct {
		r     req
		allow string
	}{
		{req{method: "PUT", path: "/api/my-account", token: tok}, "GET"},
		{req{method: "GET", path: "/api/verifications/password", token: tok}, "POST"},
		{req{method: "POST", path: "/api/users/u1/has-password", token: adminToken}, "GET"},
		{req{method: "GET", path: "/api/sign-in/password"}, "POST"},
		{req{method: "POST", path: "/api/.well-known/account-center"}, "GET"},
	}
	for _, tc := range wrongMethod {
		t.Run("405 "+tc.r.method+" "+tc.r.path, func(t *testing.T) {
			res := e.sub(t).do(tc.r).wantError(405, "request.method_not_allowed")
			if allow := res.header.Get("Allow"); !strings.Contains(allow, tc.allow) {
				t.Errorf("Allow %q, want %s in it", allow, tc.allow)
			}
		})
	}

	t.Run("localized", func(t *testing.T) {
		res := e.sub(t).do(req{method: "GET", path: "/api/nothing", header: map[string]string{"Accept-Language": "ko"}}).wantError(404, "request.not_found")
		if msg := res.json["message"].(string); !strings.Contains(msg, "경로") {
			t.Errorf("message %q is not Korean", msg)
		}
	})
}
