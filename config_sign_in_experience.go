package myaccount

import (
	"errors"
	"fmt"
	"regexp"
	"slices"

	"golang.org/x/text/language"
)

// SignInExperience holds what GET /api/.well-known/sign-in-exp shows that
// only the host knows: its colours, logos, legal links, support contacts,
// languages and custom profile fields. Field names and nesting are
// Logto's (its sign_in_experiences row), so a JSON file in Logto's shape
// decodes into it. The rest of that document (MFA factors, passkey sign-in,
// the password and username policies, the social connectors, the code
// policy, the lockout) is read from the Service's own settings.
type SignInExperience struct {
	Color    Color    `json:"color"`
	Branding Branding `json:"branding"`
	// HideLogtoBranding hides the "Powered by Logto" line of Logto's own
	// pages.
	HideLogtoBranding bool `json:"hideLogtoBranding"`
	// LanguageInfo is how pages pick their language. nil: detect it from
	// the browser, falling back to English.
	LanguageInfo *LanguageInfo `json:"languageInfo"`
	// TermsOfUseURL and PrivacyPolicyURL are http(s) URLs; empty is none.
	TermsOfUseURL    string `json:"termsOfUseUrl"`
	PrivacyPolicyURL string `json:"privacyPolicyUrl"`
	// SupportEmail and SupportWebsiteURL are where pages send users for
	// help; empty is none.
	SupportEmail      string `json:"supportEmail"`
	SupportWebsiteURL string `json:"supportWebsiteUrl"`
	// CustomProfileFields is the catalogue of profile fields the account
	// center's profileFields name: their type, label and constraints, for
	// a page to render them. The Service does not check profile or custom
	// data writes against it.
	CustomProfileFields []CustomProfileField `json:"customProfileFields"`
}

// Color is the pages' brand colours, as Logto's Color.
type Color struct {
	// PrimaryColor and DarkPrimaryColor are hex colours (#RGB or #RRGGBB).
	// Defaults: Logto's, #6139F6 and #8768F8.
	PrimaryColor     string `json:"primaryColor"`
	DarkPrimaryColor string `json:"darkPrimaryColor"`
	// IsDarkModeEnabled lets pages follow the system's dark mode.
	IsDarkModeEnabled bool `json:"isDarkModeEnabled"`
}

// Branding is the pages' logos and icons, as Logto's Branding: absolute
// URLs, each left out when empty.
type Branding struct {
	LogoURL     string `json:"logoUrl,omitempty"`
	DarkLogoURL string `json:"darkLogoUrl,omitempty"`
	Favicon     string `json:"favicon,omitempty"`
	DarkFavicon string `json:"darkFavicon,omitempty"`
}

// LanguageInfo is Logto's LanguageInfo.
type LanguageInfo struct {
	// AutoDetect uses the browser's language when pages have phrases for
	// it.
	AutoDetect bool `json:"autoDetect"`
	// FallbackLanguage is a language tag ("en", "fr", "zh-CN"). Default
	// "en".
	FallbackLanguage string `json:"fallbackLanguage"`
}

// CustomProfileField is one entry of the custom profile field catalogue,
// as Logto's custom_profile_fields row.
type CustomProfileField struct {
	// Name is the key: a profile claim (givenName, birthdate, ...) for a
	// built-in field, else a key of the user's custom data.
	Name string `json:"name"`
	// Type is one of CustomProfileFieldTypes.
	Type        string `json:"type"`
	Label       string `json:"label"`
	Description string `json:"description,omitempty"`
	Required    bool   `json:"required"`
	// Config holds the type's constraints (Logto's
	// CustomProfileFieldConfig: placeholder, minLength, maxLength, options,
	// format, parts, ...), shown as given. nil is {}.
	Config map[string]any `json:"config,omitempty"`
}

