package httpadapter_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/httpadapter"
)

// Issue 9: fuzzing the request decoders. Any body, verification header and
// Authorization header on any route of the end-user and admin tables gets
// an answer below 500, and every 4xx is a JSON {code, message}. The env is
// made once (memory store); requests go straight to its mux. Seeds beyond
// the f.Add ones are in testdata/fuzz/<target>.

// fuzzRoute is a route of the tables: method and path pattern.
type fuzzRoute struct{ method, path string }

func fuzzRoutes(e *env) []fuzzRoute {
	patterns := httpadapter.RoutePatterns(e.svc)
	patterns = append(patterns, httpadapter.AdminRoutePatterns(e.svc)...)
	patterns = append(patterns, "PATCH /api/account-center")
	var out []fuzzRoute
	for _, p := range patterns {
		method, path, _ := strings.Cut(p, " ")
		out = append(out, fuzzRoute{method, path})
	}
	return out
}

var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// fuzzAccounts are the users a fuzz target works on: the caller of the
// end-user routes, with a token and a verified password record, and the
// target of the admin routes. A fuzzed request may delete either (DELETE
// /api/my-account with the record, DELETE /api/users/{userId}); ensure
// makes new ones, so that later inputs reach the use cases again.
type fuzzAccounts struct {
	e            *env
	n            int
	id, tok, rec string
	target       string
	password     string
}

func newFuzzAccounts(e *env) *fuzzAccounts {
	a := &fuzzAccounts{e: e, password: "Fuzz-pass-1"}
	a.ensure(e.t)
	return a
}

// ensure recreates a deleted user; it reports failures to t.
func (a *fuzzAccounts) ensure(t testing.TB) {
	ctx := context.Background()
	if _, err := a.e.svc.Admin.User(ctx, a.id); a.id == "" || err != nil {
		a.id = a.create(t, true)
		a.tok = a.e.tokenFor(myaccount.Principal{UserID: a.id, Scopes: allScopes, ClientID: "app", FirstParty: true})
		rec, err := a.e.svc.Account.VerifyPassword(ctx, myaccount.Caller{Principal: myaccount.Principal{UserID: a.id, Scopes: allScopes, ClientID: "app", FirstParty: true}}, myaccount.PasswordInput{Password: a.password})
		if err != nil {
			t.Fatalf("password record: %v", err)
		}
		a.rec = rec.VerificationRecordID
	}
	if _, err := a.e.svc.Admin.User(ctx, a.target); a.target == "" || err != nil {
		a.target = a.create(t, false)
	}
}

// create makes a user with a fresh name (a fuzzed request may have taken
// the next one), with a password and an email when caller is set.
func (a *fuzzAccounts) create(t testing.TB, caller bool) string {
	var err error
	for range 10 {
		a.n++
		in := myaccount.CreateUserInput{Username: fmt.Sprintf("fuzzuser%d", a.n)}
		if caller {
			in.Password, in.PrimaryEmail = a.password, fmt.Sprintf("fuzzuser%d@example.com", a.n)
		}
		var u *myaccount.UserView
		if u, err = a.e.svc.Admin.AddUser(context.Background(), in); err == nil {
			return u.ID
		}
	}
	t.Fatalf("create a user: %v", err)
	return ""
}

// reenable turns the account center back on with every field Edit, after a
// fuzzed PATCH /api/account-center may have turned it off.
func reenable(t testing.TB, e *env) {
	on := true
	fields := map[account.Field]account.FieldMode{}
	for _, f := range account.Fields {
		fields[f] = account.Edit
	}
	if _, err := e.svc.Admin.SetAccountCenter(context.Background(), myaccount.UpdateAccountCenterInput{Enabled: myaccount.Set(on), Fields: myaccount.Set(fields)}); err != nil {
		t.Fatalf("re-enable the account center: %v", err)
	}
}

// serveFuzz sends one request to e's mux and checks the answer: below 500,
// and every 4xx a JSON {code, message}. It returns the recorder.
func serveFuzz(t *testing.T, e *env, r *http.Request) *httptest.ResponseRecorder {
	t.Helper()
	w := httptest.NewRecorder()
	e.mux.ServeHTTP(w, r)
	if w.Code >= 500 {
		t.Fatalf("%s %s: %d %s", r.Method, r.URL.Path, w.Code, w.Body.Bytes())
	}
	if w.Code >= 400 {
		var body struct{ Code, Message string }
		if err := json.Unmarshal(w.Body.Bytes(), &body); err != nil || body.Code == "" || body.Message == "" {
			t.Fatalf("%s %s: %d without a JSON code and message: %q", r.Method, r.URL.Path, w.Code, w.Body.Bytes())
		}
	}
	return w
}

// validHeader reports whether s can be sent as a header value.
func validHeader(s string) bool { return !strings.ContainsAny(s, "\r\n\x00") }

