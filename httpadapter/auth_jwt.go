package httpadapter

import (
	"cmp"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/time/rate"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/internal/nilcheck"
)

// Defaults of JWTConfig.
const (
	// DefaultJWKSRefreshInterval is how often the JWKS is refetched.
	DefaultJWKSRefreshInterval = time.Hour
	// DefaultJWKSUnknownKIDInterval is the least time between two refetches
	// for unknown key ids.
	DefaultJWKSUnknownKIDInterval = 5 * time.Minute
	// DefaultJWKSHTTPTimeout bounds one JWKS fetch.
	DefaultJWKSHTTPTimeout = 10 * time.Second
)

// JWTConfig configures a JWTVerifier: where the keys come from, and what a
// token must say to be accepted.
type JWTConfig struct {
	// JWKSURL is the provider's JSON Web Key Set (its jwks_uri; Logto's is
	// https://<tenant>/oidc/jwks). Keys are cached, refreshed every
	// RefreshInterval, and refetched at once when a token names an unknown
	// key id (key rotation), at most once per UnknownKIDInterval.
	JWKSURL string
	// Keys is a ready key set instead of JWKSURL (tests, custom storage).
	Keys keyfunc.Keyfunc
	// Keyfunc is a static key lookup instead of JWKSURL and Keys. Only with
	// it may Algorithms name HMAC (HS*) algorithms: a shared secret must be
	// given on purpose, never read from a key set.
	Keyfunc jwt.Keyfunc

	// Issuer is the required iss claim, e.g. https://<tenant>/oidc. Required.
	Issuer string
	// Audience lists the accepted aud values; a token must name at least
	// one. Empty: aud is not checked. Set it (Logto: the API resource
	// indicator), or an ID token from the same provider passes as an access
	// token.
	Audience []string
	// Algorithms is the allow-list of signing algorithms (default RS256 and
	// ES256, what OIDC providers sign access tokens with). "none" is always
	// refused.
	Algorithms []string
	// Leeway is the clock skew allowed when checking exp and nbf.
	Leeway time.Duration

	// ScopeClaim names the claim holding the scopes (default "scope"): a
	// space-separated string or an array of strings.
	ScopeClaim string
	// ClientIDClaim names the claim holding the client id (default
	// "client_id", RFC 9068); when it is absent, "azp" is used.
	ClientIDClaim string

	// FirstParty reports whether a client id is the host's own application;
	// it takes precedence over FirstPartyClients.
	FirstParty func(clientID string) bool
	// FirstPartyClients lists the first-party client ids. With neither
	// FirstParty nor FirstPartyClients, every client is first-party: right
	// for a provider that serves only the host's own app.
	FirstPartyClients []string

	// HTTPClient fetches the JWKS (default http.DefaultClient, bounded by
	// HTTPTimeout).
	HTTPClient *http.Client
	// HTTPTimeout bounds one JWKS fetch (default DefaultJWKSHTTPTimeout).
	HTTPTimeout time.Duration
	// RefreshInterval is how often the JWKS is refetched (default
	// DefaultJWKSRefreshInterval).
	RefreshInterval time.Duration
	// UnknownKIDInterval is the least time between two refetches caused by
	// unknown key ids (default DefaultJWKSUnknownKIDInterval), so tokens
	// with made-up key ids cannot make the verifier hammer the provider. A
	// token that would have to wait is refused at once.
	UnknownKIDInterval time.Duration

	// CacheTTL is how long the principal of a verified token is reused
	// without checking the token again (never past its exp). Checking an
	// RS256 signature costs tens of microseconds, more than the rest of a
	// GET /api/my-account, and a client sends one token many times. It is
	// also how long a token signed by a key the provider has since dropped
	// from its JWKS may still pass (the JWKS itself is refetched every
	// RefreshInterval). Zero: no cache, every token is checked every time.
	CacheTTL time.Duration
	// CacheSize bounds the cached tokens (default DefaultJWTCacheSize).
	CacheSize int

	// Now is the clock (default time.Now).
	Now func() time.Time
	// Logger receives JWKS fetch failures (default slog.Default()).
	Logger *slog.Logger
}

