package httpadapter_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount"
)

// Bad input never gives a 500, a panic or a half-written user: each route
// gets malformed, oversized and hostile bodies, and the user is read back.
func TestHostileBodies(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		e.enableAll()
		id := e.user(myaccount.CreateUserInput{Username: "h1", Password: "pass-word-1", PrimaryEmail: "h1@example.com"})
		tok := e.token(id, allScopes...)
		rec := e.pwRecord(tok, "pass-word-1")
		before, err := e.svc.Admin.User(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		routes := []struct{ method, path string }{
			{"PATCH", "/api/my-account"},
			{"PATCH", "/api/my-account/profile"},
			{"POST", "/api/my-account/password"},
			{"POST", "/api/my-account/primary-email"},
			{"POST", "/api/my-account/primary-phone"},
			{"POST", "/api/verifications/password"},
			{"POST", "/api/verifications/verification-code"},
			{"POST", "/api/verifications/verification-code/verify"},
		}
		bodies := map[string]any{
			"not JSON":              "{not json",
			"array":                 "[1,2,3]",
			"string":                `"name"`,
			"two objects":           `{}{}`,
			"wrong types":           `{"name":5,"username":[],"password":{},"email":true,"phone":1.5,"identifier":"x","customData":"x","address":7}`,
			"null everywhere":       `{"name":null,"password":null,"email":null,"identifier":null,"customData":null,"address":null,"familyName":null}`,
			"SQL-like strings":      `{"name":"'; DROP TABLE users; --","username":"a' OR '1'='1","password":"' OR 1=1 --","email":"x@y.z' OR 1=1","phone":"1; DELETE FROM users","identifier":{"type":"email","value":"' OR ''='"}}`,
			"emoji":                 `{"name":"🦊🦊🦊","username":"🦊","password":"🦊🦊🦊🦊🦊🦊🦊🦊","nickname":"🦊","email":"🦊@🦊.🦊","identifier":{"type":"phone","value":"🦊"}}`,
			"NUL and control bytes": "{\"name\":\"a\\u0000b\",\"username\":\"a\\u0000\",\"nickname\":\"\\u001b[31m\"}",
			"NUL alone":             "{\"name\":\"a\\u0000b\",\"nickname\":\"\\u0000\",\"email\":\"a\\u0000@b.c\",\"identifier\":{\"type\":\"email\",\"value\":\"a\\u0000@b.c\"},\"address\":{\"country\":\"\\u0000\"}}",
			"deep nesting":          `{"customData":` + strings.Repeat(`{"a":`, 20000) + `1` + strings.Repeat(`}`, 20000) + `}`,
			"huge body":             `{"name":"` + strings.Repeat("x", 10<<20) + `"}`,
			"invalid UTF-8":         "{\"name\":\"\xff\xfe\"}",
		}
		for _, rt := range routes {
			for name, body := range bodies {
				r := e.call(rt.method, rt.path, tok, rec, body)
				if r.status >= 500 {
					t.Errorf("%s %s with %s: %d %s", rt.method, rt.path, name, r.status, r.raw)
				}
				if r.status >= 400 && r.json["code"] == nil {
					t.Errorf("%s %s with %s: %d without a code: %.200s", rt.method, rt.path, name, r.status, r.raw)
				}
			}
		}
		// The huge body is refused for its size.
		e.call("PATCH", "/api/my-account", tok, nil, bodies["huge body"]).wantError(413, "request.body_too_large")

		after, err := e.svc.Admin.User(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		// Some hostile bodies are valid changes (an emoji name, a password
		// that looks like SQL): only compare what no body above may change.
		if after.PrimaryEmail != before.PrimaryEmail || after.PrimaryPhone != before.PrimaryPhone || after.Username != before.Username {
			t.Fatalf("identifiers changed: before %+v after %+v", before, after)
		}
		if !reflect.DeepEqual(after.Profile.Address, before.Profile.Address) {
			t.Fatalf("address changed")
		}
	})
}

// CORS, and ETag with 304.
func TestCORSAndETag(t *testing.T) {
	e := newEnv(t, newMemoryStore())
	e.enableAll()
	tok := e.token(e.user(myaccount.CreateUserInput{Username: "etag"}), allScopes...)

	r := e.do(req{method: "GET", path: "/api/my-account", token: tok, header: map[string]string{"Origin": "https://app.example.com"}}).want(200)
	if r.header.Get("Access-Control-Allow-Origin") != "https://app.example.com" || r.header.Get("Access-Control-Expose-Headers") != "*" {
		t.Fatalf("CORS headers: %v", r.header)
	}
	tag := r.header.Get("ETag")
	if tag == "" {
		t.Fatal("no ETag")
	}
	r2 := e.do(req{method: "GET", path: "/api/my-account", token: tok, header: map[string]string{"If-None-Match": tag}}).want(304)
	if len(r2.raw) != 0 {
		t.Fatalf("304 with a body: %q", r2.raw)
	}
	e.call("PATCH", "/api/my-account", tok, nil, map[string]any{"name": "changed"}).want(200)
	e.do(req{method: "GET", path: "/api/my-account", token: tok, header: map[string]string{"If-None-Match": tag}}).want(200)

	pre := e.do(req{method: "OPTIONS", path: "/api/my-account", header: map[string]string{
		"Origin": "https://app.example.com", "Access-Control-Request-Method": "PATCH", "Access-Control-Request-Headers": "authorization,logto-verification-id,content-type",
	}}).want(204)
	if !strings.Contains(pre.header.Get("Access-Control-Allow-Methods"), "PATCH") || !strings.Contains(pre.header.Get("Access-Control-Allow-Headers"), "logto-verification-id") {
		t.Fatalf("preflight headers: %v", pre.header)
	}
	// The admin routes are not open to every origin.
	adm := e.do(req{method: "GET", path: "/api/account-center", token: adminToken, header: map[string]string{"Origin": "https://evil.example.com"}}).want(200)
	if adm.header.Get("Access-Control-Allow-Origin") != "" {
		t.Fatal("admin route answers CORS")
	}
}

// Authentication errors, in order.
func TestAuthenticationErrors(t *testing.T) {
	e := newEnv(t, newMemoryStore())
	e.enableAll()
	id := e.user(myaccount.CreateUserInput{Username: "auth"})
	e.do(req{method: "GET", path: "/api/my-account"}).wantError(401, "auth.authorization_header_missing")
	r := e.do(req{method: "GET", path: "/api/my-account", header: map[string]string{"Authorization": "Basic abc"}}).wantError(401, "auth.authorization_token_type_not_supported")
	if !reflect.DeepEqual(r.json["data"], map[string]any{"supportedTypes": []any{"Bearer"}}) {
		t.Fatalf("data: %s", r.raw)
	}
	e.call("GET", "/api/my-account", "unknown", nil, nil).wantError(401, "auth.unauthorized")
	e.call("GET", "/api/my-account", e.token(id, "profile"), nil, nil).wantError(403, "auth.forbidden")
	e.call("GET", "/api/my-account", e.token("no-such-user", "openid"), nil, nil).wantError(401, "auth.unauthorized")
}
