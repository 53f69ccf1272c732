package httpadapter_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/connector"
	"github.com/myaccount-go/myaccount/connector/mock"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/secret"
)

const signInExpPath = "/api/.well-known/sign-in-exp"

// fullySetUp is a Service with everything the sign-in experience shows set
// away from the defaults.
func fullySetUp(t testing.TB) func(*myaccount.Config) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		t.Fatal(err)
	}
	ring, err := secret.NewKeyRing(secret.Key{ID: 1, Secret: key})
	if err != nil {
		t.Fatal(err)
	}
	return func(c *myaccount.Config) {
		c.Cipher = ring
		c.MFA = myaccount.MFAPolicy{Factors: []mfa.FactorType{mfa.TypeTOTP, mfa.TypeWebAuthn}, PasskeySignIn: true, Prompt: myaccount.MFAMandatory}
		c.PasswordPolicy = &account.PasswordPolicy{MinLength: 12, MinCharTypes: 3, RejectUserInfo: true, BannedWords: []string{"acme"}}
		c.UsernamePolicy = &account.UsernamePolicy{MinLength: 3, MaxLength: 20, AllowLowercase: true, AllowNumbers: true}
		c.Codes.TTL = 5 * time.Minute
		c.Codes.MaxTries = 4
		c.Lockout.MaxAttempts = 7
		c.Lockout.Duration = 90 * time.Second
		c.Connectors = []connector.Connector{
			connector.Static{IDValue: "mail", TargetValue: "mail", KindValue: connector.KindEmail},
			mock.Social{IDValue: "mock-web", TargetValue: "mock"},
			plainSocial{mock.Social{IDValue: "bare", TargetValue: "bare-target"}},
		}
		c.SignInExperience = myaccount.SignInExperience{
			Color:             myaccount.Color{PrimaryColor: "#112233", DarkPrimaryColor: "#abc", IsDarkModeEnabled: true},
			Branding:          myaccount.Branding{LogoURL: "https://acme.example/logo.svg", Favicon: "https://acme.example/favicon.ico"},
			HideLogtoBranding: true,
			LanguageInfo:      &myaccount.LanguageInfo{AutoDetect: false, FallbackLanguage: "fr"},
			TermsOfUseURL:     "https://acme.example/terms",
			SupportEmail:      "help@acme.example",
			CustomProfileFields: []myaccount.CustomProfileField{
				{Name: "department", Type: "Select", Label: "Department", Required: true,
					Config: map[string]any{"options": []any{map[string]any{"value": "eng"}, map[string]any{"value": "ops"}}}},
				{Name: "birthdate", Type: "Date"},
			},
		}
	}
}

// plainSocial hides the mock's Display: a connector that says nothing
// about how to show it.
type plainSocial struct{ s mock.Social }

func (p plainSocial) ID() string           { return p.s.ID() }
func (p plainSocial) Target() string       { return p.s.Target() }
func (p plainSocial) Kind() connector.Kind { return connector.KindSocial }
func (p plainSocial) AuthorizationURI(ctx context.Context, r connector.AuthorizationRequest) (string, []byte, error) {
	return p.s.AuthorizationURI(ctx, r)
}
func (p plainSocial) Verify(ctx context.Context, session []byte, data map[string]any) (*connector.SocialUser, *connector.TokenSet, error) {
	return p.s.Verify(ctx, session, data)
}

