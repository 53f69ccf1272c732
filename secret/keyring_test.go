package secret_test

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"io"
	"slices"
	"sync"
	"testing"
	"testing/iotest"

	"github.com/myaccount-go/myaccount/secret"
)

// testKey returns a fixed key whose secret looks random, so a test that
// looks for the secret in some output cannot be fooled by a pattern.
func testKey(id uint32) secret.Key {
	s := sha256.Sum256([]byte{'k', 'e', 'y', byte(id), byte(id >> 8)})
	return secret.Key{ID: id, Secret: s[:]}
}

func newRing(t testing.TB, keys ...secret.Key) *secret.KeyRing {
	t.Helper()
	r, err := secret.NewKeyRing(keys...)
	if err != nil {
		t.Fatalf("NewKeyRing: %v", err)
	}
	return r
}

func mustSeal(t testing.TB, r *secret.KeyRing, plaintext, aad string) []byte {
	t.Helper()
	sealed, err := r.Seal([]byte(plaintext), []byte(aad))
	if err != nil {
		t.Fatalf("Seal: %v", err)
	}
	return sealed
}

func mustOpen(t testing.TB, r *secret.KeyRing, sealed []byte, aad string) string {
	t.Helper()
	plaintext, err := r.Open(sealed, []byte(aad))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return string(plaintext)
}

func sealedKeyID(t testing.TB, sealed []byte) uint32 {
	t.Helper()
	id, err := secret.SealedKeyID(sealed)
	if err != nil {
		t.Fatalf("SealedKeyID: %v", err)
	}
	return id
}

const aadTOTP = "totp:user-1:factor-1"

func TestSealOpen(t *testing.T) {
	t.Parallel()
	r := newRing(t, testKey(1))
	for name, plaintext := range map[string]string{
		"empty":       "",
		"totp secret": "JBSWY3DPEHPK3PXP",
		"token set":   string(bytes.Repeat([]byte(`{"access_token":"x"}`), 500)),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			sealed := mustSeal(t, r, plaintext, aadTOTP)
			if got, want := len(sealed), len(plaintext)+secret.Overhead; got != want {
				t.Errorf("len(sealed) = %d, want %d", got, want)
			}
			if plaintext != "" && bytes.Contains(sealed, []byte(plaintext)) {
				t.Error("sealed output contains the plaintext")
			}
			if got := mustOpen(t, r, sealed, aadTOTP); got != plaintext {
				t.Errorf("Open = %q, want %q", got, plaintext)
			}
		})
	}
}

func TestOpenWrongAAD(t *testing.T) {
	t.Parallel()
	r := newRing(t, testKey(1))
	sealed := mustSeal(t, r, "JBSWY3DPEHPK3PXP", aadTOTP)
	for name, aad := range map[string]string{
		"other user":    "totp:user-2:factor-1",
		"other factor":  "totp:user-1:factor-2",
		"other purpose": "backup-code:user-1:factor-1",
		"empty":         "",
		"prefix":        aadTOTP[:len(aadTOTP)-1],
		"longer":        aadTOTP + "x",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if _, err := r.Open(sealed, []byte(aad)); !errors.Is(err, secret.ErrOpen) {
				t.Errorf("Open with aad %q: err = %v, want ErrOpen", aad, err)
			}
		})
	}
}

func TestOpenTamperedByte(t *testing.T) {
	t.Parallel()
	r := newRing(t, testKey(1), testKey(2))
	sealed := mustSeal(t, r, "JBSWY3DPEHPK3PXP", aadTOTP)
	for i := range sealed {
		for _, flip := range []byte{0x01, 0x80, 0xff} {
			tampered := slices.Clone(sealed)
			tampered[i] ^= flip
			_, err := r.Open(tampered, []byte(aadTOTP))
			if !errors.Is(err, secret.ErrOpen) && !errors.Is(err, secret.ErrUnknownKey) {
				t.Errorf("byte %d ^ %#x: err = %v, want ErrOpen or ErrUnknownKey", i, flip, err)
			}
		}
	}
	// Pointing the key id at the ring's other key must fail too: the header
	// is authenticated, and the other key cannot open it anyway.
	other := slices.Clone(sealed)
	binary.BigEndian.PutUint32(other[1:5], 1)
	if _, err := r.Open(other, []byte(aadTOTP)); !errors.Is(err, secret.ErrOpen) {
		t.Errorf("key id 2 -> 1: err = %v, want ErrOpen", err)
	}
	if _, err := r.Open(append(slices.Clone(sealed), 0), []byte(aadTOTP)); !errors.Is(err, secret.ErrOpen) {
		t.Errorf("appended byte: err = %v, want ErrOpen", err)
	}
}

