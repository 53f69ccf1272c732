package apidoc

import (
	"net/http"

	"github.com/myaccount-go/myaccount/account"
)

// The optional sign-in routes (httpadapter.SignInHandler).

func signInRoutes() []route {
	noPending := failing(http.StatusUnauthorized, account.CodeUnauthorized)
	codeBody := jsonBody(input(schema{"code": str("")}, "code"))
	const hook = " A SignInHooks error is answered as it is."
	return []route{
		{
			method: "POST", path: "/api/sign-in/password", id: "signInWithPassword", tag: tagSignIn,
			summary: "Check a password",
			about: "Checks the password of the user an identifier names. Failures count on the user found, in any spelling of the identifier " +
				"(for an identifier nobody holds, on its normalized form), and on the client: a client that fails too often is refused with 429 " +
				"and Retry-After before any account is locked. An unknown identifier costs the time of a wrong password and gets its answer." + hook,
			auth: signIn,
			body: jsonBody(input(schema{
				"identifier": input(schema{"type": enum("username", "email", "phone"), "value": with(str("As the user typed it."), "minLength", 1)}, "type", "value"),
				"password":   with(str(""), "minLength", 1),
			}, "identifier", "password")),
			status: http.StatusNoContent, okDesc: "The password is right; SignedIn was told (method \"password\").",
			fails: []fail{
				failing(http.StatusBadRequest, account.CodeVerificationBlocked),
				failing(http.StatusTooManyRequests, account.CodeVerificationBlocked),
				failing(http.StatusUnprocessableEntity, account.CodeInvalidCredentials),
				failing(http.StatusUnauthorized, account.CodeSuspended),
			},
		},
		{
			method: "POST", path: "/api/sign-in/totp", id: "signInWithTOTP", tag: tagSignIn,
			summary: "Check a TOTP code of the pending user",
			about:   "A code is accepted once: its time step must be newer than the last accepted one. Failures count under the user's lockout and the client's (429 with Retry-After)." + hook,
			auth:    signIn, body: codeBody,
			status: http.StatusNoContent, okDesc: "The code is right; SignedIn was told (method \"totp\").",
			fails: []fail{noPending, failing(http.StatusBadRequest, account.CodeVerificationBlocked, account.CodeInvalidTOTPCode), failing(http.StatusTooManyRequests, account.CodeVerificationBlocked)},
		},
		{
			method: "POST", path: "/api/sign-in/backup-code", id: "signInWithBackupCode", tag: tagSignIn,
			summary: "Use a backup code of the pending user",
			about:   "Each code works once, even under concurrency. Failures count under the user's lockout and the client's (429 with Retry-After)." + hook,
			auth:    signIn, body: codeBody,
			status: http.StatusNoContent, okDesc: "The code is used; SignedIn was told (method \"backupCode\").",
			fails: []fail{noPending, failing(http.StatusBadRequest, account.CodeVerificationBlocked, account.CodeInvalidBackupCode), failing(http.StatusTooManyRequests, account.CodeVerificationBlocked)},
		},
		{
			method: "POST", path: "/api/sign-in/webauthn/options", id: "beginWebAuthnSignIn", tag: tagSignIn,
			summary: "Start a passkey sign-in",
			about:   "Options for navigator.credentials.get: for the pending user's passkeys, or for any discoverable passkey (the passkey tells who)." + hook,
			auth:    signIn,
			body:    jsonBody(input(schema{"discoverable": boolean("true: no pending user needed.")})),
			status:  http.StatusOK, okDesc: "The ceremony and its options.", result: ref("WebAuthnSignIn"),
			fails: []fail{noPending, failing(http.StatusBadRequest, account.CodeWebAuthnVerificationFailed)},
		},
		{
			method: "POST", path: "/api/sign-in/webauthn/verify", id: "finishWebAuthnSignIn", tag: tagSignIn,
			summary: "Finish a passkey sign-in",
			about: "Checks the browser's assertion against the ceremony, used once; a sign counter that does not move forward is refused unless Config.MFA allows it. " +
				"With a pending user (SignInHooks.PendingUser) the passkey must be that user's, also for a discoverable ceremony; without one it is a passwordless sign-in." + hook,
			auth: signIn,
			body: jsonBody(input(schema{
				"ceremonyId": str("From .../webauthn/options."),
				"response":   schema{"description": "The browser's AuthenticationResponseJSON."},
			}, "ceremonyId", "response")),
			status: http.StatusNoContent, okDesc: "Signed in; SignedIn was told (method \"webauthn\").",
			fails: []fail{
				failing(http.StatusBadRequest, account.CodeRecordNotFound, account.CodePendingInfoNotFound, account.CodeWebAuthnVerificationFailed),
				failing(http.StatusUnauthorized, account.CodeSuspended),
			},
		},
	}
}

// The anonymous routes.
func wellKnownRoutes() []route {
	doc := func(path, id, summary string) route {
		return route{
			method: "GET", path: path, id: id, tag: tagWellKnown, summary: summary,
			about: "This document (OpenAPI 3.1).", auth: anonymous,
			status: http.StatusOK, okDesc: "The document.", result: with(freeObject(""), "required", []string{"openapi", "info", "paths"}),
		}
	}
	return []route{
		{
			method: "GET", path: "/api/.well-known/account-center", id: "getAccountCenterPublic", tag: tagWellKnown,
			summary: "Read the account-center settings anonymously",
			about:   "The settings an account page needs before sign-in.",
			auth:    anonymous, status: http.StatusOK, okDesc: "The settings.", result: ref("AccountCenter"),
		},
		{
			method: "GET", path: "/api/.well-known/sign-in-exp", id: "getSignInExperience", tag: tagWellKnown,
			summary: "Read the public sign-in experience",
			about: "What Logto's own Account Center reads before it starts: colours, logos, legal links and languages from the host's configuration " +
				"(Config.SignInExperience), and this server's own MFA factors, passkey sign-in, password and username policies, code and lockout " +
				"settings and social connectors. Answered with an ETag; If-None-Match gives 304.",
			auth: anonymous, status: http.StatusOK, okDesc: "The sign-in experience.", result: ref("SignInExperience"),
		},
		{
			method: "GET", path: "/.well-known/webauthn", id: "getWebAuthnRelatedOrigins", tag: tagWellKnown,
			summary: "The WebAuthn related origins",
			about: "The origins allowed to use this site's passkeys (WebAuthn Related Origin Requests), from the account center's webauthnRelatedOrigins. " +
				"Mounted by the app at the site root: httpadapter.WellKnownWebAuthn.",
			auth: anonymous, status: http.StatusOK, okDesc: "The origins.",
			result: object(schema{"origins": array(str(""))}, "origins"),
		},
		doc("/api/openapi.json", "getOpenAPI", "This API description"),
		doc("/api/swagger.json", "getOpenAPIAlias", "This API description (alias)"),
	}
}
