package secret_test

import (
	"testing"

	"github.com/myaccount-go/myaccount/secret"
)

// Issue 9: MYACCOUNT_SECRET_KEYS and sealed values from the store are
// parsed without panicking; keys that parse format back to themselves.
func FuzzParseKeys(f *testing.F) {
	for _, s := range []string{"", "1:", "1:AAAA", "1:" + string(make([]byte, 44)), "x:y", "1:a,2:b", ",,,", "4294967296:AAAA", "1:MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE="} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		keys, err := secret.ParseKeys(s)
		if err != nil {
			return
		}
		again, err := secret.ParseKeys(secret.FormatKeys(keys...))
		if err != nil || len(again) != len(keys) {
			t.Fatalf("ParseKeys(FormatKeys(ParseKeys(%q))) = %v, %v", s, again, err)
		}
		for i := range keys {
			if again[i].ID != keys[i].ID || string(again[i].Secret) != string(keys[i].Secret) {
				t.Errorf("key %d changed in a round trip", i)
			}
		}
	})
}

func FuzzSealedKeyID(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{1, 0, 0, 0, 1})
	f.Add(make([]byte, 64))
	f.Fuzz(func(t *testing.T, sealed []byte) {
		_, _ = secret.SealedKeyID(sealed)
	})
}