func TestOpenMalformed(t *testing.T) {
	t.Parallel()
	r := newRing(t, testKey(1))
	sealed := mustSeal(t, r, "JBSWY3DPEHPK3PXP", aadTOTP)
	for n := range len(sealed) {
		if _, err := r.Open(sealed[:n], []byte(aadTOTP)); !errors.Is(err, secret.ErrOpen) {
			t.Errorf("truncated to %d bytes: err = %v, want ErrOpen", n, err)
		}
	}
	header := []byte{1, 0, 0, 0, 1}
	for name, input := range map[string][]byte{
		"nil":                  nil,
		"empty":                {},
		"one byte":             {1},
		"header only":          header,
		"header and nonce":     append(slices.Clone(header), make([]byte, 12)...),
		"zeros, Overhead long": make([]byte, secret.Overhead),
		"zeros, long":          make([]byte, 200),
		"version 2":            append([]byte{2}, sealed[1:]...),
		"version 0":            append([]byte{0}, sealed[1:]...),
		"text":                 []byte("JBSWY3DPEHPK3PXP but not sealed, just a plain string"),
		"valid header garbage": append(slices.Clone(header), bytes.Repeat([]byte{0xa5}, 64)...),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if _, err := r.Open(input, []byte(aadTOTP)); !errors.Is(err, secret.ErrOpen) {
				t.Errorf("err = %v, want ErrOpen", err)
			}
		})
	}
}

func TestOpenUnknownKey(t *testing.T) {
	t.Parallel()
	sealed := mustSeal(t, newRing(t, testKey(7)), "JBSWY3DPEHPK3PXP", aadTOTP)
	_, err := newRing(t, testKey(1), testKey(2)).Open(sealed, []byte(aadTOTP))
	if !errors.Is(err, secret.ErrUnknownKey) {
		t.Fatalf("err = %v, want ErrUnknownKey", err)
	}
	if errors.Is(err, secret.ErrOpen) {
		t.Error("an unknown key must be told apart from tampering, to diagnose configuration")
	}
}

// TestRotation is the life of a key: k1 alone, then k1 and k2 while the
// old data is re-sealed, then k2 alone.
func TestRotation(t *testing.T) {
	t.Parallel()
	k1, k2 := testKey(1), testKey(2)
	ring1 := newRing(t, k1)
	old := mustSeal(t, ring1, "old secret", aadTOTP)

	ring12 := newRing(t, k1, k2)
	rotated, err := ring1.Rotate(k2)
	if err != nil {
		t.Fatalf("Rotate: %v", err)
	}
	for name, r := range map[string]*secret.KeyRing{"NewKeyRing(k1, k2)": ring12, "ring1.Rotate(k2)": rotated} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := mustOpen(t, r, old, aadTOTP); got != "old secret" {
				t.Errorf("old ciphertext opens to %q", got)
			}
			sealed := mustSeal(t, r, "new secret", aadTOTP)
			if id := sealedKeyID(t, sealed); id != 2 {
				t.Errorf("new ciphertext sealed under key %d, want 2", id)
			}
			if got := mustOpen(t, r, sealed, aadTOTP); got != "new secret" {
				t.Errorf("new ciphertext opens to %q", got)
			}
			if got := r.IDs(); !slices.Equal(got, []uint32{1, 2}) {
				t.Errorf("IDs() = %v, want [1 2]", got)
			}
			// The new key sealed it, so a ring with only the new key opens it.
			if got := mustOpen(t, newRing(t, k2), sealed, aadTOTP); got != "new secret" {
				t.Errorf("ring [k2] opens the new ciphertext to %q", got)
			}
		})
	}

	t.Run("k1 retired", func(t *testing.T) {
		t.Parallel()
		if _, err := newRing(t, k2).Open(old, []byte(aadTOTP)); !errors.Is(err, secret.ErrUnknownKey) {
			t.Errorf("ring [k2] opening a k1 ciphertext: err = %v, want ErrUnknownKey", err)
		}
	})

	t.Run("Rotate leaves the old ring alone", func(t *testing.T) {
		t.Parallel()
		if id := sealedKeyID(t, mustSeal(t, ring1, "x", aadTOTP)); id != 1 {
			t.Errorf("ring1 seals under key %d after Rotate, want 1", id)
		}
		if got := ring1.IDs(); !slices.Equal(got, []uint32{1}) {
			t.Errorf("ring1.IDs() = %v after Rotate, want [1]", got)
		}
	})

	t.Run("Rotate validates", func(t *testing.T) {
		t.Parallel()
		for name, k := range map[string]secret.Key{
			"duplicate id": {ID: 1, Secret: testKey(9).Secret},
			"short secret": {ID: 3, Secret: make([]byte, 16)},
			"id 0":         {ID: 0, Secret: testKey(9).Secret},
		} {
			if _, err := ring1.Rotate(k); !errors.Is(err, secret.ErrInvalidKey) {
				t.Errorf("%s: err = %v, want ErrInvalidKey", name, err)
			}
		}
	})
}

