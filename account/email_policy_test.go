package account

import (
	"context"
	"errors"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

type fakeDisposable struct {
	domains map[string]bool
	err     error
}

func (f fakeDisposable) Disposable(_ context.Context, email string) (bool, error) {
	_, domain := splitEmail(email)
	return f.domains[domain], f.err
}

func TestEmailPolicyCheck(t *testing.T) {
	t.Parallel()
	// logto is the policy of Logto's email-blocklist-policy.test.ts.
	logto := EmailPolicy{BlockSubaddressing: true, CustomBlocklist: []string{"foo@bar.com", "@foo.com"}}
	const (
		invalid     = "session.email_blocklist.invalid_email"
		subaddress  = "session.email_blocklist.email_subaddressing_not_allowed"
		notAllowed  = "session.email_blocklist.email_not_allowed"
		checkFailed = "session.email_blocklist.disposable_email_validation_failed"
	)
	tests := []struct {
		name   string
		policy EmailPolicy
		email  string
		status int
		code   string // "" for allowed
	}{
		{"zero policy allows", EmailPolicy{}, "anyone@example.com", 0, ""},
		{"no @", EmailPolicy{}, "example.com", 400, invalid},
		{"empty domain", EmailPolicy{}, "foo@", 400, invalid},
		{"invalid before everything", EmailPolicy{BlockSubaddressing: true, CustomAllowlist: []string{"@x.com"}}, "a+b", 400, invalid},
		{"logto/subaddressing", logto, "foo+1@bar.com", 422, subaddress},
		{"logto/subaddressing before blocklist", logto, "foo+1@foo.com", 422, subaddress},
		{"subaddressing allowed when not blocked", EmailPolicy{}, "foo+1@bar.com", 0, ""},
		{"plus in the domain is not subaddressing", EmailPolicy{BlockSubaddressing: true}, "foo@b+ar.com", 0, ""},
		{"logto/blocked domain", logto, "test@foo.com", 422, notAllowed},
		{"logto/blocked address", logto, "bar@foo.com", 422, notAllowed},
		{"logto/blocked address, other case", logto, "Foo@Bar.com", 422, notAllowed},
		{"logto/passes", logto, "test@bar.com", 0, ""},
		{"domain entry is not a suffix match", EmailPolicy{CustomBlocklist: []string{"@foo.com"}}, "a@sub.foo.com", 0, ""},
		{"wildcard local part", EmailPolicy{CustomBlocklist: []string{"foo*@bar.com", "@*.example.com"}}, "FooBar@bar.com", 422, notAllowed},
		{"wildcard subdomain", EmailPolicy{CustomBlocklist: []string{"foo*@bar.com", "@*.example.com"}}, "test@Foo.example.com", 422, notAllowed},
		{"wildcard subdomain needs a subdomain", EmailPolicy{CustomBlocklist: []string{"@*.example.com"}}, "test@example.com", 0, ""},
		{"gmail alias with dots blocked", EmailPolicy{CustomBlocklist: []string{"foobar@gmail.com"}}, "foo.bar@googlemail.com", 422, notAllowed},
		{"gmail domain entry covers googlemail", EmailPolicy{CustomBlocklist: []string{"@gmail.com"}}, "x@googlemail.com", 422, notAllowed},
		{"dots matter outside gmail", EmailPolicy{CustomBlocklist: []string{"foobar@example.com"}}, "foo.bar@example.com", 0, ""},
		{"allowlist miss", EmailPolicy{CustomAllowlist: []string{"@bar.com"}}, "test@foo.com", 422, notAllowed},
		{"allowlist exact address", EmailPolicy{CustomAllowlist: []string{"foo@bar.com", "@foo.com", "foo*@example.com", "@*.example.com"}}, "foo@bar.com", 0, ""},
		{"allowlist domain", EmailPolicy{CustomAllowlist: []string{"foo@bar.com", "@foo.com", "foo*@example.com", "@*.example.com"}}, "test@foo.com", 0, ""},
		{"allowlist wildcard local part", EmailPolicy{CustomAllowlist: []string{"foo@bar.com", "@foo.com", "foo*@example.com", "@*.example.com"}}, "foobar@example.com", 0, ""},
		{"allowlist wildcard domain", EmailPolicy{CustomAllowlist: []string{"foo@bar.com", "@foo.com", "foo*@example.com", "@*.example.com"}}, "test@foo.example.com", 0, ""},
		{"allowlist gmail alias", EmailPolicy{CustomAllowlist: []string{"foobar@googlemail.com"}}, "foo.bar@gmail.com", 0, ""},
		{"allowlisted and blocklisted", EmailPolicy{CustomAllowlist: []string{"@bar.com"}, CustomBlocklist: []string{"foo@bar.com"}}, "foo@bar.com", 422, notAllowed},
		{"empty allowlist allows", EmailPolicy{CustomAllowlist: []string{}}, "a@b.com", 0, ""},

		{"new email in the blocklist", EmailPolicy{CustomBlocklist: []string{"blocked@account-test.com"}}, "blocked@account-test.com", 422, notAllowed},
		{"entry in upper case", EmailPolicy{CustomBlocklist: []string{"BLOCKED@ACCOUNT-TEST.COM"}}, "blocked@account-test.com", 422, notAllowed},
		{"wildcard entry in upper case", EmailPolicy{CustomBlocklist: []string{"FOO*@ACCOUNT-WILDCARD.COM"}}, "foo-x1y2@account-wildcard.com", 422, notAllowed},
		{"allowlist of another domain", EmailPolicy{CustomAllowlist: []string{"@different-account-domain.com"}}, "someone@account-test.com", 422, notAllowed},
		{"allowlisted domain passes", EmailPolicy{CustomAllowlist: []string{"@different-account-domain.com"}}, "someone@different-account-domain.com", 0, ""},

		{"disposable", EmailPolicy{Disposable: fakeDisposable{domains: map[string]bool{"mailinator.com": true}}}, "x@mailinator.com", 422, notAllowed},
		{"not disposable", EmailPolicy{Disposable: fakeDisposable{domains: map[string]bool{"mailinator.com": true}}}, "x@example.com", 0, ""},
		{"disposable check fails closed", EmailPolicy{Disposable: fakeDisposable{err: errors.New("down")}}, "x@example.com", 500, checkFailed},
		{"blocklist before disposable", EmailPolicy{CustomBlocklist: []string{"@x.com"}, Disposable: fakeDisposable{err: errors.New("down")}}, "a@x.com", 422, notAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			err := tt.policy.Check(context.Background(), tt.email)
			if tt.code == "" {
				if err != nil {
					t.Fatalf("Check(%q) = %v, want nil", tt.email, err)
				}
				return
			}
			if err == nil || err.Status != tt.status || string(err.Code) != tt.code {
				t.Fatalf("Check(%q) = %v, want %s (%d)", tt.email, err, tt.code, tt.status)
			}
			if tt.code == notAllowed && !reflect.DeepEqual(err.Data, map[string]any{"email": tt.email}) {
				t.Fatalf("data = %v, want the email", err.Data)
			}
		})
	}
}