func TestSignInExperienceParsesAsLogtosFullSignInExperience(t *testing.T) {
	for name, change := range map[string][]func(*myaccount.Config){
		"defaults":     nil,
		"fully set up": {fullySetUp(t)},
	} {
		t.Run(name, func(t *testing.T) {
			e := newEnv(t, newMemoryStore(), change...)
			r := e.do(req{method: "GET", path: signInExpPath}).want(200)
			var doc any
			if err := json.Unmarshal(r.raw, &doc); err != nil {
				t.Fatal(err)
			}
			for _, p := range logtoFullSignInExperience("$", doc) {
				t.Error(p)
			}
		})
	}
	t.Run("the check catches what broke the app", func(t *testing.T) {
		e := newEnv(t, newMemoryStore())
		var doc map[string]any
		if err := json.Unmarshal(e.do(req{method: "GET", path: signInExpPath}).want(200).raw, &doc); err != nil {
			t.Fatal(err)
		}
		doc["usernamePolicy"] = map[string]any{}
		doc["passkeySignIn"] = map[string]any{"enabled": "yes"}
		doc["extra"] = true
		if got := len(logtoFullSignInExperience("$", doc)); got != 6 { // 4 usernamePolicy keys, enabled, extra
			t.Errorf("%d problems: %v", got, logtoFullSignInExperience("$", doc))
		}
	})
}

func TestSignInExperienceShowsTheServicesOwnSettings(t *testing.T) {
	e := newEnv(t, newMemoryStore(), fullySetUp(t))
	doc := e.do(req{method: "GET", path: signInExpPath}).want(200).json
	want := map[string]any{
		"color":             map[string]any{"primaryColor": "#112233", "darkPrimaryColor": "#abc", "isDarkModeEnabled": true},
		"branding":          map[string]any{"logoUrl": "https://acme.example/logo.svg", "favicon": "https://acme.example/favicon.ico"},
		"hideLogtoBranding": true,
		"languageInfo":      map[string]any{"autoDetect": false, "fallbackLanguage": "fr"},
		"termsOfUseUrl":     "https://acme.example/terms",
		"privacyPolicyUrl":  nil,
		"supportEmail":      "help@acme.example",
		"supportWebsiteUrl": nil,
		"mfa":               map[string]any{"factors": []any{"Totp", "WebAuthn"}, "policy": "Mandatory"},
		"passkeySignIn":     map[string]any{"enabled": true},
		"passwordPolicy": map[string]any{
			// No maximum: the widest number Logto's shape holds.
			"length":         map[string]any{"min": 12.0, "max": 2147483647.0},
			"characterTypes": map[string]any{"min": 3.0},
			"rejects":        map[string]any{"pwned": false, "repetitionAndSequence": false, "userInfo": true, "words": []any{"acme"}},
		},
		"usernamePolicy": map[string]any{
			"caseSensitive": false, "minLength": 3.0, "maxLength": 20.0,
			"allowedChars": map[string]any{"lowercase": true, "uppercase": false, "numbers": true, "underscore": false},
		},
		"verificationCodePolicy": map[string]any{"expirationDuration": 300.0, "maxRetryAttempts": 4.0},
		"sentinelPolicy":         map[string]any{"maxAttempts": 7.0, "lockoutDuration": 2.0},
		// Social connectors only, each as it says to show it, or by its
		// target.
		"socialConnectors": []any{
			map[string]any{"id": "mock-web", "target": "mock", "name": map[string]any{"en": "Mock social"}, "logo": "", "logoDark": nil, "platform": "Web"},
			map[string]any{"id": "bare", "target": "bare-target", "name": map[string]any{"en": "bare-target"}, "logo": "", "logoDark": nil, "platform": "Universal"},
		},
	}
	for key, v := range want {
		if !reflect.DeepEqual(doc[key], v) {
			t.Errorf("%s = %#v, want %#v", key, doc[key], v)
		}
	}
	catalog, _ := doc["customProfileFieldCatalog"].([]any)
	if len(catalog) != 2 {
		t.Fatalf("customProfileFieldCatalog = %#v", doc["customProfileFieldCatalog"])
	}
	first := catalog[0].(map[string]any)
	if first["name"] != "department" || first["type"] != "Select" || first["required"] != true || first["description"] != nil ||
		first["config"].(map[string]any)["options"] == nil || first["sieOrder"] != 1.0 {
		t.Errorf("catalogue entry: %#v", first)
	}
	if cfg := catalog[1].(map[string]any)["config"]; !reflect.DeepEqual(cfg, map[string]any{}) {
		t.Errorf("a field without config: %#v, want {}", cfg)
	}
}