func TestSealNonceIsRandom(t *testing.T) {
	t.Parallel()
	r := newRing(t, testKey(1))
	seen := map[string]bool{}
	for range 100 {
		sealed := mustSeal(t, r, "same plaintext", aadTOTP)
		if seen[string(sealed)] {
			t.Fatal("two Seals of the same plaintext are equal")
		}
		seen[string(sealed)] = true
	}
}

func TestWithRandom(t *testing.T) {
	t.Parallel()
	nonce := bytes.Repeat([]byte{0x42}, 12)
	r := newRing(t, testKey(1))

	fixed := r.WithRandom(bytes.NewReader(slices.Concat(nonce, nonce)))
	a, b := mustSeal(t, fixed, "x", aadTOTP), mustSeal(t, fixed, "x", aadTOTP)
	if !bytes.Equal(a, b) {
		t.Error("the same nonce from WithRandom gave different outputs")
	}
	if !bytes.Equal(a[5:17], nonce) {
		t.Errorf("nonce in output = %x, want %x", a[5:17], nonce)
	}
	if got := mustOpen(t, r, a, aadTOTP); got != "x" {
		t.Errorf("the original ring opens it to %q", got)
	}

	failing := r.WithRandom(iotest.ErrReader(errors.New("entropy gone")))
	if _, err := failing.Seal([]byte("x"), nil); err == nil {
		t.Error("Seal succeeded with a failing random source")
	}
	if _, err := r.WithRandom(bytes.NewReader(make([]byte, 5))).Seal([]byte("x"), nil); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("Seal with 5 random bytes: err = %v, want io.ErrUnexpectedEOF", err)
	}
	if _, err := r.Seal([]byte("x"), nil); err != nil {
		t.Errorf("WithRandom changed the original ring: %v", err)
	}
}

// TestFormat rebuilds a sealed value and a MAC from the package doc with
// the standard library alone: the format is a contract with stored data
// (and with any other implementation reading it), not an accident of the
// code.
func TestFormat(t *testing.T) {
	t.Parallel()
	k := testKey(0x01020304)
	nonce := []byte("twelve bytes")
	r := newRing(t, k).WithRandom(bytes.NewReader(nonce))
	plaintext, aad := []byte("JBSWY3DPEHPK3PXP"), []byte(aadTOTP)

	sealKey, _ := hkdf.Key(sha256.New, k.Secret, nil, "myaccount seal", 32)
	block, _ := aes.NewCipher(sealKey)
	gcm, _ := cipher.NewGCM(block)
	header := []byte{0x01, 0x01, 0x02, 0x03, 0x04}
	want := slices.Concat(header, nonce, gcm.Seal(nil, nonce, plaintext, slices.Concat(header, aad)))
	if got, err := r.Seal(plaintext, aad); err != nil || !bytes.Equal(got, want) {
		t.Errorf("Seal = %x, %v\nwant %x", got, err, want)
	}

	macKey, _ := hkdf.Key(sha256.New, k.Secret, nil, "myaccount mac", 32)
	h := hmac.New(sha256.New, macKey)
	h.Write(plaintext)
	wantMAC := h.Sum([]byte{0x01, 0x02, 0x03, 0x04})
	if got := r.MAC(plaintext); !bytes.Equal(got, wantMAC) {
		t.Errorf("MAC = %x\nwant %x", got, wantMAC)
	}
}

