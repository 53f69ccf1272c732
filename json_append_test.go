package myaccount

import (
	"encoding/json"
	"testing"
)

var jsonStringSeeds = []string{
	"", "plain", `quote " and \ backslash`, "<script>&amp;</script>", "tab\tnew\nline\rret",
	"\x00\x01\x1f\x7f", "héllo wörld ✓ 🙂", "\u2028\u2029", "bad \xff utf-8 \xc3", "\xed\xa0\x80",
}

// appendJSONString writes what encoding/json writes, byte for byte.
func TestAppendJSONString(t *testing.T) {
	for _, s := range jsonStringSeeds {
		if got, want := string(appendJSONString(nil, s)), mustMarshal(t, s); got != want {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	}
}

func FuzzAppendJSONString(f *testing.F) {
	for _, s := range jsonStringSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendJSONString(nil, s)), mustMarshal(t, s); got != want {
			t.Errorf("appendJSONString(%q) = %s, want %s", s, got, want)
		}
	})
}

func mustMarshal(t *testing.T, s string) string {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
