package apidoc

import (
	"net/http"

	"github.com/myaccount-go/myaccount/account"
)

// The Verification API. Its routes need only openid; the
// account-center switch gates them too.

func verificationRoutes() []route {
	recordID := func(about string) schema { return with(str(about), "minLength", 1) }
	const recordTTL = " Records expire ten minutes after they are made; the expiry never moves."
	return []route{
		{
			method: "POST", path: "/api/verifications/password", id: "verifyPassword", tag: tagVerification,
			summary: "Prove identity with the password",
			about: "Checks the caller's password under the lockout: failures count, and once they reach the limit every attempt, " +
				"a right one included, is refused until the lockout ends. A right password makes a verified password record that proves identity." + recordTTL,
			auth: bearer, firstParty: true,
			body:   jsonBody(input(schema{"password": with(str(""), "minLength", 1)}, "password")),
			status: http.StatusCreated, okDesc: "A verified password record.", result: ref("VerificationRecord"),
			fails: []fail{
				failing(http.StatusUnprocessableEntity, account.CodeInvalidCredentials),
				failing(http.StatusBadRequest, account.CodeVerificationBlocked),
			},
		},
		{
			method: "POST", path: "/api/verifications/verification-code", id: "sendVerificationCode", tag: tagVerification,
			summary: "Send a code to an email or phone",
			about: "Sends a 6-digit code and makes an unverified code record. A code to the caller's current address uses templateType " +
				"(UserPermissionValidation by default) and, once verified, proves identity; a code to a new address uses BindNewIdentifier, " +
				"passes the email blocklist, and proves the address for POST primary-email or primary-phone. At most 10 sends per recipient per 10 minutes. " +
				"The app's email or SMS sender may answer its own error." + recordTTL,
			auth: bearer, firstParty: true,
			body: jsonBody(input(schema{
				"identifier":   ref("Identifier"),
				"templateType": enum("BindMfa", "UserPermissionValidation"),
			}, "identifier")),
			status: http.StatusCreated, okDesc: "The code is sent; the record waits for it.", result: ref("VerificationRecord"),
			fails: fails(emailPolicyFails, []fail{
				failing(http.StatusTooManyRequests, account.CodeMessageRateLimited),
				failing(http.StatusNotImplemented, account.CodeConnectorNotFound),
				failing(http.StatusBadRequest, account.CodeConnectorGeneral),
			}),
		},
		{
			method: "POST", path: "/api/verifications/verification-code/verify", id: "verifyVerificationCode", tag: tagVerification,
			summary: "Verify a code",
			about:   "Checks the code of the caller's code record under the lockout, consumes it and marks the record verified.",
			auth:    bearer, firstParty: true,
			body: jsonBody(input(schema{
				"identifier":     ref("Identifier"),
				"verificationId": recordID("The record POST verification-code made."),
				"code":           with(str(""), "minLength", 1),
			}, "identifier", "verificationId", "code")),
			status: http.StatusOK, okDesc: "The record is verified.", result: ref("VerifiedRecord"),
			fails: []fail{failing(http.StatusBadRequest, account.CodeRecordNotFound, account.CodeVerificationBlocked, account.CodeCodeNotFound,
				account.CodeCodeEmailMismatch, account.CodeCodePhoneMismatch, account.CodeCodeExpired, account.CodeCodeExceedMaxTry, account.CodeCodeMismatch)},
		},
		{
			method: "POST", path: "/api/verifications/social", id: "startSocialVerification", tag: tagVerification,
			summary: "Start a social verification",
			about:   "Asks the social connector for the provider's authorization URI and keeps its session in a new record. No first-party guard, as in the original.",
			auth:    bearer,
			body: jsonBody(input(schema{
				"connectorId": with(str("A social connector's id."), "minLength", 1),
				"state":       with(str(""), "minLength", 1),
				"redirectUri": with(str(""), "minLength", 1),
				"scope":       str("Extra provider scopes."),
			}, "connectorId", "state", "redirectUri")),
			status: http.StatusCreated, okDesc: "The record and where to send the user.", result: ref("SocialAuthorization"),
			fails: fails([]fail{
				failing(http.StatusBadRequest, account.CodeInsufficientInfo, account.CodeConnectorUnexpectedType),
				failing(http.StatusUnprocessableEntity, account.CodeInvalidConnectorID),
			}, connectorFails),
		},
		{
			method: "POST", path: "/api/verifications/social/verify", id: "verifySocial", tag: tagVerification,
			summary: "Finish a social verification",
			about:   "The connector checks the provider's callback data against the record's session, used once. No first-party guard.",
			auth:    bearer,
			body: jsonBody(input(schema{
				"verificationRecordId": recordID("The record POST /api/verifications/social made."),
				"connectorData":        freeObject("The provider's callback data, as the connector reads it."),
			}, "verificationRecordId", "connectorData")),
			status: http.StatusOK, okDesc: "The record holds the provider's user.", result: ref("VerifiedRecord"),
			fails: fails([]fail{
				failing(http.StatusBadRequest, account.CodeRecordNotFound, account.CodeConnectorUnexpectedType),
				failing(http.StatusUnprocessableEntity, account.CodeInvalidConnectorID),
			}, connectorFails),
		},
		{
			method: "POST", path: "/api/verifications/web-authn/registration", id: "startWebAuthnRegistration", tag: tagVerification,
			summary: "Start a passkey registration",
			about:   "Options for navigator.credentials.create, with the request's host name as relying party, and a record keeping the ceremony. The body is not read.",
			auth:    bearer, firstParty: true,
			status: http.StatusOK, okDesc: "The record and the options.", result: ref("WebAuthnRegistration"),
			fails: []fail{failing(http.StatusBadRequest, account.CodeWebAuthnVerificationFailed)},
		},
		{
			method: "POST", path: "/api/verifications/web-authn/registration/verify", id: "verifyWebAuthnRegistration", tag: tagVerification,
			summary: "Finish a passkey registration",
			about: "Checks the browser's attestation against the record's ceremony, used once; accepted origins are the request's own and the account center's " +
				"webauthnRelatedOrigins. The verified record is then bound with POST /api/my-account/mfa-verifications.",
			auth: bearer, firstParty: true,
			body: jsonBody(input(schema{
				"verificationRecordId": recordID(""),
				"payload":              freeObject("The browser's RegistrationResponseJSON."),
			}, "verificationRecordId", "payload")),
			status: http.StatusOK, okDesc: "The record is verified.", result: ref("VerifiedRecord"),
			fails: []fail{failing(http.StatusBadRequest, account.CodeRecordNotFound, account.CodePendingInfoNotFound, account.CodeWebAuthnVerificationFailed)},
		},
	}
}