// TestOpenStoredV1 opens a value sealed when format version 1 was written:
// data at rest must stay readable across releases.
func TestOpenStoredV1(t *testing.T) {
	t.Parallel()
	stored, _ := hex.DecodeString(goldenV1)
	if got := mustOpen(t, newRing(t, testKey(1)), stored, aadTOTP); got != "JBSWY3DPEHPK3PXP" {
		t.Errorf("Open = %q", got)
	}
}

// goldenV1 is "JBSWY3DPEHPK3PXP" sealed under testKey(1) with aadTOTP and
// the nonce "golden nonce": 01 | 00000001 | 676f...6365 | ciphertext and tag.
const goldenV1 = "0100000001676f6c64656e206e6f6e63659e00d97b50ff023db0a03c68733885f29c4b467c822436773589833119f91800"

func TestMAC(t *testing.T) {
	t.Parallel()
	k1, k2 := testKey(1), testKey(2)
	ring1, ring12, ring2 := newRing(t, k1), newRing(t, k1, k2), newRing(t, k2)
	data := []byte("abcd-efgh-1234")
	mac := ring1.MAC(data)

	if len(mac) != secret.MACSize {
		t.Fatalf("len(MAC) = %d, want %d", len(mac), secret.MACSize)
	}
	if again := ring1.MAC(data); !bytes.Equal(again, mac) {
		t.Error("MAC of the same data under the same key changed")
	}
	if again := newRing(t, k1).MAC(data); !bytes.Equal(again, mac) {
		t.Error("MAC differs between two rings over the same key (instances behind a load balancer)")
	}
	if !ring1.VerifyMAC(data, mac) {
		t.Error("VerifyMAC rejects its own MAC")
	}
	if !ring12.VerifyMAC(data, mac) {
		t.Error("VerifyMAC rejects a k1 MAC after rotation to k2")
	}
	if ring2.VerifyMAC(data, mac) {
		t.Error("VerifyMAC accepts a k1 MAC on a ring without k1")
	}
	newMAC := ring12.MAC(data)
	if binary.BigEndian.Uint32(newMAC) != 2 || bytes.Equal(newMAC, mac) {
		t.Errorf("MAC after rotation = %x, want one under key 2", newMAC)
	}
	if !ring2.VerifyMAC(data, newMAC) || !ring12.VerifyMAC(data, newMAC) {
		t.Error("VerifyMAC rejects a k2 MAC")
	}

	for name, other := range map[string][]byte{
		"other data": []byte("abcd-efgh-1235"),
		"prefix":     data[:len(data)-1],
		"empty":      nil,
	} {
		if ring12.VerifyMAC(other, mac) {
			t.Errorf("%s: VerifyMAC true", name)
		}
	}

	for i := range mac {
		forged := slices.Clone(mac)
		forged[i] ^= 0x01
		if ring12.VerifyMAC(data, forged) {
			t.Errorf("VerifyMAC accepts a MAC with byte %d changed", i)
		}
	}
	// k1's tag relabelled as k2's must not pass: the tag is checked under
	// the key the id names.
	relabelled := slices.Clone(mac)
	binary.BigEndian.PutUint32(relabelled, 2)
	for name, garbage := range map[string][]byte{
		"nil":            nil,
		"empty":          {},
		"id only":        mac[:4],
		"truncated":      mac[:len(mac)-1],
		"extended":       append(slices.Clone(mac), 0),
		"zeros":          make([]byte, secret.MACSize),
		"relabelled":     relabelled,
		"unknown key id": append([]byte{0, 0, 0, 9}, mac[4:]...),
		"plain sha256":   func() []byte { s := sha256.Sum256(data); return append([]byte{0, 0, 0, 1}, s[:]...) }(),
	} {
		if ring12.VerifyMAC(data, garbage) {
			t.Errorf("%s: VerifyMAC true", name)
		}
	}
}