// JWTVerifier is a TokenVerifier for JWT access tokens (RFC 9068) from any
// OIDC provider: signature by a key of the provider's JWKS, an allowed
// algorithm, issuer, audience, expiry and not-before. The subject is the
// user id; a string sid claim is the Principal's SessionID. It is safe for
// concurrent use.
type JWTVerifier struct {
	parser        *jwt.Parser
	keys          func(ctx context.Context) jwt.Keyfunc
	scopeClaim    string
	clientIDClaim string
	firstParty    func(clientID string) bool
	cache         *tokenCache // nil: none
}

// NewJWTVerifier checks cfg and returns its verifier. With a JWKSURL it
// fetches the key set once (a failure is logged, not returned, so an app
// can start while its provider is briefly down; the keys are fetched again
// on the first token) and refreshes it in a goroutine that ends with ctx.
func NewJWTVerifier(ctx context.Context, cfg JWTConfig) (*JWTVerifier, error) {
	if cfg.Issuer == "" {
		return nil, errors.New("httpadapter: JWTConfig.Issuer is required")
	}
	if cfg.Keys != nil && nilcheck.IsNil(cfg.Keys) {
		return nil, fmt.Errorf("httpadapter: JWTConfig.Keys is a nil %T", cfg.Keys)
	}
	sources := 0
	for _, set := range []bool{cfg.JWKSURL != "", cfg.Keys != nil, cfg.Keyfunc != nil} {
		if set {
			sources++
		}
	}
	if sources != 1 {
		return nil, errors.New("httpadapter: JWTConfig needs exactly one of JWKSURL, Keys and Keyfunc")
	}
	algs := cfg.Algorithms
	if len(algs) == 0 {
		algs = []string{"RS256", "ES256"}
	}
	for _, alg := range algs {
		switch {
		case strings.EqualFold(alg, "none"):
			return nil, errors.New(`httpadapter: the JWT algorithm "none" is never accepted`)
		case strings.HasPrefix(alg, "HS") && cfg.Keyfunc == nil:
			// A key set can hold no secret we should trust, and an HMAC
			// allowed next to RSA invites the algorithm-confusion attack.
			return nil, fmt.Errorf("httpadapter: JWT algorithm %s needs a static JWTConfig.Keyfunc", alg)
		case jwt.GetSigningMethod(alg) == nil:
			return nil, fmt.Errorf("httpadapter: unknown JWT algorithm %q", alg)
		}
	}

	opts := []jwt.ParserOption{
		jwt.WithValidMethods(slices.Clone(algs)),
		jwt.WithIssuer(cfg.Issuer),
		jwt.WithExpirationRequired(), // an access token that never expires is refused
		jwt.WithLeeway(cfg.Leeway),
	}
	if len(cfg.Audience) > 0 {
		opts = append(opts, jwt.WithAudience(slices.Clone(cfg.Audience)...))
	}
	if cfg.Now != nil {
		opts = append(opts, jwt.WithTimeFunc(cfg.Now))
	}

	v := &JWTVerifier{
		parser:        jwt.NewParser(opts...),
		scopeClaim:    cmp.Or(cfg.ScopeClaim, "scope"),
		clientIDClaim: cmp.Or(cfg.ClientIDClaim, "client_id"),
		firstParty:    firstPartyCheck(cfg.FirstParty, cfg.FirstPartyClients),
	}
	if cfg.CacheTTL > 0 {
		v.cache = newTokenCache(cfg.CacheTTL, cfg.CacheSize, cfg.Now)
	}
	switch {
	case cfg.Keyfunc != nil:
		kf := cfg.Keyfunc
		v.keys = func(context.Context) jwt.Keyfunc { return kf }
	case cfg.Keys != nil:
		v.keys = cfg.Keys.KeyfuncCtx
	default:
		kf, err := newJWKS(ctx, cfg)
		if err != nil {
			return nil, err
		}
		v.keys = kf.KeyfuncCtx
	}
	return v, nil
}