// The account-center settings of the administrator.
func centerRoutes() []route {
	return []route{
		{
			method: "GET", path: "/api/account-center", id: "getAccountCenter", tag: tagCenter,
			summary: "Read the account-center settings",
			auth:    admin, status: http.StatusOK, okDesc: "The settings.", result: ref("AccountCenter"),
		},
		{
			method: "PATCH", path: "/api/account-center", id: "updateAccountCenter", tag: tagCenter,
			summary: "Change the account-center settings",
			about: "Absent keys are left unchanged; fields replaces the whole map (unknown field names are dropped); webauthnRelatedOrigins is de-duplicated; " +
				"deleteAccountUrl \"\" is stored as null.",
			auth: admin,
			body: jsonBody(input(schema{
				"enabled":                boolean(""),
				"fields":                 schema{"type": "object", "additionalProperties": enum("Off", "ReadOnly", "Edit")},
				"webauthnRelatedOrigins": with(array(with(with(str("An absolute URL."), "format", "uri"), "maxLength", 2048)), "maxItems", 50),
				"deleteAccountUrl":       with(nullable("string", "An http(s) URL, or \"\" to clear."), "maxLength", 2048),
				"customCss":              nullable("string", "At most 64 KiB."),
				"profileFields": with(schema{"type": []string{"array", "null"}, "maxItems": 100,
					"items": input(schema{"name": with(str(""), "minLength", 1)}, "name")}, "description", "Names must be unique (else 400 request.invalid_input)."),
			})),
			status: http.StatusOK, okDesc: "The settings after the change.", result: ref("AccountCenter"),
			fails: []fail{failing(http.StatusBadRequest, account.CodeRequestInvalidInput)},
		},
	}
}
