package oauth_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// testClock is the fake time every test runs at: the provider signs and
// the connector checks against it, so no test sleeps.
var testClock = time.Date(2026, 8, 21, 12, 0, 0, 0, time.UTC)

func clock() time.Time { return testClock }

const (
	clientID     = "client-1"
	clientSecret = "s3cret-client-password"
)

// provider is an OpenID Connect provider (and a GitHub-style OAuth 2.0
// one under /github) running in the test: discovery, JWKS, an authorize
// endpoint the test calls directly instead of a browser, a token endpoint
// doing real code exchange with client authentication and PKCE, RS256 ID
// tokens, userinfo, and refresh. Knobs make it misbehave.
type provider struct {
	t   *testing.T
	srv *httptest.Server
	key *rsa.PrivateKey

	mu      sync.Mutex
	user    string                    // the subject who "signs in" at authorize
	users   map[string]map[string]any // subject -> userinfo claims
	codes   map[string]*grant
	access  map[string]string // access token -> subject
	refresh map[string]*grant

	// Knobs, set by tests before the flow.
	deny           string                         // authorize redirects with this error
	tamperIDToken  func(c jwt.MapClaims)          // changes ID token claims before signing
	signWith       *rsa.PrivateKey                // signs ID tokens with a key not in the JWKS
	omitIDToken    bool                           // token responses carry no id_token
	idTokenClaims  []string                       // profile claims copied into the ID token
	tokenAnswer    func(http.ResponseWriter) bool // replaces the token endpoint's answer when it returns true
	userInfoAnswer func(http.ResponseWriter) bool // replaces the userinfo answer when it returns true
	discoveryDown  bool

	// Observations.
	tokenRequests []tokenRequest
	userInfoCalls int
}

// grant is an issued authorization code (or refresh token).
type grant struct {
	clientID, redirectURI, challenge, nonce, scope, subject string
	used                                                    bool
}

// tokenRequest is what the token endpoint saw.
type tokenRequest struct {
	form       url.Values
	basicAuth  bool
	accept     string
	clientAuth bool
}

