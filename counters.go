package myaccount

import (
	"crypto/sha256"
	"encoding/hex"
)

// A counterKey names one counter of the store (Store.AddHit, Block): what
// is counted (the pool), what kind of thing it is counted for (the
// subject) and which one (the value). Pools and subjects are constants of
// this package, never input, and the value is hashed to a fixed length, so
// no input of one pool or subject can spell the key of another: a username
// "totp:<id>" is a username, never a user's TOTP pool.
type counterKey struct {
	pool    counterPool
	subject counterSubject
	value   string
}

// A counterPool is what a counter counts.
type counterPool string

// The pools.
const (
	// poolCredential counts failed password and code checks: they share
	// one pool per subject.
	poolCredential counterPool = "credential"
	// poolTOTP and poolBackupCode count failed second-factor checks.
	poolTOTP       counterPool = "totp"
	poolBackupCode counterPool = "backup-code"
	// poolClientFailures counts the failed checks of one client, whoever
	// they were for (the per-client limit).
	poolClientFailures counterPool = "client-failures"
	// poolSend counts code sends: per recipient, per user and per client.
	poolSend counterPool = "send"
)

// A counterSubject is the kind of thing a counter is kept for.
type counterSubject string

// The subjects.
const (
	subjectUser     counterSubject = "user"     // a user's id
	subjectUsername counterSubject = "username" // a username nobody holds, as its key
	subjectEmail    counterSubject = "email"    // an email address, normalized
	subjectPhone    counterSubject = "phone"    // a phone number, normalized
	subjectClient   counterSubject = "client"   // a client address (Caller.ClientAddr)
	// subjectClientOnAccount is one client on one account: an account's
	// counter key and a client address.
	subjectClientOnAccount counterSubject = "client-on-account"
)

// String is the key as stored: pool and subject in clear, the value as
// its SHA-256, so the store never holds an identifier or an address.
func (k counterKey) String() string {
	sum := sha256.Sum256([]byte(k.value))
	return "v2/" + string(k.pool) + "/" + string(k.subject) + "/" + hex.EncodeToString(sum[:])
}