// FuzzRequestBodies drives every JSON route of both tables with any body:
// route picks the route (modulo the table's length), verified sends the
// caller's verified password record as the verification header (so that
// bodies reach the use cases behind the header check), and vh, when not
// verified and not empty, is sent as the header instead.
func FuzzRequestBodies(f *testing.F) {
	var e *env
	e = newEnv(f, newMemoryStore(), withMFA(f), func(c *myaccount.Config) {
		c.Sessions = newFakeSessions(func() time.Time { return e.clock.Now() })
	})
	reenable(f, e)
	a := newFuzzAccounts(e)
	routes := fuzzRoutes(e)
	// One seed per route: a body that passes its guard (the authorization
	// matrix's, for the end-user routes), so the fuzzer starts past it.
	adminBodies := map[string]string{
		"POST /api/users":                                      `{"username":"fuzzseed","password":"Fuzz-pass-3","primaryEmail":"seed@example.com","profile":{"givenName":"A"}}`,
		"PATCH /api/users/{userId}":                            `{"name":"N","customData":{"a":[1]},"primaryPhone":"14155550123"}`,
		"PATCH /api/users/{userId}/profile":                    `{"profile":{"nickname":"n","address":{"country":"NZ"}}}`,
		"PATCH /api/users/{userId}/custom-data":                `{"customData":{"k":{"v":true}}}`,
		"PATCH /api/users/{userId}/is-suspended":               `{"isSuspended":true}`,
		"POST /api/users/{userId}/password/verify":             `{"password":"x"}`,
		"PATCH /api/users/{userId}/password":                   `{"password":"Fuzz-pass-4"}`,
		"POST /api/users/{userId}/identities":                  `{"connectorId":"mock-social","connectorData":{"userId":"gh1","email":"a@b.c"}}`,
		"PUT /api/users/{userId}/identities/{target}":          `{"userId":"gh2"}`,
		"POST /api/users/{userId}/mfa-verifications":           `{"type":"Totp","secret":"JBSWY3DPEHPK3PXP"}`,
		"POST /api/users/{userId}/personal-access-tokens":      `{"name":"ci","scopes":["openid"],"expiresAt":null}`,
		"POST /api/connectors/{connectorId}/authorization-uri": `{"state":"st","redirectUri":"https://app.example.com/cb"}`,
		"PATCH /api/account-center":                            `{"enabled":true,"fields":{"name":"Edit"},"webauthnRelatedOrigins":["https://a.example"],"profileFields":[{"name":"x"}]}`,
	}
	for i, rt := range routes {
		p := rt.method + " " + rt.path
		body := adminBodies[p]
		if row, ok := authzRows[p]; ok && row.body != nil {
			b, err := json.Marshal(row.body)
			if err != nil {
				f.Fatal(err)
			}
			body = string(b)
		}
		f.Add(uint8(i), []byte(body), true, "")
	}
	// Hostile bodies on the routes that decode the most.
	for _, body := range []string{`[]`, `null`, `{"customData":{"a":{"b":[1,2,{"c":null}]}}}`, "\xff\x00", `{"name":"\u0000"}`, `{}{}`} {
		f.Add(uint8(1), []byte(body), true, "")
	}
	f.Fuzz(func(t *testing.T, route uint8, body []byte, verified bool, vh string) {
		a.ensure(t)
		e := e.sub(t)
		rt := routes[int(route)%len(routes)]
		path := strings.ReplaceAll(rt.path, "{userId}", a.target)
		path = pathParam.ReplaceAllString(path, "fuzz")
		r := httptest.NewRequest(rt.method, path, bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		admin := strings.HasPrefix(rt.path, "/api/users") || rt.path == "/api/account-center"
		if admin {
			r.Header.Set("Authorization", "Bearer "+adminToken)
		} else {
			r.Header.Set("Authorization", "Bearer "+a.tok)
		}
		switch {
		case verified:
			r.Header.Set(httpadapter.HeaderVerificationID, a.rec)
		case vh != "" && validHeader(vh):
			r.Header.Set(httpadapter.HeaderVerificationID, vh)
		}
		serveFuzz(t, e, r)
		if rt.path == "/api/account-center" {
			reenable(t, e)
		}
	})
}

// FuzzAuthorizationHeader: any Authorization header on an end-user and an
// admin route is answered below 500 with a JSON error, and only the exact
// token (after a Bearer scheme in any case, surrounded by white space)
// lets the caller in.
func FuzzAuthorizationHeader(f *testing.F) {
	e := newEnv(f, newMemoryStore())
	reenable(f, e)
	id := e.user(myaccount.CreateUserInput{Username: "fuzz2"})
	tok := e.token(id, allScopes...)
	for _, h := range []string{"", "Bearer", "Bearer ", "bearer " + tok, "Basic dXNlcjpwYXNz", "Bearer " + tok + " extra", "Bearer pat_" + strings.Repeat("A", 43), "Bearer pat_", "\tBearer\t" + tok, "Bearer " + strings.Repeat("x", 5000)} {
		f.Add(h)
	}
	f.Fuzz(func(t *testing.T, h string) {
		if !validHeader(h) {
			return // not a header value a client can send
		}
		e := e.sub(t)
		for _, path := range []string{"/api/my-account", "/api/users/" + id} {
			r := httptest.NewRequest("GET", path, nil)
			r.Header.Set("Authorization", h)
			w := serveFuzz(t, e, r)
			if w.Code == http.StatusOK && path == "/api/my-account" {
				scheme, token, _ := strings.Cut(strings.TrimSpace(h), " ")
				if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) != tok {
					t.Fatalf("Authorization %q let the caller in", h)
				}
			}
		}
	})
}
