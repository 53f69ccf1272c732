package account

import (
	"crypto/md5"
	"crypto/pbkdf2"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"strconv"
	"strings"
)

// Imported password digests: the weak forms Logto's POST /api/users takes as
// passwordDigest (MD5, SHA1, SHA256 and Legacy) so that users can be moved
// in from a system that kept them. They are an import path only: nothing
// here ever writes a new one, a right password replaces one with the
// Hasher's argon2id at its first check, and SECURITY.md says why.
//
// They are stored as PHC-like strings no PasswordHasher writes, so a stored
// hash says its own kind without another column:
//
//	$md5$<32 lowercase hex>
//	$sha1$<40 lowercase hex>
//	$sha256$<64 lowercase hex>
//	$legacy$<the JSON array as imported>
const (
	importedMD5    = "$md5$"
	importedSHA1   = "$sha1$"
	importedSHA256 = "$sha256$"
	importedLegacy = "$legacy$"
)

// Limits of a Legacy PBKDF2 expression, for the same reason as the argon2
// limits: an imported row must not make one check run for minutes.
const (
	maxPBKDF2Iterations = 1_000_000
	maxPBKDF2KeyLength  = 256
)

// ErrImportedDigest is the error of a passwordDigest that is not of the
// form its passwordAlgorithm names.
var ErrImportedDigest = errors.New("myaccount: imported digest not of its algorithm")

// ImportDigest returns the stored form of an imported plain digest, or
// ok=false when algorithm is not one of MD5, SHA1, SHA256 and Legacy (the
// Hasher reads the others as given). MD5, SHA1 and SHA256 take the hex of
// the unsalted digest of the password (either case; it is stored in lower
// case). Legacy takes Logto's JSON array [algorithm, args, encryptedPassword]:
// a hash algorithm (md5, sha1, the sha2 family) over the args joined, each
// "@" replaced by the password, or pbkdf2 with args [salt, iterations,
// keylen, digest, "@"] (at most 1,000,000 iterations and 256 bytes);
// encryptedPassword is the lowercase hex of the result. Other OpenSSL
// digests and firebase-scrypt are refused.
func ImportDigest(algorithm, digest string) (stored string, ok bool, err error) {
	switch algorithm {
	case "MD5":
		stored, err = hexDigest(importedMD5, digest, md5.Size)
	case "SHA1":
		stored, err = hexDigest(importedSHA1, digest, sha1.Size)
	case "SHA256":
		stored, err = hexDigest(importedSHA256, digest, sha256.Size)
	case "Legacy":
		if _, err = parseLegacy(digest); err == nil {
			stored = importedLegacy + digest
		}
	default:
		return "", false, nil
	}
	return stored, true, err
}

func hexDigest(prefix, digest string, size int) (string, error) {
	if len(digest) != 2*size {
		return "", fmt.Errorf("%w: not %d hex digits", ErrImportedDigest, 2*size)
	}
	if _, err := hex.DecodeString(digest); err != nil {
		return "", fmt.Errorf("%w: not hex", ErrImportedDigest)
	}
	return prefix + strings.ToLower(digest), nil
}

// IsImportedDigest reports whether a stored hash is one of the imported
// forms above, which VerifyImported checks instead of the Hasher.
func IsImportedDigest(stored string) bool {
	for _, p := range []string{importedMD5, importedSHA1, importedSHA256, importedLegacy} {
		if strings.HasPrefix(stored, p) {
			return true
		}
	}
	return false
}

// VerifyImported checks password against an imported digest (IsImportedDigest)
// and compares in constant time. A right password always wants a rehash. A
// stored value that cannot be read is ErrMalformedHash.
func VerifyImported(stored, password string) (ok bool, err error) {
	var want, got []byte
	switch {
	case strings.HasPrefix(stored, importedMD5):
		s := md5.Sum([]byte(password))
		want, got = []byte(stored[len(importedMD5):]), hexBytes(s[:])
	case strings.HasPrefix(stored, importedSHA1):
		s := sha1.Sum([]byte(password))
		want, got = []byte(stored[len(importedSHA1):]), hexBytes(s[:])
	case strings.HasPrefix(stored, importedSHA256):
		s := sha256.Sum256([]byte(password))
		want, got = []byte(stored[len(importedSHA256):]), hexBytes(s[:])
	case strings.HasPrefix(stored, importedLegacy):
		l, err := parseLegacy(stored[len(importedLegacy):])
		if err != nil {
			return false, fmt.Errorf("%w: %w", ErrMalformedHash, err)
		}
		sum, err := l.compute(password)
		if err != nil {
			return false, fmt.Errorf("%w: %w", ErrMalformedHash, err)
		}
		want, got = []byte(strings.ToLower(l.encrypted)), hexBytes(sum)
	default:
		return false, fmt.Errorf("%w: not an imported digest", ErrMalformedHash)
	}
	return subtle.ConstantTimeCompare(want, got) == 1, nil
}

