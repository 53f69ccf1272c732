package oauth

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/myaccount-go/myaccount/connector"
)

// maxUserInfoBytes bounds a userinfo answer; a profile is small.
const maxUserInfoBytes = 1 << 20

// Verify finishes the flow AuthorizationURI started. data is the callback
// the client relays: {"code", "state"?, "redirectUri"?} or the provider's
// {"error", "error_description"?}. In order:
//
//   - a state other than the session's: 401 authorization_failed (the
//     callback belongs to another authorization);
//   - a redirectUri other than the session's: 400 invalid_request_parameters;
//   - a provider error: access_denied is 401 authorization_failed, any
//     other 400 general;
//   - no code: 400 general;
//   - the code exchange (with the PKCE verifier and the session's redirect
//     URI): a code the provider rejects (invalid_grant: wrong verifier,
//     replayed, expired) is 401 social_auth_code_invalid;
//   - OpenID Connect: the ID token's signature, issuer, audience, expiry,
//     nonce and at_hash: 401 social_invalid_id_token;
//   - the userinfo endpoint, always for OAuth 2.0 and for OpenID Connect
//     when the ID token lacks a mapped field: a refused token is 401
//     social_invalid_access_token, other failures 400 general, an
//     unreadable answer or no user id 400 invalid_response.
//
// The user's Raw is the profile claims (the ID token's, overlaid by the
// userinfo answer's); the token set's ExpiresAt comes from expires_in.
func (c *Connector) Verify(ctx context.Context, rawSession []byte, data map[string]any) (*connector.SocialUser, *connector.TokenSet, error) {
	var s session
	if len(rawSession) == 0 || json.Unmarshal(rawSession, &s) != nil || s.RedirectURI == "" {
		return nil, nil, connector.ErrGeneral("the connector session is missing or unreadable")
	}
	// The state is checked before anything else is read: a callback for
	// another authorization is refused whatever it carries.
	if v, ok := data["state"]; ok && v != nil {
		got, isString := v.(string)
		if !isString || subtle.ConstantTimeCompare([]byte(got), []byte(s.State)) != 1 {
			return nil, nil, connector.ErrAuthorizationFailed("the state does not match the authorization request")
		}
	}
	if v, ok := data["redirectUri"]; ok && v != nil {
		if got, isString := v.(string); !isString || got != s.RedirectURI {
			return nil, nil, connector.ErrInvalidRequestParameters("the redirectUri differs from the authorization request's")
		}
	}
	if v, ok := data["error"]; ok && v != nil {
		return nil, nil, callbackError(v, data["error_description"])
	}
	code, _ := data["code"].(string)
	if code == "" {
		// Logto's connectors answer a callback without a code as general.
		return nil, nil, connector.ErrGeneral("the callback data has no authorization code")
	}

	d, err := c.endpoints(ctx)
	if err != nil {
		return nil, nil, err
	}
	var opts []oauth2.AuthCodeOption
	if s.Verifier != "" {
		opts = append(opts, oauth2.VerifierOption(s.Verifier))
	}
	tok, err := c.oauth2Config(d, s.RedirectURI, nil).Exchange(c.httpContext(ctx), code, opts...)
	if err != nil {
		return nil, nil, tokenError(err, false)
	}
	ts := c.tokenSet(tok, s.Scope)

	claims := map[string]any{}
	if c.oidc {
		if claims, err = c.verifyIDToken(ctx, d, tok, s.Nonce); err != nil {
			return nil, nil, err
		}
		ts.IDToken, _ = tok.Extra("id_token").(string)
	}
	if d.userInfoURL != "" && (!c.oidc || c.lacksField(claims)) {
		info, err := c.userInfo(ctx, d.userInfoURL, tok)
		if err != nil {
			return nil, nil, err
		}
		// OpenID Connect Core §5.3.2: userinfo for another subject must
		// not be used.
		if c.oidc && !sameString(info["sub"], claims["sub"]) {
			return nil, nil, connector.ErrInvalidResponse("the userinfo subject differs from the ID token's")
		}
		for k, v := range info {
			claims[k] = v
		}
	}
	user, err := c.socialUser(claims)
	if err != nil {
		return nil, nil, err
	}
	return user, ts, nil
}

// verifyIDToken checks the token response's ID token and returns its
// claims.
func (c *Connector) verifyIDToken(ctx context.Context, d *discovered, tok *oauth2.Token, nonce string) (map[string]any, error) {
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return nil, connector.ErrSocialIDTokenInvalid("the token response has no ID token")
	}
	idt, err := d.verifier.Verify(c.httpContext(ctx), raw)
	if err != nil {
		return nil, connector.ErrSocialIDTokenInvalid(idTokenProblem(err))
	}
	// go-oidc leaves the nonce to the caller. One was sent, so the token
	// must carry it (OpenID Connect Core §3.1.3.7 step 11).
	if nonce != "" && subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(nonce)) != 1 {
		return nil, connector.ErrSocialIDTokenInvalid("the ID token's nonce does not match the authorization request")
	}
	if idt.AccessTokenHash != "" && idt.VerifyAccessToken(tok.AccessToken) != nil {
		return nil, connector.ErrSocialIDTokenInvalid("the ID token's at_hash does not match the access token")
	}
	var payload json.RawMessage
	if err := idt.Claims(&payload); err != nil {
		return nil, connector.ErrSocialIDTokenInvalid("the ID token's claims cannot be read")
	}
	claims, err := decodeObject(payload)
	if err != nil {
		return nil, connector.ErrSocialIDTokenInvalid("the ID token's claims are not a JSON object")
	}
	// With several audiences the token must name this client as the
	// authorized party (OpenID Connect Core §3.1.3.7 steps 4 and 5).
	if len(idt.Audience) > 1 && !sameString(claims["azp"], c.cfg.ClientID) {
		return nil, connector.ErrSocialIDTokenInvalid("the ID token's authorized party is another client")
	}
	return claims, nil
}

