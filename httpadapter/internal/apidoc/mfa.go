package apidoc

import (
	"net/http"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// The Account API's MFA routes.

func mfaRoutes() []route {
	identities := []string{myaccount.ScopeIdentities}
	const scope401 = "A missing scope is 401."
	return []route{
		{
			method: "GET", path: "/api/my-account/mfa-verifications", id: "listMFAVerifications", tag: tagMFA,
			summary: "List MFA factors",
			about:   "The caller's factors in the order they were added. The mfa field must be readable; it is checked before the scope.",
			auth:    bearer, scopes: identities, scopeNote: scope401,
			status: http.StatusOK, okDesc: "The factors.", result: array(ref("MFAVerification")),
			fails: []fail{failing(http.StatusBadRequest, account.CodeFieldNotEnabled), failing(http.StatusUnauthorized, account.CodeUnauthorized)},
		},
		{
			method: "POST", path: "/api/my-account/mfa-verifications", id: "addMFAVerification", tag: tagMFA,
			summary: "Bind an MFA factor",
			about: "Binds an authenticator app (Totp: a secret from totp-secret/generate, and optionally a code that must match it), " +
				"a backup-code set (BackupCode: exactly ten codes from backup-codes/generate; not the only factor, and not while another set has codes left), " +
				"or a verified passkey (WebAuthn: a record from /api/verifications/web-authn/registration/verify). " +
				"The factor must be enabled in Config.MFA (WebAuthn also with passkey sign-in). Field: passkey (falling back to mfa) for WebAuthn, mfa otherwise; it must be Edit.",
			auth: bearer, scopes: identities, scopeNote: scope401, vh: vhRequired, firstParty: true,
			body: jsonBody(schema{"oneOf": []any{
				input(schema{
					"type":   enum("Totp"),
					"secret": str("Base32, 16 to 32 characters A-Z2-7 (padded groups of 8)."),
					"code":   nullable("string", "A current code of the secret; absent, null or empty skips the check."),
				}, "type", "secret"),
				input(schema{
					"type":  enum("BackupCode"),
					"codes": with(array(str("")), "maxItems", 100),
				}, "type", "codes"),
				input(schema{
					"type":                              enum("WebAuthn"),
					"newIdentifierVerificationRecordId": str("A verified WebAuthn registration record of the caller, made since the last password change. Used up by this call."),
					"name":                              with(nullable("string", "The passkey's name."), "maxLength", 256),
				}, "type", "newIdentifierVerificationRecordId"),
			}}),
			status: http.StatusNoContent, okDesc: "Bound.",
			fails: []fail{
				failing(http.StatusBadRequest, account.CodeFieldNotEditable),
				failing(http.StatusUnauthorized, account.CodeUnauthorized),
				failing(http.StatusBadRequest, account.CodeMFAFactorNotEnabled, account.CodeTOTPSecretInvalid, account.CodeInvalidTOTPCode,
					account.CodeRecordNotFound, account.CodePendingInfoNotFound),
				failing(http.StatusUnprocessableEntity, account.CodeTOTPAlreadyInUse, account.CodeBackupCodeAlreadyInUse,
					account.CodeBackupCodeCanNotBeAlone, account.CodeWrongBackupCodeFormat),
			},
		},
		{
			method: "PUT", path: "/api/my-account/mfa-verifications/totp", id: "replaceTOTP", tag: tagMFA,
			summary: "Bind or replace the authenticator app",
			about: "Binds a new TOTP secret once a code of it matches, replacing the old one in place. " +
				"A concurrent replacement that changed the factor first answers 409. Needs the mfa field Edit and TOTP enabled.",
			auth: bearer, scopes: identities, scopeNote: scope401, vh: vhRequired, firstParty: true,
			body:   jsonBody(input(schema{"secret": str(""), "code": str("A current code of the new secret.")}, "secret", "code")),
			status: http.StatusNoContent, okDesc: "Bound.",
			fails: []fail{
				failing(http.StatusBadRequest, account.CodeFieldNotEditable),
				failing(http.StatusUnauthorized, account.CodeUnauthorized),
				failing(http.StatusBadRequest, account.CodeMFAFactorNotEnabled, account.CodeTOTPSecretInvalid, account.CodeInvalidTOTPCode),
				failing(http.StatusConflict, account.CodeTOTPAlreadyInUse),
			},
		},
		{
			method: "POST", path: "/api/my-account/mfa-verifications/totp-secret/generate", id: "generateTOTPSecret", tag: tagMFA,
			summary: "Make a TOTP secret",
			about:   "A new secret with its otpauth URI and QR code. Nothing is stored: bind it with POST mfa-verifications.",
			auth:    bearer,
			status:  http.StatusOK, okDesc: "The secret.", result: ref("TOTPSecret"),
		},
		{
			method: "POST", path: "/api/my-account/mfa-verifications/backup-codes/generate", id: "generateBackupCodes", tag: tagMFA,
			summary: "Make backup codes",
			about:   "Ten new codes. Nothing is stored: bind them with POST mfa-verifications.",
			auth:    bearer,
			status:  http.StatusOK, okDesc: "The codes.", result: ref("BackupCodes"),
		},
		{
			method: "GET", path: "/api/my-account/mfa-verifications/backup-codes", id: "getBackupCodes", tag: tagMFA,
			summary: "Show the bound backup codes",
			about:   "The codes of the bound set with their use times. No field gate.",
			auth:    bearer, scopes: identities, scopeNote: scope401, vh: vhRequired,
			status: http.StatusOK, okDesc: "The codes.", result: ref("BoundBackupCodes"),
			fails: []fail{
				failing(http.StatusUnauthorized, account.CodeUnauthorized),
				failing(http.StatusNotFound, account.CodeRecordNotFound),
			},
		},
		{
			method: "PATCH", path: "/api/my-account/mfa-verifications/{verificationId}/name", id: "renameMFAVerification", tag: tagMFA,
			summary: "Rename a passkey",
			about:   "Names a WebAuthn factor; another factor type is not found. Answers the renamed entry. Field: passkey (falling back to mfa), Edit.",
			auth:    bearer, scopes: identities, scopeNote: scope401, vh: vhRequired, firstParty: true,
			body:   jsonBody(input(schema{"name": with(str(""), "maxLength", 256)}, "name")),
			status: http.StatusOK, okDesc: "The renamed factor.", result: ref("MFAVerification"),
			fails: []fail{
				failing(http.StatusBadRequest, account.CodeFieldNotEditable, account.CodeRecordNotFound),
				failing(http.StatusUnauthorized, account.CodeUnauthorized),
			},
		},
		{
			method: "DELETE", path: "/api/my-account/mfa-verifications/{verificationId}", id: "deleteMFAVerification", tag: tagMFA,
			summary: "Remove an MFA factor",
			about:   "The factor's type decides its field: passkey (falling back to mfa) for WebAuthn, mfa otherwise; it must be Edit.",
			auth:    bearer, scopes: identities, scopeNote: scope401, vh: vhRequired, firstParty: true,
			status: http.StatusNoContent, okDesc: "Removed.",
			fails: []fail{
				failing(http.StatusUnauthorized, account.CodeUnauthorized),
				failing(http.StatusBadRequest, account.CodeRecordNotFound, account.CodeFieldNotEditable),
			},
		},
		{
			method: "GET", path: "/api/my-account/mfa-settings", id: "getMFASettings", tag: tagMFA,
			summary: "Read the MFA settings",
			about:   "The scope is checked before the mfa field, which must be readable.",
			auth:    bearer, scopes: identities, scopeNote: scope401,
			status: http.StatusOK, okDesc: "The settings.", result: ref("MFASettings"),
			fails: []fail{failing(http.StatusUnauthorized, account.CodeUnauthorized), failing(http.StatusBadRequest, account.CodeFieldNotEnabled)},
		},
		{
			method: "PATCH", path: "/api/my-account/mfa-settings", id: "updateMFASettings", tag: tagMFA,
			summary: "Change the MFA settings",
			about:   "Needs the mfa field Edit.",
			auth:    bearer, scopes: identities, scopeNote: scope401, vh: vhRequired, firstParty: true,
			body:   jsonBody(input(schema{"skipMfaOnSignIn": boolean("")}, "skipMfaOnSignIn")),
			status: http.StatusOK, okDesc: "The settings after the change.", result: ref("MFASettings"),
			fails: []fail{failing(http.StatusUnauthorized, account.CodeUnauthorized), failing(http.StatusBadRequest, account.CodeFieldNotEditable)},
		},
		{
			method: "GET", path: "/api/my-account/logto-configs", id: "getLogtoConfigs", tag: tagMFA,
			summary: "Read the MFA and passkey sign-in state",
			about:   "The scope is checked first; the passkey field (falling back to mfa) must be readable.",
			auth:    bearer, scopes: identities, scopeNote: scope401,
			status: http.StatusOK, okDesc: "The state.", result: ref("LogtoConfig"),
			fails: []fail{failing(http.StatusUnauthorized, account.CodeUnauthorized), failing(http.StatusBadRequest, account.CodeFieldNotEnabled)},
		},
		{
			method: "PATCH", path: "/api/my-account/logto-configs", id: "updateLogtoConfigs", tag: tagMFA,
			summary: "Change the MFA and passkey sign-in state",
			about:   "Only the keys sent are changed. Needs the passkey field (falling back to mfa) Edit.",
			auth:    bearer, scopes: identities, scopeNote: scope401, vh: vhRequired, firstParty: true,
			body: jsonBody(input(schema{
				"mfa": input(schema{
					"enabled":                            nullable("boolean", ""),
					"skipped":                            nullable("boolean", ""),
					"additionalBindingSuggestionSkipped": nullable("boolean", ""),
					"skipMfaOnSignIn":                    nullable("boolean", ""),
				}),
				"passkeySignIn": input(schema{"skipped": nullable("boolean", "")}),
			})),
			status: http.StatusOK, okDesc: "The state after the change.", result: ref("LogtoConfig"),
			fails: []fail{failing(http.StatusUnauthorized, account.CodeUnauthorized), failing(http.StatusBadRequest, account.CodeFieldNotEditable)},
		},
	}
}

// The sessions and grants routes: mounted only with a
// session provider.
func sessionRoutes() []route {
	sessions := []string{myaccount.ScopeSessions}
	const noProvider = "the app configured no session provider (Config.Sessions)"
	const scope401 = "A missing scope is 401."
	return []route{
		{
			method: "GET", path: "/api/my-account/sessions", id: "listSessions", tag: tagSessions,
			summary: "List sign-in sessions",
			about:   "The caller's unexpired sessions; the one the calling token was issued in is isCurrent. The session field must be readable.",
			auth:    bearer, scopes: sessions, scopeNote: scope401, vh: vhRequired,
			status: http.StatusOK, okDesc: "The sessions.", result: ref("Sessions"),
			fails:     []fail{failing(http.StatusBadRequest, account.CodeFieldNotEnabled), failing(http.StatusUnauthorized, account.CodeUnauthorized)},
			unmounted: noProvider,
		},
		{
			method: "DELETE", path: "/api/my-account/sessions/{sessionId}", id: "revokeSession", tag: tagSessions,
			summary: "End a sign-in session",
			about:   "Ends the session (the caller's own included), first revoking the grants it authorized when revokeGrantsTarget says so. Needs the session field Edit.",
			auth:    bearer, scopes: sessions, scopeNote: scope401, vh: vhRequired, firstParty: true,
			params: []param{{name: "revokeGrantsTarget", description: "Also revoke the grants the session authorized: of every application (all) or of first-party ones (firstParty). Absent: none.",
				schema: enum("all", "firstParty")}},
			status: http.StatusNoContent, okDesc: "Ended.",
			fails: []fail{
				failing(http.StatusBadRequest, account.CodeGuardInvalidInput, account.CodeFieldNotEditable),
				failing(http.StatusUnauthorized, account.CodeUnauthorized),
				failing(http.StatusNotFound, account.CodeSessionNotFound, account.CodeInvalidSessionAccountID),
			},
			unmounted: noProvider,
		},
		{
			method: "GET", path: "/api/my-account/grants", id: "listGrants", tag: tagSessions,
			summary: "List application grants",
			about:   "The caller's active grants. The session field must be readable.",
			auth:    bearer, scopes: sessions, scopeNote: scope401, vh: vhRequired,
			params: []param{{name: "appType", description: "Keep the grants of first-party or third-party applications only. Absent: all.",
				schema: enum("firstParty", "thirdParty")}},
			status: http.StatusOK, okDesc: "The grants.", result: ref("Grants"),
			fails: []fail{
				failing(http.StatusBadRequest, account.CodeGuardInvalidInput, account.CodeFieldNotEnabled),
				failing(http.StatusUnauthorized, account.CodeUnauthorized),
			},
			unmounted: noProvider,
		},
		{
			method: "DELETE", path: "/api/my-account/grants/{grantId}", id: "revokeGrant", tag: tagSessions,
			summary: "Revoke an application grant",
			about:   "Revokes the grant with every token issued under it, so the application's refresh token stops working. Needs the session field Edit.",
			auth:    bearer, scopes: sessions, scopeNote: scope401, vh: vhRequired, firstParty: true,
			status: http.StatusNoContent, okDesc: "Revoked.",
			fails: []fail{
				failing(http.StatusBadRequest, account.CodeGuardInvalidInput, account.CodeFieldNotEditable),
				failing(http.StatusUnauthorized, account.CodeUnauthorized),
				failing(http.StatusNotFound, account.CodeInvalidGrant),
			},
			unmounted: noProvider,
		},
	}
}