func hexBytes(b []byte) []byte { return []byte(hex.EncodeToString(b)) }

// legacyDigest is Logto's "Legacy" passwordDigest, the JSON array
// [algorithm, args, encryptedPassword]:
//
//   - a hash algorithm (md5, sha1, sha224, sha256, sha384, sha512,
//     sha512-224, sha512-256, any case) hashes the args joined with no
//     separator, each "@" replaced by the password;
//   - pbkdf2 (or pbkdf2Sync) takes args [salt, iterations, keylen, digest,
//     "@"] and derives keylen bytes from the password; a salt "hex:<hex>" is
//     those bytes, any other salt its UTF-8 text;
//
// and encryptedPassword is the lowercase hex of the result. args must hold
// an "@". Logto also takes every other OpenSSL digest and firebase-scrypt;
// this package refuses them (guard.invalid_input at import).
type legacyDigest struct {
	algorithm string
	args      []string
	encrypted string
}

func parseLegacy(s string) (*legacyDigest, error) {
	var raw []json.RawMessage
	if err := json.Unmarshal([]byte(s), &raw); err != nil || len(raw) != 3 {
		return nil, fmt.Errorf("%w: legacy digest is not [algorithm, args, encryptedPassword]", ErrImportedDigest)
	}
	var l legacyDigest
	if json.Unmarshal(raw[0], &l.algorithm) != nil || json.Unmarshal(raw[1], &l.args) != nil ||
		json.Unmarshal(raw[2], &l.encrypted) != nil || l.args == nil {
		return nil, fmt.Errorf("%w: legacy digest is not [string, [string...], string]", ErrImportedDigest)
	}
	hasPassword := false
	for _, a := range l.args {
		hasPassword = hasPassword || a == "@"
	}
	if !hasPassword {
		return nil, fmt.Errorf("%w: legacy args hold no @", ErrImportedDigest)
	}
	if isPBKDF2(l.algorithm) {
		if _, _, _, _, err := l.pbkdf2Args(); err != nil {
			return nil, err
		}
		return &l, nil
	}
	if legacyHash(l.algorithm) == nil {
		return nil, fmt.Errorf("%w: unsupported legacy hash %q", ErrImportedDigest, l.algorithm)
	}
	return &l, nil
}

func isPBKDF2(algorithm string) bool { return algorithm == "pbkdf2" || algorithm == "pbkdf2Sync" }

// legacyHash returns the constructor of an OpenSSL digest name this package
// supports, or nil.
func legacyHash(name string) func() hash.Hash {
	switch strings.ToLower(name) {
	case "md5":
		return md5.New
	case "sha1":
		return sha1.New
	case "sha224":
		return sha256.New224
	case "sha256":
		return sha256.New
	case "sha384":
		return sha512.New384
	case "sha512":
		return sha512.New
	case "sha512-224":
		return sha512.New512_224
	case "sha512-256":
		return sha512.New512_256
	}
	return nil
}

func (l *legacyDigest) pbkdf2Args() (salt []byte, iterations, keyLen int, h func() hash.Hash, err error) {
	bad := func(why string) ([]byte, int, int, func() hash.Hash, error) {
		return nil, 0, 0, nil, fmt.Errorf("%w: legacy pbkdf2: %s", ErrImportedDigest, why)
	}
	if len(l.args) < 4 {
		return bad("args are not [salt, iterations, keylen, digest, @]")
	}
	if hexSalt, ok := strings.CutPrefix(l.args[0], "hex:"); ok {
		if hexSalt == "" {
			return bad("empty hex salt")
		}
		if salt, err = hex.DecodeString(hexSalt); err != nil {
			return bad("salt is not hex")
		}
	} else {
		salt = []byte(l.args[0])
	}
	if iterations, err = strconv.Atoi(l.args[1]); err != nil || iterations < 1 || iterations > maxPBKDF2Iterations {
		return bad(fmt.Sprintf("iterations not in 1..%d", maxPBKDF2Iterations))
	}
	if keyLen, err = strconv.Atoi(l.args[2]); err != nil || keyLen < 1 || keyLen > maxPBKDF2KeyLength {
		return bad(fmt.Sprintf("keylen not in 1..%d", maxPBKDF2KeyLength))
	}
	if h = legacyHash(l.args[3]); h == nil {
		return bad("unsupported digest")
	}
	return salt, iterations, keyLen, h, nil
}

func (l *legacyDigest) compute(password string) ([]byte, error) {
	if isPBKDF2(l.algorithm) {
		salt, iterations, keyLen, h, err := l.pbkdf2Args()
		if err != nil {
			return nil, err
		}
		return pbkdf2.Key(h, password, salt, iterations, keyLen)
	}
	h := legacyHash(l.algorithm)
	if h == nil {
		return nil, fmt.Errorf("unsupported legacy hash %q", l.algorithm)
	}
	d := h()
	for _, a := range l.args {
		if a == "@" {
			a = password
		}
		d.Write([]byte(a))
	}
	return d.Sum(nil), nil
}
