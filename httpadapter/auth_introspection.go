package httpadapter

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// Defaults of IntrospectionConfig.
const (
	// DefaultIntrospectionCacheTTL is how long an active answer is reused.
	DefaultIntrospectionCacheTTL = 30 * time.Second
	// DefaultIntrospectionCacheSize bounds the number of cached tokens.
	DefaultIntrospectionCacheSize = 10000
	// DefaultIntrospectionTimeout bounds one introspection request.
	DefaultIntrospectionTimeout = 10 * time.Second
)

// maxIntrospectionBody bounds the introspection answer we read.
const maxIntrospectionBody = 1 << 20

// errIntrospectionUnavailable answers a request whose token could not be
// checked: the provider is down or refuses us, which is not the caller's
// fault, so not a 401 that would make a client sign out.
var errIntrospectionUnavailable = account.NewError(http.StatusServiceUnavailable, account.CodeServiceUnavailable)

// errTokenInactive is an introspection answer of active=false, or one that
// fails the configured checks.
var errTokenInactive = errors.New("httpadapter: access token is not active")

// IntrospectionConfig configures an IntrospectionVerifier.
type IntrospectionConfig struct {
	// Endpoint is the provider's token introspection endpoint (RFC 7662),
	// e.g. Logto's https://<tenant>/oidc/token/introspection. Required.
	Endpoint string
	// ClientID and ClientSecret authenticate this app to the endpoint with
	// HTTP Basic (RFC 6749 §2.3.1). Required: RFC 7662 §2.1 has the
	// endpoint refuse anonymous callers.
	ClientID     string
	ClientSecret string

	// Issuer, when set, is the required iss of the answer.
	Issuer string
	// Audience, when set, lists the accepted aud values; the answer must
	// name at least one.
	Audience []string

	// FirstParty and FirstPartyClients decide first-party clients as in
	// JWTConfig; with neither, every client is first-party.
	FirstParty        func(clientID string) bool
	FirstPartyClients []string

	// HTTPClient calls the endpoint (default: a client with a
	// DefaultIntrospectionTimeout timeout). The request also ends with the
	// incoming request's context.
	HTTPClient *http.Client
	// CacheTTL is how long an active answer is reused without asking again
	// (default DefaultIntrospectionCacheTTL; never past the token's exp).
	// It is also how long a revoked token may still be accepted. Negative:
	// no cache.
	CacheTTL time.Duration
	// CacheSize bounds the cached answers (default
	// DefaultIntrospectionCacheSize).
	CacheSize int

	// Now is the clock (default time.Now).
	Now func() time.Time
	// Logger receives endpoint failures, never tokens (default
	// slog.Default()).
	Logger *slog.Logger
}

// IntrospectionVerifier is a TokenVerifier for opaque access tokens, such
// as the ones Logto issues without a resource: it asks the provider's
// introspection endpoint (RFC 7662) and keeps active answers for a short
// while, keyed by the token's SHA-256 so the cache holds no credential. It
// is safe for concurrent use.
type IntrospectionVerifier struct {
	cfg        IntrospectionConfig
	client     *http.Client
	now        func() time.Time
	log        *slog.Logger
	firstParty func(clientID string) bool
	cache      *tokenCache // nil: none (CacheTTL < 0)
}

// NewIntrospectionVerifier checks cfg and returns its verifier.
func NewIntrospectionVerifier(cfg IntrospectionConfig) (*IntrospectionVerifier, error) {
	u, err := url.Parse(cfg.Endpoint)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("httpadapter: IntrospectionConfig.Endpoint %q is not an http(s) URL", cfg.Endpoint)
	}
	if cfg.ClientID == "" {
		return nil, errors.New("httpadapter: IntrospectionConfig.ClientID is required")
	}
	if cfg.CacheTTL == 0 {
		cfg.CacheTTL = DefaultIntrospectionCacheTTL
	}
	cfg.CacheSize = cmp.Or(cfg.CacheSize, DefaultIntrospectionCacheSize)
	cfg.Audience = slices.Clone(cfg.Audience)
	v := &IntrospectionVerifier{
		cfg:        cfg,
		client:     cfg.HTTPClient,
		now:        cfg.Now,
		log:        cfg.Logger,
		firstParty: firstPartyCheck(cfg.FirstParty, cfg.FirstPartyClients),
	}
	if v.client == nil {
		v.client = &http.Client{Timeout: DefaultIntrospectionTimeout}
	}
	if v.now == nil {
		v.now = time.Now
	}
	if v.log == nil {
		v.log = slog.Default()
	}
	if cfg.CacheTTL > 0 {
		v.cache = newTokenCache(cfg.CacheTTL, cfg.CacheSize, v.now)
	}
	return v, nil
}

