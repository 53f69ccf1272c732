// Package httpadapter is the net/http face of the library: net/http handlers
// for the Account API, authenticators and error rendering.
//
// Handler serves Logto's routes under /api on any mux. Each request is
// first turned into a myaccount.Principal by an Authenticator: Bearer with a
// TokenVerifier (JWTVerifier for JWT access tokens of any OIDC provider,
// IntrospectionVerifier for opaque tokens) or, for an app with its own
// sessions, an AuthenticatorFunc. Errors are answered as Logto's
// {code, message, data} body, the message localized from Accept-Language.
package httpadapter
