package secret_test

import (
	"bytes"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount/secret"
)

func TestParseKeys(t *testing.T) {
	t.Parallel()
	k1, k2 := testKey(1), testKey(2)
	// 0xfb 0xff 0xbf encodes to "+/+/" in the standard alphabet and "-_-_"
	// in the URL one, so the alphabets really differ.
	urlish := bytes.Repeat([]byte{0xfb, 0xff, 0xbf}, 11)[:32]
	std := base64.StdEncoding.EncodeToString

	for _, tc := range []struct {
		name string
		in   string
		want []secret.Key
	}{
		{"standard, padded", "1:" + std(k1.Secret), []secret.Key{k1}},
		{"standard, unpadded", "1:" + base64.RawStdEncoding.EncodeToString(k1.Secret), []secret.Key{k1}},
		{"standard alphabet", "5:" + std(urlish), []secret.Key{{ID: 5, Secret: urlish}}},
		{"URL alphabet, padded", "5:" + base64.URLEncoding.EncodeToString(urlish), []secret.Key{{ID: 5, Secret: urlish}}},
		{"URL alphabet, unpadded", "5:" + base64.RawURLEncoding.EncodeToString(urlish), []secret.Key{{ID: 5, Secret: urlish}}},
		{"two keys, oldest first", "1:" + std(k1.Secret) + ",2:" + std(k2.Secret), []secret.Key{k1, k2}},
		{"order kept", "2:" + std(k2.Secret) + ",1:" + std(k1.Secret), []secret.Key{k2, k1}},
		{"spaces and newlines", " 1 : " + std(k1.Secret) + " ,\n\t2:" + std(k2.Secret) + "\n", []secret.Key{k1, k2}},
		{"largest id", "4294967295:" + std(k1.Secret), []secret.Key{{ID: 4294967295, Secret: k1.Secret}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			got, err := secret.ParseKeys(tc.in)
			if err != nil {
				t.Fatalf("ParseKeys: %v", err)
			}
			if !slices.EqualFunc(got, tc.want, func(a, b secret.Key) bool { return a.ID == b.ID && bytes.Equal(a.Secret, b.Secret) }) {
				t.Errorf("ParseKeys = %v, want %v (ids; secrets are redacted)", got, tc.want)
			}
			if _, err := secret.NewKeyRing(got...); err != nil {
				t.Errorf("NewKeyRing(ParseKeys(...)): %v", err)
			}
		})
	}
}

func TestParseKeysInvalid(t *testing.T) {
	t.Parallel()
	good := base64.StdEncoding.EncodeToString(testKey(1).Secret)
	short := base64.StdEncoding.EncodeToString(testKey(1).Secret[:31])
	long := base64.StdEncoding.EncodeToString(append(slices.Clone(testKey(1).Secret), 7))
	zeros := base64.StdEncoding.EncodeToString(make([]byte, 32))
	for name, in := range map[string]string{
		"empty":                "",
		"blank":                " \n ",
		"id only":              "1",
		"no secret":            "1:",
		"no id":                ":" + good,
		"id not a number":      "one:" + good,
		"id 0":                 "0:" + good,
		"negative id":          "-1:" + good,
		"signed id":            "+1:" + good,
		"hex id":               "0x1:" + good,
		"id too large":         "4294967296:" + good,
		"31 bytes":             "1:" + short,
		"33 bytes":             "1:" + long,
		"all zeros":            "1:" + zeros,
		"not base64":           "1:" + strings.Repeat("!", 44),
		"bad padding":          "1:" + good[:len(good)-1] + "==",
		"hex instead":          "1:" + hex.EncodeToString(testKey(1).Secret),
		"trailing comma":       "1:" + good + ",",
		"leading comma":        "," + "1:" + good,
		"duplicate id":         "1:" + good + ",1:" + base64.StdEncoding.EncodeToString(testKey(2).Secret),
		"space, not comma":     "1:" + good + " 2:" + base64.StdEncoding.EncodeToString(testKey(2).Secret),
		"semicolon, not comma": "1:" + good + ";2:" + base64.StdEncoding.EncodeToString(testKey(2).Secret),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			keys, err := secret.ParseKeys(in)
			if !errors.Is(err, secret.ErrInvalidKey) || keys != nil {
				t.Fatalf("ParseKeys = %v, %v; want nil, ErrInvalidKey", keys, err)
			}
			for _, s := range []string{good, short, long, zeros} {
				if strings.Contains(err.Error(), s) || strings.Contains(err.Error(), s[:12]) {
					t.Errorf("error %q shows key material", err)
				}
			}
		})
	}
}

func TestFormatKeys(t *testing.T) {
	t.Parallel()
	keys := []secret.Key{testKey(1), testKey(300)}
	got, err := secret.ParseKeys(secret.FormatKeys(keys...))
	if err != nil {
		t.Fatalf("ParseKeys(FormatKeys(...)): %v", err)
	}
	for i := range keys {
		if got[i].ID != keys[i].ID || !bytes.Equal(got[i].Secret, keys[i].Secret) {
			t.Errorf("key %d did not round trip", i)
		}
	}
}

