package oauth_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"golang.org/x/oauth2"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/connector"
	"github.com/myaccount-go/myaccount/connector/oauth"
)

const redirectURI = "https://app.example/callback"

// oidcConnector is a connector for p's OpenID Connect side.
func oidcConnector(t *testing.T, p *provider, mutate ...func(*oauth.Config)) *oauth.Connector {
	t.Helper()
	cfg := oauth.Config{
		ID: "idp", Target: "idp", ClientID: clientID, ClientSecret: clientSecret,
		Issuer: p.srv.URL, HTTPClient: p.srv.Client(), Now: clock,
	}
	for _, m := range mutate {
		m(&cfg)
	}
	c, err := oauth.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// githubConnector is the GitHub preset pointed at p's GitHub side.
func githubConnector(t *testing.T, p *provider) *oauth.Connector {
	t.Helper()
	cfg := oauth.GitHub(clientID, clientSecret)
	cfg.AuthURL = p.srv.URL + "/github/login/oauth/authorize"
	cfg.TokenURL = p.srv.URL + "/github/login/oauth/access_token"
	cfg.UserInfoURL = p.srv.URL + "/github/user"
	cfg.HTTPClient, cfg.Now = p.srv.Client(), clock
	c, err := oauth.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// begin starts a flow: the authorization URI, the session, and the
// callback the provider redirects to (fetched without a browser).
func begin(t *testing.T, c *oauth.Connector, p *provider, scope string) (uri *url.URL, session []byte, callback url.Values) {
	t.Helper()
	raw, session, err := c.AuthorizationURI(context.Background(), connector.AuthorizationRequest{
		State: "state-123", RedirectURI: redirectURI, Scope: scope, RecordID: "record-1",
	})
	if err != nil {
		t.Fatal(err)
	}
	uri, err = url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := p.browser().Get(raw)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("authorize answered %d", resp.StatusCode)
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	if got := loc.Scheme + "://" + loc.Host + loc.Path; got != redirectURI {
		t.Fatalf("redirected to %s", got)
	}
	return uri, session, loc.Query()
}

// connectorData is what a client posts as connectorData: the callback's
// query plus the redirect URI it used.
func connectorData(q url.Values) map[string]any {
	d := map[string]any{"redirectUri": redirectURI}
	for k := range q {
		d[k] = q.Get(k)
	}
	return d
}

func wantError(t *testing.T, err error, status int, code account.Code) *account.Error {
	t.Helper()
	var apiErr *account.Error
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want %d %s", err, status, code)
	}
	if apiErr.Status != status || apiErr.Code != code {
		t.Fatalf("err = %d %s (%v), want %d %s", apiErr.Status, apiErr.Code, apiErr.Data, status, code)
	}
	return apiErr
}

func TestOIDCHappyPath(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	c := oidcConnector(t, p)
	if c.ID() != "idp" || c.Target() != "idp" || c.Kind() != connector.KindSocial {
		t.Fatal("identity")
	}

	uri, session, callback := begin(t, c, p, "")
	q := uri.Query()
	for k, want := range map[string]string{
		"response_type": "code", "client_id": clientID, "state": "state-123", "redirect_uri": redirectURI,
		"scope": "openid profile email", "code_challenge_method": "S256",
	} {
		if q.Get(k) != want {
			t.Errorf("authorization URI %s = %q, want %q", k, q.Get(k), want)
		}
	}
	if q.Get("code_challenge") == "" || q.Get("nonce") == "" {
		t.Fatalf("no PKCE challenge or nonce in %s", uri)
	}
	if uri.Scheme+"://"+uri.Host+uri.Path != p.srv.URL+"/authorize" {
		t.Fatalf("authorization endpoint = %s, want the discovered one", uri)
	}
	if strings.Contains(string(session), clientSecret) {
		t.Fatal("the session holds the client secret")
	}

	user, tokens, err := c.Verify(context.Background(), session, connectorData(callback))
	if err != nil {
		t.Fatal(err)
	}
	if user.ID != "user-1" || user.Email != "ann@example.com" || user.Name != "Ann Example" ||
		user.Avatar != "https://idp.example/ann.png" || user.Phone != "+15551234567" {
		t.Fatalf("user = %+v", user)
	}
	// Raw: the ID token's claims overlaid by userinfo's (picture and
	// locale come only from userinfo).
	if user.Raw["locale"] != "en" || user.Raw["iss"] != p.srv.URL || user.Raw["sub"] != "user-1" {
		t.Fatalf("raw = %v", user.Raw)
	}
	if tokens.AccessToken == "" || !strings.HasPrefix(tokens.RefreshToken, "rt-") || tokens.IDToken == "" ||
		tokens.TokenType != "Bearer" || tokens.Scope != "openid profile email" {
		t.Fatalf("tokens = %+v", tokens)
	}
	if !tokens.ExpiresAt.Equal(testClock.Add(time.Hour)) {
		t.Fatalf("expires at %v, want now + expires_in", tokens.ExpiresAt)
	}

	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.tokenRequests) != 1 {
		t.Fatalf("%d token requests, want 1", len(p.tokenRequests))
	}
	tr := p.tokenRequests[0]
	if !tr.clientAuth || tr.form.Get("code_verifier") == "" || tr.form.Get("redirect_uri") != redirectURI {
		t.Fatalf("token request = %+v", tr)
	}
	if p.userInfoCalls != 1 {
		t.Fatalf("userinfo calls = %d, want 1 (the ID token lacks picture and phone)", p.userInfoCalls)
	}
}