// newJWKS is keyfunc's cached, refreshing key set for cfg.JWKSURL.
func newJWKS(ctx context.Context, cfg JWTConfig) (keyfunc.Keyfunc, error) {
	timeout := cmp.Or(cfg.HTTPTimeout, DefaultJWKSHTTPTimeout)
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	kf, err := keyfunc.NewDefaultOverrideCtx(ctx, []string{cfg.JWKSURL}, keyfunc.Override{
		Client:          cfg.HTTPClient,
		HTTPTimeout:     timeout,
		RefreshInterval: cmp.Or(cfg.RefreshInterval, DefaultJWKSRefreshInterval),
		// Burst 1: the first unknown key id refetches at once (rotation),
		// later ones wait for the interval.
		RefreshUnknownKID: rate.NewLimiter(rate.Every(cmp.Or(cfg.UnknownKIDInterval, DefaultJWKSUnknownKIDInterval)), 1),
		// keyfunc waits this long for the limiter and then uses the same
		// deadline for the refetch itself: long enough for one fetch, and a
		// token that would have to wait longer is refused at once.
		RateLimitWaitMax: timeout,
		RefreshErrorHandlerFunc: func(u string) func(context.Context, error) {
			return func(ctx context.Context, err error) {
				log.WarnContext(ctx, "myaccount: fetching the JWKS failed", "url", u, "error", err)
			}
		},
	})
	if err != nil {
		return nil, fmt.Errorf("httpadapter: JWKS %s: %w", cfg.JWKSURL, err)
	}
	return kf, nil
}

// VerifyToken checks token and returns its principal. Any failure is an
// error wrapping the reason (jwt.ErrTokenExpired, jwt.ErrTokenInvalidIssuer,
// ...), which Bearer answers 401 auth.unauthorized. A token without a
// subject returns a principal without a UserID, for Bearer to refuse.
func (v *JWTVerifier) VerifyToken(ctx context.Context, token string) (myaccount.Principal, error) {
	var key [sha256.Size]byte
	if v.cache != nil {
		key = tokenKey(token)
		if p, ok := v.cache.get(key); ok {
			return p, nil
		}
	}
	claims := jwt.MapClaims{}
	if _, err := v.parser.ParseWithClaims(token, claims, v.keys(ctx)); err != nil {
		return myaccount.Principal{}, fmt.Errorf("httpadapter: access token rejected: %w", err)
	}
	sub, err := claims.GetSubject()
	if err != nil {
		return myaccount.Principal{}, fmt.Errorf("httpadapter: access token rejected: %w", err)
	}
	scopes, err := parseScopes(claims[v.scopeClaim])
	if err != nil {
		return myaccount.Principal{}, fmt.Errorf("httpadapter: access token rejected: %w", err)
	}
	clientID, _ := claims[v.clientIDClaim].(string)
	if clientID == "" {
		clientID, _ = claims["azp"].(string)
	}
	// sid, when the provider puts it in access tokens, names the sign-in
	// session (OIDC Front-Channel Logout §3): GET .../sessions marks it.
	sid, _ := claims["sid"].(string)
	p := myaccount.Principal{
		UserID:     sub,
		Scopes:     scopes,
		ClientID:   clientID,
		FirstParty: v.firstParty(clientID),
		SessionID:  sid,
	}
	if v.cache != nil {
		if exp, err := claims.GetExpirationTime(); err == nil && exp != nil {
			v.cache.put(key, p, exp.Time)
		}
	}
	return p, nil
}

// tokenKey is the SHA-256 of token, the key of the token cache. A token of
// up to 4 KiB (every access token in practice) is hashed from a copy on
// the stack: []byte(token) would allocate one per request.
func tokenKey(token string) [sha256.Size]byte {
	var buf [4096]byte
	if len(token) <= len(buf) {
		n := copy(buf[:], token)
		return sha256.Sum256(buf[:n])
	}
	return sha256.Sum256([]byte(token))
}
