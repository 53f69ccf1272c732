package myaccount

import (
	"context"
	"math"
	"time"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/connector"
	"github.com/myaccount-go/myaccount/mfa"
)

// SignInExperienceView is the public sign-in experience, GET
// /api/.well-known/sign-in-exp: Logto's FullSignInExperience, every key
// Logto answers, in its names and shapes, so that Logto's own pages (its
// Account Center) start on it. Config.SignInExperience gives the host's
// values; the rest is the Service's own settings, read when asked, so the
// two cannot drift. What this library does not have (captcha, single
// sign-on connectors, sign-up, custom UI assets) is answered as a Logto
// tenant without it answers.
type SignInExperienceView struct {
	TenantID                  string                  `json:"tenantId"`
	ID                        string                  `json:"id"`
	Color                     Color                   `json:"color"`
	Branding                  Branding                `json:"branding"`
	HideLogtoBranding         bool                    `json:"hideLogtoBranding"`
	LanguageInfo              LanguageInfo            `json:"languageInfo"`
	TermsOfUseURL             *string                 `json:"termsOfUseUrl"`
	PrivacyPolicyURL          *string                 `json:"privacyPolicyUrl"`
	AgreeToTermsPolicy        string                  `json:"agreeToTermsPolicy"`
	SignIn                    SignInMethods           `json:"signIn"`
	SignUp                    SignUpSettings          `json:"signUp"`
	SocialSignIn              struct{}                `json:"socialSignIn"`
	SignInMode                string                  `json:"signInMode"`
	CustomCSS                 *string                 `json:"customCss"`
	CustomContent             map[string]string       `json:"customContent"`
	CustomUIAssets            *struct{}               `json:"customUiAssets"`
	CustomUICSP               struct{}                `json:"customUiCsp"`
	PasswordPolicy            PasswordPolicyView      `json:"passwordPolicy"`
	MFA                       MFAView                 `json:"mfa"`
	AdaptiveMFA               struct{}                `json:"adaptiveMfa"`
	SingleSignOnEnabled       bool                    `json:"singleSignOnEnabled"`
	SupportEmail              *string                 `json:"supportEmail"`
	SupportWebsiteURL         *string                 `json:"supportWebsiteUrl"`
	UnknownSessionRedirectURL *string                 `json:"unknownSessionRedirectUrl"`
	CaptchaPolicy             struct{}                `json:"captchaPolicy"`
	SentinelPolicy            SentinelPolicyView      `json:"sentinelPolicy"`
	VerificationCodePolicy    CodePolicyView          `json:"verificationCodePolicy"`
	PasskeySignIn             PasskeySignInView       `json:"passkeySignIn"`
	SignUpProfileFields       []account.ProfileField  `json:"signUpProfileFields"`
	PasswordExpiration        struct{}                `json:"passwordExpiration"`
	UsernamePolicy            UsernamePolicyView      `json:"usernamePolicy"`
	SocialConnectors          []SocialConnectorView   `json:"socialConnectors"`
	SSOConnectors             []struct{}              `json:"ssoConnectors"`
	ForgotPassword            ForgotPasswordView      `json:"forgotPassword"`
	IsDevelopmentTenant       bool                    `json:"isDevelopmentTenant"`
	CustomProfileFields       []CustomProfileFieldRow `json:"customProfileFields"`
	CustomProfileFieldCatalog []CustomProfileFieldRow `json:"customProfileFieldCatalog"`
}

// SignInMethods is Logto's SignIn: the identifiers a user signs in with.
type SignInMethods struct {
	Methods []SignInMethod `json:"methods"`
}

// SignInMethod is one identifier of SignInMethods.
type SignInMethod struct {
	Identifier        string `json:"identifier"`
	Password          bool   `json:"password"`
	VerificationCode  bool   `json:"verificationCode"`
	IsPasswordPrimary bool   `json:"isPasswordPrimary"`
}

// SignUpSettings is Logto's SignUp. This library registers nobody: no
// identifiers.
type SignUpSettings struct {
	Identifiers []string `json:"identifiers"`
	Password    bool     `json:"password"`
	Verify      bool     `json:"verify"`
}

