package httpadapter

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// The introspection client's credentials: the secret has characters that
// RFC 6749 §2.3.1 form-encodes before Basic.
const (
	introspectionClient = "resource-server"
	introspectionSecret = "s3cr:et/+"
)

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

// introspectionServer answers RFC 7662 requests from a table of tokens and
// counts the calls.
type introspectionServer struct {
	*httptest.Server
	mu      sync.Mutex
	answers map[string]map[string]any // token -> answer; unknown: inactive
	status  int
	body    string // when set, answered instead of JSON
	calls   atomic.Int64
	bad     atomic.Value // string: why the last request was malformed
}

func newIntrospectionServer(t *testing.T) *introspectionServer {
	t.Helper()
	s := &introspectionServer{answers: map[string]map[string]any{}, status: http.StatusOK}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

func (s *introspectionServer) serve(w http.ResponseWriter, r *http.Request) {
	s.calls.Add(1)
	id, secret, ok := r.BasicAuth()
	switch {
	case r.Method != http.MethodPost:
		s.bad.Store("method " + r.Method)
	case r.Header.Get("Content-Type") != "application/x-www-form-urlencoded":
		s.bad.Store("content type " + r.Header.Get("Content-Type"))
	case !ok || id != introspectionClient || secret != "s3cr%3Aet%2F%2B":
		s.bad.Store("credentials " + id + ":" + secret)
		w.WriteHeader(http.StatusUnauthorized)
		return
	case r.PostFormValue("token_type_hint") != "access_token":
		s.bad.Store("hint " + r.PostFormValue("token_type_hint"))
	}
	s.mu.Lock()
	status, body, ans := s.status, s.body, s.answers[r.PostFormValue("token")]
	s.mu.Unlock()
	if status != http.StatusOK {
		w.WriteHeader(status)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	if body != "" {
		_, _ = w.Write([]byte(body))
		return
	}
	if ans == nil {
		ans = map[string]any{"active": false}
	}
	_ = json.NewEncoder(w).Encode(ans)
}

func (s *introspectionServer) answer(token string, ans map[string]any) {
	s.mu.Lock()
	s.answers[token] = ans
	s.mu.Unlock()
}

func (s *introspectionServer) fail(status int, body string) {
	s.mu.Lock()
	s.status, s.body = status, body
	s.mu.Unlock()
}

func (s *introspectionServer) checkRequests(t *testing.T) {
	t.Helper()
	if why, _ := s.bad.Load().(string); why != "" {
		t.Errorf("malformed introspection request: %s", why)
	}
}

// activeAnswer is an active answer for user-1 expiring an hour after now.
func activeAnswer(now time.Time) map[string]any {
	return map[string]any{
		"active":    true,
		"sub":       "user-1",
		"scope":     "openid profile",
		"client_id": "app-1",
		"exp":       now.Add(time.Hour).Unix(),
		"iss":       testIssuer,
		"aud":       testAudience,
	}
}

func newTestIntrospectionVerifier(t *testing.T, srv *introspectionServer, clock *fakeClock, edit func(*IntrospectionConfig)) *IntrospectionVerifier {
	t.Helper()
	cfg := IntrospectionConfig{
		Endpoint:     srv.URL + "/oidc/token/introspection",
		ClientID:     introspectionClient,
		ClientSecret: introspectionSecret,
		CacheTTL:     time.Minute,
		Now:          clock.Now,
		Logger:       discardLogger(),
	}
	if edit != nil {
		edit(&cfg)
	}
	v, err := NewIntrospectionVerifier(cfg)
	if err != nil {
		t.Fatalf("NewIntrospectionVerifier: %v", err)
	}
	return v
}

func TestIntrospectionVerifierAcceptsAndCaches(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: testNow}
	srv := newIntrospectionServer(t)
	srv.answer("tok-1", activeAnswer(testNow))
	v := newTestIntrospectionVerifier(t, srv, clock, func(c *IntrospectionConfig) {
		c.Issuer, c.Audience = testIssuer, []string{testAudience}
	})

	want := myaccount.Principal{UserID: "user-1", Scopes: []string{"openid", "profile"}, ClientID: "app-1", FirstParty: true}
	for i := range 3 {
		got, err := authenticate(v, "tok-1")
		if err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("call %d: principal = %+v, want %+v", i, got, want)
		}
		got.Scopes[0] = "mutated" // callers must not reach into the cache
	}
	srv.checkRequests(t)
	if got := srv.calls.Load(); got != 1 {
		t.Fatalf("introspection calls = %d, want 1 (cached)", got)
	}

	clock.Advance(59 * time.Second)
	if _, err := authenticate(v, "tok-1"); err != nil {
		t.Fatal(err)
	}
	if got := srv.calls.Load(); got != 1 {
		t.Fatalf("calls before the TTL ends = %d, want 1", got)
	}
	clock.Advance(time.Second)
	if _, err := authenticate(v, "tok-1"); err != nil {
		t.Fatal(err)
	}
	if got := srv.calls.Load(); got != 2 {
		t.Fatalf("calls after the TTL = %d, want 2", got)
	}

	// Another token is its own cache entry.
	srv.answer("tok-2", activeAnswer(testNow))
	if _, err := authenticate(v, "tok-2"); err != nil {
		t.Fatal(err)
	}
	if got := srv.calls.Load(); got != 3 {
		t.Fatalf("calls for a second token = %d, want 3", got)
	}
}

