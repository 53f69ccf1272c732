package oauth

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/myaccount-go/myaccount/connector"
)

// session is what AuthorizationURI hands the service to keep and Verify
// gets back. The PKCE verifier is the only secret in it: it must stay on
// the server, which is why it is here and not in the browser.
type session struct {
	State       string `json:"state"`
	RedirectURI string `json:"redirectUri"`
	// Scope is the scope asked for: a token response without one was
	// granted exactly that (RFC 6749 §5.1).
	Scope    string `json:"scope,omitempty"`
	Verifier string `json:"verifier,omitempty"`
	Nonce    string `json:"nonce,omitempty"`
}

// reservedParams are the authorization request parameters the connector
// sets itself; Config.AuthParams cannot replace them.
var reservedParams = map[string]bool{
	"response_type": true, "client_id": true, "redirect_uri": true, "scope": true, "state": true,
	"code_challenge": true, "code_challenge_method": true, "nonce": true,
}

// AuthorizationURI returns the provider's authorization URL for req: a
// code flow request carrying state, redirect_uri, scope (req.Scope, else
// the configured scopes), the PKCE challenge and, for OpenID Connect, a
// fresh nonce. The session holds what Verify needs to check the callback.
func (c *Connector) AuthorizationURI(ctx context.Context, req connector.AuthorizationRequest) (string, []byte, error) {
	if req.State == "" || req.RedirectURI == "" {
		return "", nil, connector.ErrInsufficientRequestParameters("state and redirectUri are required")
	}
	d, err := c.endpoints(ctx)
	if err != nil {
		return "", nil, err
	}
	scopes := c.scopes
	if req.Scope != "" {
		scopes = splitScope(req.Scope)
		if c.oidc {
			scopes = withOpenID(scopes)
		}
	}
	s := session{State: req.State, RedirectURI: req.RedirectURI, Scope: strings.Join(scopes, " ")}

	var opts []oauth2.AuthCodeOption
	for k, v := range c.cfg.AuthParams {
		if !reservedParams[k] {
			opts = append(opts, oauth2.SetAuthURLParam(k, v))
		}
	}
	if !c.cfg.DisablePKCE {
		s.Verifier = oauth2.GenerateVerifier()
		opts = append(opts, oauth2.S256ChallengeOption(s.Verifier))
	}
	if c.oidc {
		// The nonce binds the ID token to this authorization, so a token
		// issued for another one cannot be replayed here.
		s.Nonce = rand.Text()
		opts = append(opts, oidc.Nonce(s.Nonce))
	}
	uri := c.oauth2Config(d, req.RedirectURI, scopes).AuthCodeURL(req.State, opts...)
	raw, err := json.Marshal(s)
	if err != nil {
		return "", nil, fmt.Errorf("oauth: encode session: %w", err)
	}
	return uri, raw, nil
}
