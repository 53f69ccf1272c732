package apidoc

import (
	"net/http"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// The Account API's profile, identifier, identity and avatar routes, and the account deletion this library adds.

var (
	// usernameRules are the username-policy codes a username of the body
	// guard's shape can still break (the shape rules out
	// required, starts_with_number and invalid_charset_hard).
	usernameRules = []account.Code{
		account.UsernameViolationCode(account.UsernameTooShort),
		account.UsernameViolationCode(account.UsernameTooLong),
		account.UsernameViolationCode(account.UsernameUppercaseNotAllowed),
		account.UsernameViolationCode(account.UsernameLowercaseNotAllowed),
		account.UsernameViolationCode(account.UsernameNumbersNotAllowed),
		account.UsernameViolationCode(account.UsernameUnderscoreNotAllowed),
	}
	// connectorFails are the codes a connector answers with (Logto's
	// connector error handler); a connector may also return its own
	// *account.Error, which is answered as it is.
	connectorFails = []fail{
		failing(http.StatusBadRequest, account.CodeConnectorGeneral, account.CodeConnectorInvalidResponse, account.CodeConnectorInvalidRequestParameters,
			account.CodeConnectorInsufficientRequestParameters, account.CodeConnectorInvalidConfig),
		failing(http.StatusUnauthorized, account.CodeConnectorAuthorizationFailed, account.CodeConnectorSocialAuthCodeInvalid,
			account.CodeConnectorSocialAccessTokenInvalid, account.CodeConnectorSocialIDTokenInvalid),
		failing(http.StatusTooManyRequests, account.CodeConnectorRateLimitExceeded),
		failing(http.StatusNotImplemented, account.CodeConnectorNotImplemented),
	}
	// emailPolicyFails are the email blocklist's answers.
	emailPolicyFails = []fail{
		failing(http.StatusBadRequest, account.CodeInvalidEmail),
		failing(http.StatusUnprocessableEntity, account.CodeEmailSubaddressingNotAllowed, account.CodeEmailNotAllowed),
		failing(http.StatusInternalServerError, account.CodeDisposableEmailValidationFailed),
	}
)

func fails(groups ...[]fail) []fail {
	var out []fail
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

// jsonBody is a JSON object body. The handlers read an empty body as {}:
// the body is required only when {} would not do.
func jsonBody(s schema) *body {
	_, keys := s["required"]
	_, union := s["oneOf"]
	b := &body{schema: s, required: keys || union}
	if !b.required {
		b.description = "An empty body counts as {}."
	}
	return b
}

func accountRoutes() []route {
	recordID := func(about string) schema { return with(str(about), "minLength", 1) }
	linkBody := jsonBody(input(schema{
		"newIdentifierVerificationRecordId": recordID("A verified social record of the caller (POST /api/verifications/social, then .../social/verify), made since the last password change. Used up by this call."),
	}, "newIdentifierVerificationRecordId"))
	linkFails := []fail{
		failing(http.StatusBadRequest, account.CodeFieldNotEditable),
		failing(http.StatusUnauthorized, account.CodeUnauthorized),
		failing(http.StatusBadRequest, account.CodeRecordNotFound, account.CodeConnectorUnexpectedType),
		failing(http.StatusUnprocessableEntity, account.CodeInvalidConnectorID, account.CodeIdentityAlreadyInUse),
	}

	return []route{
		{
			method: "GET", path: "/api/my-account", id: "getAccount", tag: tagAccount,
			summary: "Read the account",
			about:   "The caller's user, filtered by the token's scopes and the account-center fields.",
			auth:    bearer, status: http.StatusOK, okDesc: "The account.", result: ref("Account"),
		},
		{
			method: "PATCH", path: "/api/my-account", id: "updateAccount", tag: tagAccount,
			summary: "Change name, avatar, username or custom data",
			about: "Absent keys are left unchanged; null clears name, avatar or username; customData replaces the stored object whole. " +
				"Each key sent needs its field Edit. An empty body changes nothing. Removing the username is refused when it is the user's last identifier.",
			auth: bearer, scopes: []string{myaccount.ScopeProfile}, scopeNote: "customData needs `custom_data` too. A missing scope is 400 here.",
			vh: vhForUsername, firstParty: true,
			body: jsonBody(input(schema{
				"name":       nullable("string", ""),
				"avatar":     with(nullable("string", "An absolute URL."), "format", "uri"),
				"username":   with(nullable("string", "Checked against the username policy, then for uniqueness."), "pattern", usernamePattern),
				"customData": freeObject("Replaces the stored custom data."),
			})),
			status: http.StatusOK, okDesc: "The account after the change, as GET shows it.", result: ref("Account"),
			fails: fails([]fail{
				failing(http.StatusBadRequest, account.CodeFieldNotEditable, account.CodeUnauthorized, account.CodeLastSignInMethodRequired),
				failing(http.StatusUnprocessableEntity, usernameRules...),
				failing(http.StatusUnprocessableEntity, account.CodeUsernameAlreadyInUse),
			}),
		},
		{
			method: "DELETE", path: "/api/my-account", id: "deleteAccount", tag: tagAccount,
			summary: "Delete the account",
			about: "Deletes the user with everything of theirs, signs them out of the app's sessions and emits User.Deleted. " +
				"An addition to Logto, off by default: the deleteAccount field must be Edit. The token's later calls answer 401 auth.unauthorized.",
			auth: bearer, vh: vhRequired, firstParty: true,
			status: http.StatusNoContent, okDesc: "Deleted.",
			fails: []fail{failing(http.StatusBadRequest, account.CodeFieldNotEditable)},
		},
		{
			method: "PATCH", path: "/api/my-account/profile", id: "updateProfile", tag: tagAccount,
			summary: "Change profile claims",
			about:   "A shallow merge into the stored claims: each claim sent overwrites its value, address is replaced whole, the others are kept. Needs the profile field Edit.",
			auth:    bearer, scopes: []string{myaccount.ScopeProfile}, scopeNote: "address needs `address` too. A missing scope is 400 here.",
			firstParty: true,
			body:       jsonBody(ref("ProfileClaims")),
			status:     http.StatusOK, okDesc: "The profile after the change; address only with the address scope.", result: ref("Profile"),
			fails: []fail{failing(http.StatusBadRequest, account.CodeFieldNotEditable, account.CodeUnauthorized)},
		},
		{
			method: "POST", path: "/api/my-account/password", id: "updatePassword", tag: tagAccount,
			summary: "Set a new password",
			about:   "Checks the password policy and refuses the current password; needs the password field Edit.",
			auth:    bearer, vh: vhConditional, firstParty: true,
			body:   jsonBody(input(schema{"password": with(str(""), "minLength", 1)}, "password")),
			status: http.StatusNoContent, okDesc: "The password is set.",
			fails: []fail{
				failing(http.StatusBadRequest, account.CodeFieldNotEditable),
				failing(http.StatusUnprocessableEntity, account.CodePasswordRejected, account.CodeSamePassword),
			},
		},
		{
			method: "POST", path: "/api/my-account/primary-email", id: "setPrimaryEmail", tag: tagAccount,
			summary: "Set the primary email",
			about: "Sets the email a verified code record proves: the record must be the caller's, verified, and for exactly this address. " +
				"The email blocklist applies; another user's email (compared without case) is refused. Needs the email field Edit.",
			auth: bearer, scopes: []string{myaccount.ScopeEmail}, scopeNote: "A missing scope is 400 here.", vh: vhRequired, firstParty: true,
			body: jsonBody(input(schema{
				"email":                             with(with(str(""), "pattern", emailPattern), "maxLength", 256),
				"newIdentifierVerificationRecordId": recordID("A verified code record for this email (POST /api/verifications/verification-code, then .../verify), made since the last password change. Used up by this call."),
			}, "email", "newIdentifierVerificationRecordId")),
			status: http.StatusNoContent, okDesc: "The email is set.",
			fails: fails([]fail{failing(http.StatusBadRequest, account.CodeFieldNotEditable, account.CodeUnauthorized)}, emailPolicyFails, []fail{
				failing(http.StatusBadRequest, account.CodeRecordNotFound),
				failing(http.StatusUnprocessableEntity, account.CodeEmailAlreadyInUse),
			}),
		},
		{
			method: "DELETE", path: "/api/my-account/primary-email", id: "deletePrimaryEmail", tag: tagAccount,
			summary: "Remove the primary email",
			about:   "Refused when the email is the user's last identifier. Needs the email field Edit.",
			auth:    bearer, scopes: []string{myaccount.ScopeEmail}, scopeNote: "A missing scope is 400 here.", vh: vhRequired, firstParty: true,
			status: http.StatusNoContent, okDesc: "The email is removed.",
			fails: []fail{failing(http.StatusBadRequest, account.CodeFieldNotEditable, account.CodeUnauthorized, account.CodeLastSignInMethodRequired)},
		},
		{
			method: "POST", path: "/api/my-account/primary-phone", id: "setPrimaryPhone", tag: tagAccount,
			summary: "Set the primary phone",
			about: "Sets the phone a verified code record proves, stored normalized (country code and national number, no trunk zero); " +
				"uniqueness compares normalized numbers. Needs the phone field Edit.",
			auth: bearer, scopes: []string{myaccount.ScopePhone}, scopeNote: "A missing scope is 400 here.", vh: vhRequired, firstParty: true,
			body: jsonBody(input(schema{
				"phone":                             with(str("Digits only, with the country code."), "pattern", phonePattern),
				"newIdentifierVerificationRecordId": recordID("A verified code record for exactly this number, made since the last password change. Used up by this call."),
			}, "phone", "newIdentifierVerificationRecordId")),
			status: http.StatusNoContent, okDesc: "The phone is set.",
			fails: []fail{
				failing(http.StatusBadRequest, account.CodeFieldNotEditable, account.CodeUnauthorized, account.CodeRecordNotFound),
				failing(http.StatusUnprocessableEntity, account.CodePhoneAlreadyInUse, account.CodeInvalidPhone),
			},
		},
		{
			method: "DELETE", path: "/api/my-account/primary-phone", id: "deletePrimaryPhone", tag: tagAccount,
			summary: "Remove the primary phone",
			about:   "Refused when the phone is the user's last identifier. Needs the phone field Edit.",
			auth:    bearer, scopes: []string{myaccount.ScopePhone}, scopeNote: "A missing scope is 400 here.", vh: vhRequired, firstParty: true,
			status: http.StatusNoContent, okDesc: "The phone is removed.",
			fails: []fail{failing(http.StatusBadRequest, account.CodeFieldNotEditable, account.CodeUnauthorized, account.CodeLastSignInMethodRequired)},
		},
		{
			method: "POST", path: "/api/my-account/identities", id: "linkIdentity", tag: tagAccount,
			summary: "Link a social identity",
			about: "Links the identity a verified social record holds, and keeps its token set when the connector returned one. " +
				"Refused when another user holds it or the caller already has an identity at that target. Needs the social field Edit.",
			auth: bearer, scopes: []string{myaccount.ScopeIdentities}, scopeNote: "A missing scope is 401.", vh: vhConditional, firstParty: true,
			body: linkBody, status: http.StatusNoContent, okDesc: "Linked.", fails: linkFails,
		},
		{
			method: "PUT", path: "/api/my-account/identities", id: "replaceIdentity", tag: tagAccount,
			summary: "Link or replace a social identity",
			about:   "As POST, but an identity at the same target is replaced; a replaced identity of another provider account loses its stored token set.",
			auth:    bearer, scopes: []string{myaccount.ScopeIdentities}, scopeNote: "A missing scope is 401.", vh: vhConditional, firstParty: true,
			body: linkBody, status: http.StatusNoContent, okDesc: "Linked or replaced.", fails: linkFails,
		},
		{
			method: "DELETE", path: "/api/my-account/identities/{target}", id: "deleteIdentity", tag: tagAccount,
			summary: "Remove a social identity",
			about:   "Removes the identity and its stored token set; refused when it is the user's last identifier. Needs the social field Edit.",
			auth:    bearer, scopes: []string{myaccount.ScopeIdentities}, scopeNote: "A missing scope is 400 here.", vh: vhConditional, firstParty: true,
			status: http.StatusNoContent, okDesc: "Removed.",
			fails: []fail{
				failing(http.StatusBadRequest, account.CodeFieldNotEditable, account.CodeUnauthorized, account.CodeLastSignInMethodRequired),
				failing(http.StatusNotFound, account.CodeIdentityNotExist),
			},
		},
		{
			method: "GET", path: "/api/my-account/identities/{target}/access-token", id: "getIdentityAccessToken", tag: tagAccount,
			summary: "Read the provider's access token",
			about: "The stored access token of the caller's identity at target, refreshed through the connector when it has expired and a refresh token exists. " +
				"An expired one without a refresh token is deleted: 401 secrets.third_party_token_set.access_token_expired. No field gate.",
			auth: bearer, scopes: []string{myaccount.ScopeIdentities}, scopeNote: "A missing scope is 403 auth.forbidden here.",
			status: http.StatusOK, okDesc: "The access token.", result: ref("ProviderAccessToken"),
			fails: fails([]fail{
				failing(http.StatusForbidden, account.CodeForbidden),
				failing(http.StatusNotFound, account.CodeTokenNotFound),
				failing(http.StatusUnauthorized, account.CodeAccessTokenExpired),
				failing(http.StatusUnprocessableEntity, account.CodeInvalidConnectorID),
				failing(http.StatusBadRequest, account.CodeConnectorUnexpectedType),
			}, connectorFails),
		},
		{
			method: "PUT", path: "/api/my-account/identities/{target}/access-token", id: "updateIdentityAccessToken", tag: tagAccount,
			summary: "Store a newer provider token",
			about:   "Stores the token set of a newer verified social record of the caller's own identity at target. No field gate.",
			auth:    bearer, scopes: []string{myaccount.ScopeIdentities}, scopeNote: "A missing scope is 403 auth.forbidden here.",
			body:   jsonBody(input(schema{"verificationRecordId": recordID("A verified social record.")}, "verificationRecordId")),
			status: http.StatusOK, okDesc: "The stored access token.", result: ref("ProviderAccessToken"),
			fails: []fail{
				failing(http.StatusForbidden, account.CodeForbidden),
				failing(http.StatusBadRequest, account.CodeRecordNotFound),
				failing(http.StatusUnprocessableEntity, account.CodeSocialVerificationInvalidTarget, account.CodeIdentityNotInCurrentUser, account.CodeSocialVerificationTokenNotFound),
			},
		},
		{
			method: "POST", path: "/api/my-account/user-assets/avatar", id: "uploadAvatar", tag: tagAccount,
			summary: "Upload an avatar image",
			about: "A multipart/form-data body whose first file part named `file` is the image. Its content decides its type: JPEG, PNG, GIF, WebP or BMP " +
				"with a valid end; SVG never. At most Config.MaxAvatarBytes (20 MiB by default). The user's avatar is not changed: " +
				"the client sets it with PATCH /api/my-account. Needs the avatar field Edit and a configured blob store.",
			auth: bearer, scopes: []string{myaccount.ScopeProfile}, scopeNote: "A missing scope is 401.", firstParty: true,
			body: &body{mediaType: "multipart/form-data", required: true, schema: with(input(schema{
				"file": schema{"type": "string", "format": "binary", "description": "The image: the first part named file with a filename."},
			}, "file"), "additionalProperties", true)},
			status: http.StatusOK, okDesc: "Stored.", result: ref("Avatar"),
			fails: []fail{
				failing(http.StatusBadRequest, account.CodeGuardInvalidInput),
				failing(http.StatusUnauthorized, account.CodeUnauthorized),
				failing(http.StatusBadRequest, account.CodeFieldNotEditable, account.CodeFileSizeExceeded, account.CodeMimeTypeNotAllowed, account.CodeStorageNotConfigured),
				failing(http.StatusInternalServerError, account.CodeStorageUploadError),
			},
		},
	}
}
