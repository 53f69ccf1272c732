// Package oauth is a social connector for any OAuth 2.0 or OpenID Connect
// provider, built on golang.org/x/oauth2 and github.com/coreos/go-oidc.
//
// With Config.Issuer set it speaks OpenID Connect: endpoints come from the
// issuer's discovery document, the callback's ID token is verified
// (signature against the provider's JWKS, issuer, audience, expiry, nonce)
// and the userinfo endpoint fills in what the ID token lacks. Without an
// issuer it speaks plain OAuth 2.0 to explicit endpoints, GitHub style: the
// user comes from a userinfo API alone. PKCE (S256) is on in both modes,
// except in the Management API's sessionless flow (connector.Sessionless), which
// has nowhere to keep a verifier.
//
// The connector keeps no flow state: AuthorizationURI returns a session
// (state, redirect URI, scope, PKCE verifier, nonce) that the account
// service stores in the verification record and hands back to Verify, so
// any app instance can finish a flow another one started.
//
// Failures are *account.Error values with Logto's connector codes (see the
// connector package): a denied consent or a foreign state is 401
// connector.authorization_failed, a code the provider will not exchange is
// 401 connector.social_auth_code_invalid, a bad ID token 401
// connector.social_invalid_id_token, a refused access token 401
// connector.social_invalid_access_token, an unreadable answer 400
// connector.invalid_response and anything else 400 connector.general.
// Messages never carry a token, a code or the client secret.
package oauth

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/myaccount-go/myaccount/connector"
)

// Config configures a Connector. Set Issuer for OpenID Connect, or
// AuthURL, TokenURL and UserInfoURL for plain OAuth 2.0.
type Config struct {
	// ID is the connector id clients send; Target the identity namespace
	// (connector.Connector). Both required.
	ID     string
	Target string

	// ClientID and ClientSecret are the app's credentials at the provider.
	ClientID     string
	ClientSecret string
	// AuthStyle is how the client authenticates at the token endpoint;
	// the zero value tries HTTP Basic, then the form body, and remembers
	// what worked.
	AuthStyle oauth2.AuthStyle

	// Scopes are asked for when the client names none. Default for OpenID
	// Connect: openid, profile, email; for OAuth 2.0: none. In OpenID
	// Connect mode "openid" is always added, as Logto's OIDC connector
	// does, since without it there is no ID token.
	Scopes []string

	// Issuer is the OpenID Connect issuer URL; discovery happens on first
	// use (and is retried after a failure), so an app starts even while
	// the provider is unreachable.
	Issuer string

	// AuthURL, TokenURL and UserInfoURL are the plain OAuth 2.0 endpoints,
	// used when Issuer is empty. UserInfoURL answers a JSON object with
	// the user (GitHub's https://api.github.com/user).
	AuthURL     string
	TokenURL    string
	UserInfoURL string

	// DisablePKCE turns PKCE off, for the rare provider that rejects it.
	DisablePKCE bool

	// Display is how pages show the connector (its name, logo, platform);
	// the zero value shows the target as the name.
	Display connector.Display

	// AuthParams are extra authorization request parameters, e.g. Google's
	// access_type=offline and prompt=consent to get a refresh token. They
	// cannot replace the ones the connector sets.
	AuthParams map[string]string

	// Mapping names the profile fields; empty fields take the mode's
	// defaults (DefaultOIDCMapping, DefaultOAuthMapping).
	Mapping Mapping

	// TrustUnverifiedEmail takes an email (or phone) whose verified claim
	// is absent, as Logto's trustUnverifiedEmail; one marked unverified is
	// never taken.
	TrustUnverifiedEmail bool

	// HTTPClient makes every request to the provider. Default: a client
	// with a 10-second timeout.
	HTTPClient *http.Client

	// Now tells the time for ID token expiry and token expires_at; tests
	// inject a fake clock. Default time.Now.
	Now func() time.Time
}

