package secret

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"
)

// The byte format (see the package doc). Changing any of this makes stored
// data unreadable: add a new version instead.
const (
	formatV1  = 0x01
	idLen     = 4
	headerLen = 1 + idLen // version || key id
	nonceLen  = 12        // GCM's standard nonce: 96 random bits
	tagLen    = 16

	// Overhead is how many bytes Seal adds to a plaintext, for sizing
	// storage columns.
	Overhead = headerLen + nonceLen + tagLen

	// MACSize is the length of a MAC: key id and HMAC-SHA256.
	MACSize = idLen + sha256.Size

	infoSeal = "myaccount seal"
	infoMAC  = "myaccount mac"
)

// KeyRing is a Cipher over one or more keys: the newest seals and MACs,
// every key opens and verifies. It is immutable, so one ring is safe for
// concurrent use and rotation (Rotate) swaps whole rings rather than
// changing one under readers.
//
// With random 96-bit nonces, NIST limits one key to 2^32 seals; rotate long
// before that (a yearly rotation is far inside it for any account center).
type KeyRing struct {
	keys   []*ringKey // oldest first; the last one is the newest
	byID   map[uint32]*ringKey
	random io.Reader
}

// ringKey is what a ring keeps of a Key: functions over the subkeys derived
// from it, never the secret itself. The subkeys live only inside method
// values and closures because reflection cannot look into a func: fmt
// dumps the fields of a struct it has no method for (a KeyRing value, or
// one in an unexported field, printed with %s), but prints a func as an
// address.
type ringKey struct {
	id     uint32
	header [headerLen]byte
	seal   func(dst, nonce, plaintext, additionalData []byte) []byte
	open   func(dst, nonce, ciphertext, additionalData []byte) ([]byte, error)
	mac    func(dst, data []byte) []byte // appends HMAC-SHA256(data) to dst
}

var _ Cipher = (*KeyRing)(nil)

// NewKeyRing returns a ring over keys, oldest first: the LAST key is the
// newest and seals new values; all keys open. Zero keys, a duplicate id,
// id 0 and a secret that is not KeySize bytes are errors (wrapping
// ErrInvalidKey). The ring keeps derived keys only, so the caller may clear
// the secrets afterwards. It reads nonces from crypto/rand; see WithRandom.
func NewKeyRing(keys ...Key) (*KeyRing, error) {
	if err := validateKeys(keys); err != nil {
		return nil, err
	}
	r := &KeyRing{byID: make(map[uint32]*ringKey, len(keys)), random: rand.Reader}
	for _, k := range keys {
		rk, err := deriveKey(k)
		if err != nil {
			return nil, err
		}
		r.keys = append(r.keys, rk)
		r.byID[k.ID] = rk
	}
	return r, nil
}