func TestOIDCClientScope(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	c := oidcConnector(t, p)
	uri, session, callback := begin(t, c, p, "profile custom_scope")
	// openid is added: without it there is no ID token.
	if got := uri.Query().Get("scope"); got != "openid profile custom_scope" {
		t.Fatalf("scope = %q", got)
	}
	_, tokens, err := c.Verify(context.Background(), session, connectorData(callback))
	if err != nil {
		t.Fatal(err)
	}
	if tokens.Scope != "openid profile custom_scope" {
		t.Fatalf("token scope = %q", tokens.Scope)
	}
}

func TestOIDCSkipsUserInfoWhenIDTokenSuffices(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	p.idTokenClaims = []string{"email", "email_verified", "name", "picture"}
	c := oidcConnector(t, p, func(cfg *oauth.Config) { cfg.Mapping.Phone = "-" })
	_, session, callback := begin(t, c, p, "")
	user, _, err := c.Verify(context.Background(), session, connectorData(callback))
	if err != nil {
		t.Fatal(err)
	}
	if user.Avatar != "https://idp.example/ann.png" || user.Phone != "" {
		t.Fatalf("user = %+v", user)
	}
	if _, ok := user.Raw["locale"]; ok {
		t.Fatal("raw has userinfo claims though userinfo was not needed")
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.userInfoCalls != 0 {
		t.Fatalf("userinfo calls = %d, want 0", p.userInfoCalls)
	}
}

func TestOIDCEmailVerification(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		verified any // nil: the claim is absent
		trust    bool
		want     string
	}{
		{"verified", true, false, "ann@example.com"},
		{"verified as a string", "true", false, "ann@example.com"},
		{"unverified", false, false, ""},
		{"unverified, even when trusting", false, true, ""},
		{"no claim", nil, false, ""},
		{"no claim, trusted", nil, true, "ann@example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := newProvider(t)
			p.idTokenClaims = []string{"email", "email_verified"}
			if tt.verified == nil {
				delete(p.users["user-1"], "email_verified")
			} else {
				p.users["user-1"]["email_verified"] = tt.verified
			}
			c := oidcConnector(t, p, func(cfg *oauth.Config) { cfg.TrustUnverifiedEmail = tt.trust })
			_, session, callback := begin(t, c, p, "")
			user, _, err := c.Verify(context.Background(), session, connectorData(callback))
			if err != nil {
				t.Fatal(err)
			}
			if user.Email != tt.want {
				t.Fatalf("email = %q, want %q", user.Email, tt.want)
			}
		})
	}
}

