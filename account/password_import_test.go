package account_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount/account"
)

// The vectors are Logto's own (packages/core/src/utils/password.test.ts) and
// Python's hashlib, so they check the formats, not this code against itself.
func TestImportedDigests(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, algorithm, digest, password string
	}{
		{"MD5", "MD5", "5f4dcc3b5aa765d61d8327deb882cf99", "password"},
		{"MD5 in upper case", "MD5", "5F4DCC3B5AA765D61D8327DEB882CF99", "password"},
		{"SHA1", "SHA1", "5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8", "password"},
		{"SHA256", "SHA256", "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8", "password"},
		{"Legacy sha256 with a salt before", "Legacy", `["sha256",["salt123","@"],"c465f66c6ac481a7a17e9ed5b4e2e7e7288d892f12bf1c95c140901e9a70436e"]`, "password123"},
		{"Legacy md5 of the password alone", "Legacy", `["md5",["@"],"51533f457802f105fc615463db7f0e20"]`, "simple_password"},
		{"Legacy sha1 between a prefix and a suffix", "Legacy", `["sha1",["prefix","@","suffix"],"1e51b70835fc01a385d43117299e147203d098c6"]`, "mypass"},
		{"Legacy SHA512 named in upper case", "Legacy", `["SHA512",["prefix","@","suffix"],"2df3e72155bc4a19c04ee3463d717c9516cea20498980626fe8aafa613f68dc0ce4fd0d4b090c165000d99388659c78e55da342d7504d3d5d48dcf08da0f79b7"]`, "mypass"},
		{"Legacy pbkdf2 with a hex salt", "Legacy", `["pbkdf2",["hex:80ff00414243","1000","32","sha256","@"],"75d87d232694f0918d8e1ae49bce5f0a665e862da3e23e8b3eddf368db16d2cf"]`, "Password123!"},
		{"Legacy pbkdf2Sync with a text salt", "Legacy", `["pbkdf2Sync",["plainsalt","1000","16","sha512","@"],"025815dee1efe9abea22e63af94e2141"]`, "Password123!"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			stored, weak, err := account.ImportDigest(c.algorithm, c.digest)
			if !weak || err != nil {
				t.Fatalf("ImportDigest = %v, %v", weak, err)
			}
			if !account.IsImportedDigest(stored) || strings.HasPrefix(stored, "$argon2") {
				t.Fatalf("stored form %q is not an imported one", stored)
			}
			if ok, err := account.VerifyImported(stored, c.password); !ok || err != nil {
				t.Fatalf("right password: %v, %v", ok, err)
			}
			if ok, err := account.VerifyImported(stored, c.password+"x"); ok || err != nil {
				t.Fatalf("wrong password: %v, %v", ok, err)
			}
		})
	}
}

func TestImportDigestRefusals(t *testing.T) {
	t.Parallel()
	for name, c := range map[string]struct{ algorithm, digest string }{
		"MD5 of the wrong length":            {"MD5", "5f4dcc3b5aa765d61d8327deb882cf9"},
		"SHA1 that is not hex":               {"SHA1", strings.Repeat("g", 40)},
		"SHA256 of a SHA1 length":            {"SHA256", "5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8"},
		"Legacy that is not JSON":            {"Legacy", "invalid_json"},
		"Legacy args that are not an array":  {"Legacy", `["sha256","not_an_array","abcd"]`},
		"Legacy args without @":              {"Legacy", `["sha256",["salt123"],"abcd"]`},
		"Legacy of four elements":            {"Legacy", `["sha256",["@"],"abcd","x"]`},
		"Legacy of an unsupported hash":      {"Legacy", `["invalid_algo",["@"],"abcd"]`},
		"Legacy firebase-scrypt":             {"Legacy", `["firebase-scrypt",["a","b","c","8","14","@"],"x"]`},
		"Legacy pbkdf2 with a bad hex salt":  {"Legacy", `["pbkdf2",["hex:zz","1000","32","sha256","@"],"x"]`},
		"Legacy pbkdf2 with too many rounds": {"Legacy", `["pbkdf2",["s","1000001","32","sha256","@"],"x"]`},
		"Legacy pbkdf2 with no key length":   {"Legacy", `["pbkdf2",["s","1000","0","sha256","@"],"x"]`},
		"Legacy pbkdf2 of an unknown digest": {"Legacy", `["pbkdf2",["s","1000","32","whirlpool","@"],"x"]`},
		"Legacy pbkdf2 without its args":     {"Legacy", `["pbkdf2",["s","@"],"x"]`},
	} {
		if _, weak, err := account.ImportDigest(c.algorithm, c.digest); !weak || !errors.Is(err, account.ErrImportedDigest) {
			t.Errorf("%s: ImportDigest = %v, %v; want ErrImportedDigest", name, weak, err)
		}
	}
	if _, weak, _ := account.ImportDigest("Bcrypt", "$2a$10$x"); weak {
		t.Error("Bcrypt is not a weak digest: the Hasher reads it")
	}
	if _, err := account.VerifyImported("$legacy$[1]", "pw"); !errors.Is(err, account.ErrMalformedHash) {
		t.Errorf("a corrupted Legacy row: %v, want ErrMalformedHash", err)
	}
	if account.IsImportedDigest("$argon2id$v=19$m=1,t=1,p=1$a$b") {
		t.Error("an argon2id hash is not an imported digest")
	}
}
