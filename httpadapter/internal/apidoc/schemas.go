package apidoc

// The shapes the routes answer (and the bodies more than one route takes),
// as the code writes them: answers are closed (additionalProperties false),
// so a key the document does not name fails the contract test; request
// bodies are open, as the handlers ignore unknown keys.

func ref(name string) schema { return schema{"$ref": "#/components/schemas/" + name} }

// object is a closed object schema.
func object(props schema, required ...string) schema {
	s := schema{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

// input is an open object schema: a request body, whose unknown keys the
// handlers drop.
func input(props schema, required ...string) schema {
	s := schema{"type": "object", "properties": props}
	if len(required) > 0 {
		s["required"] = required
	}
	return s
}

func str(description string) schema {
	s := schema{"type": "string"}
	if description != "" {
		s["description"] = description
	}
	return s
}

// nullable is a value of type typ or null.
func nullable(typ, description string) schema {
	s := schema{"type": []string{typ, "null"}}
	if description != "" {
		s["description"] = description
	}
	return s
}

func boolean(description string) schema {
	s := schema{"type": "boolean"}
	if description != "" {
		s["description"] = description
	}
	return s
}

func integer(description string) schema {
	s := schema{"type": "integer"}
	if description != "" {
		s["description"] = description
	}
	return s
}

func array(items schema) schema { return schema{"type": "array", "items": items} }

func enum(values ...string) schema {
	vs := make([]any, len(values))
	for i, v := range values {
		vs[i] = v
	}
	return schema{"type": "string", "enum": vs}
}

// freeObject is any JSON object.
func freeObject(description string) schema {
	s := schema{"type": "object"}
	if description != "" {
		s["description"] = description
	}
	return s
}

// with returns a copy of s with the key set.
func with(s schema, key string, value any) schema {
	c := schema{}
	for k, v := range s {
		c[k] = v
	}
	c[key] = value
	return c
}

const (
	isoTime     = "An ISO-8601 time in UTC with milliseconds, as JavaScript's Date.toISOString writes it."
	epochMillis = "Epoch milliseconds."
)

// Request patterns, as the handlers check them.
const (
	emailPattern    = `^\S+@\S+\.\S+$`
	phonePattern    = `^\d+$`
	usernamePattern = `^[A-Za-z_][A-Za-z0-9_]*$`
)

// profileClaims are the OpenID Connect claims of a profile, in the
// answer's order.
var profileClaims = []string{"familyName", "givenName", "middleName", "nickname", "preferredUsername", "profile", "website", "gender", "birthdate", "zoneinfo", "locale"}

var addressClaims = []string{"formatted", "streetAddress", "locality", "region", "postalCode", "country"}

func componentSchemas() map[string]schema {
	profile := schema{}
	for _, c := range profileClaims {
		profile[c] = str("")
	}
	profile["address"] = ref("Address")
	address := schema{}
	for _, c := range addressClaims {
		address[c] = str("")
	}
	factorCommon := func(typ string, extra schema, required ...string) schema {
		props := schema{"id": str(""), "createdAt": str(isoTime), "type": enum(typ)}
		for k, v := range extra {
			props[k] = v
		}
		return object(props, append([]string{"id", "createdAt", "type"}, required...)...)
	}

	return map[string]schema{
		"OAuthError": object(schema{
			"error":             enum("invalid_request", "invalid_grant", "unsupported_grant_type"),
			"error_description": str("What was wrong, in English."),
		}, "error"),

		"Error": object(schema{ // described by codeCatalog
			"code":    str("The stable error code: what clients compare."),
			"message": str("The code's message, in the language of Accept-Language."),
			"data":    schema{"description": "Details of some codes (see the list above)."},
		}, "code", "message"),

		"Account": with(object(schema{
			"id":            str("The user's id. Always present."),
			"username":      nullable("string", "Scope profile, field username."),
			"primaryEmail":  nullable("string", "Scope email, field email."),
			"primaryPhone":  nullable("string", "Scope phone, field phone: country code and national number, digits only."),
			"name":          nullable("string", "Scope profile, field name."),
			"avatar":        nullable("string", "Scope profile, field avatar."),
			"customData":    freeObject("Scope custom_data, field customData."),
			"identities":    with(schema{"type": "object", "additionalProperties": ref("SocialIdentity")}, "description", "Scope identities, field social: connector target to identity."),
			"profile":       with(ref("Profile"), "description", "Scope profile, field profile; address only with the address scope."),
			"applicationId": nullable("string", "Scope profile."),
			"cimdClientId":  nullable("string", "Scope profile. Always null."),
			"isSuspended":   boolean("Scope profile."),
			"hasPassword":   boolean("Scope profile, field password."),
			"lastSignInAt":  nullable("integer", "Scope profile. "+epochMillis),
			"createdAt":     nullable("integer", "Scope profile. "+epochMillis),
			"updatedAt":     nullable("integer", "Scope profile. "+epochMillis),
			"hasSecurityVerificationMethod": boolean("Always present: whether the user has a password, an email or a phone " +
				"(such a user must send the verification header on the conditional routes)."),
		}, "id", "hasSecurityVerificationMethod"), "description",
			"The user as GET /api/my-account shows it: a key is present only when the token's scopes and the account-center fields both let it through; present keys may be null."),

		"User": with(schema{
			"allOf": []any{ref("Account")},
			"required": []string{"id", "username", "primaryEmail", "primaryPhone", "name", "avatar", "customData", "identities", "profile",
				"applicationId", "cimdClientId", "isSuspended", "hasPassword", "lastSignInAt", "createdAt", "updatedAt", "hasSecurityVerificationMethod"},
		}, "description", "A user as the administrator sees it: every key of Account, the address included."),

		"Profile": with(object(profile), "description", "The OpenID Connect standard claims; unset claims are absent."),
		"Address": with(object(address), "description", "The OpenID Connect address claim."),

		"SocialIdentity": object(schema{
			"userId":  str("The user's id at the provider."),
			"details": freeObject("What the connector reported: {id, email?, phone?, name?, avatar?, rawData?}."),
		}, "userId"),

		"Identities": with(schema{"type": "object", "additionalProperties": ref("SocialIdentity")}, "description", "A user's social identities: connector target to identity."),

		"VerificationRecord": with(object(schema{
			"verificationRecordId": str("Send it as the logto-verification-id header, or in a body's record-id field."),
			"expiresAt":            str(isoTime + " Ten minutes after creation; verifying never moves it."),
		}, "verificationRecordId", "expiresAt"), "description", "A new verification record."),

		"VerifiedRecord": object(schema{"verificationRecordId": str("")}, "verificationRecordId"),

		"SocialAuthorization": object(schema{
			"verificationRecordId": str(""),
			"authorizationUri":     str("Where to send the user: the provider's authorization page, carrying state, redirect_uri and scope."),
			"expiresAt":            str(isoTime),
		}, "verificationRecordId", "authorizationUri", "expiresAt"),

		"WebAuthnRegistration": object(schema{
			"verificationRecordId": str(""),
			"registrationOptions": with(input(schema{
				"rp":                     input(schema{"id": str(""), "name": str("")}, "id", "name"),
				"user":                   input(schema{"id": str("The user id, base64url."), "name": str(""), "displayName": str("")}, "id", "name", "displayName"),
				"challenge":              str(""),
				"pubKeyCredParams":       array(freeObject("")),
				"timeout":                integer(""),
				"excludeCredentials":     array(freeObject("")),
				"authenticatorSelection": freeObject(""),
				"attestation":            str(""),
			}, "rp", "user", "challenge", "pubKeyCredParams"), "description",
				"PublicKeyCredentialCreationOptions (JSON) for navigator.credentials.create: the relying party is the request's host name."),
			"expiresAt": str(isoTime),
		}, "verificationRecordId", "registrationOptions", "expiresAt"),

		"Identifier": with(schema{"oneOf": []any{
			input(schema{"type": enum("email"), "value": with(with(str("An email address."), "pattern", emailPattern), "maxLength", 256)}, "type", "value"),
			input(schema{"type": enum("phone"), "value": with(str("A phone number: digits only, with its country code."), "pattern", phonePattern)}, "type", "value"),
		}}, "description", "An email address or a phone number to send a code to."),

		"MFAVerification": with(schema{"oneOf": []any{
			factorCommon("Totp", nil),
			factorCommon("WebAuthn", schema{
				"agent":      str("The User-Agent that registered the passkey."),
				"name":       str("The name the user gave it; absent when none."),
				"lastUsedAt": str(isoTime + " Absent until the passkey is used."),
			}, "agent"),
			factorCommon("BackupCode", schema{"remainCodes": integer("How many codes are unused.")}, "remainCodes"),
		}}, "description", "An MFA factor as the Account API lists it: never its secret, credential or codes."),

		"TOTPSecret": object(schema{
			"secret":     with(str("Base32 of 20 random bytes: 32 characters A-Z2-7. Nothing is stored until it is bound."), "pattern", "^[A-Z2-7]{32}$"),
			"otpauthUri": str("The otpauth:// URI an authenticator app takes."),
			"qrCode":     str("The URI as a QR code: a data:image/png;base64 URL."),
		}, "secret", "otpauthUri", "qrCode"),

		"BackupCodes": object(schema{
			"codes": with(with(array(with(str(""), "pattern", "^[0-9a-f]{10}$")), "minItems", 10), "maxItems", 10),
		}, "codes"),

		"BoundBackupCodes": object(schema{
			"codes": array(object(schema{"code": str(""), "usedAt": str(isoTime + " Absent while the code is unused.")}, "code")),
		}, "codes"),

		"MFASettings": object(schema{"skipMfaOnSignIn": boolean("")}, "skipMfaOnSignIn"),

		"LogtoConfig": with(object(schema{
			"mfa": object(schema{
				"enabled":         boolean("Absent until something sets it (the unknown legacy state)."),
				"skipped":         boolean(""),
				"skipMfaOnSignIn": boolean(""),
			}, "skipped", "skipMfaOnSignIn"),
			"passkeySignIn": object(schema{"skipped": boolean("")}, "skipped"),
		}, "mfa", "passkeySignIn"), "description", "The user's own MFA and passkey sign-in settings."),

		"Sessions": object(schema{"sessions": array(object(schema{
			"payload":        with(freeObject("The provider's session data; always carries uid, kind and accountId."), "required", []string{"uid", "kind", "accountId"}),
			"lastSubmission": nullable("object", ""),
			"clientId":       nullable("string", ""),
			"accountId":      nullable("string", ""),
			"expiresAt":      integer(epochMillis + " 0 when the session does not end."),
			"isCurrent":      boolean("The session the calling token was issued in."),
		}, "payload", "lastSubmission", "clientId", "accountId", "expiresAt", "isCurrent"))}, "sessions"),

		"Grants": object(schema{"grants": array(object(schema{
			"id":          str(""),
			"payload":     with(freeObject("The provider's grant data; always carries kind, clientId and accountId."), "required", []string{"kind", "clientId", "accountId"}),
			"expiresAt":   integer(epochMillis + " 0 when the grant does not end."),
			"application": object(schema{"id": str(""), "name": str("")}, "id", "name"),
		}, "id", "payload", "expiresAt", "application"))}, "grants"),

		"ProviderAccessToken": with(object(schema{
			"access_token": str(""),
			"scope":        str("Absent when unknown."),
			"token_type":   str("Absent when unknown."),
			"expires_in":   integer("Seconds left; absent when unknown or none."),
		}, "access_token"), "description", "A social provider's access token."),

		"Avatar": object(schema{"url": str("Where the image is served. The user's avatar is not changed: set it with PATCH /api/my-account.")}, "url"),

		"AccountCenter": with(object(schema{
			"tenantId": enum("default"),
			"id":       enum("default"),
			"enabled":  boolean("The master switch of the Account and Verification APIs."),
			"fields": with(schema{"type": "object", "additionalProperties": enum("Off", "ReadOnly", "Edit")}, "description",
				"Field to mode; an absent field is Off. Fields: name, avatar, profile, email, phone, password, username, social, customData, mfa, passkey, session, deleteAccount."),
			"webauthnRelatedOrigins": array(str("")),
			"deleteAccountUrl":       nullable("string", ""),
			"customCss":              nullable("string", ""),
			"profileFields":          with(schema{"type": []string{"array", "null"}, "items": object(schema{"name": str("")}, "name")}, "description", ""),
		}, "tenantId", "id", "enabled", "fields", "webauthnRelatedOrigins", "deleteAccountUrl", "customCss", "profileFields"),
			"description", "The account-center settings."),

		"SignInExperience": with(object(func() schema {
			none := object(schema{})
			methods := object(schema{
				"identifier": enum("username", "email", "phone"), "password": boolean(""), "verificationCode": boolean(""), "isPasswordPrimary": boolean(""),
			}, "identifier", "password", "verificationCode", "isPasswordPrimary")
			field := object(schema{
				"tenantId": str(""), "id": str(""), "name": str(""),
				"type":        enum("Text", "Number", "Date", "Checkbox", "Select", "Url", "Regex", "Address", "Fullname"),
				"label":       str(""),
				"description": nullable("string", ""),
				"required":    boolean(""),
				"config":      freeObject("The type's constraints (Logto's CustomProfileFieldConfig)."),
				"createdAt":   integer(epochMillis),
				"sieOrder":    integer(""),
			}, "tenantId", "id", "name", "type", "label", "description", "required", "config", "createdAt", "sieOrder")
			return schema{
				"tenantId": enum("default"),
				"id":       enum("default"),
				"color": object(schema{
					"primaryColor": str("A hex colour."), "darkPrimaryColor": str("A hex colour."), "isDarkModeEnabled": boolean(""),
				}, "primaryColor", "darkPrimaryColor", "isDarkModeEnabled"),
				"branding":          object(schema{"logoUrl": str(""), "darkLogoUrl": str(""), "favicon": str(""), "darkFavicon": str("")}),
				"hideLogtoBranding": boolean(""),
				"languageInfo": object(schema{
					"autoDetect": boolean(""), "fallbackLanguage": str("A language tag."),
				}, "autoDetect", "fallbackLanguage"),
				"termsOfUseUrl":      nullable("string", ""),
				"privacyPolicyUrl":   nullable("string", ""),
				"agreeToTermsPolicy": enum("Automatic", "ManualRegistrationOnly", "Manual"),
				"signIn":             object(schema{"methods": array(methods)}, "methods"),
				"signUp": object(schema{
					"identifiers": array(str("")), "password": boolean(""), "verify": boolean(""),
				}, "identifiers", "password", "verify"),
				"socialSignIn":   none,
				"signInMode":     enum("SignIn", "Register", "SignInAndRegister"),
				"customCss":      nullable("string", ""),
				"customContent":  with(schema{"type": "object", "additionalProperties": str("")}, "description", ""),
				"customUiAssets": schema{"type": "null"},
				"customUiCsp":    none,
				"passwordPolicy": object(schema{
					"length":         object(schema{"min": integer(""), "max": integer("")}, "min", "max"),
					"characterTypes": object(schema{"min": integer("")}, "min"),
					"rejects": object(schema{
						"pwned": boolean(""), "repetitionAndSequence": boolean(""), "userInfo": boolean(""), "words": array(str("")),
					}, "pwned", "repetitionAndSequence", "userInfo", "words"),
				}, "length", "characterTypes", "rejects"),
				"mfa": object(schema{
					"factors": array(enum("Totp", "WebAuthn", "BackupCode", "EmailVerificationCode", "PhoneVerificationCode")),
					"policy":  enum("PromptAtSignInAndSignUp", "PromptOnlyAtSignIn", "NoPrompt", "Mandatory", "PromptAtSignInAndSignUpMandatory", "PromptOnlyAtSignInMandatory"),
				}, "factors", "policy"),
				"adaptiveMfa":               none,
				"singleSignOnEnabled":       boolean(""),
				"supportEmail":              nullable("string", ""),
				"supportWebsiteUrl":         nullable("string", ""),
				"unknownSessionRedirectUrl": nullable("string", ""),
				"captchaPolicy":             none,
				"sentinelPolicy":            object(schema{"maxAttempts": integer("Failures within the lockout window."), "lockoutDuration": integer("Minutes.")}, "maxAttempts", "lockoutDuration"),
				"verificationCodePolicy":    object(schema{"expirationDuration": integer("Seconds."), "maxRetryAttempts": integer("")}, "expirationDuration", "maxRetryAttempts"),
				"passkeySignIn":             object(schema{"enabled": boolean("")}, "enabled"),
				"signUpProfileFields":       array(object(schema{"name": str("")}, "name")),
				"passwordExpiration":        none,
				"usernamePolicy": object(schema{
					"caseSensitive": boolean(""), "minLength": integer(""), "maxLength": integer(""),
					"allowedChars": object(schema{
						"lowercase": boolean(""), "uppercase": boolean(""), "numbers": boolean(""), "underscore": boolean(""),
					}, "lowercase", "uppercase", "numbers", "underscore"),
				}, "caseSensitive", "minLength", "maxLength", "allowedChars"),
				"socialConnectors": array(object(schema{
					"id": str(""), "target": str(""),
					"name":     with(schema{"type": "object", "additionalProperties": str(""), "required": []string{"en"}}, "description", "The name by language tag."),
					"logo":     str(""),
					"logoDark": nullable("string", ""),
					"platform": enum("Native", "Universal", "Web"),
				}, "id", "target", "name", "logo", "logoDark", "platform")),
				"ssoConnectors":             array(none),
				"forgotPassword":            object(schema{"phone": boolean(""), "email": boolean("")}, "phone", "email"),
				"isDevelopmentTenant":       boolean(""),
				"customProfileFields":       array(field),
				"customProfileFieldCatalog": array(field),
			}
		}(), "tenantId", "id", "color", "branding", "hideLogtoBranding", "languageInfo", "termsOfUseUrl", "privacyPolicyUrl",
			"agreeToTermsPolicy", "signIn", "signUp", "socialSignIn", "signInMode", "customCss", "customContent", "customUiAssets",
			"customUiCsp", "passwordPolicy", "mfa", "adaptiveMfa", "singleSignOnEnabled", "supportEmail", "supportWebsiteUrl",
			"unknownSessionRedirectUrl", "captchaPolicy", "sentinelPolicy", "verificationCodePolicy", "passkeySignIn",
			"signUpProfileFields", "passwordExpiration", "usernamePolicy", "socialConnectors", "ssoConnectors", "forgotPassword",
			"isDevelopmentTenant", "customProfileFields", "customProfileFieldCatalog"),
			"description", "The public sign-in experience, in the shape of Logto's FullSignInExperience: the host's branding, links and "+
				"profile field catalogue, with this server's MFA, passkey, password, username, code and lockout settings and its social connectors."),

		"CreatedFactor": with(schema{"oneOf": []any{
			object(schema{"type": enum("Totp"), "secret": str(""), "secretQrCode": str("The otpauth URI as a data:image/png;base64 QR code.")}, "type", "secret", "secretQrCode"),
			object(schema{"type": enum("BackupCode"), "codes": array(str(""))}, "type", "codes"),
		}}, "description", "A factor an administrator made, with what to hand the user."),

		"PersonalAccessToken": object(schema{
			"userId":    str(""),
			"name":      str(""),
			"value":     str("The token (pat_...): only in the answer that makes it, shown once."),
			"scopes":    array(str("")),
			"createdAt": integer(epochMillis),
			"expiresAt": nullable("integer", epochMillis+" null: never."),
		}, "userId", "name", "scopes", "createdAt", "expiresAt"),

		"WebAuthnSignIn": object(schema{
			"ceremonyId": str("Send it back with the browser's assertion."),
			"options":    freeObject("PublicKeyCredentialRequestOptions (JSON) for navigator.credentials.get."),
			"expiresAt":  str(isoTime),
		}, "ceremonyId", "options", "expiresAt"),

		"ProfileClaims": with(input(func() schema {
			p := schema{}
			for _, c := range profileClaims {
				p[c] = str("")
			}
			addr := schema{}
			for _, c := range addressClaims {
				addr[c] = str("")
			}
			p["address"] = with(input(addr), "description", "Replaces the stored address whole.")
			return p
		}()), "description", "Claims to overwrite: absent ones are kept. null is refused (400 guard.invalid_input)."),
	}
}
