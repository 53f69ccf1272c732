package secret

import "errors"

// The errors of sealing and keys.
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
