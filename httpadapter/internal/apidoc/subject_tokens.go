package apidoc

import (
	"net/http"

	"github.com/myaccount-go/myaccount/account"
)

// Impersonation: the subject tokens of the Management API (Logto's POST
// /api/subject-tokens), mounted by the AdminHandler. The routes an
// impersonated session may not use answer 403 auth.forbidden, which every
// bearer route lists already.

func subjectTokenRoutes() []route {
	return []route{
		{
			method: "POST", path: "/api/subject-tokens", id: "createSubjectToken", tag: tagUsers,
			summary: "Make a subject token to impersonate a user",
			about: "A token for the user, usable once, within expiresIn seconds, at the host's token exchange (RFC 8693, " +
				"httpadapter.TokenExchange with subject_token_type urn:ietf:params:oauth:token-type:access_token) for an access token " +
				"that acts as the user. The store keeps only a digest of it, with the administrator's client and the context. " +
				"An impersonated session may read the account and change its profile, but not its password, identifiers, " +
				"social identities, MFA factors, sessions, verification records or the account itself (403 auth.forbidden).",
			auth: admin,
			body: jsonBody(input(schema{
				"userId":  with(str("The user to impersonate."), "minLength", 1),
				"context": freeObject("The administrator's own note kept with the token: a ticket, a reason."),
			}, "userId")),
			status: http.StatusCreated, okDesc: "The subject token.",
			result: object(schema{
				"subjectToken": str("The token, starting with sub_. Shown this once."),
				"expiresIn":    integer("Seconds it can be exchanged for: 600."),
			}, "subjectToken", "expiresIn"),
			fails: []fail{failing(http.StatusNotFound, account.CodeEntityNotFound)},
		},
	}
}

// tokenExchangeRoutes is the token exchange (httpadapter.TokenExchange), at
// the path the example server mounts it on, Logto's token endpoint.
func tokenExchangeRoutes() []route {
	return []route{
		{
			method: "POST", path: "/oidc/token", id: "exchangeSubjectToken", tag: tagUsers,
			summary: "Trade a subject token for an access token (RFC 8693)",
			about: "httpadapter.TokenExchange: the host mounts it where it likes (the example server: here, Logto's token endpoint). " +
				"It authenticates no client: the subject token, used once, is the credential. The access token it issues (imp_...) acts " +
				"as the user for an hour with the Account API's default scopes, is accepted by httpadapter.WithAccessTokens, and is " +
				"marked impersonated: such a session may read the account and change its profile only.",
			auth: anonymous,
			body: &body{mediaType: "application/x-www-form-urlencoded", required: true, schema: input(schema{
				"grant_type":         enum("urn:ietf:params:oauth:grant-type:token-exchange"),
				"subject_token":      str("The sub_ token from POST /api/subject-tokens."),
				"subject_token_type": enum("urn:ietf:params:oauth:token-type:access_token", "urn:logto:token-type:impersonation_token"),
			}, "grant_type", "subject_token", "subject_token_type")},
			status: http.StatusOK, okDesc: "The access token.",
			result: object(schema{
				"access_token":      str("The imp_ access token."),
				"issued_token_type": str("urn:ietf:params:oauth:token-type:access_token"),
				"token_type":        enum("Bearer"),
				"expires_in":        integer("Seconds the access token lasts."),
			}, "access_token", "issued_token_type", "token_type", "expires_in"),
			oauth: true,
		},
	}
}