func TestGitHubStyle(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	p.user = "octocat"
	c := githubConnector(t, p)
	if c.ID() != "github" || c.Target() != "github" {
		t.Fatalf("preset id %q target %q", c.ID(), c.Target())
	}
	uri, session, callback := begin(t, c, p, "")
	q := uri.Query()
	if q.Get("scope") != "read:user" || q.Get("state") != "state-123" || q.Get("redirect_uri") != redirectURI {
		t.Fatalf("authorization URI = %s", uri)
	}
	if q.Has("nonce") || q.Get("code_challenge") == "" {
		t.Fatalf("OAuth 2.0 wants PKCE and no nonce: %s", uri)
	}
	user, tokens, err := c.Verify(context.Background(), session, connectorData(callback))
	if err != nil {
		t.Fatal(err)
	}
	if user.ID != "12345678901" || user.Name != "The Octocat" || user.Avatar != "https://avatars.example/u/1" || user.Email != "" {
		t.Fatalf("user = %+v", user)
	}
	if user.Raw["login"] != "octocat" {
		t.Fatalf("raw = %v", user.Raw)
	}
	if raw, _ := json.Marshal(user.Raw["id"]); string(raw) != "12345678901" {
		t.Fatalf("raw id re-encodes as %s", raw)
	}
	if tokens.AccessToken == "" || tokens.IDToken != "" || tokens.Scope != "read:user" || tokens.TokenType != "bearer" {
		t.Fatalf("tokens = %+v", tokens)
	}
	if !tokens.ExpiresAt.IsZero() {
		t.Fatalf("GitHub gave no expiry, got %v", tokens.ExpiresAt)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	tr := p.tokenRequests[0]
	if tr.accept != "application/json" || tr.basicAuth || tr.form.Get("client_secret") != clientSecret {
		t.Fatalf("token request = %+v: want Accept JSON and the secret in the form", tr)
	}
}

func TestGitHubBadCode(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	p.user = "octocat"
	c := githubConnector(t, p)
	_, session, callback := begin(t, c, p, "")
	data := connectorData(callback)
	data["code"] = "not-a-code"
	_, _, err := c.Verify(context.Background(), session, data)
	wantError(t, err, 401, connector.CodeSocialAuthCodeInvalid)
}

func TestGitHubOddUserIDs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		id     any
		wantID string
	}{
		{"string id", "abc", "abc"},
		{"float-looking integer", json.Number("7.0"), "7"},
		{"boolean id", true, ""},
		{"fractional id", json.Number("1.5"), ""},
		{"null id", nil, ""},
		{"object id", map[string]any{"x": 1}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := newProvider(t)
			p.user = "octocat"
			p.users["octocat"]["id"] = tt.id
			c := githubConnector(t, p)
			_, session, callback := begin(t, c, p, "")
			user, _, err := c.Verify(context.Background(), session, connectorData(callback))
			if tt.wantID == "" {
				wantError(t, err, 400, connector.CodeInvalidResponse)
				return
			}
			if err != nil || user.ID != tt.wantID {
				t.Fatalf("user %+v err %v", user, err)
			}
		})
	}
}

func TestStateMismatch(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	c := oidcConnector(t, p)
	_, session, callback := begin(t, c, p, "")
	for _, state := range []any{"another-state", "", 42.0} {
		data := connectorData(callback)
		data["state"] = state
		_, _, err := c.Verify(context.Background(), session, data)
		wantError(t, err, 401, connector.CodeAuthorizationFailed)
	}
	// Nothing was exchanged: the code still works for the right callback.
	p.mu.Lock()
	n := len(p.tokenRequests)
	p.mu.Unlock()
	if n != 0 {
		t.Fatalf("%d token requests after state mismatches", n)
	}
	if _, _, err := c.Verify(context.Background(), session, connectorData(callback)); err != nil {
		t.Fatal(err)
	}
}

func TestStateMayBeOmitted(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	c := oidcConnector(t, p)
	_, session, callback := begin(t, c, p, "")
	if _, _, err := c.Verify(context.Background(), session, map[string]any{"code": callback.Get("code")}); err != nil {
		t.Fatal(err)
	}
}

func TestRedirectURIMismatch(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	c := oidcConnector(t, p)
	_, session, callback := begin(t, c, p, "")
	data := connectorData(callback)
	data["redirectUri"] = "https://evil.example/callback"
	_, _, err := c.Verify(context.Background(), session, data)
	wantError(t, err, 400, connector.CodeInvalidRequestParameters)
}