// A revoked or expiring token must not outlive its exp in the cache.
func TestIntrospectionCacheNeverOutlivesExp(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: testNow}
	srv := newIntrospectionServer(t)
	srv.answer("tok", with(activeAnswer(testNow), "exp", testNow.Add(5*time.Second).Unix()))
	v := newTestIntrospectionVerifier(t, srv, clock, func(c *IntrospectionConfig) { c.CacheTTL = time.Hour })
	if _, err := authenticate(v, "tok"); err != nil {
		t.Fatal(err)
	}
	clock.Advance(4 * time.Second)
	if _, err := authenticate(v, "tok"); err != nil {
		t.Fatal(err)
	}
	if got := srv.calls.Load(); got != 1 {
		t.Fatalf("calls before exp = %d, want 1", got)
	}
	clock.Advance(time.Second)
	srv.answer("tok", map[string]any{"active": false}) // the provider agrees it expired
	_, err := authenticate(v, "tok")
	requireAPIError(t, err, http.StatusUnauthorized, account.CodeUnauthorized)
	if got := srv.calls.Load(); got != 2 {
		t.Fatalf("calls at exp = %d, want 2", got)
	}
}

func TestIntrospectionVerifierRejects(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		edit   func(*IntrospectionConfig)
		answer map[string]any
	}{
		{"inactive", nil, map[string]any{"active": false}},
		{"unknown token", nil, nil},
		{"active but already expired", nil, with(activeAnswer(testNow), "exp", testNow.Add(-time.Second).Unix())},
		{"not valid yet", nil, with(activeAnswer(testNow), "nbf", testNow.Add(time.Minute).Unix())},
		{"wrong issuer", func(c *IntrospectionConfig) { c.Issuer = testIssuer },
			with(activeAnswer(testNow), "iss", "https://evil.example.com/oidc")},
		{"no issuer when one is required", func(c *IntrospectionConfig) { c.Issuer = testIssuer },
			with(activeAnswer(testNow), "iss", nil)},
		{"wrong audience", func(c *IntrospectionConfig) { c.Audience = []string{testAudience} },
			with(activeAnswer(testNow), "aud", []string{"https://other.example.com"})},
		{"no audience when one is required", func(c *IntrospectionConfig) { c.Audience = []string{testAudience} },
			with(activeAnswer(testNow), "aud", nil)},
		{"no subject (client credentials)", nil, with(activeAnswer(testNow), "sub", nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := &fakeClock{now: testNow}
			srv := newIntrospectionServer(t)
			if tt.answer != nil {
				srv.answer("tok", tt.answer)
			}
			v := newTestIntrospectionVerifier(t, srv, clock, tt.edit)
			_, err := authenticate(v, "tok")
			requireAPIError(t, err, http.StatusUnauthorized, account.CodeUnauthorized)
			srv.checkRequests(t)
		})
	}
}

