package httpadapter_test

import (
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"
)

// Logto's types, described in Go: enough of a zod to check that a JSON
// document parses as Logto's guards would have it, strictly (an object
// holds no key its type does not name). The descriptions below are read
// from Logto v1.42.0: packages/schemas (the sign_in_experiences table and
// its jsonb types, FullSignInExperience, custom_profile_fields),
// packages/toolkit/core-kit (PasswordPolicy, UsernamePolicy) and
// packages/toolkit/connector-kit (ConnectorMetadata).

// logtoType checks a decoded JSON value; path names it in the problems it
// returns.
type logtoType func(path string, v any) []string

// field is one key of an object; optional keys may be absent (never
// undefined in JSON).
type field struct {
	name     string
	t        logtoType
	optional bool
}

func must(name string, t logtoType) field { return field{name: name, t: t} }
func opt(name string, t logtoType) field  { return field{name: name, t: t, optional: true} }

func problem(path, format string, args ...any) []string {
	return []string{path + ": " + fmt.Sprintf(format, args...)}
}

// zObject is a strict z.object.
func zObject(fields ...field) logtoType {
	return func(path string, v any) []string {
		m, ok := v.(map[string]any)
		if !ok {
			return problem(path, "want an object, got %T", v)
		}
		var out []string
		known := map[string]bool{}
		for _, f := range fields {
			known[f.name] = true
			fv, present := m[f.name]
			if !present {
				if !f.optional {
					out = append(out, problem(path+"."+f.name, "missing")...)
				}
				continue
			}
			out = append(out, f.t(path+"."+f.name, fv)...)
		}
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if !known[k] {
				out = append(out, problem(path+"."+k, "not a key of Logto's type")...)
			}
		}
		return out
	}
}

func zString(path string, v any) []string {
	if _, ok := v.(string); !ok {
		return problem(path, "want a string, got %T", v)
	}
	return nil
}

func zBoolean(path string, v any) []string {
	if _, ok := v.(bool); !ok {
		return problem(path, "want a boolean, got %T", v)
	}
	return nil
}

// zInt is z.number().int() within [lo, hi].
func zInt(lo, hi float64) logtoType {
	return func(path string, v any) []string {
		n, ok := v.(float64)
		if !ok || n != float64(int64(n)) {
			return problem(path, "want an integer, got %v", v)
		}
		if n < lo || n > hi {
			return problem(path, "%v not within [%v, %v]", n, lo, hi)
		}
		return nil
	}
}

func zRegex(re *regexp.Regexp) logtoType {
	return func(path string, v any) []string {
		s, ok := v.(string)
		if !ok || !re.MatchString(s) {
			return problem(path, "want a string matching %s, got %v", re, v)
		}
		return nil
	}
}

// zURL is z.string().url(): an absolute URL.
func zURL(path string, v any) []string {
	s, ok := v.(string)
	if !ok || !strings.Contains(s, "://") {
		return problem(path, "want a URL, got %v", v)
	}
	return nil
}

func zEnum(values ...string) logtoType {
	return func(path string, v any) []string {
		s, ok := v.(string)
		if !ok || !slices.Contains(values, s) {
			return problem(path, "want one of %v, got %v", values, v)
		}
		return nil
	}
}

func zNullable(t logtoType) logtoType {
	return func(path string, v any) []string {
		if v == nil {
			return nil
		}
		return t(path, v)
	}
}

func zNull(path string, v any) []string {
	if v != nil {
		return problem(path, "want null, got %v", v)
	}
	return nil
}

func zArray(t logtoType) logtoType {
	return func(path string, v any) []string {
		a, ok := v.([]any)
		if !ok {
			return problem(path, "want an array, got %T", v)
		}
		var out []string
		for i, e := range a {
			out = append(out, t(fmt.Sprintf("%s[%d]", path, i), e)...)
		}
		return out
	}
}

// zRecord is z.record(t).
func zRecord(t logtoType) logtoType {
	return func(path string, v any) []string {
		m, ok := v.(map[string]any)
		if !ok {
			return problem(path, "want an object, got %T", v)
		}
		var out []string
		for k, e := range m {
			out = append(out, t(path+"."+k, e)...)
		}
		return out
	}
}

// zAny is z.unknown().
func zAny(string, any) []string { return nil }

