package httpadapter_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/httpadapter"
	"github.com/myaccount-go/myaccount/httpadapter/internal/apidoc"
)

// The contract test. openapi.json describes every route; every env serves
// through a contract (see newEnv), so every request and response of the
// HTTP tests is checked against it:
//
//   - every response, errors included, must be one the document gives the
//     operation: a documented status, and a body of its schema (an error's
//     code among the codes listed for that status);
//   - a request is checked only when it succeeded (status below 400): then
//     the document must accept what the server accepted (path, query,
//     headers, body, and the scopes of the token). Requests the server
//     refused are not checked: the tests send malformed, hostile and
//     unauthorized requests on purpose, and the document describes valid
//     ones; the refusal itself is checked as a response;
//   - a request the document has no operation for may only get the
//     handlers' answer to a path they do not serve: 404 request.not_found
//     or 405 request.method_not_allowed, in the error body; a CORS
//     preflight is answered before any route;
//   - paths outside the library's mounts (/api/ and /.well-known/webauthn)
//     are the tests' own fixtures, such as the blob store at /assets/.

var updateOpenAPI = flag.Bool("update-openapi", false, "rewrite openapi.json from internal/apidoc")

const openAPIFile = "openapi.json"

// contractRouter is the document's router, loaded once for every env.
var contractRouter = sync.OnceValues(func() (routers.Router, error) {
	data, err := os.ReadFile(openAPIFile)
	if err != nil {
		return nil, err
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		return nil, err
	}
	return legacy.NewRouter(doc)
})

// contract validates what passes through it against the document and
// fails t on every violation.
type contract struct {
	t      testing.TB
	next   http.Handler
	router routers.Router
	// bearerScopes returns the scopes of an end-user token; false when the
	// test cannot tell (say, a token deleted by the request itself).
	bearerScopes func(ctx context.Context, token string) ([]string, bool)
}

// newContract wraps next; bearerScopes tells the scopes of an end-user
// token.
func newContract(t testing.TB, next http.Handler, bearerScopes func(ctx context.Context, token string) ([]string, bool)) *contract {
	t.Helper()
	router, err := contractRouter()
	if err != nil {
		t.Fatalf("openapi contract: %v", err)
	}
	return &contract{t: t, next: next, router: router, bearerScopes: bearerScopes}
}

// scopesOf is newContract's bearerScopes for e: its token table, and the
// personal access tokens of its service.
func (e *env) scopesOf(ctx context.Context, token string) ([]string, bool) {
	if p, ok := e.tokens.Load(token); ok {
		return p.(myaccount.Principal).Scopes, true
	}
	if strings.HasPrefix(token, myaccount.ImpersonationTokenPrefix) {
		if p, err := e.svc.AuthenticateImpersonationToken(ctx, token); err == nil {
			return p.Scopes, true
		}
	}
	if strings.HasPrefix(token, myaccount.AccessTokenPrefix) {
		if p, err := e.svc.AuthenticatePersonalAccessToken(ctx, token); err == nil {
			return p.Scopes, true
		}
	}
	return nil, false
}

func (c *contract) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		c.t.Errorf("openapi contract: %s %s: reading the request: %v", r.Method, r.URL.RequestURI(), err)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	rec := &recorder{header: http.Header{}}
	c.next.ServeHTTP(rec, r)
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	if rec.header.Get("Content-Type") == "" && rec.body.Len() > 0 {
		rec.header.Set("Content-Type", http.DetectContentType(rec.body.Bytes())) // as the server will
	}
	if err := c.check(r, body, rec); err != nil {
		c.t.Errorf("openapi contract: %s %s -> %d %.300q\n%v", r.Method, r.URL.RequestURI(), rec.status, rec.body.Bytes(), err)
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.status)
	_, _ = w.Write(rec.body.Bytes())
}