func TestWrongPKCEVerifier(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	c := oidcConnector(t, p)
	_, session, callback := begin(t, c, p, "")
	var s map[string]any
	if err := json.Unmarshal(session, &s); err != nil {
		t.Fatal(err)
	}
	s["verifier"] = oauth2.GenerateVerifier()
	tampered, _ := json.Marshal(s)
	_, _, err := c.Verify(context.Background(), tampered, connectorData(callback))
	wantError(t, err, 401, connector.CodeSocialAuthCodeInvalid)
}

func TestPKCEDisabled(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	c := oidcConnector(t, p, func(cfg *oauth.Config) { cfg.DisablePKCE = true })
	uri, session, callback := begin(t, c, p, "")
	if uri.Query().Has("code_challenge") {
		t.Fatal("challenge sent with PKCE off")
	}
	if _, _, err := c.Verify(context.Background(), session, connectorData(callback)); err != nil {
		t.Fatal(err)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tokenRequests[0].form.Has("code_verifier") {
		t.Fatal("verifier sent with PKCE off")
	}
}

func TestReplayedCode(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	c := oidcConnector(t, p)
	_, session, callback := begin(t, c, p, "")
	if _, _, err := c.Verify(context.Background(), session, connectorData(callback)); err != nil {
		t.Fatal(err)
	}
	_, _, err := c.Verify(context.Background(), session, connectorData(callback))
	wantError(t, err, 401, connector.CodeSocialAuthCodeInvalid)
}

func TestIDTokenRejected(t *testing.T) {
	t.Parallel()
	otherKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		setup func(p *provider)
		want  string // in the message
	}{
		{"wrong audience", func(p *provider) { p.tamperIDToken = func(c jwt.MapClaims) { c["aud"] = "another-client" } }, "another audience"},
		{"several audiences without azp", func(p *provider) {
			p.tamperIDToken = func(c jwt.MapClaims) { c["aud"] = []string{clientID, "another-client"} }
		}, "authorized party"},
		{"several audiences, azp another client", func(p *provider) {
			p.tamperIDToken = func(c jwt.MapClaims) { c["aud"], c["azp"] = []string{clientID, "another-client"}, "another-client" }
		}, "authorized party"},
		{"wrong nonce", func(p *provider) { p.tamperIDToken = func(c jwt.MapClaims) { c["nonce"] = "replayed-nonce" } }, "nonce"},
		{"no nonce", func(p *provider) { p.tamperIDToken = func(c jwt.MapClaims) { delete(c, "nonce") } }, "nonce"},
		{"expired", func(p *provider) {
			p.tamperIDToken = func(c jwt.MapClaims) {
				c["iat"], c["exp"] = testClock.Add(-2*time.Hour).Unix(), testClock.Add(-time.Minute).Unix()
			}
		}, "expired"},
		{"wrong issuer", func(p *provider) { p.tamperIDToken = func(c jwt.MapClaims) { c["iss"] = "https://evil.example" } }, "another issuer"},
		{"bad signature", func(p *provider) { p.signWith = otherKey }, "signature"},
		{"at_hash of another token", func(p *provider) { p.tamperIDToken = func(c jwt.MapClaims) { c["at_hash"] = "AAAAAAAAAAAAAAAAAAAAAA" } }, "at_hash"},
		{"no ID token", func(p *provider) { p.omitIDToken = true }, "no ID token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := newProvider(t)
			c := oidcConnector(t, p)
			_, session, callback := begin(t, c, p, "")
			p.set(tt.setup)
			user, tokens, err := c.Verify(context.Background(), session, connectorData(callback))
			if user != nil || tokens != nil {
				t.Fatal("results alongside an error")
			}
			e := wantError(t, err, 401, connector.CodeSocialIDTokenInvalid)
			if msg, _ := e.Data.(map[string]any)["message"].(string); !strings.Contains(msg, tt.want) {
				t.Fatalf("message %q does not name %q", msg, tt.want)
			}
		})
	}
}

func TestIDTokenWithSeveralAudiencesAndAZP(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	p.tamperIDToken = func(c jwt.MapClaims) { c["aud"], c["azp"] = []string{clientID, "api"}, clientID }
	c := oidcConnector(t, p)
	_, session, callback := begin(t, c, p, "")
	if _, _, err := c.Verify(context.Background(), session, connectorData(callback)); err != nil {
		t.Fatal(err)
	}
}