// zWith adds a refinement to t.
func zWith(t logtoType, check func(path string, v any) []string) logtoType {
	return func(path string, v any) []string {
		if out := t(path, v); len(out) > 0 {
			return out
		}
		return check(path, v)
	}
}

// hexColorRegEx is core-kit's.
var hexColorRegEx = regexp.MustCompile(`^#[\da-fA-F]{3}([\da-fA-F]{3})?$`)

// languageTag is language-kit's languageTagGuard, loosely: a BCP 47 tag.
var languageTag = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

var (
	logtoColor = zObject(
		must("primaryColor", zRegex(hexColorRegEx)),
		must("isDarkModeEnabled", zBoolean),
		must("darkPrimaryColor", zRegex(hexColorRegEx)),
	)
	logtoBranding = zObject(
		opt("logoUrl", zURL), opt("darkLogoUrl", zURL), opt("favicon", zURL), opt("darkFavicon", zURL),
	)
	logtoLanguageInfo = zObject(must("autoDetect", zBoolean), must("fallbackLanguage", zRegex(languageTag)))
	signInIdentifier  = zEnum("username", "email", "phone")
	logtoSignIn       = zObject(must("methods", zArray(zObject(
		must("identifier", signInIdentifier), must("password", zBoolean),
		must("verificationCode", zBoolean), must("isPasswordPrimary", zBoolean),
	))))
	logtoSignUp = zObject(
		must("identifiers", zArray(signInIdentifier)), must("password", zBoolean), must("verify", zBoolean),
		opt("secondaryIdentifiers", zArray(zObject(must("identifier", zEnum("username", "email", "phone", "emailOrPhone")), opt("verify", zBoolean)))),
	)
	logtoSocialSignIn = zObject(opt("automaticAccountLinking", zBoolean), opt("skipRequiredIdentifiers", zBoolean))
	// PartialPasswordPolicy: every part optional, each part's keys too
	// (the guard fills defaults).
	logtoPasswordPolicy = zObject(
		opt("length", zObject(opt("min", zInt(1, 1<<53)), opt("max", zInt(1, 1<<53)))),
		opt("characterTypes", zObject(opt("min", zInt(1, 4)))),
		opt("rejects", zObject(opt("pwned", zBoolean), opt("repetitionAndSequence", zBoolean), opt("userInfo", zBoolean), opt("words", zArray(zString)))),
	)
	logtoMfa = zObject(
		must("factors", zArray(zEnum("Totp", "WebAuthn", "BackupCode", "EmailVerificationCode", "PhoneVerificationCode"))),
		must("policy", zEnum("UserControlled", "Mandatory", "PromptOnlyAtSignIn", "PromptAtSignInAndSignUp", "NoPrompt",
			"PromptAtSignInAndSignUpMandatory", "PromptOnlyAtSignInMandatory")),
		opt("organizationRequiredMfaPolicy", zEnum("NoPrompt", "Mandatory")),
	)
	// usernamePolicyGuard, refinements included: min <= max, and one of
	// lowercase, uppercase, underscore allowed.
	logtoUsernamePolicy = zWith(zObject(
		must("caseSensitive", zBoolean),
		must("minLength", zInt(1, 128)),
		must("maxLength", zInt(1, 128)),
		must("allowedChars", zObject(must("lowercase", zBoolean), must("uppercase", zBoolean), must("numbers", zBoolean), must("underscore", zBoolean))),
	), func(path string, v any) []string {
		m := v.(map[string]any)
		if m["minLength"].(float64) > m["maxLength"].(float64) {
			return problem(path, "minLength exceeds maxLength")
		}
		c := m["allowedChars"].(map[string]any)
		if c["lowercase"] != true && c["uppercase"] != true && c["underscore"] != true {
			return problem(path, "no letter or underscore allowed")
		}
		return nil
	})
	// i18nPhrasesGuard: "en" and any language tags.
	logtoI18nPhrases = zWith(zRecord(zString), func(path string, v any) []string {
		m := v.(map[string]any)
		if _, ok := m["en"]; !ok {
			return problem(path, "no \"en\"")
		}
		for k := range m {
			if !languageTag.MatchString(k) {
				return problem(path, "%q is not a language tag", k)
			}
		}
		return nil
	})
	// ExperienceSocialConnector: ConnectorMetadata without description,
	// configTemplate, formItems, readme and customData.
	logtoSocialConnector = zObject(
		must("id", zString), must("target", zString), must("name", logtoI18nPhrases),
		must("logo", zString), must("logoDark", zNullable(zString)),
		must("platform", zNullable(zEnum("Native", "Universal", "Web"))),
		opt("isStandard", zBoolean), opt("isTokenStorageSupported", zBoolean), opt("fromEmail", zString),
	)
	logtoSsoConnector = zObject(
		must("id", zString), must("connectorName", zString), must("logo", zString), must("darkLogo", zNullable(zString)),
	)
	logtoCustomProfileField = zObject(
		must("tenantId", zString), must("id", zString), must("name", zString),
		must("type", zEnum("Text", "Number", "Date", "Checkbox", "Select", "Url", "Regex", "Address", "Fullname")),
		must("label", zString), must("description", zNullable(zString)), must("required", zBoolean),
		must("config", zRecord(zAny)), must("createdAt", zInt(0, 1<<53)), must("sieOrder", zInt(-1<<15, 1<<15)),
	)

	// logtoFullSignInExperience is fullSignInExperienceGuard: the
	// sign_in_experiences row without emailBlocklistPolicy and
	// forgotPasswordMethods, plus the computed keys. The Account Center
	// reads it as SignInExperienceResponse (the same, without
	// socialSignInConnectorTargets).
	logtoFullSignInExperience = zObject(
		must("tenantId", zString),
		must("id", zString),
		must("color", logtoColor),
		must("branding", logtoBranding),
		must("hideLogtoBranding", zBoolean),
		must("languageInfo", logtoLanguageInfo),
		must("termsOfUseUrl", zNullable(zString)),
		must("privacyPolicyUrl", zNullable(zString)),
		must("agreeToTermsPolicy", zEnum("Automatic", "ManualRegistrationOnly", "Manual")),
		must("signIn", logtoSignIn),
		must("signUp", logtoSignUp),
		must("socialSignIn", logtoSocialSignIn),
		opt("socialSignInConnectorTargets", zArray(zString)),
		must("signInMode", zEnum("SignIn", "Register", "SignInAndRegister")),
		must("customCss", zNullable(zString)),
		must("customContent", zRecord(zString)),
		must("customUiAssets", zNullable(zObject(must("id", zString), must("createdAt", zInt(0, 1<<53))))),
		must("customUiCsp", zRecord(zAny)),
		must("passwordPolicy", logtoPasswordPolicy),
		must("mfa", logtoMfa),
		must("adaptiveMfa", zObject(opt("enabled", zBoolean))),
		must("singleSignOnEnabled", zBoolean),
		must("supportEmail", zNullable(zString)),
		must("supportWebsiteUrl", zNullable(zString)),
		must("unknownSessionRedirectUrl", zNullable(zString)),
		must("captchaPolicy", zObject(opt("enabled", zBoolean))),
		must("sentinelPolicy", zObject(opt("maxAttempts", zInt(0, 1<<53)), opt("lockoutDuration", zInt(0, 1<<53)))),
		must("verificationCodePolicy", zObject(opt("expirationDuration", zInt(60, 3600)), opt("maxRetryAttempts", zInt(1, 100)))),
		must("passkeySignIn", zObject(opt("enabled", zBoolean), opt("showPasskeyButton", zBoolean), opt("allowAutofill", zBoolean))),
		must("signUpProfileFields", zNullable(zArray(zObject(must("name", zString))))),
		must("passwordExpiration", zObject(opt("enabled", zBoolean), opt("validPeriodDays", zInt(1, 1<<53)), opt("enabledAt", zInt(0, 1<<53)))),
		must("usernamePolicy", logtoUsernamePolicy),
		must("socialConnectors", zArray(logtoSocialConnector)),
		must("ssoConnectors", zArray(logtoSsoConnector)),
		must("forgotPassword", zObject(must("phone", zBoolean), must("email", zBoolean))),
		must("isDevelopmentTenant", zBoolean),
		opt("googleOneTap", zRecord(zAny)),
		opt("captchaConfig", zRecord(zAny)),
		must("customProfileFields", zArray(logtoCustomProfileField)),
		opt("customProfileFieldCatalog", zArray(logtoCustomProfileField)),
	)
)
