package httpadapter_test

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/MicahParks/jwkset"
	"github.com/golang-jwt/jwt/v5"

	"github.com/myaccount-go/myaccount/httpadapter"
)

// benchIssuer is an identity provider for benchmarks: a signing key and
// its JWKS served over HTTP, as the example server's dev issuer has them.
type benchIssuer struct {
	issuer string
	kid    string
	method jwt.SigningMethod
	key    crypto.Signer
	jwks   *httptest.Server
}

const benchAudience = "https://api.example.com"

func newBenchIssuer(tb testing.TB, method jwt.SigningMethod) *benchIssuer {
	tb.Helper()
	var key crypto.Signer
	var err error
	switch method {
	case jwt.SigningMethodRS256:
		key, err = rsa.GenerateKey(rand.Reader, 2048)
	case jwt.SigningMethodES256:
		key, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	default:
		tb.Fatalf("no key for %s", method.Alg())
	}
	if err != nil {
		tb.Fatal(err)
	}
	iss := &benchIssuer{issuer: "https://id.example.com/oidc", kid: "bench-1", method: method, key: key}
	jwk, err := jwkset.NewJWKFromKey(key.Public(), jwkset.JWKOptions{Metadata: jwkset.JWKMetadataOptions{
		KID: iss.kid, ALG: jwkset.ALG(method.Alg()), USE: jwkset.UseSig,
	}})
	if err != nil {
		tb.Fatal(err)
	}
	body, err := json.Marshal(jwkset.JWKSMarshal{Keys: []jwkset.JWKMarshal{jwk.Marshal()}})
	if err != nil {
		tb.Fatal(err)
	}
	iss.jwks = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	tb.Cleanup(iss.jwks.Close)
	return iss
}

// verifier is the production JWT verifier on the issuer's JWKS URL, with a
// cache of verified tokens for cacheTTL (zero: none).
func (iss *benchIssuer) verifier(tb testing.TB, cacheTTL time.Duration) *httpadapter.JWTVerifier {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	tb.Cleanup(cancel)
	v, err := httpadapter.NewJWTVerifier(ctx, httpadapter.JWTConfig{
		JWKSURL:           iss.jwks.URL,
		Issuer:            iss.issuer,
		Audience:          []string{benchAudience},
		FirstPartyClients: []string{"app"},
		CacheTTL:          cacheTTL,
	})
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

// token signs an access token for sub with scopes, like an OIDC provider's.
func (iss *benchIssuer) token(tb testing.TB, sub string, scopes ...string) string {
	tb.Helper()
	now := time.Now()
	tok := jwt.NewWithClaims(iss.method, jwt.MapClaims{
		"iss":       iss.issuer,
		"sub":       sub,
		"aud":       benchAudience,
		"iat":       now.Unix(),
		"exp":       now.Add(time.Hour).Unix(),
		"jti":       "bench-token",
		"scope":     strings.Join(scopes, " "),
		"client_id": "app",
	})
	tok.Header["kid"] = iss.kid
	s, err := tok.SignedString(iss.key)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// BenchmarkJWTVerifier is the check of every request's access token:
// signature by a cached JWKS key, issuer, audience, expiry, scopes; and,
// with a CacheTTL, the same token seen again.
func BenchmarkJWTVerifier(b *testing.B) {
	for _, c := range []struct {
		method   jwt.SigningMethod
		cacheTTL time.Duration
	}{
		{jwt.SigningMethodRS256, 0},
		{jwt.SigningMethodES256, 0},
		{jwt.SigningMethodRS256, time.Minute},
	} {
		name := c.method.Alg()
		if c.cacheTTL > 0 {
			name += "/cached"
		}
		b.Run(name, func(b *testing.B) {
			iss := newBenchIssuer(b, c.method)
			v := iss.verifier(b, c.cacheTTL)
			token := iss.token(b, "user-1", allScopes...)
			ctx := b.Context()
			b.ReportAllocs()
			for b.Loop() {
				p, err := v.VerifyToken(ctx, token)
				if err != nil || p.UserID != "user-1" {
					b.Fatalf("VerifyToken = %+v, %v", p, err)
				}
			}
		})
	}
}

// BenchmarkBearer is the whole authentication step of a request: the
// Authorization header, the RS256 token check, the subject and openid.
func BenchmarkBearer(b *testing.B) {
	iss := newBenchIssuer(b, jwt.SigningMethodRS256)
	auth := httpadapter.Bearer(iss.verifier(b, 0))
	r := httptest.NewRequest(http.MethodGet, "/api/my-account", nil)
	r.Header.Set("Authorization", "Bearer "+iss.token(b, "user-1", allScopes...))
	b.ReportAllocs()
	for b.Loop() {
		if p, err := auth.Authenticate(r); err != nil || p.UserID != "user-1" {
			b.Fatalf("Authenticate = %+v, %v", p, err)
		}
	}
}