func TestProviderErrors(t *testing.T) {
	t.Parallel()
	status := func(code int, body string) func(http.ResponseWriter) bool {
		return func(w http.ResponseWriter) bool {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(code)
			_, _ = w.Write([]byte(body))
			return true
		}
	}
	tests := []struct {
		name   string
		setup  func(p *provider)
		data   func(d map[string]any)
		status int
		code   account.Code
	}{
		{"user denied consent", func(p *provider) { p.deny = "access_denied" }, nil, 401, connector.CodeAuthorizationFailed},
		{"provider error at the callback", func(p *provider) { p.deny = "server_error" }, nil, 400, connector.CodeGeneral},
		{"no code", nil, func(d map[string]any) { delete(d, "code") }, 400, connector.CodeGeneral},
		{"code not a string", nil, func(d map[string]any) { d["code"] = []any{"x"} }, 400, connector.CodeGeneral},
		{"token endpoint 500", func(p *provider) { p.tokenAnswer = status(500, `oops`) }, nil, 400, connector.CodeGeneral},
		{"token endpoint invalid_client", func(p *provider) {
			p.tokenAnswer = status(401, `{"error":"invalid_client"}`)
		}, nil, 400, connector.CodeGeneral},
		{"token endpoint 200 without access token", func(p *provider) {
			p.tokenAnswer = status(200, `{"token_type":"Bearer"}`)
		}, nil, 401, connector.CodeSocialAuthCodeInvalid},
		{"token endpoint 200 with HTML", func(p *provider) {
			p.tokenAnswer = func(w http.ResponseWriter) bool {
				w.Header().Set("Content-Type", "text/html")
				_, _ = w.Write([]byte("<html>maintenance</html>"))
				return true
			}
		}, nil, 400, connector.CodeInvalidResponse},
		{"token endpoint 200 with a JSON array", func(p *provider) { p.tokenAnswer = status(200, `[1,2]`) }, nil, 400, connector.CodeInvalidResponse},
		{"userinfo 500", func(p *provider) { p.userInfoAnswer = status(500, `{}`) }, nil, 400, connector.CodeGeneral},
		{"userinfo refuses the token", func(p *provider) { p.userInfoAnswer = status(401, `{"error":"invalid_token"}`) }, nil, 401, connector.CodeSocialAccessTokenInvalid},
		{"userinfo not an object", func(p *provider) { p.userInfoAnswer = status(200, `["sub"]`) }, nil, 400, connector.CodeInvalidResponse},
		{"userinfo not JSON", func(p *provider) { p.userInfoAnswer = status(200, `{"sub":`) }, nil, 400, connector.CodeInvalidResponse},
		{"userinfo for another subject", func(p *provider) { p.userInfoAnswer = status(200, `{"sub":"user-2"}`) }, nil, 400, connector.CodeInvalidResponse},
		{"userinfo without subject", func(p *provider) { p.userInfoAnswer = status(200, `{"name":"x"}`) }, nil, 400, connector.CodeInvalidResponse},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := newProvider(t)
			c := oidcConnector(t, p)
			if tt.setup != nil {
				p.set(tt.setup)
			}
			_, session, callback := begin(t, c, p, "")
			data := connectorData(callback)
			if tt.data != nil {
				tt.data(data)
			}
			user, tokens, err := c.Verify(context.Background(), session, data)
			if user != nil || tokens != nil {
				t.Fatal("results alongside an error")
			}
			apiErr := wantError(t, err, tt.status, tt.code)
			// No message may carry a credential or the code.
			raw, _ := json.Marshal(apiErr.Data)
			for _, secret := range []string{clientSecret, callback.Get("code")} {
				if secret != "" && strings.Contains(string(raw), secret) {
					t.Fatalf("error data %s holds a secret", raw)
				}
			}
		})
	}
}