// check returns what in the exchange breaks the contract.
func (c *contract) check(r *http.Request, body []byte, res *recorder) error {
	if !strings.HasPrefix(r.URL.Path, "/api/") && r.URL.Path != "/.well-known/webauthn" {
		return nil // a test's own fixture (say, the blob store at /assets/): not the library's
	}
	if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
		return nil // a CORS preflight: answered before any route
	}
	route, params, err := c.router.FindRoute(r)
	if err != nil {
		if notServed(res) {
			return nil
		}
		return fmt.Errorf("the document has no operation for it (%v)", err)
	}
	ctx := r.Context()
	opts := &openapi3filter.Options{IncludeResponseStatus: true, AuthenticationFunc: c.authenticate}
	opts.WithCustomSchemaErrorFunc(schemaErrorText)
	in := &openapi3filter.RequestValidationInput{Request: r.Clone(ctx), PathParams: params, Route: route, Options: opts}
	in.Request.Body = io.NopCloser(bytes.NewReader(body))
	if res.status < 400 {
		if err := openapi3filter.ValidateRequest(ctx, in); err != nil {
			return fmt.Errorf("the server accepted a request the document refuses: %w", err)
		}
	}
	out := &openapi3filter.ResponseValidationInput{RequestValidationInput: in, Status: res.status, Header: res.header, Options: opts}
	out.SetBodyBytes(res.body.Bytes())
	if err := openapi3filter.ValidateResponse(ctx, out); err != nil {
		return fmt.Errorf("the response breaks the document: %w", err)
	}
	return nil
}

// schemaErrorText is a schema error without the schema and the value it
// would dump: the report shows the body instead.
func schemaErrorText(err *openapi3.SchemaError) string {
	msg := err.Reason
	if err.Origin != nil {
		msg = err.Origin.Error()
	}
	if msg == "" {
		msg = "does not match " + err.SchemaField
	}
	if p := err.JSONPointer(); len(p) > 0 && !strings.Contains(msg, "error at") {
		msg = fmt.Sprintf("at /%s: %s", strings.Join(p, "/"), msg)
	}
	return msg
}

// notServed reports whether the answer is the handlers' to a request no
// route takes: an unknown path (404 request.not_found), a method the path
// does not take (405 request.method_not_allowed).
func notServed(res *recorder) bool {
	if !strings.HasPrefix(res.header.Get("Content-Type"), "application/json") {
		return false
	}
	var body struct{ Code, Message string }
	if err := jsonUnmarshal(res.body.Bytes(), &body); err != nil || body.Message == "" {
		return false
	}
	return res.status == http.StatusNotFound && body.Code == string(account.CodeRouteNotFound) ||
		res.status == http.StatusMethodNotAllowed && body.Code == string(account.CodeMethodNotAllowed)
}

// authenticate checks a successful request's credentials against the
// operation's security requirement: the administrator's token, or an
// end-user token holding every scope the document lists (a cookie host's
// session cookie, sessionCookie, stands for the token: the document leaves
// the Authenticator to the app).
func (c *contract) authenticate(ctx context.Context, in *openapi3filter.AuthenticationInput) error {
	scheme, token, _ := strings.Cut(in.RequestValidationInput.Request.Header.Get("Authorization"), " ")
	if cookie, err := in.RequestValidationInput.Request.Cookie(sessionCookie); err == nil && scheme == "" && in.SecuritySchemeName == "bearer" {
		scheme, token = "Bearer", cookie.Value
	}
	if !strings.EqualFold(scheme, "Bearer") || token == "" {
		return errors.New("no bearer token")
	}
	switch in.SecuritySchemeName {
	case "admin":
		if token != adminToken {
			return errors.New("not the administrator's token")
		}
	case "bearer":
		scopes, known := c.bearerScopes(ctx, token)
		if !known {
			return nil
		}
		for _, s := range in.Scopes {
			if !slices.Contains(scopes, s) {
				return fmt.Errorf("succeeded with a token without the scope %s the document requires", s)
			}
		}
	default:
		return fmt.Errorf("unknown security scheme %s", in.SecuritySchemeName)
	}
	return nil
}

// recorder holds an answer until it is checked.
type recorder struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }
func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
	}
}

func (r *recorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.body.Write(p)
}

