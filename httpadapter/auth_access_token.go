package httpadapter

import (
	"context"
	"strings"

	"github.com/myaccount-go/myaccount"
)

// WithAccessTokens is a TokenVerifier that checks personal access tokens
// (those starting with myaccount.AccessTokenPrefix, made with
// Admin.NewPersonalAccessToken) itself and hands every other token to next,
// the app's verifier. With Bearer it lets scripts act for a user:
//
//	auth := httpadapter.Bearer(httpadapter.WithAccessTokens(svc, jwtVerifier))
//
// next may be nil, to accept personal access tokens only. A request made
// with a personal access token holds the token's scopes and counts as
// first-party; an unknown, deleted or expired one is 401 auth.unauthorized.
// It checks the access tokens of TokenExchange (myaccount.ImpersonationTokenPrefix)
// the same way: their principal is Impersonated.
func WithAccessTokens(svc *myaccount.Service, next TokenVerifier) TokenVerifier {
	return TokenVerifierFunc(func(ctx context.Context, token string) (myaccount.Principal, error) {
		if strings.HasPrefix(token, myaccount.ImpersonationTokenPrefix) {
			return svc.AuthenticateImpersonationToken(ctx, token)
		}
		if strings.HasPrefix(token, myaccount.AccessTokenPrefix) || next == nil {
			return svc.AuthenticatePersonalAccessToken(ctx, token)
		}
		return next.VerifyToken(ctx, token)
	})
}