func TestOddUserInfoFieldsAreLeftOut(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	p.idTokenClaims = nil
	p.users["user-1"] = map[string]any{
		"sub": "user-1", "email": map[string]any{"x": 1}, "email_verified": true, "name": 5, "picture": nil, "phone_number": []any{},
	}
	c := oidcConnector(t, p)
	_, session, callback := begin(t, c, p, "")
	user, _, err := c.Verify(context.Background(), session, connectorData(callback))
	if err != nil {
		t.Fatal(err)
	}
	if user.ID != "user-1" || user.Email != "" || user.Name != "" || user.Avatar != "" || user.Phone != "" {
		t.Fatalf("user = %+v", user)
	}
}

func TestNestedMapping(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	p.user = "octocat"
	p.users["octocat"] = map[string]any{"data": map[string]any{"uid": "n-1", "profile": map[string]any{"display": "Nested"}}}
	cfg := oauth.Config{
		ID: "n", Target: "n", ClientID: clientID, ClientSecret: clientSecret,
		AuthURL: p.srv.URL + "/github/login/oauth/authorize", TokenURL: p.srv.URL + "/github/login/oauth/access_token",
		UserInfoURL: p.srv.URL + "/github/user", HTTPClient: p.srv.Client(), Now: clock,
		Mapping: oauth.Mapping{ID: "data.uid", Name: "data.profile.display"},
	}
	c, err := oauth.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	uri, session, callback := begin(t, c, p, "")
	if uri.Query().Has("scope") {
		t.Fatalf("no scope configured or asked for, yet %s", uri)
	}
	user, _, err := c.Verify(context.Background(), session, connectorData(callback))
	if err != nil {
		t.Fatal(err)
	}
	if user.ID != "n-1" || user.Name != "Nested" {
		t.Fatalf("user = %+v", user)
	}
}

func TestSessionProblems(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	c := oidcConnector(t, p)
	for _, s := range [][]byte{nil, []byte("not json"), []byte(`{"state":"x"}`)} {
		_, _, err := c.Verify(context.Background(), s, map[string]any{"code": "c"})
		wantError(t, err, 400, connector.CodeGeneral)
	}
}

func TestRefresh(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	c := oidcConnector(t, p)
	_, session, callback := begin(t, c, p, "")
	_, tokens, err := c.Verify(context.Background(), session, connectorData(callback))
	if err != nil {
		t.Fatal(err)
	}
	var r connector.Refresher = c
	fresh, err := r.Refresh(context.Background(), tokens)
	if err != nil {
		t.Fatal(err)
	}
	if fresh.AccessToken == "" || fresh.AccessToken == tokens.AccessToken {
		t.Fatalf("access token not renewed: %+v", fresh)
	}
	// The provider rotated nothing and omitted the unchanged scope.
	if fresh.RefreshToken != tokens.RefreshToken || fresh.Scope != tokens.Scope || fresh.IDToken != tokens.IDToken {
		t.Fatalf("fresh = %+v, old = %+v", fresh, tokens)
	}
	if !fresh.ExpiresAt.Equal(testClock.Add(30 * time.Minute)) {
		t.Fatalf("expires at %v", fresh.ExpiresAt)
	}
	// The new access token works at the provider.
	p.mu.Lock()
	subject := p.access[fresh.AccessToken]
	last := p.tokenRequests[len(p.tokenRequests)-1]
	p.mu.Unlock()
	if subject != "user-1" || last.form.Get("grant_type") != "refresh_token" || !last.clientAuth {
		t.Fatalf("refresh request = %+v, subject %q", last, subject)
	}

	t.Run("unknown refresh token", func(t *testing.T) {
		_, err := c.Refresh(context.Background(), &connector.TokenSet{RefreshToken: "rt-unknown"})
		e := wantError(t, err, 400, connector.CodeGeneral)
		if raw, _ := json.Marshal(e.Data); strings.Contains(string(raw), "rt-unknown") {
			t.Fatalf("error data %s holds the refresh token", raw)
		}
	})
	t.Run("no refresh token", func(t *testing.T) {
		_, err := c.Refresh(context.Background(), &connector.TokenSet{AccessToken: "a"})
		wantError(t, err, 400, connector.CodeGeneral)
	})
}

