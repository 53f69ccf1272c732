package oauth

import (
	"context"

	"golang.org/x/oauth2"

	"github.com/myaccount-go/myaccount/connector"
)

// Refresh exchanges ts.RefreshToken for a new token set through the
// x/oauth2 token source. A response without a refresh token keeps the old
// one (Google issues it once), without a scope keeps the old scope
// (RFC 6749 §5.1), without an ID token keeps the old one. A rejected
// refresh is 400 connector.general, as in Logto's connectors; the new ID
// token, if any, is stored as given: it does not establish an identity.
func (c *Connector) Refresh(ctx context.Context, ts *connector.TokenSet) (*connector.TokenSet, error) {
	if ts == nil || ts.RefreshToken == "" {
		return nil, connector.ErrGeneral("there is no refresh token to refresh with")
	}
	d, err := c.endpoints(ctx)
	if err != nil {
		return nil, err
	}
	// No access token makes the source refresh at once.
	src := c.oauth2Config(d, "", nil).TokenSource(c.httpContext(ctx), &oauth2.Token{RefreshToken: ts.RefreshToken})
	tok, err := src.Token()
	if err != nil {
		return nil, tokenError(err, true)
	}
	fresh := c.tokenSet(tok, ts.Scope)
	if fresh.RefreshToken == "" {
		fresh.RefreshToken = ts.RefreshToken
	}
	if id, ok := tok.Extra("id_token").(string); ok && id != "" {
		fresh.IDToken = id
	} else {
		fresh.IDToken = ts.IDToken
	}
	return fresh, nil
}
