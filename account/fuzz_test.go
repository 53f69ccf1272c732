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

func FuzzEmailPolicy(f *testing.F) {
	for _, s := range []string{"", "a@b.c", "Ada.Lovelace+tag@Gmail.com", "@", "a@", "@b", "a@@b", "ünï@cödé.例え", strings.Repeat("a", 300) + "@x.io", "a@b.c\x00"} {
		f.Add(s)
	}
	p := account.EmailPolicy{}
	f.Fuzz(func(t *testing.T, s string) {
		if err := p.Check(context.Background(), s); err != nil && (err.Status < 400 || err.Status >= 500 || err.Code == "") {
			t.Errorf("EmailPolicy.Check(%q) = %+v: want a 4xx with a code", s, err)
		}
		k := account.EmailKey(s)
		if account.EmailKey(k) != k {
			t.Errorf("EmailKey is not stable on %q", s)
		}
	})
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