// CustomProfileFieldTypes are the types a CustomProfileField may have
// (Logto's CustomProfileFieldType).
var CustomProfileFieldTypes = []string{"Text", "Number", "Date", "Checkbox", "Select", "Url", "Regex", "Address", "Fullname"}

// MFAPrompt is when the host's sign-in asks users to set up MFA, spelled
// as Logto's MfaPolicy. The Service does not sign users in: it only shows
// the prompt, so that the account center knows whether users may turn
// their second step off (GET/PATCH /api/my-account/mfa-settings).
type MFAPrompt string

// The prompts: the three Mandatory ones leave users no choice.
const (
	MFAPromptAtSignInAndSignUp          MFAPrompt = "PromptAtSignInAndSignUp"
	MFAPromptOnlyAtSignIn               MFAPrompt = "PromptOnlyAtSignIn"
	MFANoPrompt                         MFAPrompt = "NoPrompt"
	MFAMandatory                        MFAPrompt = "Mandatory"
	MFAPromptAtSignInAndSignUpMandatory MFAPrompt = "PromptAtSignInAndSignUpMandatory"
	MFAPromptOnlyAtSignInMandatory      MFAPrompt = "PromptOnlyAtSignInMandatory"
)

func (p MFAPrompt) valid() bool {
	switch p {
	case MFAPromptAtSignInAndSignUp, MFAPromptOnlyAtSignIn, MFANoPrompt, MFAMandatory,
		MFAPromptAtSignInAndSignUpMandatory, MFAPromptOnlyAtSignInMandatory:
		return true
	}
	return false
}

// Logto's default brand colours.
const (
	defaultPrimaryColor     = "#6139F6"
	defaultDarkPrimaryColor = "#8768F8"
)

// hexColor is Logto's hexColorRegEx.
var hexColor = regexp.MustCompile(`^#[\da-fA-F]{3}([\da-fA-F]{3})?$`)

// setDefaults fills in the defaults and refuses a value a page could not
// use: Logto's pages would refuse the whole document.
func (x *SignInExperience) setDefaults() error {
	if x.Color.PrimaryColor == "" {
		x.Color.PrimaryColor = defaultPrimaryColor
	}
	if x.Color.DarkPrimaryColor == "" {
		x.Color.DarkPrimaryColor = defaultDarkPrimaryColor
	}
	if !hexColor.MatchString(x.Color.PrimaryColor) || !hexColor.MatchString(x.Color.DarkPrimaryColor) {
		return errors.New("myaccount: SignInExperience colours must be #RGB or #RRGGBB")
	}
	for _, u := range []string{x.Branding.LogoURL, x.Branding.DarkLogoURL, x.Branding.Favicon, x.Branding.DarkFavicon,
		x.TermsOfUseURL, x.PrivacyPolicyURL, x.SupportWebsiteURL} {
		if u != "" && !isWebURL(u) {
			return fmt.Errorf("myaccount: SignInExperience URL %q is not an http(s) URL", u)
		}
	}
	if x.LanguageInfo == nil {
		x.LanguageInfo = &LanguageInfo{AutoDetect: true}
	} else {
		info := *x.LanguageInfo // the caller's value stays theirs
		x.LanguageInfo = &info
	}
	if x.LanguageInfo.FallbackLanguage == "" {
		x.LanguageInfo.FallbackLanguage = "en"
	}
	if _, err := language.Parse(x.LanguageInfo.FallbackLanguage); err != nil {
		return fmt.Errorf("myaccount: SignInExperience fallback language: %w", err)
	}
	seen := map[string]bool{}
	for _, f := range x.CustomProfileFields {
		if f.Name == "" || seen[f.Name] {
			return fmt.Errorf("myaccount: SignInExperience custom profile field names must be set and unique (%q)", f.Name)
		}
		seen[f.Name] = true
		if !slices.Contains(CustomProfileFieldTypes, f.Type) {
			return fmt.Errorf("myaccount: custom profile field %q: unknown type %q", f.Name, f.Type)
		}
	}
	return nil
}
