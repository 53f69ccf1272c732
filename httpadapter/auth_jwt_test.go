package httpadapter

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
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

	"github.com/MicahParks/jwkset"
	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

const (
	testIssuer   = "https://id.example.com/oidc"
	testAudience = "https://api.example.com"
)

// testNow is the fixed clock of the JWT tests.
var testNow = time.Unix(1_900_000_000, 0)

// signingKey is a private key, its key id and the algorithm it signs with.
type signingKey struct {
	kid    string
	method jwt.SigningMethod
	priv   crypto.Signer
}

// jwk is the key's public JWK, as a provider publishes it.
func (k signingKey) jwk(t *testing.T) jwkset.JWKMarshal {
	t.Helper()
	j, err := jwkset.NewJWKFromKey(k.priv.Public(), jwkset.JWKOptions{Metadata: jwkset.JWKMetadataOptions{
		KID: k.kid, ALG: jwkset.ALG(k.method.Alg()), USE: jwkset.UseSig,
	}})
	if err != nil {
		t.Fatal(err)
	}
	return j.Marshal()
}

// sign signs claims with the key, naming its kid.
func (k signingKey) sign(t *testing.T, claims jwt.MapClaims) string {
	t.Helper()
	return signWith(t, k.method, k.priv, k.kid, claims)
}

func signWith(t *testing.T, method jwt.SigningMethod, key any, kid string, claims jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(method, claims)
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Key generation is slow enough to do once.
var testKeys = sync.OnceValue(func() struct{ rsa1, rsa2, ec1, ec2, stranger signingKey } {
	newRSA := func() *rsa.PrivateKey {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		return k
	}
	newEC := func() *ecdsa.PrivateKey {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			panic(err)
		}
		return k
	}
	return struct{ rsa1, rsa2, ec1, ec2, stranger signingKey }{
		rsa1:     signingKey{"rsa-1", jwt.SigningMethodRS256, newRSA()},
		rsa2:     signingKey{"rsa-2", jwt.SigningMethodRS256, newRSA()},
		ec1:      signingKey{"ec-1", jwt.SigningMethodES256, newEC()},
		ec2:      signingKey{"ec-2", jwt.SigningMethodES256, newEC()},
		stranger: signingKey{"rsa-1", jwt.SigningMethodRS256, newRSA()}, // same kid, unpublished key
	}
})

// jwksServer serves a JWK Set that tests can change, and counts fetches.
type jwksServer struct {
	*httptest.Server
	mu      sync.Mutex
	keys    []jwkset.JWKMarshal
	status  int
	fetches atomic.Int64
}

