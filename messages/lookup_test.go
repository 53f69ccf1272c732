package messages

import (
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/myaccount-go/myaccount/account"
)

// usernameViolations are the violations, each a code
// "user.username_<v>" built at run time, so codes.go does not list them.
var usernameViolations = []string{
	"required", "starts_with_number", "invalid_charset_hard", "too_short", "too_long",
	"uppercase_not_allowed", "lowercase_not_allowed", "numbers_not_allowed", "underscore_not_allowed",
}

// declaredCodes reads every constant of type Code from account/codes.go, so
// a code added there without an English message fails the test.
func declaredCodes(t *testing.T) []account.Code {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "../account/codes.go", nil, 0)
	if err != nil {
		t.Fatalf("parse codes.go: %v", err)
	}
	var codes []account.Code
	for _, decl := range f.Decls {
		gd, ok := decl.(*ast.GenDecl)
		if !ok || gd.Tok != token.CONST {
			continue
		}
		for _, spec := range gd.Specs {
			vs := spec.(*ast.ValueSpec)
			if id, ok := vs.Type.(*ast.Ident); !ok || id.Name != "Code" {
				continue
			}
			for _, v := range vs.Values {
				lit, ok := v.(*ast.BasicLit)
				if !ok || lit.Kind != token.STRING {
					t.Fatalf("a Code constant is not a string literal: %#v", v)
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				codes = append(codes, account.Code(s))
			}
		}
	}
	// Guard against a parse that silently finds nothing.
	if len(codes) < 50 {
		t.Fatalf("found only %d codes in codes.go", len(codes))
	}
	return codes
}

func TestEveryCodeHasAnEnglishMessage(t *testing.T) {
	t.Parallel()
	codes := declaredCodes(t)
	for _, v := range usernameViolations {
		codes = append(codes, account.UsernameViolationCode(v))
	}
	for _, code := range codes {
		if strings.TrimSpace(en[code]) == "" {
			t.Errorf("%s: no English message", code)
		}
	}
}

func TestTranslationsHaveNoCodeEnglishLacks(t *testing.T) {
	t.Parallel()
	for _, c := range catalogs[1:] {
		for code := range c.messages {
			if _, ok := en[code]; !ok {
				t.Errorf("%s: %s has a message English lacks", c.tag, code)
			}
		}
		// Missing translations fall back to English: worth a note, not a failure.
		for code := range en {
			if _, ok := c.messages[code]; !ok {
				t.Logf("%s: %s falls back to English", c.tag, code)
			}
		}
	}
}

func TestTemplatesAreWellFormed(t *testing.T) {
	t.Parallel()
	for _, c := range catalogs {
		for _, code := range slices.Sorted(maps.Keys(c.messages)) {
			tmpl := c.messages[code]
			t.Run(c.tag.String()+"/"+string(code), func(t *testing.T) {
				if strings.Count(tmpl, "[[") != strings.Count(tmpl, "]]") {
					t.Fatalf("unbalanced segment: %q", tmpl)
				}
				outside := segmentRe.ReplaceAllString(tmpl, "")
				if strings.Contains(outside, "{{") || strings.Contains(outside, "[[") || strings.Contains(outside, "||") {
					t.Errorf("placeholder or marker outside a segment: %q", tmpl)
				}
				// A translation uses only the data keys English documents.
				want := placeholders(en[code])
				for name := range placeholders(tmpl) {
					if !want[name] {
						t.Errorf("placeholder %q is not in the English message", name)
					}
				}
				got := render(tmpl, nil)
				if got == "" || strings.ContainsAny(got, "{}[]|") {
					t.Errorf("without data: %q", got)
				}
			})
		}
	}
}

func placeholders(s string) map[string]bool {
	names := map[string]bool{}
	for _, m := range placeholderRe.FindAllStringSubmatch(s, -1) {
		names[m[1]] = true
	}
	return names
}

func TestLookupMatchesAcceptLanguage(t *testing.T) {
	t.Parallel()
	code := account.CodeAccountCenterNotEnabled
	tests := []struct {
		header string
		want   map[account.Code]string
	}{
		{"", en},
		{"en", en},
		{"en-GB,ko;q=0.9", en},
		{"ko", ko},
		{"ko-KR,ko;q=0.9,en-US;q=0.8", ko},
		{"ja-JP", ja},
		{"zh-TW", zhTW},
		{"zh-Hant", zhTW},
		{"zh-HK", zhTW},
		{"zh-Hant-HK", zhTW},
		{"fr", fr},
		{"fr-CA", fr},
		{"de", en},
		{"pt-BR", en},
		{"*", en},
		{"de, fr;q=0.8", fr},
		{"fr;q=0.5, ko;q=0.9", ko},
		{"ko;q=0", en},
		{"not a language!!", en},
		{"!!bad, ja", ja},
	}
	for _, tt := range tests {
		t.Run(tt.header, func(t *testing.T) {
			if got := Lookup(code, tt.header, nil); got != tt.want[code] {
				t.Errorf("Lookup(%q) = %q, want %q", tt.header, got, tt.want[code])
			}
		})
	}
}

