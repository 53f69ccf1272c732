package oauth

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"golang.org/x/oauth2"

	"github.com/myaccount-go/myaccount/connector"
)

var _ connector.Sessionless = (*Connector)(nil)

// SessionlessAuthorizationURI returns the provider's authorization URL for
// a flow that keeps no session (the Management API's linking): a code flow
// request with state, redirect_uri and scope, but no PKCE challenge and no
// nonce, since nothing would keep the verifier or the nonce until the
// callback. This is how Logto's Google and GitHub connectors ask. The
// caller that keeps the state and checks it on the way back is what binds
// the callback to the request.
func (c *Connector) SessionlessAuthorizationURI(ctx context.Context, req connector.AuthorizationRequest) (string, error) {
	if req.State == "" || req.RedirectURI == "" {
		return "", connector.ErrInsufficientRequestParameters("state and redirectUri are required")
	}
	d, err := c.endpoints(ctx)
	if err != nil {
		return "", err
	}
	scopes := c.scopes
	if req.Scope != "" {
		scopes = splitScope(req.Scope)
		if c.oidc {
			scopes = withOpenID(scopes)
		}
	}
	var opts []oauth2.AuthCodeOption
	for k, v := range c.cfg.AuthParams {
		if !reservedParams[k] {
			opts = append(opts, oauth2.SetAuthURLParam(k, v))
		}
	}
	return c.oauth2Config(d, req.RedirectURI, scopes).AuthCodeURL(req.State, opts...), nil
}

// VerifySessionless finishes a flow SessionlessAuthorizationURI started:
// data must carry the code and the redirectUri the authorization request
// named (400 insufficient_request_parameters without it). There is no
// verifier to send and no nonce to check; the ID token, the code exchange
// and the userinfo answer are checked as Verify checks them. The state is
// the caller's to check.
func (c *Connector) VerifySessionless(ctx context.Context, data map[string]any) (*connector.SocialUser, *connector.TokenSet, error) {
	redirect, _ := data["redirectUri"].(string)
	if redirect == "" {
		return nil, nil, connector.ErrInsufficientRequestParameters("redirectUri is required without a session")
	}
	state, _ := data["state"].(string)
	raw, err := json.Marshal(session{State: state, RedirectURI: redirect, Scope: strings.Join(c.scopes, " ")})
	if err != nil {
		return nil, nil, fmt.Errorf("oauth: encode session: %w", err)
	}
	return c.Verify(ctx, raw, data)
}
