package secret

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