// Mapping names the fields of the provider's profile (ID token claims and
// userinfo answer). A name may be a dotted path into nested objects
// ("data.id"); "-" means the provider has no such field.
type Mapping struct {
	// ID is the stable user id; a string or a JSON number.
	ID     string
	Email  string
	Name   string
	Avatar string
	Phone  string
	// EmailVerified and PhoneVerified name boolean claims (true or "true")
	// that must hold for Email or Phone to be taken; "-" takes them as
	// they are, for providers that only expose verified addresses.
	EmailVerified string
	PhoneVerified string
}

// DefaultOIDCMapping is the standard claims of OpenID Connect Core §5.1.
var DefaultOIDCMapping = Mapping{
	ID: "sub", Email: "email", Name: "name", Avatar: "picture", Phone: "phone_number",
	EmailVerified: "email_verified", PhoneVerified: "phone_number_verified",
}

// DefaultOAuthMapping suits GitHub-style user APIs. Their email is taken
// as it is (GitHub shows only verified addresses).
var DefaultOAuthMapping = Mapping{
	ID: "id", Email: "email", Name: "name", Avatar: "avatar_url", Phone: "phone",
	EmailVerified: "-", PhoneVerified: "-",
}

// Connector is an OAuth 2.0 / OpenID Connect social connector. It is safe
// for concurrent use.
type Connector struct {
	cfg     Config
	oidc    bool
	scopes  []string
	mapping Mapping
	client  *http.Client

	mu        sync.Mutex
	discovery *discovered // nil until discovery succeeds
}

// discovered is what OpenID Connect discovery yields.
type discovered struct {
	endpoint    oauth2.Endpoint
	userInfoURL string
	verifier    *oidc.IDTokenVerifier
}

var (
	_ connector.Social    = (*Connector)(nil)
	_ connector.Refresher = (*Connector)(nil)
)

// New checks cfg and returns a Connector. It makes no request: OpenID
// Connect discovery happens on first use.
func New(cfg Config) (*Connector, error) {
	if cfg.ID == "" || cfg.Target == "" {
		return nil, errors.New("oauth: Config.ID and Config.Target are required")
	}
	if cfg.ClientID == "" {
		return nil, errors.New("oauth: Config.ClientID is required")
	}
	c := &Connector{cfg: cfg, oidc: cfg.Issuer != ""}
	if c.oidc {
		if cfg.AuthURL != "" || cfg.TokenURL != "" {
			return nil, errors.New("oauth: set either Config.Issuer or Config.AuthURL/TokenURL, not both")
		}
		c.mapping = withDefaults(cfg.Mapping, DefaultOIDCMapping)
		c.scopes = withOpenID(cfg.Scopes)
	} else {
		if cfg.AuthURL == "" || cfg.TokenURL == "" || cfg.UserInfoURL == "" {
			return nil, errors.New("oauth: without Config.Issuer, AuthURL, TokenURL and UserInfoURL are required")
		}
		c.mapping = withDefaults(cfg.Mapping, DefaultOAuthMapping)
		c.scopes = slices.Clone(cfg.Scopes)
	}
	if c.mapping.ID == "-" {
		return nil, errors.New("oauth: Config.Mapping.ID cannot be \"-\"")
	}
	base := cfg.HTTPClient
	if base == nil {
		base = &http.Client{Timeout: 10 * time.Second}
	}
	// A copy, so the app's client is never changed: every request asks
	// for JSON, which GitHub's token endpoint needs to answer JSON.
	client := *base
	client.Transport = acceptJSON{next: base.Transport}
	c.client = &client
	return c, nil
}

// ID returns the configured connector id.
func (c *Connector) ID() string { return c.cfg.ID }

// Target returns the configured target.
func (c *Connector) Target() string { return c.cfg.Target }

// Kind returns connector.KindSocial.
func (c *Connector) Kind() connector.Kind { return connector.KindSocial }

