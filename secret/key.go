package secret

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"log/slog"
	"strconv"
	"strings"
)

// KeySize is the length of Key.Secret: 32 bytes, the 256 bits of strength
// that AES-256 and HMAC-SHA256 offer; a longer secret would add nothing.
const KeySize = 32

// Key is one key of a KeyRing.
//
// Its String, GoString, Format and LogValue methods redact Secret, so a Key
// printed with fmt or logged with slog never shows it. fmt cannot call those
// methods for a Key stored in an unexported field of another struct, and
// encoding/json ignores them; so hand Keys to NewKeyRing and drop them. The
// ring keeps only derived keys, which lets a caller clear Secret afterwards.
type Key struct {
	// ID names the key inside every ciphertext and MAC it makes, so it must
	// never be reused for a different secret. 0 is not allowed: it is what a
	// forgotten field looks like.
	ID uint32
	// Secret is KeySize random bytes (GenerateKey makes them).
	Secret []byte
}

// GenerateKey returns a new Key with the given id and a secret from
// crypto/rand. Print it for configuration with FormatKeys.
func GenerateKey(id uint32) (Key, error) {
	k := Key{ID: id, Secret: make([]byte, KeySize)}
	if _, err := rand.Read(k.Secret); err != nil {
		return Key{}, fmt.Errorf("secret: generate key: %w", err)
	}
	if err := k.validate(); err != nil {
		return Key{}, err
	}
	return k, nil
}

// ParseKeys reads keys from a configuration string such as an environment
// variable: comma-separated "id:secret" entries, oldest first, where id is
// a decimal number from 1 to 2^32-1 and secret is KeySize bytes in standard
// or URL-safe base64, padded or not. Spaces and newlines around entries are
// ignored. The last key is the newest, as NewKeyRing expects:
//
//	MYACCOUNT_SECRET_KEYS="1:q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq80=,2:..."
//
// Errors name the entry and the id, never the secret.
func ParseKeys(s string) ([]Key, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("%w: no keys given", ErrInvalidKey)
	}
	entries := strings.Split(s, ",")
	keys := make([]Key, 0, len(entries))
	for i, entry := range entries {
		idText, secretText, ok := strings.Cut(strings.TrimSpace(entry), ":")
		if !ok {
			return nil, fmt.Errorf("%w: entry %d is not id:base64", ErrInvalidKey, i+1)
		}
		id, err := strconv.ParseUint(strings.TrimSpace(idText), 10, 32)
		if err != nil {
			// The id text is not echoed: an entry mangled by a copy-paste
			// could hold part of a secret.
			return nil, fmt.Errorf("%w: entry %d: id is not a number from 1 to %d", ErrInvalidKey, i+1, uint32(1<<32-1))
		}
		secret, ok := decodeSecret(strings.TrimSpace(secretText))
		if !ok {
			return nil, fmt.Errorf("%w: entry %d (key %d): secret is not %d bytes of base64", ErrInvalidKey, i+1, id, KeySize)
		}
		keys = append(keys, Key{ID: uint32(id), Secret: secret})
	}
	if err := validateKeys(keys); err != nil {
		return nil, err
	}
	return keys, nil
}

// decodeSecret accepts every common base64 flavour, because keys are
// pasted from whatever tool made them (openssl rand -base64 32 pads with
// the standard alphabet; many web tools use the raw URL alphabet).
func decodeSecret(s string) ([]byte, bool) {
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.RawURLEncoding} {
		if b, err := enc.Strict().DecodeString(s); err == nil && len(b) == KeySize {
			return b, true
		}
	}
	return nil, false
}

// FormatKeys writes keys in the form ParseKeys reads, for putting a new key
// into configuration. Its output IS key material: treat it as a secret.
func FormatKeys(keys ...Key) string {
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatUint(uint64(k.ID), 10))
		b.WriteByte(':')
		b.WriteString(base64.StdEncoding.EncodeToString(k.Secret))
	}
	return b.String()
}

// String describes k without its secret.
func (k Key) String() string {
	return fmt.Sprintf("secret.Key(%d, secret redacted)", k.ID)
}

// GoString describes k without its secret, for %#v.
func (k Key) GoString() string {
	return fmt.Sprintf("secret.Key{ID:%d, Secret:<redacted>}", k.ID)
}

// Format makes every fmt verb (%v, %+v, %s, %x, %q, ...) print String and %#v
// print GoString. Without it, verbs such as %x and %+v would print Secret.
func (k Key) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, k.GoString())
		return
	}
	fmt.Fprint(f, k.String())
}

// LogValue logs k's id only: slog's JSON handler would otherwise encode
// Secret as base64.
func (k Key) LogValue() slog.Value {
	return slog.GroupValue(slog.Uint64("id", uint64(k.ID)), slog.String("secret", "redacted"))
}

// validate checks one key. An all-zero secret is refused because it is what
// make([]byte, 32) without a read from crypto/rand looks like.
func (k Key) validate() error {
	if k.ID == 0 {
		return fmt.Errorf("%w: key id 0 (ids start at 1)", ErrInvalidKey)
	}
	if len(k.Secret) != KeySize {
		return fmt.Errorf("%w: key %d: secret is %d bytes, want %d", ErrInvalidKey, k.ID, len(k.Secret), KeySize)
	}
	var or byte
	for _, b := range k.Secret {
		or |= b
	}
	if or == 0 {
		return fmt.Errorf("%w: key %d: secret is all zeros", ErrInvalidKey, k.ID)
	}
	return nil
}

// validateKeys checks a whole key list as NewKeyRing needs it.
func validateKeys(keys []Key) error {
	if len(keys) == 0 {
		return fmt.Errorf("%w: no keys given", ErrInvalidKey)
	}
	seen := make(map[uint32]bool, len(keys))
	for _, k := range keys {
		if err := k.validate(); err != nil {
			return err
		}
		if seen[k.ID] {
			return fmt.Errorf("%w: duplicate key id %d", ErrInvalidKey, k.ID)
		}
		seen[k.ID] = true
	}
	return nil
}
