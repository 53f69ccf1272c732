package myaccount

import (
	"context"

	"github.com/myaccount-go/myaccount/connector"
)

// AuthorizationURIInput is the body of POST
// /api/connectors/:connectorId/authorization-uri.
type AuthorizationURIInput struct {
	// State is a random string the caller makes and keeps: the provider
	// sends it back with the callback, and the caller must check it is the
	// one it made before it posts the callback data to POST
	// /api/users/:userId/identities. Nothing here keeps or checks it.
	State string `json:"state"`
	// RedirectURI is where the provider sends the browser back to.
	RedirectURI string `json:"redirectUri"`
}

// AuthorizationURIView answers POST
// /api/connectors/:connectorId/authorization-uri.
type AuthorizationURIView struct {
	RedirectTo string `json:"redirectTo"`
}

// ConnectorAuthorizationURI answers POST
// /api/connectors/:connectorId/authorization-uri (Logto's Management API):
// the provider URL to send the browser to, from the social connector, for
// a flow that POST /api/users/:userId/identities finishes. No session is
// kept: the caller keeps the state and checks it when the provider sends
// the browser back (a CSRF check this route cannot make for it). In order:
// 400 session.insufficient_info without a state or a redirect URI, 404
// entity.not_found for an unknown connector, 400 connector.unexpected_type
// for one that is not social, 501 connector.not_implemented for a social
// connector that is not connector.Sessionless, then the connector's own
// errors.
func (s *Admin) ConnectorAuthorizationURI(ctx context.Context, connectorID string, in AuthorizationURIInput) (*AuthorizationURIView, error) {
	if !validText(connectorID, in.State, in.RedirectURI) {
		return nil, ErrInvalidInput
	}
	if in.State == "" || in.RedirectURI == "" {
		return nil, ErrInsufficientInfo
	}
	c := s.connectorByID(connectorID)
	if c == nil {
		return nil, ErrConnectorNotFound
	}
	social, ok := c.(connector.Social)
	if !ok || c.Kind() != connector.KindSocial {
		return nil, ErrUnexpectedType
	}
	direct, ok := social.(connector.Sessionless)
	if !ok {
		return nil, ErrSessionlessUnsupported
	}
	uri, err := direct.SessionlessAuthorizationURI(ctx, connector.AuthorizationRequest{State: in.State, RedirectURI: in.RedirectURI})
	if err != nil {
		return nil, connectorError(err)
	}
	return &AuthorizationURIView{RedirectTo: uri}, nil
}