// idTokenProblem names what go-oidc rejected, without quoting the token.
func idTokenProblem(err error) string {
	var expired *oidc.TokenExpiredError
	msg := err.Error()
	switch {
	case errors.As(err, &expired):
		return "the ID token has expired"
	case strings.Contains(msg, "audience"):
		return "the ID token is for another audience"
	case strings.Contains(msg, "different provider"):
		return "the ID token is from another issuer"
	case strings.Contains(msg, "signature"):
		return "the ID token's signature is not valid"
	default:
		return "the ID token is not valid"
	}
}

// lacksField reports whether a mapped profile field is missing from
// claims, which is when the userinfo endpoint is worth a request.
func (c *Connector) lacksField(claims map[string]any) bool {
	for _, f := range []string{c.mapping.Email, c.mapping.Name, c.mapping.Avatar, c.mapping.Phone} {
		if f != "-" && lookup(claims, f) == nil {
			return true
		}
	}
	return false
}

// userInfo fetches the profile with the access token.
func (c *Connector) userInfo(ctx context.Context, url string, tok *oauth2.Token) (map[string]any, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, connector.ErrInvalidConfig("the userinfo URL is not valid")
	}
	tok.SetAuthHeader(req)
	req.Header.Set("Accept", "application/json")
	resp, err := c.client.Do(req)
	if err != nil {
		return nil, connector.ErrGeneral("the userinfo endpoint could not be reached")
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxUserInfoBytes))
	if err != nil {
		return nil, connector.ErrGeneral("the userinfo answer could not be read")
	}
	switch {
	case resp.StatusCode == http.StatusUnauthorized:
		return nil, connector.ErrSocialAccessTokenInvalid("the userinfo endpoint refused the access token")
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return nil, connector.ErrGeneral(fmt.Sprintf("the userinfo endpoint answered HTTP %d", resp.StatusCode))
	}
	info, err := decodeObject(body)
	if err != nil {
		return nil, connector.ErrInvalidResponse("the userinfo answer is not a JSON object")
	}
	return info, nil
}

// callbackError maps an error the provider sent to the redirect URI
// (RFC 6749 §4.1.2.1), as Logto's GitHub connector does: a user who said
// no is an authorization failure, anything else a general error.
func callbackError(code, description any) error {
	c, _ := code.(string)
	d, _ := description.(string)
	if c == "access_denied" {
		return connector.ErrAuthorizationFailed(withDescription("the user denied the authorization", d))
	}
	return connector.ErrGeneral(withDescription("the provider answered "+clip(c, 64), d))
}

// tokenError maps a failed token request. refresh tells a refresh from a
// code exchange: a rejected grant is the user's code at exchange (401, as
// Logto's Google and GitHub connectors answer a code that yields no token)
// but a general failure at refresh (Logto's refresh answers general).
func tokenError(err error, refresh bool) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		// GitHub answers a bad code with 200 and bad_verification_code.
		if !refresh && (re.ErrorCode == "invalid_grant" || re.ErrorCode == "bad_verification_code") {
			return connector.ErrSocialAuthCodeInvalid(withDescription("the provider rejected the authorization code ("+re.ErrorCode+")", re.ErrorDescription))
		}
		what := "the token endpoint answered "
		if re.ErrorCode != "" {
			return connector.ErrGeneral(withDescription(what+clip(re.ErrorCode, 64), re.ErrorDescription))
		}
		status := 0
		if re.Response != nil {
			status = re.Response.StatusCode
		}
		return connector.ErrGeneral(fmt.Sprintf("%sHTTP %d", what, status))
	}
	var ue interface{ Timeout() bool }
	if errors.As(err, &ue) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return connector.ErrGeneral("the token endpoint could not be reached")
	}
	// x/oauth2 reports a success without a token in words only.
	if strings.Contains(err.Error(), "missing access_token") {
		if refresh {
			return connector.ErrInvalidResponse("the token response has no access token")
		}
		return connector.ErrSocialAuthCodeInvalid("the token response has no access token")
	}
	return connector.ErrInvalidResponse("the token response could not be read")
}

// withDescription appends a provider's error description, clipped: it is
// the provider's text for people, never a credential.
func withDescription(msg, description string) string {
	if description == "" {
		return msg
	}
	return msg + ": " + clip(description, 200)
}

// clip shortens s to at most n bytes, on a rune boundary.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