// The committed document is what internal/apidoc generates. Regenerate it
// with go generate ./httpadapter (or go test -run
// TestOpenAPIDocumentIsGenerated ./httpadapter -args -update-openapi).
func TestOpenAPIDocumentIsGenerated(t *testing.T) {
	want, err := apidoc.JSON()
	if err != nil {
		t.Fatal(err)
	}
	if *updateOpenAPI {
		if err := os.WriteFile(openAPIFile, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	got, err := os.ReadFile(openAPIFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("%s is not what internal/apidoc generates: run go generate ./httpadapter", openAPIFile)
	}
}

// The document is a valid OpenAPI 3.1 document.
func TestOpenAPIDocumentIsValid(t *testing.T) {
	data, err := os.ReadFile(openAPIFile)
	if err != nil {
		t.Fatal(err)
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(data)
	if err != nil {
		t.Fatal(err)
	}
	if !doc.IsOpenAPI31OrLater() {
		t.Fatalf("openapi %s, want 3.1", doc.OpenAPI)
	}
	if err := doc.Validate(loader.Context); err != nil {
		t.Fatal(err)
	}
}

// The handler serves the document, anonymously, at both paths.
func TestOpenAPIServed(t *testing.T) {
	e := newEnv(t, newMemoryStore())
	want, err := os.ReadFile(openAPIFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/api/openapi.json", "/api/swagger.json"} {
		r := e.do(req{method: "GET", path: path}).want(200)
		if !bytes.Equal(r.raw, want) {
			t.Errorf("%s is not openapi.json", path)
		}
		if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s: Content-Type %q", path, ct)
		}
	}
}

// fixedRoutes are the routes mounted outside the route tables.
var fixedRoutes = []string{
	// Handler, beside routes() and wellKnownRoutes()
	"GET /api/openapi.json",
	"GET /api/swagger.json",
	// AdminHandler, beside userRoutes()
	"GET /api/account-center",
	"PATCH /api/account-center",
	// WellKnownWebAuthn
	"GET /.well-known/webauthn",
	// TokenExchange
	"POST /oidc/token",
	// SignInHandler
	"POST /api/sign-in/password",
	"POST /api/sign-in/totp",
	"POST /api/sign-in/backup-code",
	"POST /api/sign-in/webauthn/options",
	"POST /api/sign-in/webauthn/verify",
}

// The document describes exactly the routes the handlers mount: each
// pattern of the route tables (with a session provider, so the optional
// routes are mounted) and each fixed route is an operation, each operation
// is one of them, and each operation reaches a route of its handler rather
// than the answer to an unknown path.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	s := newSignInEnv(t, newMemoryStore(), func(c *myaccount.Config) { c.Sessions = newFakeSessions(c.Clock) })
	mounted := slices.Concat(
		httpadapter.RoutePatterns(s.svc),
		httpadapter.WellKnownRoutePatterns(s.svc),
		httpadapter.AdminRoutePatterns(s.svc),
		fixedRoutes,
	)
	data, err := os.ReadFile(openAPIFile)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatal(err)
	}
	var documented []string
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented = append(documented, method+" "+path)
		}
	}
	for _, p := range mounted {
		if !slices.Contains(documented, p) {
			t.Errorf("%s is mounted but not in %s", p, openAPIFile)
		}
	}
	param := regexp.MustCompile(`\{[^}]+\}`)
	for _, op := range documented {
		if !slices.Contains(mounted, op) {
			t.Errorf("%s is in %s but no route table mounts it", op, openAPIFile)
		}
		method, path, _ := strings.Cut(op, " ")
		r := req{method: method, path: param.ReplaceAllString(path, "x"), body: map[string]any{}}
		if strings.HasPrefix(path, "/api/users") || strings.HasPrefix(path, "/api/account-center") ||
			strings.HasPrefix(path, "/api/verification-codes") ||
			strings.HasPrefix(path, "/api/subject-tokens") {
			r.token = adminToken
		}
		got := s.do(r)
		if code := got.json["code"]; code == string(account.CodeRouteNotFound) || code == string(account.CodeMethodNotAllowed) {
			t.Errorf("%s: answered as an unknown route (%d %q): not mounted", op, got.status, got.raw)
		}
	}
}

// withoutHeader drops one header from what it writes.
type withoutHeader struct {
	http.ResponseWriter
	name string
}

func (w *withoutHeader) WriteHeader(status int) {
	w.Header().Del(w.name)
	w.ResponseWriter.WriteHeader(status)
}

// tbRecorder is a testing.TB that keeps what Errorf reports.
type tbRecorder struct {
	testing.TB
	mu     sync.Mutex
	errors []string
}

