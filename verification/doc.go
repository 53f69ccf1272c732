// Package verification holds verification records: the short-lived proofs a
// user makes before a sensitive change (a password re-check, a code sent to
// an email or phone, a social sign-in, a WebAuthn registration), and the
// counters that limit code sends and lock out brute force.
//
// A record is bound to the user who asked for it, expires ten minutes after
// it is made, and keeps its one-shot parts (a code, a ceremony's session
// state) so that the Store can take them exactly once. Everything lives in
// the Store, so any app instance can serve any step of a flow.
package verification