// deriveKey makes the encryption and MAC subkeys of k with HKDF, so the one
// configured secret never serves two algorithms.
func deriveKey(k Key) (*ringKey, error) {
	sealKey, err := hkdf.Key(sha256.New, k.Secret, nil, infoSeal, 32)
	if err != nil {
		return nil, fmt.Errorf("secret: derive key %d: %w", k.ID, err)
	}
	macKey, err := hkdf.Key(sha256.New, k.Secret, nil, infoMAC, 32)
	if err != nil {
		return nil, fmt.Errorf("secret: derive key %d: %w", k.ID, err)
	}
	block, err := aes.NewCipher(sealKey)
	if err != nil {
		return nil, fmt.Errorf("secret: key %d: %w", k.ID, err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secret: key %d: %w", k.ID, err)
	}
	rk := &ringKey{
		id:   k.ID,
		seal: aead.Seal,
		open: aead.Open,
		mac: func(dst, data []byte) []byte {
			h := hmac.New(sha256.New, macKey)
			h.Write(data)
			return h.Sum(dst)
		},
	}
	rk.header[0] = formatV1
	binary.BigEndian.PutUint32(rk.header[1:], k.ID)
	return rk, nil
}

// Rotate returns a new ring with k added as the newest key; r is unchanged.
// Deploy the new ring everywhere before relying on it: an instance still on
// the old ring cannot open what the new key sealed.
func (r *KeyRing) Rotate(k Key) (*KeyRing, error) {
	if err := k.validate(); err != nil {
		return nil, err
	}
	if _, dup := r.byID[k.ID]; dup {
		return nil, fmt.Errorf("%w: duplicate key id %d", ErrInvalidKey, k.ID)
	}
	rk, err := deriveKey(k)
	if err != nil {
		return nil, err
	}
	next := r.clone()
	next.keys = append(next.keys, rk)
	next.byID[k.ID] = rk
	return next, nil
}

// WithRandom returns a copy of r that reads nonces from random instead of
// crypto/rand, for deterministic tests; nil means crypto/rand. random must
// be safe for concurrent use if the ring is. Never use a predictable reader
// in production: a repeated nonce under one key breaks AES-GCM.
func (r *KeyRing) WithRandom(random io.Reader) *KeyRing {
	if random == nil {
		random = rand.Reader
	}
	next := r.clone()
	next.random = random
	return next
}

func (r *KeyRing) clone() *KeyRing {
	next := &KeyRing{
		keys:   append(make([]*ringKey, 0, len(r.keys)+1), r.keys...),
		byID:   make(map[uint32]*ringKey, len(r.byID)+1),
		random: r.random,
	}
	for id, rk := range r.byID {
		next.byID[id] = rk
	}
	return next
}

// IDs returns the ring's key ids, oldest first; the last one seals.
func (r *KeyRing) IDs() []uint32 {
	ids := make([]uint32, len(r.keys))
	for i, rk := range r.keys {
		ids[i] = rk.id
	}
	return ids
}

// newest is the key that seals and MACs; nil for a zero KeyRing.
func (r *KeyRing) newest() *ringKey {
	if len(r.keys) == 0 {
		return nil
	}
	return r.keys[len(r.keys)-1]
}

// Seal implements Cipher.Seal with AES-256-GCM under the newest key and a
// random nonce; the output format is in the package doc.
func (r *KeyRing) Seal(plaintext, aad []byte) ([]byte, error) {
	rk := r.newest()
	if rk == nil {
		return nil, fmt.Errorf("%w: empty key ring (use NewKeyRing)", ErrInvalidKey)
	}
	out := make([]byte, headerLen+nonceLen, headerLen+nonceLen+len(plaintext)+tagLen)
	copy(out, rk.header[:])
	nonce := out[headerLen:]
	if _, err := io.ReadFull(r.random, nonce); err != nil {
		return nil, fmt.Errorf("secret: read nonce: %w", err)
	}
	return rk.seal(out, nonce, plaintext, additionalData(rk.header, aad)), nil
}

// Open implements Cipher.Open.
func (r *KeyRing) Open(sealed, aad []byte) ([]byte, error) {
	if len(sealed) < Overhead {
		return nil, ErrOpen
	}
	if sealed[0] != formatV1 {
		return nil, ErrOpen
	}
	id := binary.BigEndian.Uint32(sealed[1:headerLen])
	rk := r.byID[id]
	if rk == nil {
		return nil, fmt.Errorf("%w (key %d)", ErrUnknownKey, id)
	}
	nonce := sealed[headerLen : headerLen+nonceLen]
	plaintext, err := rk.open(nil, nonce, sealed[headerLen+nonceLen:], additionalData(rk.header, aad))
	if err != nil {
		return nil, ErrOpen // the GCM error adds nothing a caller could act on
	}
	return plaintext, nil
}

// additionalData is what GCM authenticates besides the ciphertext: the
// header, so a changed version or key id cannot go unnoticed, then the
// caller's aad. The header has a fixed length, so the joint is unambiguous.
// It is a fresh slice because GCM's additional data must not overlap its
// output.
func additionalData(header [headerLen]byte, aad []byte) []byte {
	ad := make([]byte, 0, headerLen+len(aad))
	ad = append(ad, header[:]...)
	return append(ad, aad...)
}

// SealedKeyID returns the id of the key that sealed a value, without opening
// it, so a re-sealing job can find what an old key still protects before
// that key is retired. It fails (ErrOpen) only when sealed is too short or
// of an unknown format; a valid id does not mean the value is authentic.
func SealedKeyID(sealed []byte) (uint32, error) {
	if len(sealed) < Overhead || sealed[0] != formatV1 {
		return 0, ErrOpen
	}
	return binary.BigEndian.Uint32(sealed[1:headerLen]), nil
}

// MAC implements Cipher.MAC with HMAC-SHA256 under the newest key's MAC
// key, prefixed with that key's id so VerifyMAC still works after rotation.
// It panics on a zero KeyRing, a programming error with no safe result.
func (r *KeyRing) MAC(data []byte) []byte {
	rk := r.newest()
	if rk == nil {
		panic("secret: MAC on an empty KeyRing (use NewKeyRing)")
	}
	out := make([]byte, idLen, MACSize)
	copy(out, rk.header[1:])
	return rk.mac(out, data)
}

// VerifyMAC implements Cipher.VerifyMAC: it reads the key id from mac and
// checks the tag under that key.
func (r *KeyRing) VerifyMAC(data, mac []byte) bool {
	if len(mac) != MACSize {
		return false
	}
	rk := r.byID[binary.BigEndian.Uint32(mac[:idLen])]
	if rk == nil {
		return false
	}
	var buf [sha256.Size]byte
	return hmac.Equal(rk.mac(buf[:0], data), mac[idLen:])
}

// String describes r by key ids only.
func (r *KeyRing) String() string {
	if r == nil {
		return "secret.KeyRing(nil)"
	}
	ids := make([]string, len(r.keys))
	for i, id := range r.IDs() {
		ids[i] = strconv.FormatUint(uint64(id), 10)
	}
	return "secret.KeyRing(keys " + strings.Join(ids, ",") + ", newest last)"
}

// GoString describes r by key ids only, for %#v.
func (r *KeyRing) GoString() string {
	if r == nil {
		return "(*secret.KeyRing)(nil)"
	}
	return fmt.Sprintf("&secret.KeyRing{IDs:%#v}", r.IDs())
}

// Format makes every fmt verb print String, and %#v GoString, so no verb
// reaches the derived keys.
func (r *KeyRing) Format(f fmt.State, verb rune) {
	if verb == 'v' && f.Flag('#') {
		fmt.Fprint(f, r.GoString())
		return
	}
	fmt.Fprint(f, r.String())
}

// LogValue logs r's key ids only.
func (r *KeyRing) LogValue() slog.Value {
	if r == nil {
		return slog.StringValue("<nil>")
	}
	return slog.GroupValue(slog.Any("ids", r.IDs()))
}
