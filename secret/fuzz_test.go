package secret_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/myaccount-go/myaccount/secret"
)

// FuzzOpen feeds Open what a tampered database could hold. It must never
// panic, must fail with ErrOpen or ErrUnknownKey, and must open nothing but
// the one genuine ciphertext: anything else opening would be a forgery.
func FuzzOpen(f *testing.F) {
	r := newRing(f, testKey(1), testKey(2))
	// A fixed nonce: fuzzing runs this in several processes, which must
	// agree on the one genuine value.
	genuine := mustSeal(f, r.WithRandom(bytes.NewReader([]byte("fuzz nonce12"))), "JBSWY3DPEHPK3PXP", aadTOTP)
	f.Add(genuine)
	f.Add(genuine[:len(genuine)-1])
	f.Add(genuine[:secret.Overhead])
	f.Add([]byte{})
	f.Add([]byte{1})
	f.Add([]byte{1, 0, 0, 0, 1})
	f.Add([]byte{1, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0})
	f.Add(bytes.Repeat([]byte{0xff}, 100))
	f.Add([]byte("not a sealed value at all"))
	f.Fuzz(func(t *testing.T, sealed []byte) {
		plaintext, err := r.Open(sealed, []byte(aadTOTP))
		if err == nil {
			if !bytes.Equal(sealed, genuine) || string(plaintext) != "JBSWY3DPEHPK3PXP" {
				t.Fatalf("Open accepted a forged value %x", sealed)
			}
			return
		}
		if !errors.Is(err, secret.ErrOpen) && !errors.Is(err, secret.ErrUnknownKey) {
			t.Fatalf("Open: err = %v, want ErrOpen or ErrUnknownKey", err)
		}
		if plaintext != nil {
			t.Fatalf("Open returned plaintext %x with an error", plaintext)
		}
	})
}

// FuzzVerifyMAC: a stored MAC may be garbage too; VerifyMAC must not panic
// and must accept only the genuine MAC.
func FuzzVerifyMAC(f *testing.F) {
	r := newRing(f, testKey(1), testKey(2))
	data := []byte("abcd-efgh-1234")
	genuine := r.MAC(data)
	f.Add(genuine)
	f.Add(genuine[:secret.MACSize-1])
	f.Add([]byte{})
	f.Add([]byte{0, 0, 0, 1})
	f.Add(make([]byte, secret.MACSize))
	f.Fuzz(func(t *testing.T, mac []byte) {
		if r.VerifyMAC(data, mac) && !bytes.Equal(mac, genuine) {
			t.Fatalf("VerifyMAC accepted a forged MAC %x", mac)
		}
	})
}
