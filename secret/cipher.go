package secret

import "errors"

// Cipher seals secrets at rest and makes keyed hashes for lookups. It is the
// interface the domain uses (myaccount.Config.Cipher); KeyRing implements it.
// Implementations must be safe for concurrent use.
type Cipher interface {
	// Seal encrypts and authenticates plaintext. aad (additional
	// authenticated data) is not stored in the output, but the output opens
	// only with the same aad: it binds a ciphertext to its owner and
	// purpose, e.g. "totp:<userID>:<factorID>", so a ciphertext copied into
	// another user's row, or into a column meant for something else, does
	// not open. Two Seals of the same plaintext differ.
	Seal(plaintext, aad []byte) ([]byte, error)

	// Open reverses Seal, given the same aad. It fails with an error that
	// wraps ErrUnknownKey when the key that sealed is no longer configured,
	// and with one that wraps ErrOpen for anything else: a different aad, a
	// changed byte, a truncated or garbage input. It never panics on bad
	// input, which may come from a tampered database.
	Open(sealed, aad []byte) ([]byte, error)

	// MAC returns a keyed hash of data, stable for the same data and key, so
	// it can be stored and searched for (a backup code entered at sign-in is
	// MACed and compared with the stored MACs). Unlike a plain hash it
	// cannot be brute-forced from a database dump without the key.
	MAC(data []byte) []byte

	// VerifyMAC reports whether mac is a MAC of data made by any configured
	// key, comparing in constant time. It is false, never a panic, for a
	// forged, truncated or garbage mac.
	VerifyMAC(data, mac []byte) bool
}

var (
	// ErrUnknownKey means a sealed value names a key id the key ring does
	// not hold: the key was retired before everything it sealed was
	// re-sealed, or the configuration differs between instances.
	ErrUnknownKey = errors.New("secret: sealed with a key that is not in the key ring")

	// ErrOpen means a sealed value did not authenticate: wrong associated
	// data, a changed or missing byte, or not a sealed value at all. The
	// causes are not told apart, on purpose: telling them apart helps an
	// attacker and never the caller.
	ErrOpen = errors.New("secret: cannot open sealed value (wrong associated data, tampered or malformed)")

	// ErrInvalidKey means a key or key list is unusable: no keys, a
	// duplicate id, id 0, a secret that is not KeySize bytes or is all
	// zeros, or a key string that does not parse.
	ErrInvalidKey = errors.New("secret: invalid key")
)