func TestMatchesEmailItem(t *testing.T) {
	t.Parallel()
	// Facts from Logto's email-blocklist.test.ts.
	tests := []struct {
		item, email string
		want        bool
	}{
		{"foo@example.com", "Foo@Example.com", true},
		{"@example.com", "foo@Example.com", true},
		{"foo@example.com", "bar@example.com", false},
		{"@example.com", "foo@example.org", false},
		{"foo*@example.com", "FooBar@Example.com", true},
		{"*@example.com", "anything@Example.com", true},
		{"foo@*.example.com", "Foo@bar.Example.com", true},
		{"@foo.*", "bar@Foo.com", true},
		{"@*.example.com", "bar@Foo.Example.com", true},
		{"foo.+*@example.com", "foo.+bar@example.com", true},
		{"foo.+*@example.com", "fooxbar@example.com", false},
		{"foo.bar@gmail.com", "foobar@gmail.com", true},
		{"foobar@gmail.com", "f.o.o.b.a.r@gmail.com", true},
		{"foo.bar*@gmail.com", "foobarbaz@gmail.com", true},
		{"foobar*@*.com", "foo.bar.baz@gmail.com", true},
		{"foo.bar@gmail.com", "foobar@googlemail.com", true},
		{"foo.bar@googlemail.com", "foobar@gmail.com", true},
		{"foo@googlemail.*", "f.oo@gmail.com", true},
		{"@gmail.com", "foo@googlemail.com", true},
		{"@googlemail.com", "foo@gmail.com", true},
		{"foo.bar@example.com", "foobar@example.com", false},
		{"foobar@*.com", "foo.bar@example.com", false},
		// Ours: a domain entry against an address without a domain.
		{"@example.com", "example.com", false},
		{"*", "anything", true},
	}
	for _, tt := range tests {
		if got := matchesEmailItem(tt.item, tt.email); got != tt.want {
			t.Errorf("matchesEmailItem(%q, %q) = %v, want %v", tt.item, tt.email, got, tt.want)
		}
	}
}

