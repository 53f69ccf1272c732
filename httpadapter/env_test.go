package httpadapter_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/httpadapter"
	"github.com/myaccount-go/myaccount/internal/testdb"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// env is one account center served over HTTP by the real handlers, on one
// store, with a fake clock, an outbox for codes and a token table standing
// in for an identity provider (the JWT verifier has its own tests).
type env struct {
	t testing.TB
	*shared
}

// shared is the part of an env its subtests share (see sub).
type shared struct {
	srv    *httptest.Server
	mux    *http.ServeMux
	svc    *myaccount.Service
	store  myaccount.Store
	clock  *fakeClock
	outbox *outbox
	tokens *sync.Map // token -> myaccount.Principal

	mu     sync.Mutex
	events []myaccount.Event
}

const adminToken = "test-admin-token"

// allScopes are the scopes of a token that may do everything.
var allScopes = []string{"openid", "profile", "email", "phone", "address", "custom_data", "identities", "urn:logto:scope:sessions"}

// defaultScopes are an SDK's default scopes.
var defaultScopes = []string{"openid", "offline_access", "profile"}

// newEnv serves an account center on store; change adjusts the config.
func newEnv(t testing.TB, store myaccount.Store, change ...func(*myaccount.Config)) *env {
	t.Helper()
	return newEnvWith(t, store, envSetup{}, change...)
}

// envSetup adjusts how an env serves: the options of its handlers, and an
// Authenticator of the end-user routes in place of bearer tokens.
type envSetup struct {
	opts []httpadapter.Option
	auth func(e *env) httpadapter.Authenticator
}

// newEnvWith is newEnv, served as setup says.
func newEnvWith(t testing.TB, store myaccount.Store, setup envSetup, change ...func(*myaccount.Config)) *env {
	t.Helper()
	e := &env{t: t, shared: &shared{store: store, clock: &fakeClock{now: time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)}, outbox: &outbox{}, tokens: &sync.Map{}}}
	hasher, err := account.NewArgon2idHasher(account.Argon2idOptions{Params: account.Argon2Params{Memory: 64, Time: 1, Parallelism: 1}})
	if err != nil {
		t.Fatal(err)
	}
	cfg := myaccount.Config{
		Store:       store,
		Clock:       e.clock.Now,
		Hasher:      hasher,
		EmailSender: e.outbox,
		SMSSender:   e.outbox,
		Hook: func(_ context.Context, ev myaccount.Event) {
			e.mu.Lock()
			e.events = append(e.events, ev)
			e.mu.Unlock()
		},
	}
	for _, c := range change {
		c(&cfg)
	}
	e.svc, err = myaccount.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	// The token table, and personal access tokens beside it.
	auth := httpadapter.Bearer(httpadapter.WithAccessTokens(e.svc, httpadapter.TokenVerifierFunc(func(_ context.Context, token string) (myaccount.Principal, error) {
		if p, ok := e.tokens.Load(token); ok {
			return p.(myaccount.Principal), nil
		}
		return myaccount.Principal{}, account.NewError(http.StatusUnauthorized, account.CodeUnauthorized)
	})))
	if setup.auth != nil {
		auth = setup.auth(e)
	}
	e.mux = http.NewServeMux()
	admin := mustHandler(t)(httpadapter.NewAdminHandler(e.svc, httpadapter.StaticToken(adminToken), setup.opts...))
	for _, path := range []string{"/api/account-center", "/api/users", "/api/users/", "/api/connectors/", "/api/verification-codes", "/api/verification-codes/"} {
		e.mux.Handle(path, admin)
	}
	e.mux.Handle("/api/subject-tokens", admin)
	e.mux.Handle("/api/", mustHandler(t)(httpadapter.NewHandler(e.svc, auth, setup.opts...)))
	e.mux.Handle("GET /.well-known/webauthn", httpadapter.WellKnownWebAuthn(e.svc))
	e.mux.Handle("/oidc/token", httpadapter.TokenExchange(e.svc))
	// Every exchange is checked against openapi.json (openapi_test.go).
	e.srv = httptest.NewServer(newContract(t, e.mux, e.scopesOf))
	t.Cleanup(e.srv.Close)
	return e
}

