package account_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount/account"
)

// Issue 14 items 4-6: one parse of an address, so what the rules check is
// what is delivered to, and look-alikes are refused or share one key.
func TestNormalizeEmail(t *testing.T) {
	t.Parallel()
	accepted := []struct{ in, want string }{
		{"alice@example.com", "alice@example.com"},
		{"Alice@Example.COM", "Alice@example.com"}, // the local part keeps its case
		{"a.b+tag@sub.example.co.uk", "a.b+tag@sub.example.co.uk"},
		{"!#$%&'*+-/=?^_`{|}~@example.com", "!#$%&'*+-/=?^_`{|}~@example.com"},
		{"user@Bücher.example", "user@xn--bcher-kva.example"},
		{"user@xn--bcher-kva.example", "user@xn--bcher-kva.example"},
		{"alice@ｅxample.com", "alice@example.com"},      // fullwidth domain: the domain it imitates
		{"kim@\u212aorea.example", "kim@korea.example"}, // Kelvin sign in the domain
		{"alice@example。com", "alice@example.com"},      // ideographic full stop
		{"x@a-b.io", "x@a-b.io"},
		{strings.Repeat("a", 64) + "@example.com", strings.Repeat("a", 64) + "@example.com"},
	}
	for _, c := range accepted {
		got, err := account.NormalizeEmail(c.in)
		if err != nil || got != c.want {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
	// A look-alike domain in another script is another domain: it gets its
	// own ASCII form, never the imitated one.
	if got, err := account.NormalizeEmail("alice@examplе.com"); err != nil || got == "alice@example.com" || !strings.Contains(got, "xn--") {
		t.Errorf("Cyrillic look-alike domain: %q, %v", got, err)
	}

	refused := []string{
		// Item 4: comments and angle brackets deliver elsewhere.
		"victim@example.com(1)", "victim@example.com(2)", "(c)victim@example.com", "x<victim@example.com>",
		"<victim@example.com>", "victim@example.com>", "Victim <victim@example.com>",
		// Item 5: quoted local parts and display names.
		`"x@company.com@"@evil.com`, `"ceo@company.com" <m@evil.com>`, `"ceo"@company.com`, `"a b"@example.com`,
		// Item 6: look-alike local parts (ASCII only by default) and a
		// trailing dot.
		"ａlice@example.com", "\u212aate@example.com", "alice@example.com.", "alicе@example.com",
		// Shapes.
		"", "@", "alice", "alice@", "@example.com", "alice@@example.com", "a@b@example.com",
		".alice@example.com", "alice.@example.com", "al..ice@example.com", "alice@example..com",
		"alice@.example.com", "alice@example", "alice@-example.com", "alice@example-.com",
		"alice@[192.0.2.1]", "alice@[IPv6:2001:db8::1]", "alice@192.0.2.1", "alice@exa_mple.com",
		"al ice@example.com", " alice@example.com", "alice@example.com ", "alice@example.com\n", "alice\t@example.com",
		"alice@exam\u00a0ple.com", "alice\x00@example.com", "al\\ice@example.com", "al,ice@example.com",
		"alice@example.com;bob@example.com", "alice@example.com,bob@example.com",
		strings.Repeat("a", 65) + "@example.com",
		"a@" + strings.Repeat("b", 64) + ".com",
		"a@" + strings.Repeat(strings.Repeat("b", 60)+".", 5) + "com",
		"\xff@example.com",
	}
	for _, s := range refused {
		if got, err := account.NormalizeEmail(s); err == nil || !errors.Is(err, account.ErrInvalidEmail) {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want ErrInvalidEmail", s, got, err)
		}
	}
}

// With EmailSyntax.UnicodeLocalPart, a Unicode local part is accepted as
// typed and its key is NFKC case-folded, so look-alikes share the key of
// the address they imitate; a local part that folds into another shape is
// still refused.
func TestEmailSyntaxUnicodeLocalPart(t *testing.T) {
	t.Parallel()
	x := account.EmailSyntax{UnicodeLocalPart: true}
	for _, c := range []struct{ in, key string }{
		{"ａlice@example.com", "alice@example.com"},
		{"\u212aate@example.com", "kate@example.com"},
		{"Kate@example.com", "kate@example.com"},
		{"ﬁona@example.com", "fiona@example.com"},
		{"straße@example.de", "strasse@example.de"},
		{"用户@例子.广告", ""},
	} {
		got, err := x.Normalize(c.in)
		if err != nil {
			t.Errorf("Normalize(%q): %v", c.in, err)
			continue
		}
		if again, err := x.Normalize(got); err != nil || again != got {
			t.Errorf("Normalize is not idempotent on %q: %q, %v", got, again, err)
		}
		if c.key != "" && account.EmailKey(got) != c.key {
			t.Errorf("EmailKey(%q) = %q, want %q", got, account.EmailKey(got), c.key)
		}
	}
	for _, s := range []string{"a＠b@example.com", "a＜b@example.com", "a．b@example.com", "a\u200bb@example.com", "a\u202eb@example.com", "☃@example.com", `"ａ"@example.com`} {
		if got, err := x.Normalize(s); err == nil {
			t.Errorf("Normalize(%q) = %q, want an error", s, got)
		}
	}
	// Without the option, ASCII keys are what they always were.
	if k := account.EmailKey("Alice@Example.com"); k != "alice@example.com" {
		t.Errorf("EmailKey = %q", k)
	}
}

// FuzzNormalizeEmail: whatever the input, an accepted address is its own
// normal form, holds exactly one "@", and none of the characters that let
// the checked address differ from the delivered one.
func FuzzNormalizeEmail(f *testing.F) {
	for _, s := range []string{"alice@example.com", "Alice@Example.COM", "victim@example.com(1)", "x<victim@example.com>",
		`"x@company.com@"@evil.com`, `"ceo@company.com" <m@evil.com>`, "ａlice@example.com", "\u212aate@example.com",
		"alice@example.com.", "user@Bücher.example", "alice@example。com", "a@b.c", "用户@例子.广告"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, x := range []account.EmailSyntax{{}, {UnicodeLocalPart: true}} {
			n, err := x.Normalize(s)
			if err != nil {
				continue
			}
			if again, err := x.Normalize(n); err != nil || again != n {
				t.Errorf("%+v: Normalize(%q) = %q, but Normalize(%q) = %q, %v", x, s, n, n, again, err)
			}
			if strings.Count(n, "@") != 1 || strings.ContainsAny(n, "<>()\"[]\\,;: \t\r\n") || strings.HasSuffix(n, ".") || len(n) > account.MaxEmailLength {
				t.Errorf("%+v: Normalize(%q) = %q", x, s, n)
			}
			if !x.UnicodeLocalPart {
				for i := 0; i < len(n); i++ {
					if n[i] >= 0x80 {
						t.Errorf("Normalize(%q) = %q is not ASCII", s, n)
						break
					}
				}
			}
			if k := account.EmailKey(n); account.EmailKey(k) != k {
				t.Errorf("EmailKey is not stable on %q", n)
			}
		}
	})
}
