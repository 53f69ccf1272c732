// Package secret keeps secrets at rest: TOTP keys, backup codes and social
// token sets are sealed with AES-256-GCM before they reach a Store, and
// values that must be found again without decrypting every row (backup
// codes at sign-in) get a keyed hash, a MAC, instead of a plain hash that a
// database dump could be brute-forced against.
//
// The domain packages depend only on the small Cipher interface; KeyRing is
// the implementation shipped here. A KeyRing holds several keys so they can
// be rotated without a migration: the newest key seals and MACs, every key
// opens and verifies, and each ciphertext and MAC carries the id of the key
// that made it. To rotate, add a new key as the last one on every instance;
// to retire a key, first re-seal what it sealed (SealedKeyID tells which),
// then drop it from the configuration.
//
// Keys usually come from an environment variable in the form ParseKeys
// reads, "1:BASE64,2:BASE64". Key material never appears in errors or in
// fmt and slog output of a Key or KeyRing.
//
// # Formats
//
// A sealed value is
//
//	version (1 byte, 0x01) || key id (4 bytes, big endian) || nonce (12 bytes) || AES-256-GCM ciphertext and tag (16 bytes)
//
// so it is Overhead (33) bytes longer than the plaintext. The GCM additional
// data is version || key id || aad, which makes the header itself tamper
// evident. A MAC is
//
//	key id (4 bytes, big endian) || HMAC-SHA256 (32 bytes)
//
// MACSize (36) bytes in all. Neither uses a key's secret directly: the
// encryption key is HKDF-SHA256(secret, salt nil, info "myaccount seal")
// and the MAC key is HKDF-SHA256(secret, salt nil, info "myaccount mac"),
// so the two uses never share a key.
package secret