// sub returns the env for a subtest: same server and state, failures
// reported to t.
func (e *env) sub(t testing.TB) *env { return &env{t: t, shared: e.shared} }

// eachStore runs f on a fresh env per store kind.
func eachStore(t *testing.T, f func(t *testing.T, e *env)) {
	eachStoreEnv(t, func(t *testing.T, store myaccount.Store) *env { return newEnv(t, store) }, f)
}

// eachStoreEnv runs f per store kind on the env that mk makes.
func eachStoreEnv(t *testing.T, mk func(t *testing.T, store myaccount.Store) *env, f func(t *testing.T, e *env)) {
	testdb.EachStore(t, func(t *testing.T, newStore func(testing.TB) myaccount.Store) {
		f(t, mk(t, newStore(t)))
	})
}

// enableAll turns the account center on with every field Edit except
// passkey, as the test scenarios assume.
func (e *env) enableAll() {
	e.t.Helper()
	fields := map[string]string{}
	for _, f := range account.Fields {
		if f != account.FieldPasskey && f != account.FieldTrustedDevice {
			fields[string(f)] = "Edit"
		}
	}
	e.admin("PATCH", "/api/account-center", map[string]any{"enabled": true, "fields": fields}).want(200)
}

// setFields replaces the account-center fields.
func (e *env) setFields(fields map[string]string) {
	e.t.Helper()
	e.admin("PATCH", "/api/account-center", map[string]any{"fields": fields}).want(200)
}

// user creates a user and returns its id.
func (e *env) user(in myaccount.CreateUserInput) string {
	e.t.Helper()
	u, err := e.svc.Admin.AddUser(context.Background(), in)
	if err != nil {
		e.t.Fatalf("create user: %v", err)
	}
	return u.ID
}

// token returns a bearer token for userID with scopes, first-party.
func (e *env) token(userID string, scopes ...string) string {
	return e.tokenFor(myaccount.Principal{UserID: userID, Scopes: scopes, ClientID: "app", FirstParty: true})
}

// thirdPartyToken returns a bearer token of a third-party application.
func (e *env) thirdPartyToken(userID string, scopes ...string) string {
	return e.tokenFor(myaccount.Principal{UserID: userID, Scopes: scopes, ClientID: "third-party", FirstParty: false})
}

func (e *env) tokenFor(p myaccount.Principal) string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	tok := hex.EncodeToString(b)
	e.tokens.Store(tok, p)
	return tok
}

// req is one request to send.
type req struct {
	method, path string
	token        string
	vh           *string
	body         any
	header       map[string]string
	// host, when set, is the Host header (WebAuthn needs a host name, not
	// the test server's IP address).
	host string
}

// resp is an answer, decoded.
type resp struct {
	t      testing.TB
	status int
	header http.Header
	raw    []byte
	json   map[string]any
}