func newProvider(t *testing.T) *provider {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	p := &provider{
		t: t, key: key, user: "user-1",
		users: map[string]map[string]any{
			"user-1": {
				"sub": "user-1", "email": "ann@example.com", "email_verified": true, "name": "Ann Example",
				"picture": "https://idp.example/ann.png", "phone_number": "+15551234567", "phone_number_verified": true,
				"locale": "en",
			},
			"octocat": {
				// GitHub's /user: a numeric id past 2^32, a null email.
				"id": json.Number("12345678901"), "login": "octocat", "name": "The Octocat", "email": nil,
				"avatar_url": "https://avatars.example/u/1",
			},
		},
		codes: map[string]*grant{}, access: map[string]string{}, refresh: map[string]*grant{},
		idTokenClaims: []string{"email", "email_verified", "name"},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", p.discovery)
	mux.HandleFunc("GET /jwks", p.jwks)
	mux.HandleFunc("GET /authorize", p.authorize)
	mux.HandleFunc("POST /token", p.token)
	mux.HandleFunc("GET /userinfo", p.userInfo)
	mux.HandleFunc("GET /github/login/oauth/authorize", p.authorize)
	mux.HandleFunc("POST /github/login/oauth/access_token", p.githubToken)
	mux.HandleFunc("GET /github/user", p.userInfo)
	p.srv = httptest.NewServer(mux)
	t.Cleanup(p.srv.Close)
	return p
}

// browser is a client that stops at the redirect back to the app, as the
// test reads the callback from it instead of following it.
func (p *provider) browser() *http.Client {
	c := *p.srv.Client() // a copy: the server's client is shared
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

func (p *provider) set(f func(p *provider)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f(p)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func oauthError(w http.ResponseWriter, status int, code string) {
	writeJSON(w, status, map[string]string{"error": code, "error_description": "the test provider says " + code})
}

func (p *provider) discovery(w http.ResponseWriter, _ *http.Request) {
	p.mu.Lock()
	down := p.discoveryDown
	p.mu.Unlock()
	if down {
		http.Error(w, "down", http.StatusServiceUnavailable)
		return
	}
	u := p.srv.URL
	writeJSON(w, 200, map[string]any{
		"issuer": u, "authorization_endpoint": u + "/authorize", "token_endpoint": u + "/token",
		"userinfo_endpoint": u + "/userinfo", "jwks_uri": u + "/jwks",
		"response_types_supported": []string{"code"}, "subject_types_supported": []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256"}, "code_challenge_methods_supported": []string{"S256"},
	})
}

func (p *provider) jwks(w http.ResponseWriter, _ *http.Request) {
	b64 := base64.RawURLEncoding.EncodeToString
	pub := p.key.PublicKey
	writeJSON(w, 200, map[string]any{"keys": []map[string]any{{
		"kty": "RSA", "kid": "k1", "use": "sig", "alg": "RS256",
		"n": b64(pub.N.Bytes()), "e": b64(big.NewInt(int64(pub.E)).Bytes()),
	}}})
}

// authorize plays the user's browser session: it "signs in" p.user and
// redirects to redirect_uri with a code (or with p.deny as the error).
func (p *provider) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("response_type") != "code" || q.Get("client_id") != clientID || q.Get("redirect_uri") == "" {
		http.Error(w, "bad authorization request", http.StatusBadRequest)
		return
	}
	back, err := url.Parse(q.Get("redirect_uri"))
	if err != nil {
		http.Error(w, "bad redirect_uri", http.StatusBadRequest)
		return
	}
	if q.Get("code_challenge") != "" && q.Get("code_challenge_method") != "S256" {
		http.Error(w, "only S256", http.StatusBadRequest)
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	out := back.Query()
	out.Set("state", q.Get("state"))
	if p.deny != "" {
		out.Set("error", p.deny)
	} else {
		code := rand.Text()
		p.codes[code] = &grant{
			clientID: clientID, redirectURI: q.Get("redirect_uri"), challenge: q.Get("code_challenge"),
			nonce: q.Get("nonce"), scope: q.Get("scope"), subject: p.user,
		}
		out.Set("code", code)
	}
	back.RawQuery = out.Encode()
	http.Redirect(w, r, back.String(), http.StatusFound)
}

// clientAuthenticated checks client_secret_basic or client_secret_post.
func clientAuthenticated(r *http.Request) (ok, basic bool) {
	id, secret, basic := r.BasicAuth()
	if !basic {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	} else {
		id, _ = url.QueryUnescape(id)
		secret, _ = url.QueryUnescape(secret)
	}
	return id == clientID && subtle.ConstantTimeCompare([]byte(secret), []byte(clientSecret)) == 1, basic
}

// exchange runs the code or refresh grant shared by both token endpoints;
// it returns the OAuth error code, or the grant and new tokens.
func (p *provider) exchange(r *http.Request) (errCode string, g *grant, accessToken, refreshToken string) {
	ok, basic := clientAuthenticated(r)
	p.tokenRequests = append(p.tokenRequests, tokenRequest{form: r.PostForm, basicAuth: basic, accept: r.Header.Get("Accept"), clientAuth: ok})
	if !ok {
		return "invalid_client", nil, "", ""
	}
	switch r.PostForm.Get("grant_type") {
	case "authorization_code":
		g = p.codes[r.PostForm.Get("code")]
		if g == nil || g.used {
			return "invalid_grant", nil, "", ""
		}
		// A code is spent by its first exchange, good or bad (RFC 6749 §4.1.2).
		g.used = true
		if g.redirectURI != r.PostForm.Get("redirect_uri") {
			return "invalid_grant", nil, "", ""
		}
		if g.challenge != "" {
			sum := sha256.Sum256([]byte(r.PostForm.Get("code_verifier")))
			if base64.RawURLEncoding.EncodeToString(sum[:]) != g.challenge {
				return "invalid_grant", nil, "", ""
			}
		}
		refreshToken = "rt-" + rand.Text()
		p.refresh[refreshToken] = g
	case "refresh_token":
		g = p.refresh[r.PostForm.Get("refresh_token")]
		if g == nil {
			return "invalid_grant", nil, "", ""
		}
	default:
		return "unsupported_grant_type", nil, "", ""
	}
	accessToken = "at-" + rand.Text()
	p.access[accessToken] = g.subject
	return "", g, accessToken, refreshToken
}

func (p *provider) token(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		oauthError(w, 400, "invalid_request")
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	errCode, g, at, rt := p.exchange(r)
	if p.tokenAnswer != nil && p.tokenAnswer(w) {
		return
	}
	switch errCode {
	case "":
	case "invalid_client":
		oauthError(w, 401, errCode)
		return
	default:
		oauthError(w, 400, errCode)
		return
	}
	if r.PostForm.Get("grant_type") == "refresh_token" {
		// A refresh that rotates nothing and omits the unchanged scope.
		writeJSON(w, 200, map[string]any{"access_token": at, "token_type": "Bearer", "expires_in": 1800})
		return
	}
	resp := map[string]any{"access_token": at, "token_type": "Bearer", "expires_in": 3600, "refresh_token": rt, "scope": g.scope}
	if strings.Contains(" "+g.scope+" ", " openid ") && !p.omitIDToken {
		resp["id_token"] = p.idToken(g, at)
	}
	writeJSON(w, 200, resp)
}

// idToken signs the ID token of g with RS256.
func (p *provider) idToken(g *grant, accessToken string) string {
	sum := sha256.Sum256([]byte(accessToken))
	claims := jwt.MapClaims{
		"iss": p.srv.URL, "sub": g.subject, "aud": g.clientID,
		"iat": testClock.Unix(), "exp": testClock.Add(time.Hour).Unix(),
		"at_hash": base64.RawURLEncoding.EncodeToString(sum[:len(sum)/2]),
	}
	if g.nonce != "" {
		claims["nonce"] = g.nonce
	}
	for _, k := range p.idTokenClaims {
		if v, ok := p.users[g.subject][k]; ok {
			claims[k] = v
		}
	}
	if p.tamperIDToken != nil {
		p.tamperIDToken(claims)
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, claims)
	tok.Header["kid"] = "k1"
	key := p.key
	if p.signWith != nil {
		key = p.signWith
	}
	signed, err := tok.SignedString(key)
	if err != nil {
		p.t.Errorf("sign ID token: %v", err)
	}
	return signed
}

// githubToken is GitHub's token endpoint: form-encoded unless the client
// asks for JSON, and a bad code is answered 200 with an error.
func (p *provider) githubToken(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		oauthError(w, 400, "invalid_request")
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	errCode, g, at, _ := p.exchange(r)
	if errCode == "invalid_grant" {
		errCode = "bad_verification_code"
	}
	v := url.Values{}
	if errCode != "" {
		v.Set("error", errCode)
		v.Set("error_description", "The code passed is incorrect or expired.")
	} else {
		v.Set("access_token", at)
		v.Set("token_type", "bearer")
		v.Set("scope", g.scope)
	}
	if r.Header.Get("Accept") == "application/json" {
		obj := map[string]string{}
		for k := range v {
			obj[k] = v.Get(k)
		}
		writeJSON(w, 200, obj)
		return
	}
	w.Header().Set("Content-Type", "application/x-www-form-urlencoded")
	_, _ = w.Write([]byte(v.Encode()))
}

func (p *provider) userInfo(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.userInfoCalls++
	if p.userInfoAnswer != nil && p.userInfoAnswer(w) {
		return
	}
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	subject, known := p.access[token]
	if !ok || !known {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		oauthError(w, 401, "invalid_token")
		return
	}
	writeJSON(w, 200, p.users[subject])
}