func TestSignInExperienceUsernamePolicyIsWholeWithTheDefaults(t *testing.T) {
	// Logto's Account Center reads every key of usernamePolicy: an empty
	// object broke its username page.
	e := newEnv(t, newMemoryStore())
	doc := e.do(req{method: "GET", path: signInExpPath}).want(200).json
	want := map[string]any{
		"caseSensitive": true, "minLength": 1.0, "maxLength": 128.0,
		"allowedChars": map[string]any{"lowercase": true, "uppercase": true, "numbers": true, "underscore": true},
	}
	if !reflect.DeepEqual(doc["usernamePolicy"], want) {
		t.Errorf("usernamePolicy = %#v", doc["usernamePolicy"])
	}
	if doc["mfa"].(map[string]any)["policy"] != "PromptAtSignInAndSignUp" {
		t.Errorf("mfa = %#v", doc["mfa"])
	}
	if c := doc["color"].(map[string]any); c["primaryColor"] != "#6139F6" || c["darkPrimaryColor"] != "#8768F8" || c["isDarkModeEnabled"] != false {
		t.Errorf("color = %#v", c)
	}
	if l := doc["languageInfo"].(map[string]any); l["autoDetect"] != true || l["fallbackLanguage"] != "en" {
		t.Errorf("languageInfo = %#v", l)
	}
}

func TestSignInExperienceIsAnonymousCacheableAndServedWhileTheCenterIsOff(t *testing.T) {
	e := newEnv(t, newMemoryStore()) // the account center starts disabled
	r := e.do(req{method: "GET", path: signInExpPath}).want(200)
	if cc := r.header.Get("Cache-Control"); cc != "" {
		t.Errorf("Cache-Control %q, want none: the document is public", cc)
	}
	tag := r.header.Get("ETag")
	if tag == "" {
		t.Fatal("no ETag")
	}
	e.do(req{method: "GET", path: signInExpPath, header: map[string]string{"If-None-Match": tag}}).want(304)
	if again := e.do(req{method: "GET", path: signInExpPath}).want(200).header.Get("ETag"); again != tag {
		t.Errorf("ETag changed between two reads: %s, %s", tag, again)
	}
	e.do(req{method: "POST", path: signInExpPath}).wantError(405, string(account.CodeMethodNotAllowed))
}

func TestSignInExperienceConfigRefusesWhatPagesCannotUse(t *testing.T) {
	for name, x := range map[string]myaccount.SignInExperience{
		"a colour that is not hex":   {Color: myaccount.Color{PrimaryColor: "purple"}},
		"a logo that is not a URL":   {Branding: myaccount.Branding{LogoURL: "logo.png"}},
		"a terms link of javascript": {TermsOfUseURL: "javascript:alert(1)"},
		"a bad language tag":         {LanguageInfo: &myaccount.LanguageInfo{FallbackLanguage: "not a tag"}},
		"an unknown field type":      {CustomProfileFields: []myaccount.CustomProfileField{{Name: "x", Type: "Colour"}}},
		"a field twice":              {CustomProfileFields: []myaccount.CustomProfileField{{Name: "x", Type: "Text"}, {Name: "x", Type: "Text"}}},
	} {
		_, err := myaccount.New(myaccount.Config{Store: newMemoryStore(), SignInExperience: x})
		if err == nil || !strings.Contains(err.Error(), "myaccount:") {
			t.Errorf("%s: New = %v, want a configuration error", name, err)
		}
	}
	if _, err := myaccount.New(myaccount.Config{Store: newMemoryStore(), MFA: myaccount.MFAPolicy{Prompt: "Sometimes"}}); err == nil {
		t.Error("an unknown MFA prompt was accepted")
	}
}
