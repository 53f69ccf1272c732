package apidoc

import (
	"net/http"
	"slices"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// The administrator's user routes (Logto's Management API under
// /api/users): an unknown user is 404 entity.not_found.

// connectorRoutes are the administrator's connector routes (Logto's
// Management API under /api/connectors).
func connectorRoutes() []route {
	return []route{
		{
			method: "POST", path: "/api/connectors/{connectorId}/authorization-uri", id: "createConnectorAuthorizationUri", tag: tagUsers,
			summary: "Get a social connector's authorization URI",
			about: "The provider URL to send the browser to, for a flow that POST /api/users/{userId}/identities finishes. " +
				"Nothing is kept: the caller makes the state, keeps it, and checks it is the one the provider sends back before it links the identity " +
				"(the CSRF check is the caller's). Only connectors that keep no session (connector.Sessionless) can do it; others answer 501. " +
				"Mounted by httpadapter.AdminHandler at /api/connectors/.",
			auth: admin,
			body: jsonBody(input(schema{
				"state":       with(str("A random string the caller makes and checks on the way back."), "minLength", 1),
				"redirectUri": with(str("Where the provider sends the browser back to."), "minLength", 1),
			}, "state", "redirectUri")),
			status: http.StatusOK, okDesc: "The authorization URI.", result: object(schema{"redirectTo": str("The provider URL.")}, "redirectTo"),
			fails: fails([]fail{
				failing(http.StatusBadRequest, account.CodeInsufficientInfo, account.CodeConnectorUnexpectedType),
				failing(http.StatusNotFound, account.CodeEntityNotFound),
			}, connectorFails),
		},
	}
}

func userRoutes() []route {
	notFound := failing(http.StatusNotFound, account.CodeEntityNotFound)
	identifierFails := []fail{
		failing(http.StatusUnprocessableEntity, usernameRules...),
		failing(http.StatusUnprocessableEntity, account.CodeInvalidPhone, account.CodeUsernameAlreadyInUse, account.CodeEmailAlreadyInUse, account.CodePhoneAlreadyInUse),
	}
	identifiers := schema{
		"username":     with(nullable("string", "\"\" or null clears it (PATCH)."), "pattern", "^$|"+usernamePattern),
		"primaryEmail": with(with(nullable("string", "\"\" or null clears it (PATCH)."), "pattern", "^$|"+emailPattern), "maxLength", 256),
		"primaryPhone": with(nullable("string", "Digits only; \"\" or null clears it (PATCH)."), "pattern", "^$|"+phonePattern),
		"name":         nullable("string", ""),
		"avatar":       nullable("string", "An absolute URL, or \"\"."),
		"customData":   freeObject("Replaces the stored custom data."),
		"profile":      ref("ProfileClaims"),
	}
	tokenName := with(with(str("Unique within the user; at most 128 characters."), "minLength", 1), "maxLength", myaccount.MaxAccessTokenNameLength)
	tokenNameFails := []fail{
		notFound,
		failing(http.StatusUnprocessableEntity, account.CodeAccessTokenNameExists),
	}
	userBody := func(s schema) *body { return jsonBody(s) }
	return []route{
		{
			method: "GET", path: "/api/users", id: "listUsers", tag: tagUsers,
			summary: "List users",
			about:   "Users the search selects, newest first, one page of them; a page past the end is empty.",
			auth:    admin,
			params: append([]param{
				{name: "page", description: "From 1 (default 1).", schema: with(integer(""), "minimum", 1)},
				{name: "page_size", description: "From 1 to 100 (default 20).", schema: with(with(integer(""), "minimum", 1), "maximum", myaccount.MaxPageSize)},
				{name: "search", description: "A match on every field (id, primaryEmail, primaryPhone, username, name), any of which may match. " +
					"In like mode (the default) % is any run of characters, _ any one, \\ makes the next literal, and the pattern matches the whole value: " +
					"search=%foo% finds foo anywhere, search=foo only the value foo. May repeat in exact mode.", schema: str("")},
			}, userSearchParams()...),
			status: http.StatusOK, okDesc: "One page of users.", result: array(ref("User")),
			headers: []param{
				{name: "Total-Number", description: "How many users match in all.", required: true, schema: integer("")},
				{name: "Link", description: "The first, prev, last and next pages (RFC 8288), one header each.", required: true, schema: str("")},
			},
			fails: []fail{failing(http.StatusBadRequest, account.CodeGuardInvalidPagination, account.CodeGuardInvalidInput, account.CodeRequestInvalidInput)},
		},
		{
			method: "POST", path: "/api/users", id: "createUser", tag: tagUsers,
			summary: "Create a user",
			about: "Identifiers are checked for shape, normalized and claimed uniquely; the username policy applies, the password policy does not. " +
				"passwordDigest imports an existing hash of passwordAlgorithm instead of a password: a PHC string for Argon2i and Argon2id, a modular-crypt string for Bcrypt, " +
				"the hex of the unsalted digest for MD5, SHA1 and SHA256, and for Legacy the JSON array [algorithm, args, encryptedPassword] " +
				"(a hash of md5, sha1, sha224, sha256, sha384, sha512, sha512-224 or sha512-256 over args joined, each \"@\" being the password, " +
				"or pbkdf2 with args [salt, iterations, keylen, digest, \"@\"]; encryptedPassword in hex). " +
				"A digest not of its algorithm is 400 guard.invalid_input. A right password replaces any imported digest with an argon2id hash at its first check. " +
				"Answers 200, as Logto does.",
			auth: admin,
			body: userBody(input(with(with(with(identifiers, "password", with(nullable("string", "Absent or null: a user without a password. \"\" is refused."), "minLength", 1)),
				"passwordDigest", with(str(""), "maxLength", 256)),
				"passwordAlgorithm", enum("Argon2i", "Argon2id", "Bcrypt", "MD5", "SHA1", "SHA256", "Legacy")))),
			status: http.StatusOK, okDesc: "The new user.", result: ref("User"),
			fails: fails([]fail{failing(http.StatusBadRequest, account.CodePasswordAndDigest, account.CodePasswordAlgorithmRequired)}, identifierFails),
		},
		{
			method: "GET", path: "/api/users/{userId}", id: "getUser", tag: tagUsers,
			summary: "Read a user", auth: admin,
			params: []param{includeSSOIdentitiesParam},
			status: http.StatusOK, okDesc: "The user; with includeSsoIdentities=true, and its SSO identities.", result: getUserResult,
			fails: []fail{notFound, failing(http.StatusBadRequest, account.CodeGuardInvalidInput)},
		},
		{
			method: "PATCH", path: "/api/users/{userId}", id: "updateUser", tag: tagUsers,
			summary: "Change a user",
			about: "Absent keys are left unchanged. customData and profile replace the stored ones whole. " +
				"An administrator may remove every identifier of a user.",
			auth: admin, body: userBody(input(identifiers)),
			status: http.StatusOK, okDesc: "The user after the change.", result: ref("User"),
			fails: fails([]fail{notFound}, identifierFails),
		},
		{
			method: "DELETE", path: "/api/users/{userId}", id: "deleteUser", tag: tagUsers,
			summary: "Delete a user",
			about:   "The user and everything stored for them go in one step; the user is signed out of the app's sessions.",
			auth:    admin, status: http.StatusNoContent, okDesc: "Deleted.", fails: []fail{notFound},
		},
		{
			method: "PATCH", path: "/api/users/{userId}/profile", id: "updateUserProfile", tag: tagUsers,
			summary: "Change a user's profile claims",
			about:   "The claims given overwrite the stored ones; the others are kept (the merge of PATCH /api/my-account/profile).",
			auth:    admin, body: userBody(input(schema{"profile": ref("ProfileClaims")}, "profile")),
			status: http.StatusOK, okDesc: "The whole profile after the change.", result: ref("Profile"), fails: []fail{notFound},
		},
		{
			method: "GET", path: "/api/users/{userId}/custom-data", id: "getUserCustomData", tag: tagUsers,
			summary: "Read a user's custom data", auth: admin,
			status: http.StatusOK, okDesc: "The custom data; {} when there is none.", result: freeObject(""), fails: []fail{notFound},
		},
		{
			method: "PATCH", path: "/api/users/{userId}/custom-data", id: "updateUserCustomData", tag: tagUsers,
			summary: "Merge into a user's custom data",
			about:   "Each top-level key given replaces the stored value (null included); other keys stay.",
			auth:    admin, body: userBody(input(schema{"customData": freeObject("")}, "customData")),
			status: http.StatusOK, okDesc: "The custom data after the merge.", result: freeObject(""), fails: []fail{notFound},
		},
		{
			method: "PATCH", path: "/api/users/{userId}/is-suspended", id: "setUserSuspended", tag: tagUsers,
			summary: "Suspend or reinstate a user",
			about:   "While suspended, the user gets 401 user.suspended on every Account and Verification API route and at sign-in. Suspending signs the user out of the app's sessions.",
			auth:    admin, body: userBody(input(schema{"isSuspended": boolean("")}, "isSuspended")),
			status: http.StatusOK, okDesc: "The user.", result: ref("User"), fails: []fail{notFound},
		},
		{
			method: "POST", path: "/api/users/{userId}/password/verify", id: "verifyUserPassword", tag: tagUsers,
			summary: "Check a user's password",
			about:   "Not the user's attempt: the lockout neither counts nor refuses it.",
			auth:    admin, body: userBody(input(schema{"password": with(str(""), "minLength", 1)}, "password")),
			status: http.StatusNoContent, okDesc: "The password is the user's.",
			fails: []fail{notFound, failing(http.StatusUnprocessableEntity, account.CodeInvalidCredentials)},
		},
		{
			method: "PATCH", path: "/api/users/{userId}/password", id: "setUserPassword", tag: tagUsers,
			summary: "Set a user's password",
			about:   "Neither the password policy nor the same-password rule applies.",
			auth:    admin, body: userBody(input(schema{"password": with(str(""), "minLength", 1)}, "password")),
			status: http.StatusOK, okDesc: "The user.", result: ref("User"), fails: []fail{notFound},
		},
		{
			method: "GET", path: "/api/users/{userId}/has-password", id: "getUserHasPassword", tag: tagUsers,
			summary: "Tell whether a user has a password", auth: admin,
			status: http.StatusOK, okDesc: "Whether the user has a password.", result: object(schema{"hasPassword": boolean("")}, "hasPassword"),
			fails: []fail{notFound},
		},
		{
			method: "POST", path: "/api/users/{userId}/identities", id: "linkUserIdentity", tag: tagUsers,
			summary: "Link a social identity to a user through its connector",
			about: "The social connector turns connectorData (the provider's callback: code, state, redirectUri, ...) into the social user, " +
				"who becomes the user's identity at the connector's target, replacing one there. The caller checks the state it got back " +
				"against the one it sent to POST /api/connectors/{connectorId}/authorization-uri before it posts here. " +
				"Only connectors that keep no session (connector.Sessionless) can do it; others answer 501. The provider's tokens are not kept. " +
				"PUT /api/users/{userId}/identities/{target} writes an identity directly.",
			auth: admin,
			body: userBody(input(schema{
				"connectorId":   with(str("A social connector's id."), "minLength", 1),
				"connectorData": freeObject("The provider's callback data, as the connector reads it."),
			}, "connectorId", "connectorData")),
			status: http.StatusOK, okDesc: "The user's identities.", result: ref("Identities"),
			fails: fails([]fail{
				notFound,
				failing(http.StatusUnprocessableEntity, account.CodeInvalidConnectorID, account.CodeIdentityAlreadyInUse),
			}, connectorFails),
		},
		{
			method: "PUT", path: "/api/users/{userId}/identities/{target}", id: "replaceUserIdentity", tag: tagUsers,
			summary: "Set a user's social identity",
			about:   "Adds the identity (201) or replaces the one at target (200). A replaced identity of another provider account loses its stored token set.",
			auth:    admin,
			body: userBody(input(schema{
				"userId":  with(str("The user's id at the provider."), "minLength", 1),
				"details": freeObject(""),
			}, "userId")),
			status: http.StatusOK, okDesc: "Replaced: the user's identities.", alsoCreated: "Added: the user's identities.", result: ref("Identities"),
			fails: []fail{notFound, failing(http.StatusUnprocessableEntity, account.CodeIdentityAlreadyInUse)},
		},
		{
			method: "DELETE", path: "/api/users/{userId}/identities/{target}", id: "deleteUserIdentity", tag: tagUsers,
			summary: "Remove a user's social identity",
			about:   "The identity's stored token set goes with it. Unlike the Account API, it may remove the user's last identifier.",
			auth:    admin, status: http.StatusOK, okDesc: "The user.", result: ref("User"),
			fails: []fail{failing(http.StatusNotFound, account.CodeEntityNotFound, account.CodeIdentityNotExist)},
		},
		{
			method: "GET", path: "/api/users/{userId}/mfa-verifications", id: "listUserMFAVerifications", tag: tagUsers,
			summary: "List a user's MFA factors", auth: admin,
			status: http.StatusOK, okDesc: "The factors, as the Account API lists them.", result: array(ref("MFAVerification")), fails: []fail{notFound},
		},
		{
			method: "POST", path: "/api/users/{userId}/mfa-verifications", id: "createUserMFAVerification", tag: tagUsers,
			summary: "Give a user an MFA factor",
			about: "A TOTP factor with the secret given or a new one, or a backup-code set with the codes given or ten new ones. " +
				"The sign-in experience's factor list does not apply and the user's MFA setting is left as it is.",
			auth: admin,
			body: userBody(schema{"oneOf": []any{
				input(schema{"type": enum("Totp"), "secret": nullable("string", "Base32; absent, null or empty: a new one.")}, "type"),
				input(schema{"type": enum("BackupCode"), "codes": with(with(nullable("array", "Ten codes of 10 hex digits; absent or null: ten new ones."), "maxItems", 100), "items", str(""))}, "type"),
			}}),
			status: http.StatusOK, okDesc: "The factor, with what to hand the user.", result: ref("CreatedFactor"),
			fails: []fail{notFound, failing(http.StatusUnprocessableEntity, account.CodeTOTPAlreadyInUse, account.CodeTOTPSecretInvalid,
				account.CodeBackupCodeAlreadyInUse, account.CodeBackupCodeCanNotBeAlone, account.CodeWrongBackupCodeFormat)},
		},
		{
			method: "DELETE", path: "/api/users/{userId}/mfa-verifications/{verificationId}", id: "deleteUserMFAVerification", tag: tagUsers,
			summary: "Remove a user's MFA factor", auth: admin,
			status: http.StatusNoContent, okDesc: "Removed.", fails: []fail{notFound},
		},
		{
			method: "GET", path: "/api/users/{userId}/personal-access-tokens", id: "listPersonalAccessTokens", tag: tagUsers,
			summary: "List a user's personal access tokens",
			about:   "Oldest first, without their secrets.",
			auth:    admin, status: http.StatusOK, okDesc: "The tokens.", result: array(ref("PersonalAccessToken")), fails: []fail{notFound},
		},
		{
			method: "POST", path: "/api/users/{userId}/personal-access-tokens", id: "createPersonalAccessToken", tag: tagUsers,
			summary: "Make a personal access token",
			about: "A long-lived token (pat_...) a script sends as a bearer token to act for the user, with the token's scopes, as a first-party application. " +
				"The secret is in value, shown this once; only its SHA-256 is stored.",
			auth: admin,
			body: userBody(input(schema{
				"name":      tokenName,
				"expiresAt": nullable("integer", epochMillis+" In the future; absent or null: never."),
				"scopes": with(nullable("array", "The token's scopes; absent or null: every Account API scope."), "items",
					enum(slices.Concat(myaccount.DefaultAccessTokenScopes, []string{myaccount.ScopeTrustedDevices})...)),
			}, "name")),
			status: http.StatusCreated, okDesc: "The token, its value shown once.", result: with(ref("PersonalAccessToken"), "required", []string{"value"}),
			fails: []fail{failing(http.StatusBadRequest, account.CodeRequestInvalidInput), notFound, failing(http.StatusUnprocessableEntity, account.CodeAccessTokenNameExists)},
		},
		{
			method: "PATCH", path: "/api/users/{userId}/personal-access-tokens", id: "renamePersonalAccessTokenByBody", tag: tagUsers,
			summary: "Rename a personal access token (current name in the body)",
			about:   "For names that do not fit a path. Without currentName, name is the current name too: the token is answered unchanged.",
			auth:    admin,
			body:    userBody(input(schema{"currentName": str("The token's name now; absent: name."), "name": tokenName}, "name")),
			status:  http.StatusOK, okDesc: "The renamed token.", result: ref("PersonalAccessToken"), fails: tokenNameFails,
		},
		{
			method: "POST", path: "/api/users/{userId}/personal-access-tokens/delete", id: "deletePersonalAccessTokenByBody", tag: tagUsers,
			summary: "Delete a personal access token (name in the body)",
			about:   "For names that do not fit a path. The token stops working at once.",
			auth:    admin,
			body:    userBody(input(schema{"name": str("")}, "name")),
			status:  http.StatusNoContent, okDesc: "Deleted.", fails: []fail{notFound},
		},
		{
			method: "PATCH", path: "/api/users/{userId}/personal-access-tokens/{name}", id: "renamePersonalAccessToken", tag: tagUsers,
			summary: "Rename a personal access token",
			auth:    admin,
			body:    userBody(input(schema{"name": tokenName}, "name")),
			status:  http.StatusOK, okDesc: "The renamed token.", result: ref("PersonalAccessToken"), fails: tokenNameFails,
		},
		{
			method: "DELETE", path: "/api/users/{userId}/personal-access-tokens/{name}", id: "deletePersonalAccessToken", tag: tagUsers,
			summary: "Delete a personal access token",
			about:   "The token stops working at once.",
			auth:    admin, status: http.StatusNoContent, okDesc: "Deleted.", fails: []fail{notFound},
		},
	}
}