func (r *tbRecorder) Errorf(format string, args ...any) {
	r.mu.Lock()
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
	r.mu.Unlock()
}

// The contract fails what the document does not allow: an undocumented
// code, a body of the wrong shape, an undocumented status, a route the
// document lacks, a successful request the document refuses, ServeMux's
// plain-text 404; it lets through what it allows, and the handlers' answer
// to an unknown path.
func TestOpenAPIContractCatches(t *testing.T) {
	answer := func(status int, body string) http.HandlerFunc {
		return func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", "application/json; charset=utf-8") // as writeJSON sets it
			w.Header().Set("Cache-Control", "no-store")                       // as every answer to a caller has it
			if status == 200 {
				w.Header().Set("ETag", `"1"`)
			}
			w.WriteHeader(status)
			_, _ = io.WriteString(w, body)
		}
	}
	token := map[string]string{"Authorization": "Bearer t"}
	cases := []struct {
		name    string
		handler http.Handler
		method  string
		path    string
		body    string
		header  map[string]string
		fails   string // what the failure says; "" when there is none
	}{
		{"a documented error", answer(401, `{"code":"auth.authorization_header_missing","message":"m"}`), "GET", "/api/my-account", "", nil, ""},
		{"an undocumented code", answer(400, `{"code":"made.up","message":"m"}`), "GET", "/api/my-account", "", nil, "not one of the allowed values"},
		{"a code of another status", answer(400, `{"code":"auth.authorization_header_missing","message":"m"}`), "GET", "/api/my-account", "", nil, "not one of the allowed values"},
		{"an error without a message", answer(401, `{"code":"auth.unauthorized"}`), "GET", "/api/my-account", "", nil, `"message" is missing`},
		{"an undocumented status", answer(418, `{"code":"auth.unauthorized","message":"m"}`), "GET", "/api/my-account", "", nil, "status is not supported"},
		{"a body of the wrong shape", answer(200, `{"id":1,"hasSecurityVerificationMethod":true}`), "GET", "/api/my-account", "", token, "at /id"},
		{"an undocumented key", answer(200, `{"id":"u","hasSecurityVerificationMethod":true,"secret":"x"}`), "GET", "/api/my-account", "", token, "secret"},
		{"a success without ETag", answer(201, `{"id":"u","hasSecurityVerificationMethod":true}`), "GET", "/api/my-account", "", token, "status is not supported"},
		{"a token without the scope", answer(200, `{"id":"u","hasSecurityVerificationMethod":true}`), "PATCH", "/api/my-account", `{"name":null}`, token, "without the scope profile"},
		{"a success the document refuses", answer(204, ``), "POST", "/api/my-account/password", `{"password":""}`, token, "minLength"},
		{"an undocumented route", answer(200, `{}`), "GET", "/api/my-account/secrets", "", nil, "no operation"},
		{"the answer to an unknown path", answer(404, `{"code":"request.not_found","message":"m"}`), "GET", "/api/nowhere", "", nil, ""},
		{"the answer to an unknown method", answer(405, `{"code":"request.method_not_allowed","message":"m"}`), "PUT", "/api/my-account", "", nil, ""},
		{"ServeMux's plain-text 404", http.NewServeMux(), "GET", "/api/nowhere", "", nil, "no operation"},
		{"a success without Cache-Control", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			answer(200, `{"id":"u","hasSecurityVerificationMethod":true}`)(&withoutHeader{w, "Cache-Control"}, r)
		}), "GET", "/api/my-account", "", token, `"Cache-Control" missing`},
		{"a refused request is not checked", answer(400, `{"code":"guard.invalid_input","message":"m"}`), "POST", "/api/my-account/password", `{"password":""}`, nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rec := &tbRecorder{TB: t}
			c := newContract(rec, tc.handler, func(context.Context, string) ([]string, bool) { return []string{"openid"}, true })
			r := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
			if tc.body != "" {
				r.Header.Set("Content-Type", "application/json")
			}
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			c.ServeHTTP(httptest.NewRecorder(), r)
			got := strings.Join(rec.errors, "\n")
			if tc.fails == "" && got != "" || tc.fails != "" && !strings.Contains(got, tc.fails) {
				t.Fatalf("the contract reported %q, want %q", got, tc.fails)
			}
		})
	}
}