// VerifyToken asks the endpoint about token, or reuses a recent answer. An
// inactive token is an error Bearer answers 401 auth.unauthorized; an
// endpoint that cannot be reached or answers badly is 503
// request.service_unavailable.
func (v *IntrospectionVerifier) VerifyToken(ctx context.Context, token string) (myaccount.Principal, error) {
	key := sha256.Sum256([]byte(token))
	if v.cache != nil {
		if p, ok := v.cache.get(key); ok {
			return p, nil
		}
	}
	ans, err := v.introspect(ctx, token)
	if err != nil {
		return myaccount.Principal{}, err
	}
	p, exp, err := v.principal(ans)
	if err != nil {
		// Inactive answers are not cached: made-up tokens must not evict
		// good entries, and a real client does not retry a refused token.
		return myaccount.Principal{}, err
	}
	if v.cache != nil {
		v.cache.put(key, p, exp)
	}
	return p, nil
}

// introspectionAnswer is the RFC 7662 §2.2 answer, the fields we use.
type introspectionAnswer struct {
	Active   bool            `json:"active"`
	Sub      string          `json:"sub"`
	Scope    string          `json:"scope"`
	ClientID string          `json:"client_id"`
	Exp      *float64        `json:"exp"`
	Nbf      *float64        `json:"nbf"`
	Iss      string          `json:"iss"`
	Aud      json.RawMessage `json:"aud"`
}

// introspect posts token to the endpoint. The error never contains the
// token.
func (v *IntrospectionVerifier) introspect(ctx context.Context, token string) (introspectionAnswer, error) {
	form := url.Values{"token": {token}, "token_type_hint": {"access_token"}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, v.cfg.Endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return introspectionAnswer{}, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	// RFC 6749 §2.3.1: the credentials are form-encoded before Basic.
	req.SetBasicAuth(url.QueryEscape(v.cfg.ClientID), url.QueryEscape(v.cfg.ClientSecret))

	resp, err := v.client.Do(req)
	if err != nil {
		if errors.Is(ctx.Err(), context.Canceled) {
			return introspectionAnswer{}, ctx.Err() // the caller went away
		}
		// url.Error names the endpoint only; the token is in the body.
		v.log.ErrorContext(ctx, "myaccount: token introspection failed", "endpoint", v.cfg.Endpoint, "error", err)
		return introspectionAnswer{}, errIntrospectionUnavailable
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		v.log.ErrorContext(ctx, "myaccount: token introspection refused", "endpoint", v.cfg.Endpoint, "status", resp.StatusCode)
		return introspectionAnswer{}, errIntrospectionUnavailable
	}
	var ans introspectionAnswer
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxIntrospectionBody)).Decode(&ans); err != nil {
		v.log.ErrorContext(ctx, "myaccount: token introspection answer is not JSON", "endpoint", v.cfg.Endpoint, "error", err)
		return introspectionAnswer{}, errIntrospectionUnavailable
	}
	return ans, nil
}

// principal checks an answer and returns whose token it is and when it
// expires (zero: the answer does not say).
func (v *IntrospectionVerifier) principal(ans introspectionAnswer) (myaccount.Principal, time.Time, error) {
	if !ans.Active {
		return myaccount.Principal{}, time.Time{}, errTokenInactive
	}
	now := v.now()
	var exp time.Time
	if ans.Exp != nil {
		exp = time.Unix(int64(*ans.Exp), 0)
		// The provider already checked; this guards against a clock or
		// cache in between.
		if !now.Before(exp) {
			return myaccount.Principal{}, time.Time{}, fmt.Errorf("%w: expired", errTokenInactive)
		}
	}
	if ans.Nbf != nil && now.Before(time.Unix(int64(*ans.Nbf), 0)) {
		return myaccount.Principal{}, time.Time{}, fmt.Errorf("%w: not valid yet", errTokenInactive)
	}
	if v.cfg.Issuer != "" && ans.Iss != v.cfg.Issuer {
		return myaccount.Principal{}, time.Time{}, fmt.Errorf("%w: wrong issuer", errTokenInactive)
	}
	if len(v.cfg.Audience) > 0 {
		aud, err := parseAudience(ans.Aud)
		if err != nil || !slices.ContainsFunc(aud, func(a string) bool { return slices.Contains(v.cfg.Audience, a) }) {
			return myaccount.Principal{}, time.Time{}, fmt.Errorf("%w: wrong audience", errTokenInactive)
		}
	}
	return myaccount.Principal{
		UserID:     ans.Sub,
		Scopes:     strings.Fields(ans.Scope),
		ClientID:   ans.ClientID,
		FirstParty: v.firstParty(ans.ClientID),
	}, exp, nil
}

// parseAudience reads aud: a string or an array of strings.
func parseAudience(raw json.RawMessage) ([]string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		return []string{one}, nil
	}
	var many []string
	if err := json.Unmarshal(raw, &many); err != nil {
		return nil, err
	}
	return many, nil
}