func newJWKSServer(t *testing.T, keys ...signingKey) *jwksServer {
	t.Helper()
	s := &jwksServer{status: http.StatusOK}
	s.set(t, keys...)
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		s.fetches.Add(1)
		s.mu.Lock()
		status, body := s.status, jwkset.JWKSMarshal{Keys: s.keys}
		s.mu.Unlock()
		if status != http.StatusOK {
			w.WriteHeader(status)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *jwksServer) set(t *testing.T, keys ...signingKey) {
	t.Helper()
	jwks := make([]jwkset.JWKMarshal, 0, len(keys))
	for _, k := range keys {
		jwks = append(jwks, k.jwk(t))
	}
	s.mu.Lock()
	s.keys = jwks
	s.mu.Unlock()
}

func (s *jwksServer) setStatus(status int) {
	s.mu.Lock()
	s.status = status
	s.mu.Unlock()
}

// syncBuffer is a log sink written by the refresh goroutine and read by tests.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// validClaims are the claims of a token every verifier below accepts.
func validClaims() jwt.MapClaims {
	return jwt.MapClaims{
		"iss":       testIssuer,
		"sub":       "user-1",
		"aud":       testAudience,
		"iat":       testNow.Add(-time.Minute).Unix(),
		"exp":       testNow.Add(time.Hour).Unix(),
		"scope":     "openid profile email",
		"client_id": "app-1",
	}
}

func with(c jwt.MapClaims, kv ...any) jwt.MapClaims {
	out := jwt.MapClaims{}
	for k, v := range c {
		out[k] = v
	}
	for i := 0; i < len(kv); i += 2 {
		if kv[i+1] == nil {
			delete(out, kv[i].(string))
			continue
		}
		out[kv[i].(string)] = kv[i+1]
	}
	return out
}

// newTestJWTVerifier is a verifier of srv's keys with the test clock.
func newTestJWTVerifier(t *testing.T, srv *jwksServer, edit func(*JWTConfig)) *JWTVerifier {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	cfg := JWTConfig{
		JWKSURL:            srv.URL,
		Issuer:             testIssuer,
		Audience:           []string{testAudience},
		UnknownKIDInterval: time.Hour,
		Now:                func() time.Time { return testNow },
		Logger:             discardLogger(),
	}
	if edit != nil {
		edit(&cfg)
	}
	v, err := NewJWTVerifier(ctx, cfg)
	if err != nil {
		t.Fatalf("NewJWTVerifier: %v", err)
	}
	return v
}

// authenticate runs Bearer(v) on a request carrying token.
func authenticate(v TokenVerifier, token string) (myaccount.Principal, error) {
	r := httptest.NewRequest(http.MethodGet, "/api/my-account", nil)
	r.Header.Set("Authorization", "Bearer "+token)
	return Bearer(v).Authenticate(r)
}

func TestJWTVerifierAccepts(t *testing.T) {
	t.Parallel()
	keys := testKeys()
	srv := newJWKSServer(t, keys.rsa1, keys.ec1)
	tests := []struct {
		name  string
		edit  func(*JWTConfig)
		token func(t *testing.T) string
		want  myaccount.Principal
	}{
		{
			name:  "RS256",
			token: func(t *testing.T) string { return keys.rsa1.sign(t, validClaims()) },
			want:  myaccount.Principal{UserID: "user-1", Scopes: []string{"openid", "profile", "email"}, ClientID: "app-1", FirstParty: true},
		},
		{
			name:  "ES256",
			token: func(t *testing.T) string { return keys.ec1.sign(t, validClaims()) },
			want:  myaccount.Principal{UserID: "user-1", Scopes: []string{"openid", "profile", "email"}, ClientID: "app-1", FirstParty: true},
		},
		{
			name: "token without kid is checked against every key",
			token: func(t *testing.T) string {
				return signWith(t, jwt.SigningMethodES256, keys.ec1.priv, "", validClaims())
			},
			want: myaccount.Principal{UserID: "user-1", Scopes: []string{"openid", "profile", "email"}, ClientID: "app-1", FirstParty: true},
		},
		{
			name: "audience matches one of several",
			edit: func(c *JWTConfig) { c.Audience = []string{"https://other.example.com", testAudience} },
			token: func(t *testing.T) string {
				return keys.rsa1.sign(t, with(validClaims(), "aud", []string{"https://third.example.com", testAudience}))
			},
			want: myaccount.Principal{UserID: "user-1", Scopes: []string{"openid", "profile", "email"}, ClientID: "app-1", FirstParty: true},
		},
		{
			name:  "audience not checked when not configured",
			edit:  func(c *JWTConfig) { c.Audience = nil },
			token: func(t *testing.T) string { return keys.rsa1.sign(t, with(validClaims(), "aud", nil)) },
			want:  myaccount.Principal{UserID: "user-1", Scopes: []string{"openid", "profile", "email"}, ClientID: "app-1", FirstParty: true},
		},
		{
			name: "expired within leeway",
			edit: func(c *JWTConfig) { c.Leeway = time.Minute },
			token: func(t *testing.T) string {
				return keys.rsa1.sign(t, with(validClaims(), "exp", testNow.Add(-30*time.Second).Unix()))
			},
			want: myaccount.Principal{UserID: "user-1", Scopes: []string{"openid", "profile", "email"}, ClientID: "app-1", FirstParty: true},
		},
		{
			name: "scopes as an array in a custom claim",
			edit: func(c *JWTConfig) { c.ScopeClaim = "scp" },
			token: func(t *testing.T) string {
				return keys.rsa1.sign(t, with(validClaims(), "scope", nil, "scp", []string{"openid", "identities"}))
			},
			want: myaccount.Principal{UserID: "user-1", Scopes: []string{"openid", "identities"}, ClientID: "app-1", FirstParty: true},
		},
		{
			name: "client id from azp",
			token: func(t *testing.T) string {
				return keys.rsa1.sign(t, with(validClaims(), "client_id", nil, "azp", "app-2"))
			},
			want: myaccount.Principal{UserID: "user-1", Scopes: []string{"openid", "profile", "email"}, ClientID: "app-2", FirstParty: true},
		},
		{
			name:  "listed first-party client",
			edit:  func(c *JWTConfig) { c.FirstPartyClients = []string{"app-1"} },
			token: func(t *testing.T) string { return keys.rsa1.sign(t, validClaims()) },
			want:  myaccount.Principal{UserID: "user-1", Scopes: []string{"openid", "profile", "email"}, ClientID: "app-1", FirstParty: true},
		},
		{
			name:  "unlisted client is third-party",
			edit:  func(c *JWTConfig) { c.FirstPartyClients = []string{"app-9"} },
			token: func(t *testing.T) string { return keys.rsa1.sign(t, validClaims()) },
			want:  myaccount.Principal{UserID: "user-1", Scopes: []string{"openid", "profile", "email"}, ClientID: "app-1", FirstParty: false},
		},
		{
			name:  "first-party func",
			edit:  func(c *JWTConfig) { c.FirstParty = func(id string) bool { return id == "app-3" } },
			token: func(t *testing.T) string { return keys.rsa1.sign(t, with(validClaims(), "client_id", "app-3")) },
			want:  myaccount.Principal{UserID: "user-1", Scopes: []string{"openid", "profile", "email"}, ClientID: "app-3", FirstParty: true},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := newTestJWTVerifier(t, srv, tt.edit)
			got, err := authenticate(v, tt.token(t))
			if err != nil {
				t.Fatalf("Authenticate: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("principal = %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestJWTVerifierRejects(t *testing.T) {
	t.Parallel()
	keys := testKeys()
	srv := newJWKSServer(t, keys.rsa1, keys.ec1)
	rsaPub, err := x509.MarshalPKIXPublicKey(keys.rsa1.priv.Public())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		token  func(t *testing.T) string
		reason error // when set, VerifyToken's error must wrap it
	}{
		{"expired", func(t *testing.T) string {
			return keys.rsa1.sign(t, with(validClaims(), "exp", testNow.Add(-time.Second).Unix()))
		}, jwt.ErrTokenExpired},
		{"not valid yet", func(t *testing.T) string {
			return keys.rsa1.sign(t, with(validClaims(), "nbf", testNow.Add(time.Minute).Unix()))
		}, jwt.ErrTokenNotValidYet},
		{"no expiry", func(t *testing.T) string {
			return keys.rsa1.sign(t, with(validClaims(), "exp", nil))
		}, jwt.ErrTokenRequiredClaimMissing},
		{"wrong issuer", func(t *testing.T) string {
			return keys.rsa1.sign(t, with(validClaims(), "iss", "https://evil.example.com/oidc"))
		}, jwt.ErrTokenInvalidIssuer},
		{"no issuer", func(t *testing.T) string {
			return keys.rsa1.sign(t, with(validClaims(), "iss", nil))
		}, jwt.ErrTokenRequiredClaimMissing},
		{"wrong audience", func(t *testing.T) string {
			return keys.rsa1.sign(t, with(validClaims(), "aud", []string{"https://other.example.com"}))
		}, jwt.ErrTokenInvalidAudience},
		{"no audience", func(t *testing.T) string {
			return keys.rsa1.sign(t, with(validClaims(), "aud", nil))
		}, jwt.ErrTokenRequiredClaimMissing},
		{"algorithm outside the allow-list", func(t *testing.T) string {
			return signWith(t, jwt.SigningMethodRS384, keys.rsa1.priv, keys.rsa1.kid, validClaims())
		}, jwt.ErrTokenSignatureInvalid},
		{"alg none", func(t *testing.T) string {
			return signWith(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, keys.rsa1.kid, validClaims())
		}, nil},
		{"HS256 keyed with the RSA public key (algorithm confusion)", func(t *testing.T) string {
			return signWith(t, jwt.SigningMethodHS256, rsaPub, keys.rsa1.kid, validClaims())
		}, jwt.ErrTokenSignatureInvalid},
		{"bad signature (right kid, other key)", func(t *testing.T) string {
			return keys.stranger.sign(t, validClaims())
		}, jwt.ErrTokenSignatureInvalid},
		{"unknown kid", func(t *testing.T) string {
			return signWith(t, jwt.SigningMethodRS256, keys.rsa2.priv, "nobody-knows", validClaims())
		}, keyfunc.ErrKeyfunc},
		{"RS256 token naming an EC key", func(t *testing.T) string {
			return signWith(t, jwt.SigningMethodRS256, keys.rsa1.priv, keys.ec1.kid, validClaims())
		}, keyfunc.ErrKeyfunc},
		{"tampered payload", func(t *testing.T) string {
			parts := strings.Split(keys.rsa1.sign(t, validClaims()), ".")
			other := strings.Split(keys.rsa1.sign(t, with(validClaims(), "sub", "admin")), ".")
			return parts[0] + "." + other[1] + "." + parts[2]
		}, jwt.ErrTokenSignatureInvalid},
		{"not a JWT", func(*testing.T) string { return "opaque-token-value" }, jwt.ErrTokenMalformed},
		{"scope claim of the wrong type", func(t *testing.T) string {
			return keys.rsa1.sign(t, with(validClaims(), "scope", 42))
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			v := newTestJWTVerifier(t, srv, nil)
			token := tt.token(t)
			_, err := authenticate(v, token)
			requireAPIError(t, err, http.StatusUnauthorized, account.CodeUnauthorized)
			_, err = v.VerifyToken(context.Background(), token)
			if err == nil {
				t.Fatal("VerifyToken accepted the token")
			}
			if tt.reason != nil && !errors.Is(err, tt.reason) {
				t.Errorf("VerifyToken error = %v, want it to wrap %v", err, tt.reason)
			}
			if strings.Contains(err.Error(), token) {
				t.Error("the error quotes the token")
			}
		})
	}
}

func TestJWTVerifierBearerChecks(t *testing.T) {
	t.Parallel()
	keys := testKeys()
	srv := newJWKSServer(t, keys.rsa1)
	v := newTestJWTVerifier(t, srv, nil)
	t.Run("no subject", func(t *testing.T) {
		t.Parallel()
		_, err := authenticate(v, keys.rsa1.sign(t, with(validClaims(), "sub", nil)))
		requireAPIError(t, err, http.StatusUnauthorized, account.CodeUnauthorized)
	})
	t.Run("no openid scope", func(t *testing.T) {
		t.Parallel()
		_, err := authenticate(v, keys.rsa1.sign(t, with(validClaims(), "scope", "profile email")))
		requireAPIError(t, err, http.StatusForbidden, account.CodeForbidden)
	})
	t.Run("no scope claim", func(t *testing.T) {
		t.Parallel()
		_, err := authenticate(v, keys.rsa1.sign(t, with(validClaims(), "scope", nil)))
		requireAPIError(t, err, http.StatusForbidden, account.CodeForbidden)
	})
}

// A token signed by a new key is accepted once the provider publishes it:
// the unknown kid makes the verifier refetch the JWKS at once, and only
// once per UnknownKIDInterval.
func TestJWTVerifierKeyRotation(t *testing.T) {
	t.Parallel()
	keys := testKeys()
	srv := newJWKSServer(t, keys.rsa1)
	v := newTestJWTVerifier(t, srv, nil) // UnknownKIDInterval: 1h
	if got := srv.fetches.Load(); got != 1 {
		t.Fatalf("fetches after start = %d, want 1", got)
	}
	if _, err := authenticate(v, keys.rsa1.sign(t, validClaims())); err != nil {
		t.Fatalf("old key: %v", err)
	}
	if got := srv.fetches.Load(); got != 1 {
		t.Fatalf("a known kid refetched the JWKS (%d fetches)", got)
	}

	srv.set(t, keys.rsa1, keys.rsa2)
	if _, err := authenticate(v, keys.rsa2.sign(t, validClaims())); err != nil {
		t.Fatalf("rotated key: %v", err)
	}
	if got := srv.fetches.Load(); got != 2 {
		t.Fatalf("fetches after rotation = %d, want 2", got)
	}
	if _, err := authenticate(v, keys.rsa1.sign(t, validClaims())); err != nil {
		t.Fatalf("old key after rotation: %v", err)
	}

	// A second unknown kid within the interval is refused at once, without
	// a fetch: made-up kids cannot make us hammer the provider.
	srv.set(t, keys.rsa1, keys.rsa2, keys.ec2)
	start := time.Now()
	_, err := authenticate(v, keys.ec2.sign(t, validClaims()))
	requireAPIError(t, err, http.StatusUnauthorized, account.CodeUnauthorized)
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("a rate-limited unknown kid waited %v", elapsed)
	}
	if got := srv.fetches.Load(); got != 2 {
		t.Errorf("fetches after a rate-limited unknown kid = %d, want 2", got)
	}
}

// The app can start while its provider is down: the keys are fetched on
// the first token instead, and the failure is logged.
func TestJWTVerifierStartsWhileJWKSIsDown(t *testing.T) {
	t.Parallel()
	keys := testKeys()
	srv := newJWKSServer(t, keys.rsa1)
	srv.setStatus(http.StatusServiceUnavailable)
	var logs syncBuffer
	v := newTestJWTVerifier(t, srv, func(c *JWTConfig) { c.Logger = slog.New(slog.NewTextHandler(&logs, nil)) })
	if !strings.Contains(logs.String(), "fetching the JWKS failed") {
		t.Errorf("the failed fetch is not logged: %q", logs.String())
	}
	srv.setStatus(http.StatusOK)
	token := keys.rsa1.sign(t, validClaims())
	if _, err := authenticate(v, token); err != nil {
		t.Fatalf("after the provider is back: %v", err)
	}
	if strings.Contains(logs.String(), token) {
		t.Error("a token was logged")
	}
}

// The periodic refresh goroutine ends with the context given to
// NewJWTVerifier. keyfunc's ticker runs on the real clock, so this test
// polls instead of using the fake one.
func TestJWTVerifierRefreshEndsWithContext(t *testing.T) {
	t.Parallel()
	keys := testKeys()
	srv := newJWKSServer(t, keys.rsa1)
	ctx, cancel := context.WithCancel(context.Background())
	_, err := NewJWTVerifier(ctx, JWTConfig{
		JWKSURL: srv.URL, Issuer: testIssuer, RefreshInterval: 10 * time.Millisecond, Logger: discardLogger(),
	})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for srv.fetches.Load() < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("no periodic refresh: %d fetches", srv.fetches.Load())
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	time.Sleep(20 * time.Millisecond) // let a tick already under way finish
	after := srv.fetches.Load()
	time.Sleep(100 * time.Millisecond)
	if got := srv.fetches.Load(); got > after {
		t.Errorf("refreshing went on after the context ended: %d fetches, then %d", after, got)
	}
}

func TestJWTVerifierStaticKeys(t *testing.T) {
	t.Parallel()
	keys := testKeys()
	secret := []byte("0123456789abcdef0123456789abcdef")
	t.Run("HMAC with an explicit static key", func(t *testing.T) {
		t.Parallel()
		v, err := NewJWTVerifier(context.Background(), JWTConfig{
			Keyfunc:    func(*jwt.Token) (any, error) { return secret, nil },
			Issuer:     testIssuer,
			Algorithms: []string{"HS256"},
			Now:        func() time.Time { return testNow },
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := authenticate(v, signWith(t, jwt.SigningMethodHS256, secret, "", validClaims())); err != nil {
			t.Fatalf("HS256: %v", err)
		}
		_, err = authenticate(v, keys.rsa1.sign(t, validClaims()))
		requireAPIError(t, err, http.StatusUnauthorized, account.CodeUnauthorized)
	})
	t.Run("ready key set", func(t *testing.T) {
		t.Parallel()
		raw, err := json.Marshal(jwkset.JWKSMarshal{Keys: []jwkset.JWKMarshal{keys.ec1.jwk(t)}})
		if err != nil {
			t.Fatal(err)
		}
		kf, err := keyfunc.NewJWKSetJSON(raw)
		if err != nil {
			t.Fatal(err)
		}
		v, err := NewJWTVerifier(context.Background(), JWTConfig{Keys: kf, Issuer: testIssuer, Now: func() time.Time { return testNow }})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := authenticate(v, keys.ec1.sign(t, validClaims())); err != nil {
			t.Fatalf("ES256: %v", err)
		}
		_, err = authenticate(v, keys.ec2.sign(t, with(validClaims())))
		requireAPIError(t, err, http.StatusUnauthorized, account.CodeUnauthorized)
	})
}

func TestNewJWTVerifierRefusesBadConfig(t *testing.T) {
	t.Parallel()
	static := func(*jwt.Token) (any, error) { return []byte("k"), nil }
	tests := []struct {
		name string
		cfg  JWTConfig
	}{
		{"no issuer", JWTConfig{JWKSURL: "https://id.example.com/jwks"}},
		{"no key source", JWTConfig{Issuer: testIssuer}},
		{"two key sources", JWTConfig{Issuer: testIssuer, JWKSURL: "https://id.example.com/jwks", Keyfunc: static}},
		{"alg none", JWTConfig{Issuer: testIssuer, Keyfunc: static, Algorithms: []string{"RS256", "none"}}},
		{"HMAC from a key set", JWTConfig{Issuer: testIssuer, JWKSURL: "https://id.example.com/jwks", Algorithms: []string{"HS256"}}},
		{"unknown algorithm", JWTConfig{Issuer: testIssuer, Keyfunc: static, Algorithms: []string{"XX999"}}},
		{"JWKS URL that does not parse", JWTConfig{Issuer: testIssuer, JWKSURL: "::not a url"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.cfg.Logger = discardLogger()
			if v, err := NewJWTVerifier(context.Background(), tt.cfg); err == nil {
				t.Errorf("NewJWTVerifier accepted the config: %+v", v)
			}
		})
	}
}