func TestNewKeyRingInvalid(t *testing.T) {
	t.Parallel()
	for name, keys := range map[string][]secret.Key{
		"no keys":       nil,
		"duplicate id":  {testKey(1), testKey(2), {ID: 1, Secret: testKey(3).Secret}},
		"id 0":          {{ID: 0, Secret: testKey(1).Secret}},
		"nil secret":    {{ID: 1}},
		"16 bytes":      {{ID: 1, Secret: testKey(1).Secret[:16]}},
		"31 bytes":      {{ID: 1, Secret: testKey(1).Secret[:31]}},
		"33 bytes":      {{ID: 1, Secret: append(slices.Clone(testKey(1).Secret), 1)}},
		"all zeros":     {{ID: 1, Secret: make([]byte, 32)}},
		"one bad of 2":  {testKey(1), {ID: 2, Secret: []byte("short")}},
		"zero Key{}":    {{}},
		"valid + empty": {testKey(1), {}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			r, err := secret.NewKeyRing(keys...)
			if !errors.Is(err, secret.ErrInvalidKey) || r != nil {
				t.Errorf("NewKeyRing = %v, %v; want nil, ErrInvalidKey", r, err)
			}
		})
	}
}

// TestNewKeyRingKeepsNoSecret: clearing the caller's secret after
// NewKeyRing changes nothing, because the ring holds derived keys only.
func TestNewKeyRingKeepsNoSecret(t *testing.T) {
	t.Parallel()
	k := secret.Key{ID: 1, Secret: slices.Clone(testKey(1).Secret)}
	r := newRing(t, k)
	clear(k.Secret)
	sealed := mustSeal(t, r, "x", aadTOTP)
	if got := mustOpen(t, newRing(t, testKey(1)), sealed, aadTOTP); got != "x" {
		t.Errorf("Open = %q", got)
	}
	if !r.VerifyMAC([]byte("x"), newRing(t, testKey(1)).MAC([]byte("x"))) {
		t.Error("MAC key changed when the caller cleared the secret")
	}
}

func TestZeroKeyRing(t *testing.T) {
	t.Parallel()
	var r secret.KeyRing
	if _, err := r.Seal([]byte("x"), nil); !errors.Is(err, secret.ErrInvalidKey) {
		t.Errorf("Seal: err = %v, want ErrInvalidKey", err)
	}
	sealed := mustSeal(t, newRing(t, testKey(1)), "x", "")
	if _, err := r.Open(sealed, nil); !errors.Is(err, secret.ErrUnknownKey) {
		t.Errorf("Open: err = %v, want ErrUnknownKey", err)
	}
	if r.VerifyMAC([]byte("x"), newRing(t, testKey(1)).MAC([]byte("x"))) {
		t.Error("VerifyMAC true on an empty ring")
	}
	defer func() {
		if recover() == nil {
			t.Error("MAC on an empty ring did not panic")
		}
	}()
	r.MAC([]byte("x"))
}

func TestSealedKeyID(t *testing.T) {
	t.Parallel()
	sealed := mustSeal(t, newRing(t, testKey(1), testKey(0xfffffffe)), "x", "")
	if id := sealedKeyID(t, sealed); id != 0xfffffffe {
		t.Errorf("SealedKeyID = %d, want %d", id, uint32(0xfffffffe))
	}
	for _, bad := range [][]byte{nil, sealed[:secret.Overhead-1], append([]byte{9}, sealed[1:]...)} {
		if _, err := secret.SealedKeyID(bad); !errors.Is(err, secret.ErrOpen) {
			t.Errorf("SealedKeyID(%x): err = %v, want ErrOpen", bad, err)
		}
	}
}

// TestConcurrentUse runs under -race in CI: one ring is shared by every
// request of an instance.
func TestConcurrentUse(t *testing.T) {
	t.Parallel()
	r := newRing(t, testKey(1), testKey(2))
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				aad := []byte{byte(g), byte(i)}
				sealed, err := r.Seal(aad, aad)
				if err != nil {
					t.Error(err)
					return
				}
				if got, err := r.Open(sealed, aad); err != nil || !bytes.Equal(got, aad) {
					t.Errorf("Open = %x, %v", got, err)
					return
				}
				if !r.VerifyMAC(aad, r.MAC(aad)) {
					t.Error("VerifyMAC false")
					return
				}
			}
		})
	}
	wg.Wait()
}
