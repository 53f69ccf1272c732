package account

import (
	"strings"
	"testing"
)

func TestUsernamePolicyCheck(t *testing.T) {
	t.Parallel()
	def := DefaultUsernamePolicy()
	// lowercaseOnly and uppercaseOnly are the policies of Logto's
	// username-policy.test.ts.
	lowercaseOnly := UsernamePolicy{CaseSensitive: true, MinLength: 4, MaxLength: 8, AllowLowercase: true}
	uppercaseOnly := UsernamePolicy{CaseSensitive: true, MinLength: 4, MaxLength: 8, AllowUppercase: true}
	tests := []struct {
		name     string
		policy   UsernamePolicy
		username string
		want     string // the violation, "" for none
	}{
		{"default/lower case", def, "abc", ""},
		{"default/mixed with digits and underscore", def, "AbC_123", ""},
		{"default/leading underscore", def, "_x", ""},
		{"default/one character", def, "a", ""},
		{"default/128 characters", def, strings.Repeat("a", 128), ""},
		{"default/129 characters", def, strings.Repeat("a", 129), UsernameTooLong},
		{"floor/required", def, "", UsernameRequired},
		{"floor/starts with a number", def, "1abc", UsernameStartsWithNumber},
		{"floor/starts with a number before bad charset", def, "1 a", UsernameStartsWithNumber},
		{"floor/space", def, "ab c", UsernameInvalidCharsetHard},
		{"floor/hyphen", def, "ab-c", UsernameInvalidCharsetHard},
		{"floor/non-ASCII letter", def, "josé", UsernameInvalidCharsetHard},
		{"floor/full-width digit", def, "a１", UsernameInvalidCharsetHard},
		{"floor/before length", lowercaseOnly, "a.", UsernameInvalidCharsetHard},
		{"lower only/too short", lowercaseOnly, "abc", UsernameTooShort},
		{"lower only/too long", lowercaseOnly, "abcdefghi", UsernameTooLong},
		{"lower only/length before charset", lowercaseOnly, "ABC", UsernameTooShort},
		{"lower only/upper case", lowercaseOnly, "abcD", UsernameUppercaseNotAllowed},
		{"lower only/digit", lowercaseOnly, "abc1", UsernameNumbersNotAllowed},
		{"lower only/underscore", lowercaseOnly, "ab_c", UsernameUnderscoreNotAllowed},
		{"lower only/fine", lowercaseOnly, "abcd", ""},
		{"upper only/lower case", uppercaseOnly, "ABCd", UsernameLowercaseNotAllowed},
		{"upper only/fine", uppercaseOnly, "ABCD", ""},
		{"order/upper before lower", UsernamePolicy{MaxLength: 10}, "aB", UsernameUppercaseNotAllowed},
		{"order/lower before numbers", UsernamePolicy{AllowUppercase: true, MaxLength: 10}, "a1", UsernameLowercaseNotAllowed},
		{"order/numbers before underscore", UsernamePolicy{AllowLowercase: true}, "a_1", UsernameNumbersNotAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.policy.Check(tt.username)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("Check(%q) = %v, want nil", tt.username, err)
			case tt.want != "" && err == nil:
				t.Fatalf("Check(%q) = nil, want %s", tt.username, tt.want)
			case tt.want != "":
				if err.Status != 422 || err.Code != UsernameViolationCode(tt.want) {
					t.Fatalf("Check(%q) = %d %s, want 422 user.username_%s", tt.username, err.Status, err.Code, tt.want)
				}
			}
		})
	}
}

func TestUsernamePolicyKey(t *testing.T) {
	t.Parallel()
	sensitive := DefaultUsernamePolicy()
	insensitive := DefaultUsernamePolicy()
	insensitive.CaseSensitive = false
	if !sensitive.CaseSensitive {
		t.Fatal("the default policy is not case-sensitive")
	}
	tests := []struct {
		policy UsernamePolicy
		a, b   string
		same   bool
	}{
		{sensitive, "Foo", "foo", false},
		{sensitive, "foo", "foo", true},
		{insensitive, "Foo", "foo", true},
		{insensitive, "Foo", "fooo", false},
	}
	for _, tt := range tests {
		if got := tt.policy.Key(tt.a) == tt.policy.Key(tt.b); got != tt.same {
			t.Errorf("CaseSensitive=%v: Key(%q) == Key(%q) is %v, want %v", tt.policy.CaseSensitive, tt.a, tt.b, got, tt.same)
		}
	}
}
