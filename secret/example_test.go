package secret_test

import (
	"errors"
	"fmt"

	"github.com/myaccount-go/myaccount/secret"
)

// A key ring from configuration seals a TOTP secret bound to its user and
// factor, and MACs a backup code so it can be found at sign-in.
func Example() {
	// In an app: secret.ParseKeys(os.Getenv("MYACCOUNT_SECRET_KEYS")).
	keys, err := secret.ParseKeys("1:SMtCkeqlgAgAukrTmQdE3o19LZzWlVR0aYUvsbb0z2c=")
	if err != nil {
		panic(err)
	}
	ring, err := secret.NewKeyRing(keys...)
	if err != nil {
		panic(err)
	}
	fmt.Println(ring)

	aad := []byte("totp:user-1:factor-1")
	sealed, err := ring.Seal([]byte("JBSWY3DPEHPK3PXP"), aad)
	if err != nil {
		panic(err)
	}
	totp, err := ring.Open(sealed, aad)
	fmt.Println(string(totp), err)

	// The same bytes in another user's row do not open.
	_, err = ring.Open(sealed, []byte("totp:user-2:factor-1"))
	fmt.Println(errors.Is(err, secret.ErrOpen))

	mac := ring.MAC([]byte("abcd-efgh-1234"))
	fmt.Println(ring.VerifyMAC([]byte("abcd-efgh-1234"), mac), ring.VerifyMAC([]byte("abcd-efgh-0000"), mac))
	// Output:
	// secret.KeyRing(keys 1, newest last)
	// JBSWY3DPEHPK3PXP <nil>
	// true
	// true false
}

// Rotation: add the new key last; old values still open and old MACs still
// verify, new values are sealed under the new key.
func ExampleKeyRing_Rotate() {
	keys, err := secret.ParseKeys("1:SMtCkeqlgAgAukrTmQdE3o19LZzWlVR0aYUvsbb0z2c=")
	if err != nil {
		panic(err)
	}
	old, err := secret.NewKeyRing(keys...)
	if err != nil {
		panic(err)
	}
	aad := []byte("backup-code:user-1:factor-9")
	sealed, _ := old.Seal([]byte("abcd-efgh-1234"), aad)
	mac := old.MAC([]byte("abcd-efgh-1234"))

	k2, err := secret.GenerateKey(2) // then store secret.FormatKeys(keys[0], k2) in configuration
	if err != nil {
		panic(err)
	}
	ring, err := old.Rotate(k2)
	if err != nil {
		panic(err)
	}
	code, err := ring.Open(sealed, aad)
	fmt.Println(string(code), err, ring.VerifyMAC([]byte("abcd-efgh-1234"), mac))

	resealed, _ := ring.Seal(code, aad)
	id, _ := secret.SealedKeyID(resealed)
	fmt.Println("re-sealed under key", id, "of", ring.IDs())
	// Output:
	// abcd-efgh-1234 <nil> true
	// re-sealed under key 2 of [1 2]
}
