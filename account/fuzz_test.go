package account_test

import (
	"context"
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount/account"
)

// Issue 9: the identifier normalizers and policies take any string without
// panicking, and their outputs are stable: normalizing a normal form gives
// it back.

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"", "+", "14155550123", "+64 21 123 4567", "6421 1234567", "1800FLOWERS", "0000", "+999999999999999999999", "٣٤٥", "1\x00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := account.NormalizePhone(s)
		if err != nil {
			return
		}
		again, err := account.NormalizePhone(n)
		if err != nil || again != n {
			t.Errorf("NormalizePhone(%q) = %q, but NormalizePhone(%q) = %q, %v", s, n, n, again, err)
		}
		for _, k := range account.PhoneKeys(n) {
			if k == "" {
				t.Errorf("PhoneKeys(%q) holds an empty key", n)
			}
		}
		_ = account.FormatPhone(n)
	})
}

// FuzzEmailPolicy: Check answers any string with nil or a 4xx and a code;
// EmailKey is stable; and an address on the blocklist (when it is an entry
// Validate accepts) is refused, in its own spelling and in capitals.
func FuzzEmailPolicy(f *testing.F) {
	for _, s := range []string{"", "a@b.c", "Ada.Lovelace+tag@Gmail.com", "@", "a@", "@b", "a@@b", "ünï@cödé.例え", strings.Repeat("a", 300) + "@x.io", "a@b.c\x00", "a.b.c@googlemail.com", "*@x.io"} {
		f.Add(s)
	}
	ctx := context.Background()
	p := account.EmailPolicy{}
	strict := account.EmailPolicy{BlockSubaddressing: true, CustomAllowlist: []string{"@*.example.com", "@gmail.com"}, CustomBlocklist: []string{"bad*@gmail.com", "@evil.example.com"}}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range []account.EmailPolicy{p, strict} {
			if err := p.Check(ctx, s); err != nil && (err.Status < 400 || err.Status >= 500 || err.Code == "") {
				t.Errorf("EmailPolicy.Check(%q) = %+v: want a 4xx with a code", s, err)
			}
		}
		k := account.EmailKey(s)
		if account.EmailKey(k) != k {
			t.Errorf("EmailKey is not stable on %q", s)
		}
		blocked := account.EmailPolicy{CustomBlocklist: []string{s}}
		if !strings.Contains(s, "@") || strings.HasPrefix(s, "@") || blocked.Validate() != nil {
			return
		}
		for _, spelling := range []string{s, asciiUpper(s)} {
			if blocked.Check(ctx, spelling) == nil {
				t.Errorf("%q is on the blocklist, but Check(%q) lets it through", s, spelling)
			}
		}
	})
}

// asciiUpper upper-cases ASCII letters only: Unicode case mappings may
// change a string's length, which no address on a list expects.
func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func FuzzUsernamePolicy(f *testing.F) {
	for _, s := range []string{"", "ada", "Ada_Lovelace", "1ada", "a b", strings.Repeat("x", 200), "İstanbul", "ǅemal", "a\x00"} {
		f.Add(s)
	}
	policies := []account.UsernamePolicy{account.DefaultUsernamePolicy()}
	cs := account.DefaultUsernamePolicy()
	cs.CaseSensitive = false
	policies = append(policies, cs)
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range policies {
			if err := p.Check(s); err != nil && (err.Status < 400 || err.Status >= 500 || err.Code == "") {
				t.Errorf("UsernamePolicy.Check(%q) = %+v: want a 4xx with a code", s, err)
			}
			k := p.Key(s)
			if p.Key(k) != k {
				t.Errorf("UsernamePolicy.Key is not stable on %q: %q then %q", s, k, p.Key(k))
			}
		}
	})
}