// PasswordPolicyView is Config.PasswordPolicy in Logto's PasswordPolicy
// shape.
type PasswordPolicyView struct {
	Length struct {
		Min int `json:"min"`
		Max int `json:"max"`
	} `json:"length"`
	CharacterTypes struct {
		Min int `json:"min"`
	} `json:"characterTypes"`
	Rejects struct {
		Pwned                 bool     `json:"pwned"`
		RepetitionAndSequence bool     `json:"repetitionAndSequence"`
		UserInfo              bool     `json:"userInfo"`
		Words                 []string `json:"words"`
	} `json:"rejects"`
}

// UsernamePolicyView is Config.UsernamePolicy in Logto's UsernamePolicy
// shape.
type UsernamePolicyView struct {
	CaseSensitive bool `json:"caseSensitive"`
	MinLength     int  `json:"minLength"`
	MaxLength     int  `json:"maxLength"`
	AllowedChars  struct {
		Lowercase  bool `json:"lowercase"`
		Uppercase  bool `json:"uppercase"`
		Numbers    bool `json:"numbers"`
		Underscore bool `json:"underscore"`
	} `json:"allowedChars"`
}

// MFAView is Config.MFA as Logto's Mfa.
type MFAView struct {
	Factors []mfa.FactorType `json:"factors"`
	Policy  MFAPrompt        `json:"policy"`
}

// PasskeySignInView is Logto's PasskeySignIn.
type PasskeySignInView struct {
	Enabled bool `json:"enabled"`
}

// SentinelPolicyView is the account lockout (Config.Lockout) as Logto's
// SentinelPolicy: failures per hour, lockout minutes.
type SentinelPolicyView struct {
	MaxAttempts     int `json:"maxAttempts"`
	LockoutDuration int `json:"lockoutDuration"`
}

// CodePolicyView is Config.Codes as Logto's VerificationCodePolicy.
type CodePolicyView struct {
	ExpirationDuration int `json:"expirationDuration"`
	MaxRetryAttempts   int `json:"maxRetryAttempts"`
}

// ForgotPasswordView is Logto's forgotPassword. Resetting a forgotten
// password is the host's sign-in, not this library's: both false.
type ForgotPasswordView struct {
	Phone bool `json:"phone"`
	Email bool `json:"email"`
}

// SocialConnectorView is one social connector of Config.Connectors as
// Logto's ExperienceSocialConnector.
type SocialConnectorView struct {
	ID       string            `json:"id"`
	Target   string            `json:"target"`
	Name     map[string]string `json:"name"`
	Logo     string            `json:"logo"`
	LogoDark *string           `json:"logoDark"`
	Platform string            `json:"platform"`
}

// CustomProfileFieldRow is a CustomProfileField as Logto's
// custom_profile_fields row.
type CustomProfileFieldRow struct {
	TenantID    string         `json:"tenantId"`
	ID          string         `json:"id"`
	Name        string         `json:"name"`
	Type        string         `json:"type"`
	Label       string         `json:"label"`
	Description *string        `json:"description"`
	Required    bool           `json:"required"`
	Config      map[string]any `json:"config"`
	CreatedAt   int64          `json:"createdAt"`
	SieOrder    int            `json:"sieOrder"`
}

// SignInExperience answers the anonymous GET /api/.well-known/sign-in-exp.
func (s *Account) SignInExperience(context.Context) (SignInExperienceView, error) {
	return s.signInExperience(), nil
}