func TestAuthParams(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	c := oidcConnector(t, p, func(cfg *oauth.Config) {
		cfg.AuthParams = map[string]string{"access_type": "offline", "prompt": "consent", "state": "forged", "redirect_uri": "https://evil.example"}
	})
	uri, _, _ := begin(t, c, p, "")
	q := uri.Query()
	if q.Get("access_type") != "offline" || q.Get("prompt") != "consent" {
		t.Fatalf("extra parameters missing: %s", uri)
	}
	if q.Get("state") != "state-123" || q.Get("redirect_uri") != redirectURI {
		t.Fatalf("AuthParams replaced a reserved parameter: %s", uri)
	}
}

func TestAuthorizationURIRequiresStateAndRedirect(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	c := oidcConnector(t, p)
	for _, req := range []connector.AuthorizationRequest{{State: "s"}, {RedirectURI: redirectURI}} {
		_, _, err := c.AuthorizationURI(context.Background(), req)
		wantError(t, err, 400, connector.CodeInsufficientRequestParameters)
	}
}

func TestDiscoveryFailureIsRetried(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	p.discoveryDown = true
	c := oidcConnector(t, p)
	req := connector.AuthorizationRequest{State: "s", RedirectURI: redirectURI}
	_, _, err := c.AuthorizationURI(context.Background(), req)
	wantError(t, err, 400, connector.CodeGeneral)
	p.set(func(p *provider) { p.discoveryDown = false })
	if _, _, err := c.AuthorizationURI(context.Background(), req); err != nil {
		t.Fatalf("after the provider came back: %v", err)
	}
}

func TestConcurrentFlows(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	c := oidcConnector(t, p)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			raw, session, err := c.AuthorizationURI(context.Background(), connector.AuthorizationRequest{State: "s", RedirectURI: redirectURI})
			if err != nil {
				errs <- err
				return
			}
			resp, err := p.browser().Get(raw)
			if err != nil {
				errs <- err
				return
			}
			resp.Body.Close()
			loc, _ := url.Parse(resp.Header.Get("Location"))
			if _, _, err := c.Verify(context.Background(), session, connectorData(loc.Query())); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestNewValidates(t *testing.T) {
	t.Parallel()
	ok := oauth.Config{ID: "x", Target: "x", ClientID: "c", Issuer: "https://idp.example"}
	tests := []struct {
		name   string
		mutate func(*oauth.Config)
	}{
		{"no id", func(c *oauth.Config) { c.ID = "" }},
		{"no target", func(c *oauth.Config) { c.Target = "" }},
		{"no client id", func(c *oauth.Config) { c.ClientID = "" }},
		{"issuer and endpoints", func(c *oauth.Config) { c.TokenURL = "https://idp.example/token" }},
		{"no issuer, no endpoints", func(c *oauth.Config) { c.Issuer = "" }},
		{"no issuer, no userinfo", func(c *oauth.Config) {
			c.Issuer, c.AuthURL, c.TokenURL = "", "https://idp.example/a", "https://idp.example/t"
		}},
		{"unmapped id", func(c *oauth.Config) { c.Mapping.ID = "-" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			cfg := ok
			tt.mutate(&cfg)
			if _, err := oauth.New(cfg); err == nil {
				t.Fatal("New accepted an invalid config")
			}
		})
	}
	if _, err := oauth.New(ok); err != nil {
		t.Fatalf("a valid config: %v", err)
	}
	if _, err := oauth.New(oauth.Google("id", "secret")); err != nil {
		t.Fatalf("Google preset: %v", err)
	}
	if _, err := oauth.New(oauth.GitHub("id", "secret")); err != nil {
		t.Fatalf("GitHub preset: %v", err)
	}
}

func TestGooglePreset(t *testing.T) {
	t.Parallel()
	cfg := oauth.Google("id", "secret")
	if cfg.Issuer != "https://accounts.google.com" || cfg.ID != "google" || cfg.Target != "google" || cfg.AuthStyle != oauth2.AuthStyleInParams {
		t.Fatalf("Google = %+v", cfg)
	}
	gh := oauth.GitHub("id", "secret")
	if gh.AuthURL != "https://github.com/login/oauth/authorize" || gh.TokenURL != "https://github.com/login/oauth/access_token" ||
		gh.UserInfoURL != "https://api.github.com/user" || gh.Mapping.Avatar != "avatar_url" {
		t.Fatalf("GitHub = %+v", gh)
	}
}
