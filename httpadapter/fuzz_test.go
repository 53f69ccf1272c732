package httpadapter_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/httpadapter"
)

// Issue 9: fuzzing the request decoders. Any body, verification header and
// Authorization header on any route of the end-user and admin tables gets
// an answer below 500, and every 4xx is a JSON {code, message}. The env is
// made once (memory store); requests go straight to its mux.

// fuzzRoute is a route of the tables with its path parameters filled.
type fuzzRoute struct{ method, path string }

func fuzzRoutes(e *env) []fuzzRoute {
	param := regexp.MustCompile(`\{[^}]+\}`)
	patterns := httpadapter.RoutePatterns(httpadapter.NewHandler(e.svc, nil))
	patterns = append(patterns, httpadapter.AdminRoutePatterns(httpadapter.NewAdminHandler(e.svc, nil))...)
	patterns = append(patterns, "PATCH /api/account-center")
	var out []fuzzRoute
	for _, p := range patterns {
		method, path, _ := strings.Cut(p, " ")
		out = append(out, fuzzRoute{method, param.ReplaceAllString(path, "fuzz")})
	}
	return out
}

// serveFuzz sends one request to e's mux and checks the answer.
func serveFuzz(t *testing.T, e *env, r *http.Request) {
	w := httptest.NewRecorder()
	e.mux.ServeHTTP(w, r)
	if w.Code >= 500 {
		t.Fatalf("%s %s: %d %s", r.Method, r.URL.Path, w.Code, w.Body.Bytes())
	}
	if w.Code >= 400 && w.Code != http.StatusNotFound && w.Code != http.StatusMethodNotAllowed {
		var body struct{ Code, Message string }
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || body.Code == "" || body.Message == "" {
			t.Fatalf("%s %s: %d without a JSON code and message: %q", r.Method, r.URL.Path, w.Code, w.Body.Bytes())
		}
	}
}

func FuzzRequestBodies(f *testing.F) {
	e := newEnv(f, newMemoryStore(), withMFA(f))
	e.enableAll()
	id := e.user(myaccount.CreateUserInput{Username: "fuzz1", Password: "pass-word-1", PrimaryEmail: "fuzz1@example.com"})
	tok := e.token(id, allScopes...)
	routes := fuzzRoutes(e)
	for i := range routes {
		for _, body := range []string{`{}`, `{"name":"x"}`, `{"password":"pass-word-1"}`, `[]`, `null`, `{"identifier":{"type":"email","value":"a@b.c"}}`,
			`{"type":"Totp","secret":"JBSWY3DPEHPK3PXP","code":"123456"}`, `{"fields":{"name":"Edit"}}`, `{"customData":{"a":{"b":[1,2,{"c":null}]}}}`, "\xff\x00"} {
			f.Add(uint8(i), []byte(body), "")
		}
	}
	f.Fuzz(func(t *testing.T, route uint8, body []byte, vhID string) {
		rt := routes[int(route)%len(routes)]
		r := httptest.NewRequest(rt.method, rt.path, bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		if strings.HasPrefix(rt.path, "/api/users") || rt.path == "/api/account-center" {
			r.Header.Set("Authorization", "Bearer "+adminToken)
		} else {
			r.Header.Set("Authorization", "Bearer "+tok)
		}
		if vhID != "" && !strings.ContainsAny(vhID, "\r\n\x00") {
			r.Header.Set(httpadapter.HeaderVerificationID, vhID)
		}
		serveFuzz(t, e, r)
	})
}

func FuzzAuthorizationHeader(f *testing.F) {
	e := newEnv(f, newMemoryStore())
	e.enableAll()
	id := e.user(myaccount.CreateUserInput{Username: "fuzz2"})
	tok := e.token(id, allScopes...)
	for _, h := range []string{"", "Bearer", "Bearer ", "bearer " + tok, "Basic dXNlcjpwYXNz", "Bearer " + tok + " extra", "Bearer pat_" + strings.Repeat("A", 43), "Bearer pat_", "\tBearer\t" + tok, "Bearer " + strings.Repeat("x", 5000)} {
		f.Add(h)
	}
	f.Fuzz(func(t *testing.T, h string) {
		if strings.ContainsAny(h, "\r\n\x00") {
			return // not a header value a client can send
		}
		for _, path := range []string{"/api/my-account", "/api/users/" + id} {
			r := httptest.NewRequest("GET", path, nil)
			r.Header.Set("Authorization", h)
			serveFuzz(t, e, r)
		}
	})
}
