package account_test

import (
	"errors"
	"testing"

	"github.com/myaccount-go/myaccount/account"
)

func TestLikeRegexp(t *testing.T) {
	for _, c := range []struct{ pattern, want string }{
		{"abc", `^abc$`},
		{"%abc%", `^.*abc.*$`},
		{"a_c", `^a.c$`},
		{`a\_c\%`, `^a_c%$`},
		{`a\\c`, `^a\\c$`},
		{`\é`, `^é$`},
		{"a.c*", `^a\.c\*$`},
	} {
		got, err := account.LikeRegexp(c.pattern)
		if err != nil || got != c.want {
			t.Errorf("LikeRegexp(%q) = %q, %v; want %q", c.pattern, got, err, c.want)
		}
	}
	if _, err := account.LikeRegexp(`ab\`); err == nil {
		t.Error(`LikeRegexp("ab\\") took a trailing escape`)
	}
}

func TestSimilarToRegexp(t *testing.T) {
	for _, c := range []struct{ pattern, want string }{
		{"abc", `^(?:abc)$`},
		{"%(b|c)_", `^(?:.*(b|c).)$`},
		{"a.b^c$", `^(?:a\.b\^c\$)$`},
		{"[0-9]{2,3}+?*", `^(?:[0-9]{2,3}+?*)$`},
		{"[^]a%_]", `^(?:[^\]a%_])$`},
		{"[[:alpha:][]", `^(?:[[:alpha:]\[])$`},
		{`\d\.\%`, `^(?:\d\.\%)$`},
		{`[\d-]`, `^(?:[\d-])$`},
		{`\é`, `^(?:é)$`},
	} {
		got, err := account.SimilarToRegexp(c.pattern)
		if err != nil || got != c.want {
			t.Errorf("SimilarToRegexp(%q) = %q, %v; want %q", c.pattern, got, err, c.want)
		}
	}
	for _, bad := range []string{`a\`, "[ab", `a\"b\"`, "[[:alpha"} {
		if got, err := account.SimilarToRegexp(bad); err == nil {
			t.Errorf("SimilarToRegexp(%q) = %q, want an error", bad, got)
		}
	}
}

func TestUserSearchValidate(t *testing.T) {
	ok := account.UserSearch{CaseSensitive: true, Matches: []account.SearchMatch{
		{Mode: account.SearchExact, Values: []string{"a", "b"}},
		{Field: account.SearchName, Mode: account.SearchSimilarTo, Values: []string{"(a|b)%"}},
		{Field: account.SearchID, Mode: account.SearchPosix, Values: []string{`^\w+$`}},
	}}
	if err := ok.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	if err := (account.UserSearch{}).Validate(); err != nil {
		t.Errorf("Validate of no search: %v", err)
	}
	bad := account.UserSearch{Matches: []account.SearchMatch{{Field: "avatar", Mode: account.SearchLike, Values: []string{"x"}}}}
	if err := bad.Validate(); !errors.Is(err, account.ErrInvalidSearch) {
		t.Errorf("Validate of an unknown field = %v, want ErrInvalidSearch", err)
	}
}