func TestGenerateKey(t *testing.T) {
	t.Parallel()
	a, err := secret.GenerateKey(1)
	if err != nil {
		t.Fatalf("GenerateKey: %v", err)
	}
	b, err := secret.GenerateKey(2)
	if err != nil {
		t.Fatalf("GenerateKey: %v", err)
	}
	if a.ID != 1 || b.ID != 2 || len(a.Secret) != secret.KeySize || len(b.Secret) != secret.KeySize {
		t.Errorf("GenerateKey gave ids %d, %d and %d, %d bytes", a.ID, b.ID, len(a.Secret), len(b.Secret))
	}
	if bytes.Equal(a.Secret, b.Secret) {
		t.Error("two generated secrets are equal")
	}
	if _, err := secret.NewKeyRing(a, b); err != nil {
		t.Errorf("NewKeyRing(generated keys): %v", err)
	}
	if _, err := secret.GenerateKey(0); !errors.Is(err, secret.ErrInvalidKey) {
		t.Errorf("GenerateKey(0): err = %v, want ErrInvalidKey", err)
	}
}

// leaks returns the forms in which b could show up in printed output: raw,
// hex, base64, fmt's decimal list, and prefixes of them (a partial print
// leaks too).
func leaks(b []byte) []string {
	var forms []string
	for _, p := range [][]byte{b, b[:8]} {
		forms = append(forms,
			string(p),
			hex.EncodeToString(p),
			strings.ToUpper(hex.EncodeToString(p)),
			base64.RawStdEncoding.EncodeToString(p),
			base64.RawURLEncoding.EncodeToString(p),
			strings.TrimSuffix(fmt.Sprint(p), "]"),
			strings.Trim(fmt.Sprintf("%q", p), `"`),
		)
	}
	return forms
}

// secretForms covers a key's secret and the subkeys a ring derives from it.
func secretForms(t *testing.T, k secret.Key) []string {
	forms := leaks(k.Secret)
	for _, info := range []string{"myaccount seal", "myaccount mac"} {
		sub, err := hkdf.Key(sha256.New, k.Secret, nil, info, 32)
		if err != nil {
			t.Fatal(err)
		}
		forms = append(forms, leaks(sub)...)
	}
	return forms
}

func TestRedaction(t *testing.T) {
	t.Parallel()
	k := testKey(1)
	r := newRing(t, k, testKey(2))
	forbidden := append(secretForms(t, k), secretForms(t, testKey(2))...)

	printed := map[string]any{
		"Key":           k,
		"*Key":          &k,
		"[]Key":         []secret.Key{k},
		"struct{Key}":   struct{ K secret.Key }{k},
		"map of Key":    map[string]secret.Key{"k": k},
		"*KeyRing":      r,
		"KeyRing value": *r, // no methods on the value: fmt reflects over the fields
		"struct{Ring}":  struct{ R *secret.KeyRing }{r},
		"[]*KeyRing":    []*secret.KeyRing{r},
		"Key.String":    k.String(),
		"Key.GoString":  k.GoString(),
		"Ring.String":   r.String(),
		"Ring.GoString": r.GoString(),
		"nil *KeyRing":  (*secret.KeyRing)(nil),
		"error of Parse": func() error {
			_, err := secret.ParseKeys("1:" + base64.StdEncoding.EncodeToString(k.Secret[:31]))
			return err
		}(),
	}
	for name, v := range printed {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
			out := fmt.Sprintf(verb, v)
			for _, f := range forbidden {
				if strings.Contains(out, f) {
					t.Errorf("%s printed with %s shows key material: %s", name, verb, out)
					break
				}
			}
		}
	}

	for _, verb := range []string{"%v", "%+v", "%s"} {
		if out := fmt.Sprintf(verb, k); !strings.Contains(out, "1") || !strings.Contains(out, "redacted") {
			t.Errorf("Key with %s = %q, want the id and a redaction note", verb, out)
		}
		if out := fmt.Sprintf(verb, r); !strings.Contains(out, "1,2") {
			t.Errorf("KeyRing with %s = %q, want its key ids", verb, out)
		}
	}

	var logs bytes.Buffer
	for _, h := range []slog.Handler{slog.NewJSONHandler(&logs, nil), slog.NewTextHandler(&logs, nil)} {
		slog.New(h).Info("keys", "key", k, "keyptr", &k, "ring", r)
	}
	for _, f := range forbidden {
		if strings.Contains(logs.String(), f) {
			t.Fatalf("slog output shows key material:\n%s", logs.String())
		}
	}
	if !strings.Contains(logs.String(), `"id":1`) {
		t.Errorf("slog JSON output lacks the key id:\n%s", logs.String())
	}
}
