package httpadapter

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// Authenticator turns a request into the caller: who they are, which scopes
// they hold, and whether their application is first-party. An error that is
// an *account.Error is answered with its status and code; any
// other error is answered 500.
type Authenticator interface {
	Authenticate(r *http.Request) (myaccount.Principal, error)
}

// AuthenticatorFunc adapts a function to Authenticator: the way in for an
// app that already has its own sessions (a cookie, a session store). Return
// account errors for callers who are not signed in, e.g.
// account.NewError(401, account.CodeUnauthorized); grant at least the
// openid scope and the scopes of the routes the app wants to allow.
//
// An app that authenticates by cookie must also pass WithCSRFProtection
// (and WithCORSOrigins) to the handler: the browser attaches the cookie to
// requests that pages of other sites make, and by default the handler
// answers CORS for any origin (Logto's behaviour, safe only for bearer
// tokens). Without the guard, a page of any site could send codes, change
// the profile or remove factors in the name of a signed-in visitor.
type AuthenticatorFunc func(r *http.Request) (myaccount.Principal, error)

// Authenticate calls f(r).
func (f AuthenticatorFunc) Authenticate(r *http.Request) (myaccount.Principal, error) {
	return f(r)
}

// TokenVerifier checks a bearer access token and tells whose it is. An
// error that is an *account.Error reaches the client as is (say, 503 when
// the provider cannot be reached); any other error means the token is not
// valid and is answered 401 auth.unauthorized. Implementations must not log
// the token: it is a credential.
type TokenVerifier interface {
	VerifyToken(ctx context.Context, token string) (myaccount.Principal, error)
}

// TokenVerifierFunc adapts a function to TokenVerifier.
type TokenVerifierFunc func(ctx context.Context, token string) (myaccount.Principal, error)

// VerifyToken calls f(ctx, token).
func (f TokenVerifierFunc) VerifyToken(ctx context.Context, token string) (myaccount.Principal, error) {
	return f(ctx, token)
}

// The errors, in its order. They are shared: nobody may
// change them, their data included.
var (
	errAuthHeaderMissing = account.NewError(http.StatusUnauthorized, account.CodeAuthorizationHeaderMissing)
	errAuthTokenType     = account.NewError(http.StatusUnauthorized, account.CodeAuthorizationTokenTypeNotSupported).WithData(supportedTokenTypes)
	errAuthUnauthorized  = account.NewError(http.StatusUnauthorized, account.CodeUnauthorized)
	errAuthNoOpenID      = account.NewError(http.StatusForbidden, account.CodeForbidden)

	supportedTokenTypes = map[string]any{"supportedTypes": []string{"Bearer"}}
)

// Bearer is the Authenticator: it reads the access token from
// "Authorization: Bearer <token>", has v check it, and then requires a
// subject and the openid scope. The checks run in Logto's order:
//
//	no Authorization header          401 auth.authorization_header_missing
//	a scheme other than Bearer       401 auth.authorization_token_type_not_supported
//	v rejects the token              401 auth.unauthorized (v's *account.Error as is)
//	no subject (e.g. client grant)   401 auth.unauthorized
//	scopes without openid            403 auth.forbidden
//
// The scheme is matched without regard to case (RFC 7235 §2.1), so "bearer"
// is accepted where Logto would answer token_type_not_supported.
func Bearer(v TokenVerifier) Authenticator {
	return AuthenticatorFunc(func(r *http.Request) (myaccount.Principal, error) {
		h := strings.TrimSpace(r.Header.Get("Authorization"))
		if h == "" {
			return myaccount.Principal{}, errAuthHeaderMissing
		}
		scheme, token, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") {
			return myaccount.Principal{}, errAuthTokenType
		}
		token = strings.TrimSpace(token)
		if token == "" {
			return myaccount.Principal{}, errAuthUnauthorized
		}
		p, err := v.VerifyToken(r.Context(), token)
		if err != nil {
			var apiErr *account.Error
			switch {
			case errors.As(err, &apiErr):
				return myaccount.Principal{}, apiErr
			case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
				// The client went away; the error renderer answers nobody.
				return myaccount.Principal{}, err
			}
			return myaccount.Principal{}, errAuthUnauthorized
		}
		if p.UserID == "" {
			return myaccount.Principal{}, errAuthUnauthorized
		}
		if !p.HasScope(myaccount.ScopeOpenID) {
			return myaccount.Principal{}, errAuthNoOpenID
		}
		return p, nil
	})
}

// firstPartyCheck decides whether a client id names a first-party
// application, from a verifier's FirstParty func or FirstPartyClients list.
// With neither, every client is first-party: the common deployment is one
// app (the host's own) behind one provider, and asking it to list its own
// client id would only add a way to misconfigure it. A deployment whose
// provider also serves third-party apps sets one of the two; then a token
// without a client id counts as third-party (fail closed, as Principal asks).
func firstPartyCheck(fn func(clientID string) bool, clients []string) func(string) bool {
	switch {
	case fn != nil:
		return fn
	case len(clients) > 0:
		clients = slices.Clone(clients)
		return func(id string) bool { return id != "" && slices.Contains(clients, id) }
	default:
		return func(string) bool { return true }
	}
}

// parseScopes reads a scope claim: a space-separated string (RFC 6749 §3.3,
// RFC 9068) or a JSON array of strings (as some providers send "scp").
// Absent means no scopes.
func parseScopes(v any) ([]string, error) {
	switch s := v.(type) {
	case nil:
		return nil, nil
	case string:
		return strings.Fields(s), nil
	case []string:
		return slices.Clone(s), nil
	case []any:
		scopes := make([]string, 0, len(s))
		for _, e := range s {
			str, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("scope claim holds a %T", e)
			}
			scopes = append(scopes, str)
		}
		return scopes, nil
	}
	return nil, fmt.Errorf("scope claim is a %T", v)
}
