package myaccount

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/verification"
)

// A verification record proves something about its user as they were when
// it was made. A change of password is the moment a user (or an
// administrator) takes the account back: every record made before it, of
// any type, stops working, so a record obtained by whoever had the old
// password (a password record, a code record, a new identifier, a social
// or WebAuthn registration) authorizes nothing afterwards.
//
// The record keeps a stamp of the user's password hash (Record.
// PasswordStamp), and every check that accepts a record (identityVerified
// for the verification header, ownRecord for a record named in a body)
// compares it with the stamp of the user's current hash. A hash, not a
// time: password hashes are salted, so every new password, also the same
// one set again, gives a new stamp, where two timestamps may be equal
// (a coarse or fake clock). What changes the stamp:
//   - the user's own password change, and a first password set;
//   - an administrator's password change (Admin.SetPassword) or removal;
//   - a legacy hash upgraded on a successful sign-in or check (checkPassword
//     re-hashes it): the records made before that stop working too. That
//     happens once per user and algorithm change, and fails closed; the
//     record of the check that upgraded it is made after the upgrade and
//     works.
//
// The stamp is a truncated SHA-256 of the hash string under a label of its
// own: it tells nothing about the password the hash does not, and the
// records table alone cannot be used to test password guesses any faster
// than the users table.
const passwordStampLabel = "myaccount/verification-record password stamp\x00"

// passwordStamp is the stamp of u's current password hash ("" when u has
// no password, which is a state of its own).
func passwordStamp(u *account.User) []byte {
	sum := sha256.Sum256([]byte(passwordStampLabel + u.PasswordHash))
	return sum[:16]
}

// stampRecord sets r's PasswordStamp from its user as stored now, read
// after whatever the caller wrote (a re-hash of the password just checked
// included).
func (s *core) stampRecord(ctx context.Context, r *verification.Record) error {
	if r.UserID == "" {
		return nil
	}
	u, err := s.user(ctx, r.UserID)
	if err != nil {
		return err
	}
	r.PasswordStamp = passwordStamp(u)
	return nil
}

// recordCurrent reports whether r was made under its user's current
// password. A user that no longer exists has no current records.
func (s *core) recordCurrent(ctx context.Context, r *verification.Record) (bool, error) {
	u, err := s.cfg.Store.GetUser(ctx, r.UserID)
	if errors.Is(err, account.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("load user of verification record: %w", err)
	}
	return bytes.Equal(r.PasswordStamp, passwordStamp(u)), nil
}
