package mfa_test

import (
	"bytes"
	"crypto/rand"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount/mfa"
)

var generatedCode = regexp.MustCompile(`^[0-9a-f]{10}$`)

func TestGenerateBackupCodes(t *testing.T) {
	t.Parallel()
	t.Run("10 codes of 10 lower-case hex characters", func(t *testing.T) {
		codes, err := mfa.GenerateBackupCodes(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		if len(codes) != mfa.BackupCodeCount || mfa.BackupCodeCount != 10 {
			t.Fatalf("%d codes, want 10", len(codes))
		}
		for _, c := range codes {
			if !generatedCode.MatchString(c) {
				t.Errorf("code %q", c)
			}
		}
		if !mfa.ValidBackupCodes(codes) {
			t.Error("generated codes are not valid to bind")
		}
		if len(slices.Compact(slices.Sorted(slices.Values(codes)))) != len(codes) {
			t.Errorf("repeated codes in %v", codes) // 40 random bits each
		}
	})
	t.Run("reads its bytes from the given source", func(t *testing.T) {
		src := make([]byte, 50)
		for i := range src {
			src[i] = byte(i)
		}
		codes, err := mfa.GenerateBackupCodes(bytes.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		if codes[0] != "0001020304" || codes[9] != "2d2e2f3031" {
			t.Fatalf("got %v", codes)
		}
	})
	t.Run("a code drawn twice is drawn again", func(t *testing.T) {
		src := make([]byte, 55)
		for i := range src {
			src[i] = byte(i)
		}
		copy(src[10:15], src[0:5]) // the third code repeats the first
		codes, err := mfa.GenerateBackupCodes(bytes.NewReader(src))
		if err != nil {
			t.Fatal(err)
		}
		if !mfa.ValidBackupCodes(codes) || codes[2] != "0f10111213" || codes[9] != "3233343536" {
			t.Fatalf("got %v", codes)
		}
	})
	t.Run("short source", func(t *testing.T) {
		if _, err := mfa.GenerateBackupCodes(bytes.NewReader(make([]byte, 49))); err == nil {
			t.Fatal("want an error")
		}
	})
}

func TestValidBackupCodes(t *testing.T) {
	t.Parallel()
	ten := func(edit func([]string) []string) []string {
		codes := make([]string, 10)
		for i := range codes {
			codes[i] = strings.Repeat(string("0123456789"[i]), 10)
		}
		return edit(codes)
	}
	same := func(c []string) []string { return c }
	for _, tc := range []struct {
		name  string
		codes []string
		want  bool
	}{
		{"10 codes", ten(same), true},
		{"upper case accepted", ten(func(c []string) []string { c[3] = "ABCDEF0123"; return c }), true},
		{"a repeated code", ten(func(c []string) []string { c[1] = c[0]; return c }), false},
		{"a code repeated in another case", ten(func(c []string) []string { c[3], c[4] = "ABCDEF0123", "abcdef0123"; return c }), false},
		{"ten copies of one code", ten(func(c []string) []string {
			for i := range c {
				c[i] = c[0]
			}
			return c
		}), false},
		{"nil", nil, false},
		{"9 codes", ten(func(c []string) []string { return c[:9] }), false},
		{"11 codes", ten(func(c []string) []string { return append(c, "abcdefabcd") }), false},
		{"a 9-character code", ten(func(c []string) []string { c[5] = "abcdefabc"; return c }), false},
		{"an 11-character code", ten(func(c []string) []string { c[5] = "abcdefabcde"; return c }), false},
		{"not hex", ten(func(c []string) []string { c[9] = "abcdefabcg"; return c }), false},
		{"surrounding space", ten(func(c []string) []string { c[0] = " abcdefabcd"; return c }), false},
		{"empty code", ten(func(c []string) []string { c[0] = ""; return c }), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := mfa.ValidBackupCodes(tc.codes); got != tc.want {
				t.Fatalf("ValidBackupCodes(%q) = %v, want %v", tc.codes, got, tc.want)
			}
		})
	}
}

func TestNormalizeBackupCode(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"abcdef0123":      "abcdef0123",
		"ABCDEF0123":      "abcdef0123",
		" AbCdEf0123\r\n": "abcdef0123",
		"\tabcdef0123 ":   "abcdef0123",
		"":                "",
	} {
		if got := mfa.NormalizeBackupCode(in); got != want {
			t.Errorf("NormalizeBackupCode(%q) = %q, want %q", in, got, want)
		}
	}
}