func TestWildcardMatch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		pattern, s string
		want       bool
	}{
		{"", "", true},
		{"", "a", false},
		{"abc", "abc", true},
		{"abc", "abd", false},
		{"*", "", true},
		{"**", "x", true},
		{"a*", "a", true},
		{"a*", "ba", false},
		{"*a", "ba", true},
		{"a*a", "a", false},
		{"a*a", "aa", true},
		{"a*b*c", "aXbYc", true},
		{"a*b*c", "aXcYb", false},
		{"a*bc*bc", "abcbc", true},
		{"a*bc*bc", "abcb", false},
		{"*.*", "x", false},
		{"[a-z]*", "[a-z]x", true},
		{"a.c*", "abc", false},
		{"(a+)+*", "(a+)+b", true},
	}
	for _, tt := range tests {
		if got := wildcardMatch(tt.pattern, tt.s); got != tt.want {
			t.Errorf("wildcardMatch(%q, %q) = %v, want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
}

// TestWildcardMatchIsLinear runs the input that makes a backtracking
// matcher take exponential time; it must finish at once.
func TestWildcardMatchIsLinear(t *testing.T) {
	t.Parallel()
	pattern := strings.Repeat("*a", 40) + "*b@x.com"
	email := strings.Repeat("a", 100000) + "@x.com"
	if matchesEmailItem(pattern, email) {
		t.Fatal("matched without a b")
	}
	if !matchesEmailItem(pattern, strings.Repeat("a", 100000)+"b@x.com") {
		t.Fatal("did not match with a b")
	}
}

func TestEmailPolicyValidate(t *testing.T) {
	t.Parallel()
	valid := []string{
		"bar@foo.com", "@foo.com", "abc.bar@foo.xyz", "foo@sub-domain.example.co",
		"foo*@example.com", "*@example.com", "foo@*.example.com", "@foo.*", "@*.example.com",
	}
	invalid := []string{
		"bar", "bar@foo", "@foo", "@foo.", "bar@foo.", "foo bar@x.com", "@-foo.com", "@foo-.com",
		"foo*", "@*", "foo@*", "foo@example", "@example", "*@*.*", "a@b@c.com", "* @x.com", "@x..*",
	}
	for _, item := range valid {
		if err := (EmailPolicy{CustomBlocklist: []string{item}}).Validate(); err != nil {
			t.Errorf("blocklist entry %q refused: %v", item, err)
		}
		if err := (EmailPolicy{CustomAllowlist: []string{item}}).Validate(); err != nil {
			t.Errorf("allowlist entry %q refused: %v", item, err)
		}
	}
	for _, item := range invalid {
		if err := (EmailPolicy{CustomBlocklist: []string{"@ok.com", item}}).Validate(); err == nil {
			t.Errorf("blocklist entry %q accepted", item)
		}
		if err := (EmailPolicy{CustomAllowlist: []string{item}}).Validate(); err == nil {
			t.Errorf("allowlist entry %q accepted", item)
		}
	}
}

// FuzzWildcardMatch compares wildcardMatch with Go's regexp (linear too) on
// the pattern with every piece quoted and each "*" turned into (?s:.*).
func FuzzWildcardMatch(f *testing.F) {
	for _, seed := range [][2]string{
		{"a*bc*bc", "abcbc"}, {"*a*", "bab"}, {"foo*@x.com", "foo-1@x.com"}, {"a**b", "ab"}, {"*.*", "x"},
	} {
		f.Add(seed[0], seed[1])
	}
	f.Fuzz(func(t *testing.T, pattern, s string) {
		pieces := strings.Split(pattern, "*")
		for i, p := range pieces {
			pieces[i] = regexp.QuoteMeta(p)
		}
		re, err := regexp.Compile(`\A` + strings.Join(pieces, `(?s:.*)`) + `\z`)
		if err != nil {
			t.Skip()
		}
		if got, want := wildcardMatch(pattern, s), re.MatchString(s); got != want {
			t.Fatalf("wildcardMatch(%q, %q) = %v, regexp says %v", pattern, s, got, want)
		}
	})
}
