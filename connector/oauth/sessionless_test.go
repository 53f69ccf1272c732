package oauth_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/myaccount-go/myaccount/connector"
)

// Without a session: no PKCE challenge, no nonce, and the callback data
// alone (code, redirectUri) finishes the flow, the ID token and userinfo
// checked as with one.
func TestSessionless(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	c := oidcConnector(t, p)
	ctx := context.Background()
	raw, err := c.SessionlessAuthorizationURI(ctx, connector.AuthorizationRequest{State: "state-9", RedirectURI: redirectURI})
	if err != nil {
		t.Fatal(err)
	}
	uri, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	q := uri.Query()
	if q.Get("state") != "state-9" || q.Get("redirect_uri") != redirectURI || q.Get("scope") != "openid profile email" || q.Has("code_challenge") || q.Has("nonce") {
		t.Fatalf("authorization URI %s", uri)
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
	data := connectorData(loc.Query())
	user, tokens, err := c.VerifySessionless(ctx, data)
	if err != nil {
		t.Fatal(err)
	}
	if user.ID != "user-1" || user.Email != "ann@example.com" || tokens.AccessToken == "" {
		t.Fatalf("user %+v, tokens %+v", user, tokens)
	}
	p.mu.Lock()
	sent := p.tokenRequests[0].form
	p.mu.Unlock()
	if sent.Has("code_verifier") || sent.Get("redirect_uri") != redirectURI {
		t.Fatalf("token request %v", sent)
	}

	_, _, err = c.VerifySessionless(ctx, map[string]any{"code": "c"})
	wantError(t, err, http.StatusBadRequest, connector.CodeInsufficientRequestParameters)
	_, err = c.SessionlessAuthorizationURI(ctx, connector.AuthorizationRequest{State: "s"})
	wantError(t, err, http.StatusBadRequest, connector.CodeInsufficientRequestParameters)
	// A replayed code is refused by the provider, as with a session.
	_, _, err = c.VerifySessionless(ctx, data)
	wantError(t, err, http.StatusUnauthorized, connector.CodeSocialAuthCodeInvalid)
}

// The GitHub preset (OAuth 2.0, userinfo only) links without a session
// too, as Logto's GitHub connector does.
func TestSessionlessGitHub(t *testing.T) {
	t.Parallel()
	p := newProvider(t)
	p.user = "octocat"
	c := githubConnector(t, p)
	ctx := context.Background()
	raw, err := c.SessionlessAuthorizationURI(ctx, connector.AuthorizationRequest{State: "st", RedirectURI: redirectURI})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := p.browser().Get(raw)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	user, _, err := c.VerifySessionless(ctx, connectorData(loc.Query()))
	if err != nil || user.ID != "12345678901" {
		t.Fatalf("user %+v, %v", user, err)
	}
}