func (s *core) signInExperience() SignInExperienceView {
	x := s.cfg.SignInExperience
	v := SignInExperienceView{
		TenantID: "default", ID: "default",
		Color: x.Color, Branding: x.Branding, HideLogtoBranding: x.HideLogtoBranding,
		LanguageInfo:       *x.LanguageInfo,
		TermsOfUseURL:      nullable(x.TermsOfUseURL),
		PrivacyPolicyURL:   nullable(x.PrivacyPolicyURL),
		AgreeToTermsPolicy: "Automatic",
		SignIn:             s.signInMethods(),
		SignUp:             SignUpSettings{Identifiers: []string{}},
		SignInMode:         "SignIn",
		CustomContent:      map[string]string{},
		PasswordPolicy:     passwordPolicyView(s.cfg.PasswordPolicy),
		MFA:                MFAView{Factors: append([]mfa.FactorType{}, s.cfg.MFA.Factors...), Policy: s.cfg.MFA.Prompt},
		SupportEmail:       nullable(x.SupportEmail),
		SupportWebsiteURL:  nullable(x.SupportWebsiteURL),
		SentinelPolicy: SentinelPolicyView{
			MaxAttempts:     s.cfg.Lockout.MaxAttempts,
			LockoutDuration: int(math.Ceil(s.cfg.Lockout.Duration.Minutes())),
		},
		VerificationCodePolicy: CodePolicyView{
			ExpirationDuration: int(s.cfg.Codes.TTL / time.Second),
			MaxRetryAttempts:   s.cfg.Codes.MaxTries,
		},
		PasskeySignIn:             PasskeySignInView{Enabled: s.cfg.MFA.PasskeySignIn},
		SignUpProfileFields:       []account.ProfileField{},
		UsernamePolicy:            usernamePolicyView(s.cfg.UsernamePolicy),
		SocialConnectors:          []SocialConnectorView{},
		SSOConnectors:             []struct{}{},
		CustomProfileFields:       []CustomProfileFieldRow{},
		CustomProfileFieldCatalog: []CustomProfileFieldRow{},
	}
	for _, c := range s.cfg.Connectors {
		if c.Kind() != connector.KindSocial {
			continue
		}
		d := connector.DisplayOf(c)
		v.SocialConnectors = append(v.SocialConnectors, SocialConnectorView{
			ID: c.ID(), Target: c.Target(), Name: d.Name, Logo: d.Logo, LogoDark: nullable(d.LogoDark), Platform: string(d.Platform),
		})
	}
	for i, f := range x.CustomProfileFields {
		config := f.Config
		if config == nil {
			config = map[string]any{}
		}
		v.CustomProfileFieldCatalog = append(v.CustomProfileFieldCatalog, CustomProfileFieldRow{
			TenantID: "default", ID: f.Name, Name: f.Name, Type: f.Type, Label: f.Label,
			Description: nullable(f.Description), Required: f.Required, Config: config, SieOrder: i + 1,
		})
	}
	return v
}

// signInMethods are the identifiers SignIn.Password takes, each with a
// password; codes are not a sign-in method of this library.
func (s *core) signInMethods() SignInMethods {
	var m SignInMethods
	for _, id := range []string{"username", "email", "phone"} {
		m.Methods = append(m.Methods, SignInMethod{Identifier: id, Password: true, IsPasswordPrimary: true})
	}
	return m
}

// Logto's bounds of a username's length.
const (
	logtoUsernameMinLength = 1
	logtoUsernameMaxLength = 128
)

func usernamePolicyView(p *account.UsernamePolicy) UsernamePolicyView {
	var v UsernamePolicyView
	v.CaseSensitive = p.CaseSensitive
	// No bound (zero) is shown as Logto's widest bound.
	v.MinLength = min(max(p.MinLength, logtoUsernameMinLength), logtoUsernameMaxLength)
	v.MaxLength = logtoUsernameMaxLength
	if p.MaxLength > 0 {
		v.MaxLength = max(min(p.MaxLength, logtoUsernameMaxLength), v.MinLength)
	}
	v.AllowedChars.Lowercase = p.AllowLowercase
	v.AllowedChars.Uppercase = p.AllowUppercase
	v.AllowedChars.Numbers = p.AllowNumbers
	v.AllowedChars.Underscore = p.AllowUnderscore
	return v
}

// noPasswordMaxLength stands for a password policy without a maximum:
// Logto's shape needs a number.
const noPasswordMaxLength = math.MaxInt32

func passwordPolicyView(p *account.PasswordPolicy) PasswordPolicyView {
	var v PasswordPolicyView
	v.Length.Min = max(p.MinLength, 1)
	v.Length.Max = noPasswordMaxLength
	if p.MaxLength > 0 {
		v.Length.Max = max(p.MaxLength, v.Length.Min)
	}
	v.CharacterTypes.Min = min(max(p.MinCharTypes, 1), 4)
	v.Rejects.Pwned = p.RejectCommon || p.Breached != nil
	v.Rejects.RepetitionAndSequence = p.RejectRepetitionAndSequence
	v.Rejects.UserInfo = p.RejectUserInfo
	v.Rejects.Words = append([]string{}, p.BannedWords...)
	return v
}