func (e *env) do(r req) *resp {
	e.t.Helper()
	var body io.Reader
	switch b := r.body.(type) {
	case nil:
	case string:
		body = strings.NewReader(b)
	case []byte:
		body = bytes.NewReader(b)
	default:
		enc, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		body = bytes.NewReader(enc)
	}
	hr, err := http.NewRequest(r.method, e.srv.URL+r.path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if r.body != nil {
		hr.Header.Set("Content-Type", "application/json")
	}
	if r.token != "" {
		hr.Header.Set("Authorization", "Bearer "+r.token)
	}
	if r.vh != nil {
		hr.Header.Set(httpadapter.HeaderVerificationID, *r.vh)
	}
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	if r.host != "" {
		hr.Host = r.host + ":" + e.port()
	}
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	out := &resp{t: e.t, status: res.StatusCode, header: res.Header, raw: raw}
	if len(raw) > 0 && raw[0] == '{' {
		if err := json.Unmarshal(raw, &out.json); err != nil {
			e.t.Fatalf("%s %s: bad JSON %q: %v", r.method, r.path, raw, err)
		}
	}
	return out
}

// call sends a request with a token and an optional verification header.
func (e *env) call(method, path, token string, vh *string, body any) *resp {
	e.t.Helper()
	return e.do(req{method: method, path: path, token: token, vh: vh, body: body})
}

func (e *env) admin(method, path string, body any) *resp {
	e.t.Helper()
	return e.do(req{method: method, path: path, token: adminToken, body: body})
}

// vh returns a pointer to a verification id, for call.
func vh(id string) *string { return &id }

// pwRecord verifies the password and returns the record id ("PW-rec").
func (e *env) pwRecord(token, password string) *string {
	e.t.Helper()
	r := e.call("POST", "/api/verifications/password", token, nil, map[string]any{"password": password}).want(201)
	return vh(r.str("verificationRecordId"))
}

// codeRecord sends a code to an email or phone, verifies it with the code
// from the outbox and returns the record id.
func (e *env) codeRecord(token, typ, value string, template ...string) string {
	e.t.Helper()
	body := map[string]any{"identifier": map[string]any{"type": typ, "value": value}}
	if len(template) > 0 {
		body["templateType"] = template[0]
	}
	id := e.call("POST", "/api/verifications/verification-code", token, nil, body).want(201).str("verificationRecordId")
	code := e.outbox.latest(e.t, value).Code
	e.call("POST", "/api/verifications/verification-code/verify", token, nil, map[string]any{
		"identifier": map[string]any{"type": typ, "value": value}, "verificationId": id, "code": code,
	}).want(200)
	return id
}

// port is the test server's port.
func (e *env) port() string { return e.srv.URL[strings.LastIndexByte(e.srv.URL, ':')+1:] }

// userOf returns the user id a token acts for.
func (e *env) userOf(token string) string {
	p, _ := e.tokens.Load(token)
	return p.(myaccount.Principal).UserID
}

func jsonUnmarshal(b []byte, v any) error { return json.Unmarshal(b, v) }

// eventsOf returns the events of a type so far.
func (e *env) eventsOf(typ myaccount.EventType) []myaccount.Event {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []myaccount.Event
	for _, ev := range e.events {
		if ev.Type == typ {
			out = append(out, ev)
		}
	}
	return out
}

// want fails unless the status is status; it returns r for chaining.
func (r *resp) want(status int) *resp {
	r.t.Helper()
	if r.status != status {
		r.t.Fatalf("status %d, want %d; body %s", r.status, status, r.raw)
	}
	return r
}

// wantError fails unless the answer is status with error code code.
func (r *resp) wantError(status int, code string) *resp {
	r.t.Helper()
	r.want(status)
	if got := r.json["code"]; got != code {
		r.t.Fatalf("code %v, want %s; body %s", got, code, r.raw)
	}
	if msg, _ := r.json["message"].(string); msg == "" {
		r.t.Fatalf("error without a message: %s", r.raw)
	}
	return r
}

func (r *resp) str(key string) string {
	r.t.Helper()
	s, ok := r.json[key].(string)
	if !ok {
		r.t.Fatalf("%s is not a string in %s", key, r.raw)
	}
	return s
}

// has reports whether the answer has key.
func (r *resp) has(key string) bool {
	_, ok := r.json[key]
	return ok
}

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// outbox keeps every code sent.
type outbox struct {
	mu   sync.Mutex
	sent []myaccount.Message
}

func (o *outbox) Send(_ context.Context, m myaccount.Message) error {
	o.mu.Lock()
	o.sent = append(o.sent, m)
	o.mu.Unlock()
	return nil
}

// latest returns the last message to to, in the one form the service
// delivers to (an address with its domain lowercased, a phone normalized).
func (o *outbox) latest(t testing.TB, to string) myaccount.Message {
	t.Helper()
	if n, err := account.NormalizeEmail(to); err == nil {
		to = n
	} else if n, err := account.NormalizePhone(to); err == nil {
		to = n
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	for i := len(o.sent) - 1; i >= 0; i-- {
		if o.sent[i].To == to {
			return o.sent[i]
		}
	}
	t.Fatalf("no message to %s", to)
	return myaccount.Message{}
}

func newMemoryStore() myaccount.Store { return memory.New() }

// mustHandler fails tb when a handler constructor refuses its arguments:
// mustHandler(t)(httpadapter.NewHandler(...)).
func mustHandler(tb testing.TB) func(http.Handler, error) http.Handler {
	return func(h http.Handler, err error) http.Handler {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
		return h
	}
}