func TestIntrospectionAudienceAndScopes(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: testNow}
	srv := newIntrospectionServer(t)
	srv.answer("array-aud", with(activeAnswer(testNow), "aud", []string{"https://x.example.com", testAudience}))
	srv.answer("no-openid", with(activeAnswer(testNow), "scope", "profile"))
	srv.answer("third-party", with(activeAnswer(testNow), "client_id", "other-app"))
	v := newTestIntrospectionVerifier(t, srv, clock, func(c *IntrospectionConfig) {
		c.Audience = []string{testAudience}
		c.FirstPartyClients = []string{"app-1"}
	})
	if _, err := authenticate(v, "array-aud"); err != nil {
		t.Errorf("audience in an array: %v", err)
	}
	_, err := authenticate(v, "no-openid")
	requireAPIError(t, err, http.StatusForbidden, account.CodeForbidden)
	p, err := authenticate(v, "third-party")
	if err != nil || p.FirstParty || p.ClientID != "other-app" {
		t.Errorf("third-party client: %+v, %v", p, err)
	}
}

// Inactive answers are not cached: made-up tokens cannot fill the cache.
func TestIntrospectionInactiveIsNotCached(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: testNow}
	srv := newIntrospectionServer(t)
	v := newTestIntrospectionVerifier(t, srv, clock, nil)
	for range 3 {
		_, err := authenticate(v, "made-up")
		requireAPIError(t, err, http.StatusUnauthorized, account.CodeUnauthorized)
	}
	if got := srv.calls.Load(); got != 3 {
		t.Errorf("calls = %d, want 3", got)
	}
	if n := len(v.cache.m); n != 0 {
		t.Errorf("cache holds %d entries", n)
	}
}

func TestIntrospectionCacheIsBounded(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: testNow}
	srv := newIntrospectionServer(t)
	// a expires first, so it is the one dropped for c.
	srv.answer("a", with(activeAnswer(testNow), "exp", testNow.Add(10*time.Second).Unix()))
	srv.answer("b", activeAnswer(testNow))
	srv.answer("c", activeAnswer(testNow))
	v := newTestIntrospectionVerifier(t, srv, clock, func(c *IntrospectionConfig) { c.CacheSize = 2 })
	for _, tok := range []string{"a", "b", "c"} {
		if _, err := authenticate(v, tok); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(v.cache.m); n != 2 {
		t.Fatalf("cache holds %d entries, want 2", n)
	}
	for _, tok := range []string{"b", "c"} {
		if _, err := authenticate(v, tok); err != nil {
			t.Fatal(err)
		}
	}
	if got := srv.calls.Load(); got != 3 {
		t.Fatalf("b and c were not cached: %d calls", got)
	}
	if _, err := authenticate(v, "a"); err != nil {
		t.Fatal(err)
	}
	if got := srv.calls.Load(); got != 4 {
		t.Fatalf("a was not evicted: %d calls", got)
	}
}

func TestIntrospectionCacheDisabled(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: testNow}
	srv := newIntrospectionServer(t)
	srv.answer("tok", activeAnswer(testNow))
	v := newTestIntrospectionVerifier(t, srv, clock, func(c *IntrospectionConfig) { c.CacheTTL = -1 })
	for range 2 {
		if _, err := authenticate(v, "tok"); err != nil {
			t.Fatal(err)
		}
	}
	if got := srv.calls.Load(); got != 2 {
		t.Errorf("calls = %d, want 2", got)
	}
}