// Display returns the configured Display.
func (c *Connector) Display() connector.Display { return c.cfg.Display }

// now is the configured clock.
func (c *Connector) now() time.Time {
	if c.cfg.Now != nil {
		return c.cfg.Now()
	}
	return time.Now()
}

// httpContext carries the connector's client to oauth2 and go-oidc, which
// both look for it under oauth2.HTTPClient.
func (c *Connector) httpContext(ctx context.Context) context.Context {
	return oidc.ClientContext(ctx, c.client)
}

// endpoints returns the token endpoints and userinfo URL, discovering them
// once in OpenID Connect mode.
func (c *Connector) endpoints(ctx context.Context) (*discovered, error) {
	if !c.oidc {
		return &discovered{
			endpoint:    oauth2.Endpoint{AuthURL: c.cfg.AuthURL, TokenURL: c.cfg.TokenURL, AuthStyle: c.cfg.AuthStyle},
			userInfoURL: c.cfg.UserInfoURL,
		}, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.discovery != nil {
		return c.discovery, nil
	}
	p, err := oidc.NewProvider(c.httpContext(ctx), c.cfg.Issuer)
	if err != nil {
		return nil, connector.ErrGeneral("OpenID Connect discovery failed for " + c.cfg.Issuer)
	}
	ep := p.Endpoint()
	ep.AuthStyle = c.cfg.AuthStyle
	// The verifier's key set is cached for the connector's life and
	// refetched when a token names an unknown key, so rotation works.
	v := p.Verifier(&oidc.Config{ClientID: c.cfg.ClientID, Now: c.now})
	c.discovery = &discovered{endpoint: ep, userInfoURL: p.UserInfoEndpoint(), verifier: v}
	return c.discovery, nil
}

// oauth2Config is the x/oauth2 view of the connector for one flow.
func (c *Connector) oauth2Config(d *discovered, redirectURI string, scopes []string) *oauth2.Config {
	return &oauth2.Config{
		ClientID:     c.cfg.ClientID,
		ClientSecret: c.cfg.ClientSecret,
		Endpoint:     d.endpoint,
		RedirectURL:  redirectURI,
		Scopes:       scopes,
	}
}

// withDefaults fills m's empty fields from def.
func withDefaults(m, def Mapping) Mapping {
	pick := func(v, d string) string {
		if v == "" {
			return d
		}
		return v
	}
	return Mapping{
		ID: pick(m.ID, def.ID), Email: pick(m.Email, def.Email), Name: pick(m.Name, def.Name),
		Avatar: pick(m.Avatar, def.Avatar), Phone: pick(m.Phone, def.Phone),
		EmailVerified: pick(m.EmailVerified, def.EmailVerified), PhoneVerified: pick(m.PhoneVerified, def.PhoneVerified),
	}
}

// withOpenID returns scopes with "openid" in it; the OpenID Connect
// default when scopes is empty.
func withOpenID(scopes []string) []string {
	if len(scopes) == 0 {
		return []string{"openid", "profile", "email"}
	}
	if slices.Contains(scopes, "openid") {
		return slices.Clone(scopes)
	}
	return append([]string{"openid"}, scopes...)
}

// splitScope splits a space-delimited scope (Logto also accepts "+").
func splitScope(scope string) []string {
	return strings.FieldsFunc(scope, func(r rune) bool { return r == ' ' || r == '+' })
}

// acceptJSON asks for JSON on requests that do not say what they accept.
type acceptJSON struct{ next http.RoundTripper }

func (a acceptJSON) RoundTrip(r *http.Request) (*http.Response, error) {
	next := a.next
	if next == nil {
		next = http.DefaultTransport
	}
	if r.Header.Get("Accept") == "" {
		r = r.Clone(r.Context())
		r.Header.Set("Accept", "application/json")
	}
	return next.RoundTrip(r)
}