func TestLookupFallbacks(t *testing.T) {
	t.Parallel()
	t.Run("unknown code gives a generic English message", func(t *testing.T) {
		for _, h := range []string{"", "ko", "fr"} {
			if got := Lookup("no.such_code", h, nil); got != genericMessage {
				t.Errorf("Lookup(unknown, %q) = %q", h, got)
			}
		}
	})
	t.Run("code missing in a language falls back to English", func(t *testing.T) {
		cs := []catalog{
			{tag: language.English, messages: map[account.Code]string{"a.b": "English [[{{relativeTime}}]]"}, inMinutes: enMinutes},
			{tag: language.Korean, messages: map[account.Code]string{}, inMinutes: koMinutes},
		}
		got := lookupIn(cs, "a.b", 1, map[string]any{"retryAfterSeconds": 120})
		if got != "English in 2 minutes" {
			t.Errorf("got %q", got)
		}
	})
	t.Run("empty rendering gives the generic message", func(t *testing.T) {
		cs := []catalog{{tag: language.English, messages: map[account.Code]string{"a.b": "[[{{x}}]]"}, inMinutes: enMinutes}}
		if got := lookupIn(cs, "a.b", 0, nil); got != genericMessage {
			t.Errorf("got %q", got)
		}
	})
}

func TestLookupInterpolates(t *testing.T) {
	t.Parallel()
	type emailData struct {
		Email string `json:"email"`
	}
	tests := []struct {
		name   string
		code   account.Code
		header string
		data   any
		want   string
	}{
		{"array value is joined", account.CodeAuthorizationTokenTypeNotSupported, "", map[string]any{"supportedTypes": []string{"Bearer"}},
			"Authorization type is not supported. Supported types: Bearer."},
		{"decoded JSON array", account.CodeAuthorizationTokenTypeNotSupported, "", map[string]any{"supportedTypes": []any{"Bearer", "DPoP"}},
			"Authorization type is not supported. Supported types: Bearer, DPoP."},
		{"no data drops the segment", account.CodeAuthorizationTokenTypeNotSupported, "", nil,
			"Authorization type is not supported."},
		{"struct data by its JSON names", account.CodeEmailNotAllowed, "", emailData{Email: "a@b.c"},
			`The email address "a@b.c" is restricted. Please choose a different one.`},
		{"map of strings", account.CodeEmailNotAllowed, "ja", map[string]string{"email": "a@b.c"},
			`メールアドレス "a@b.c" は制限されています。別のものを選択してください。`},
		{"alternative without data", account.CodeEmailNotAllowed, "ja", nil,
			"このメールアドレスは制限されています。別のものを選択してください。"},
		{"empty value counts as missing", account.CodeInvalidConnectorID, "", map[string]any{"connectorId": ""},
			"Unable to find available connector."},
		{"number", account.UsernameViolationCode("too_short"), "", map[string]any{"minLength": 3},
			"Username is too short. It must be at least 3 characters long."},
		{"JSON number", account.UsernameViolationCode("too_long"), "fr", map[string]any{"maxLength": float64(128)},
			"Le nom d'utilisateur est trop long. Il doit comporter au plus 128 caractères."},
		{"non-object data is ignored", account.CodePasswordRejected, "", []map[string]any{{"code": "password_rejected.too_short"}},
			"Password rejected. Please check if your password meets the requirements."},
		{"values are not re-read as templates", account.CodeEmailNotAllowed, "", map[string]any{"email": "{{email}}[[x]]"},
			`The email address "{{email}}[[x]]" is restricted. Please choose a different one.`},
		{"lockout without data", account.CodeVerificationBlocked, "", nil,
			"Too many attempts in a short time. Please try again later."},
		{"lockout minutes in English", account.CodeVerificationBlocked, "en", map[string]any{"retryAfterSeconds": 3540},
			"Too many attempts in a short time. Please try again in 59 minutes."},
		{"lockout rounds up", account.CodeVerificationBlocked, "en", map[string]any{"retryAfterSeconds": 61},
			"Too many attempts in a short time. Please try again in 2 minutes."},
		{"lockout one minute", account.CodeVerificationBlocked, "fr", map[string]any{"retryAfterSeconds": 5},
			"Trop de tentatives en peu de temps. Veuillez réessayer dans 1 minute."},
		{"lockout in Korean", account.CodeVerificationBlocked, "ko", map[string]any{"retryAfterSeconds": 600},
			"짧은 시간 안에 너무 많은 시도가 있었어요. 10분 후에 다시 시도해 주세요."},
		{"lockout in Japanese", account.CodeVerificationBlocked, "ja", map[string]any{"retryAfterSeconds": 600},
			"試行回数が多すぎます。10 分後に再度お試しください。"},
		{"lockout in Traditional Chinese", account.CodeVerificationBlocked, "zh-HK", map[string]any{"retryAfterSeconds": 600},
			"在短時間內嘗試次數過多。請於 10 分鐘後再試。"},
		{"ready-made relativeTime wins", account.CodeVerificationBlocked, "en", map[string]any{"relativeTime": "tomorrow", "retryAfterSeconds": 60},
			"Too many attempts in a short time. Please try again tomorrow."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Lookup(tt.code, tt.header, tt.data); got != tt.want {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

// The integration tests check this French phrase.
func TestFrenchLastSignInMethod(t *testing.T) {
	t.Parallel()
	for _, h := range []string{"fr", "fr-FR,fr;q=0.9,en;q=0.8"} {
		got := Lookup(account.CodeLastSignInMethodRequired, h, nil)
		if !strings.Contains(got, "au moins une méthode de connexion") {
			t.Errorf("Lookup(%q) = %q", h, got)
		}
	}
}

func TestLanguages(t *testing.T) {
	t.Parallel()
	got := Languages()
	want := []string{"en", "ko", "ja", "zh-TW", "fr"}
	if len(got) != len(want) {
		t.Fatalf("Languages() = %v", got)
	}
	for i, tag := range got {
		if tag.String() != want[i] {
			t.Errorf("Languages()[%d] = %s, want %s", i, tag, want[i])
		}
	}
	got[0] = language.German
	if Languages()[0] != language.English {
		t.Error("Languages() shares its slice with the caller")
	}
}