// A provider that cannot answer is not the caller's fault: 503, logged
// without the token.
func TestIntrospectionEndpointFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
		edit   func(*IntrospectionConfig)
	}{
		{name: "server error", status: http.StatusInternalServerError},
		{name: "our credentials refused", edit: func(c *IntrospectionConfig) { c.ClientSecret = "wrong" }},
		{name: "not JSON", status: http.StatusOK, body: "<html>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			clock := &fakeClock{now: testNow}
			srv := newIntrospectionServer(t)
			srv.answer("secret-token-value", activeAnswer(testNow))
			if tt.status != 0 {
				srv.fail(tt.status, tt.body)
			}
			var logs syncBuffer
			v := newTestIntrospectionVerifier(t, srv, clock, func(c *IntrospectionConfig) {
				c.Logger = slog.New(slog.NewTextHandler(&logs, nil))
				if tt.edit != nil {
					tt.edit(c)
				}
			})
			_, err := authenticate(v, "secret-token-value")
			requireAPIError(t, err, http.StatusServiceUnavailable, account.CodeServiceUnavailable)
			if !strings.Contains(logs.String(), "introspection") {
				t.Errorf("the failure is not logged: %q", logs.String())
			}
			if strings.Contains(logs.String(), "secret-token-value") {
				t.Errorf("the token was logged: %q", logs.String())
			}
		})
	}
	t.Run("unreachable", func(t *testing.T) {
		t.Parallel()
		srv := newIntrospectionServer(t)
		srv.Close()
		v := newTestIntrospectionVerifier(t, srv, &fakeClock{now: testNow}, nil)
		_, err := authenticate(v, "tok")
		requireAPIError(t, err, http.StatusServiceUnavailable, account.CodeServiceUnavailable)
	})
}

func TestIntrospectionTimeouts(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(func() { close(release); slow.Close() })
	srv := &introspectionServer{Server: slow}

	t.Run("the http client's timeout", func(t *testing.T) {
		t.Parallel()
		v := newTestIntrospectionVerifier(t, srv, &fakeClock{now: testNow}, func(c *IntrospectionConfig) {
			c.HTTPClient = &http.Client{Timeout: 50 * time.Millisecond}
		})
		start := time.Now()
		_, err := authenticate(v, "tok")
		requireAPIError(t, err, http.StatusServiceUnavailable, account.CodeServiceUnavailable)
		if elapsed := time.Since(start); elapsed > 5*time.Second {
			t.Errorf("took %v", elapsed)
		}
	})
	t.Run("the request's context", func(t *testing.T) {
		t.Parallel()
		v := newTestIntrospectionVerifier(t, srv, &fakeClock{now: testNow}, nil)
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		_, err := v.VerifyToken(ctx, "tok")
		if !errors.Is(err, context.Canceled) {
			t.Errorf("error = %v, want context.Canceled", err)
		}
	})
}

func TestIntrospectionConcurrentUse(t *testing.T) {
	t.Parallel()
	clock := &fakeClock{now: testNow}
	srv := newIntrospectionServer(t)
	srv.answer("tok", activeAnswer(testNow))
	v := newTestIntrospectionVerifier(t, srv, clock, nil)
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			for range 20 {
				if _, err := v.VerifyToken(context.Background(), "tok"); err != nil {
					t.Error(err)
					return
				}
				clock.Advance(time.Second)
			}
		})
	}
	wg.Wait()
	if got := srv.calls.Load(); got < 1 || got >= 16*20 {
		t.Errorf("calls = %d: the cache did not serve concurrent callers", got)
	}
}

func TestNewIntrospectionVerifierRefusesBadConfig(t *testing.T) {
	t.Parallel()
	for name, cfg := range map[string]IntrospectionConfig{
		"no endpoint":       {ClientID: "c"},
		"relative endpoint": {Endpoint: "/introspect", ClientID: "c"},
		"other scheme":      {Endpoint: "ftp://id.example.com/introspect", ClientID: "c"},
		"no client id":      {Endpoint: "https://id.example.com/oidc/token/introspection"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if _, err := NewIntrospectionVerifier(cfg); err == nil {
				t.Error("config accepted")
			}
		})
	}
}
