package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/myaccount-go/myaccount/httpadapter"
	"github.com/myaccount-go/myaccount/secret"
)

// lockedBuffer is a log destination the server's goroutines may share.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// outsideProvider is an OIDC provider apart from the server: the dev
// issuer's signing key behind a JWKS of its own, as -dev=false expects.
func outsideProvider(t *testing.T) *devIssuer {
	t.Helper()
	t.Setenv(devKeyFileEnv, "")
	iss, err := newDevIssuer("https://idp.example")
	if err != nil {
		t.Fatal(err)
	}
	jwks := httptest.NewServer(http.HandlerFunc(iss.serveJWKS))
	t.Cleanup(jwks.Close)
	iss.issuer = jwks.URL // the JWKS lives at any path of it
	return iss
}

// startProduction runs the app in process with -dev=false against iss,
// with the admin token in a file; it returns the client, the admin token
// and the log.
func startProduction(t *testing.T, iss *devIssuer, change func(*serverConfig)) (client, string, *lockedBuffer) {
	t.Helper()
	key, err := secret.GenerateKey(1)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv(keysEnv, secret.FormatKeys(key))
	dir := t.TempDir()
	const adminToken = "prod-admin-token"
	tokenFile := filepath.Join(dir, "admin-token")
	if err := os.WriteFile(tokenFile, []byte(adminToken+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg := serverConfig{
		db: filepath.Join(dir, "x.db"), dev: false,
		issuer: iss.issuer, jwksURL: iss.issuer + "/jwks.json", audience: devAudience,
		adminTokenFile: tokenFile,
	}
	if change != nil {
		change(&cfg)
	}
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	logs := &lockedBuffer{}
	a, err := newApp(context.Background(), cfg, srv.URL, mux, slog.New(slog.NewTextHandler(logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.close)
	return client{t: t, base: srv.URL}, adminToken, logs
}

// errorCode answers a request and returns its status and error code.
func (c client) errorCode(method, path, token string, header map[string]string, body string) (int, string) {
	c.t.Helper()
	req, err := http.NewRequest(method, c.base+path, strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var e struct{ Code string }
	if res.StatusCode >= 400 {
		if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			c.t.Errorf("%s %s: %d with Content-Type %q: %s", method, path, res.StatusCode, ct, raw)
		}
		_ = json.Unmarshal(raw, &e)
	}
	return res.StatusCode, e.Code
}

// Issue 14 item 12: with -dev=false a missing -audience refuses to start,
// before any database is opened.
func TestProductionNeedsAudience(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	cfg := serverConfig{db: db, dev: false, issuer: "https://idp.example", jwksURL: "https://idp.example/jwks"}
	_, err := newApp(context.Background(), cfg, "http://127.0.0.1:1", http.NewServeMux(), slog.New(slog.DiscardHandler))
	if err == nil || !strings.Contains(err.Error(), "-audience is required") {
		t.Fatalf("newApp without -audience: %v", err)
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the database was opened: %v", err)
	}
}

// Issue 14 item 12: with -dev=false, first-party clients are the listed
// ones only. A third-party application's token cannot set a password
// (even for a user with no other sign-in method, who needs no
// verification header); with no list, no application's token can, and
// the server says so at start.
func TestProductionFirstPartyClients(t *testing.T) {
	iss := outsideProvider(t)
	newUser := func(c client, admin string) string {
		c.do("PATCH", "/api/account-center", admin, nil, map[string]any{"enabled": true, "fields": map[string]string{"password": "Edit", "profile": "Edit"}}, 200, nil)
		var u struct{ ID string }
		c.do("POST", "/api/users", admin, nil, map[string]any{"username": "nopassword"}, 200, &u)
		return u.ID
	}
	setPassword := `{"password":"Brand-new-pass-1"}`

	t.Run("listed", func(t *testing.T) {
		c, admin, logs := startProduction(t, iss, func(cfg *serverConfig) { cfg.firstPartyClients = " other-app, " + devFirstPartyClient })
		id := newUser(c, admin)
		third, err := iss.mint(id, allScopes, true, "")
		if err != nil {
			t.Fatal(err)
		}
		if status, code := c.errorCode("POST", "/api/my-account/password", third, nil, setPassword); status != 403 || code != "auth.third_party_application_forbidden" {
			t.Fatalf("a third-party token set a password: %d %s", status, code)
		}
		first, err := iss.mint(id, allScopes, false, "")
		if err != nil {
			t.Fatal(err)
		}
		c.do("POST", "/api/my-account/password", first, nil, map[string]any{"password": "Brand-new-pass-1"}, 204, nil)
		if strings.Contains(logs.String(), "first-party-clients") {
			t.Errorf("warned about first-party clients with a list: %s", logs)
		}
	})
	t.Run("none listed", func(t *testing.T) {
		c, admin, logs := startProduction(t, iss, nil)
		if !strings.Contains(logs.String(), "no -first-party-clients") {
			t.Errorf("no warning at start: %s", logs)
		}
		id := newUser(c, admin)
		first, err := iss.mint(id, allScopes, false, "")
		if err != nil {
			t.Fatal(err)
		}
		if status, code := c.errorCode("POST", "/api/my-account/password", first, nil, setPassword); status != 403 || code != "auth.third_party_application_forbidden" {
			t.Fatalf("with no first-party clients, a token set a password: %d %s", status, code)
		}
		c.do("GET", "/api/my-account", first, nil, nil, 200, nil) // reading is still allowed
	})
}

// Issue 14 item 12: the admin token may come from a file or the
// environment instead of argv; giving it twice, or an empty file, is an
// error at start.
func TestAdminTokenSources(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "token")
	if err := os.WriteFile(file, []byte("from-file\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty")
	if err := os.WriteFile(empty, []byte("\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	start := func(t *testing.T, cfg serverConfig) (client, error) {
		cfg.dev, cfg.db = true, filepath.Join(t.TempDir(), "x.db")
		mux := http.NewServeMux()
		srv := httptest.NewServer(mux)
		t.Cleanup(srv.Close)
		a, err := newApp(context.Background(), cfg, srv.URL, mux, slog.New(slog.DiscardHandler))
		if err == nil {
			t.Cleanup(a.close)
		}
		return client{t: t, base: srv.URL}, err
	}
	tests := []struct {
		name string
		cfg  serverConfig
		env  string
		want string // the token that works; "dev-admin-token" is refused unless it is this
	}{
		{"file", serverConfig{adminTokenFile: file}, "", "from-file"},
		{"environment", serverConfig{}, "from-env", "from-env"},
		{"file before environment", serverConfig{adminTokenFile: file}, "from-env", "from-file"},
		{"argv before environment", serverConfig{adminToken: "from-argv"}, "from-env", "from-argv"},
		{"dev default", serverConfig{}, "", "dev-admin-token"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(adminTokenEnv, tc.env)
			c, err := start(t, tc.cfg)
			if err != nil {
				t.Fatal(err)
			}
			c.do("GET", "/api/account-center", tc.want, nil, nil, 200, nil)
			for _, other := range []string{"dev-admin-token", "from-file", "from-env", "from-argv"} {
				if other != tc.want {
					c.do("GET", "/api/account-center", other, nil, nil, 401, nil)
				}
			}
		})
	}
	t.Run("refused", func(t *testing.T) {
		t.Setenv(adminTokenEnv, "")
		for _, cfg := range []serverConfig{{adminToken: "a", adminTokenFile: file}, {adminTokenFile: empty}, {adminTokenFile: filepath.Join(dir, "missing")}} {
			if _, err := start(t, cfg); err == nil {
				t.Errorf("%+v: started", cfg)
			}
		}
	})
}

// Issue 14 item 15: every /api path the example server does not serve
// answers 404 with the JSON error body, through each of its handlers, in
// dev mode and without it (where the sign-in checks are not mounted).
func TestUnknownAPIPathsAnswerJSON(t *testing.T) {
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	a, err := newApp(context.Background(), serverConfig{db: filepath.Join(t.TempDir(), "x.db"), dev: true}, srv.URL, mux, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.close)
	c := client{t: t, base: srv.URL}
	var user struct{ ID, AccessToken string }
	c.do("POST", "/dev/users", "", nil, map[string]any{"username": "nf"}, 201, &user)
	for _, tc := range []struct{ method, path, token string }{
		{"GET", "/api/nothing", ""},
		{"GET", "/api/my-account/nothing", user.AccessToken},
		{"POST", "/api/verifications/nothing", user.AccessToken},
		{"GET", "/api/users/" + user.ID + "/nothing", "dev-admin-token"},
		{"GET", "/api/account-center/nothing", "dev-admin-token"},
		{"POST", "/api/sign-in/nothing", ""},
	} {
		if status, code := c.errorCode(tc.method, tc.path, tc.token, nil, ""); status != 404 || code != "request.not_found" {
			t.Errorf("%s %s: %d %q, want 404 request.not_found", tc.method, tc.path, status, code)
		}
	}
	if status, code := c.errorCode("DELETE", "/api/account-center", "dev-admin-token", nil, ""); status != 405 || code != "request.method_not_allowed" {
		t.Errorf("DELETE /api/account-center: %d %q, want 405", status, code)
	}

	prod, _, _ := startProduction(t, outsideProvider(t), nil)
	if status, code := prod.errorCode("POST", "/api/sign-in/password", "", nil, "{}"); status != 404 || code != "request.not_found" {
		t.Errorf("-dev=false POST /api/sign-in/password: %d %q, want 404 request.not_found", status, code)
	}
}

// Issue 14 item 3: -trusted-proxy names the header to believe and the
// proxies it is believed from.
func TestTrustedProxyFlag(t *testing.T) {
	got, err := parseTrustedProxy("X-Forwarded-For=10.0.0.0/8, 127.0.0.1,::1,10.1.2.3/16")
	if err != nil {
		t.Fatal(err)
	}
	want := httpadapter.TrustedProxy{Header: "X-Forwarded-For", Peers: []netip.Prefix{
		netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("::1/128"), netip.MustParsePrefix("10.1.0.0/16"),
	}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	for _, bad := range []string{"", "X-Forwarded-For", "X-Forwarded-For=", "=10.0.0.1", "X-Forwarded-For=proxy.internal", "X-Forwarded-For=10.0.0.0/99", "X Forwarded=10.0.0.1"} {
		if _, err := parseTrustedProxy(bad); err == nil {
			t.Errorf("%q: accepted", bad)
		}
	}

	// A bad flag refuses to start.
	_, err = newApp(context.Background(), serverConfig{db: filepath.Join(t.TempDir(), "x.db"), dev: true, trustedProxy: "X-Forwarded-For=nope"}, "http://127.0.0.1:1", http.NewServeMux(), slog.New(slog.DiscardHandler))
	if err == nil || !strings.Contains(err.Error(), "-trusted-proxy") {
		t.Errorf("a bad -trusted-proxy: %v", err)
	}
}
