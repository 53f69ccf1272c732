package myaccount

import (
	"context"
	"fmt"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/verification"
)

// PasswordInput is the body of POST /api/verifications/password and POST
// /api/my-account/password.
type PasswordInput struct {
	Password string `json:"password"`
}

// VerifyPassword answers POST /api/verifications/password: it
// checks the caller's password under the lockout and, when it is right,
// makes a verified password record that proves the caller's identity for
// ten minutes.
func (s *Account) VerifyPassword(ctx context.Context, c Caller, in PasswordInput) (*VerificationResult, error) {
	password := in.Password
	_, u, err := s.gate(ctx, c)
	if err != nil {
		return nil, err
	}
	if err := refuseImpersonated(c); err != nil {
		return nil, err
	}
	if password == "" {
		return nil, ErrInvalidInput
	}
	if err := requireFirstParty(c); err != nil {
		return nil, err
	}
	// The caller is signed in: the failures count on them (the
	// target is the user id), with no client limit.
	g := guarded{action: actionPassword, account: userPool(poolCredential, u.ID), userID: u.ID}
	if err := s.check(ctx, g); err != nil {
		return nil, err
	}
	ok, err := s.checkPassword(ctx, u, password)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, s.fail(ctx, g, ErrInvalidCredential)
	}
	// A suspended caller never gets here: Gate refuses them first.
	return s.createRecord(ctx, &verification.Record{
		Type:     verification.TypePassword,
		UserID:   u.ID,
		Verified: true,
	})
}

// checkPassword checks password against the user's hash, spending the same
// time when the user has none. A right password under an old hash is
// re-hashed with the current one (a failure to store it is only logged).
func (s *core) checkPassword(ctx context.Context, u *account.User, password string) (bool, error) {
	if !u.HasPassword() {
		if err := account.VerifyDecoy(ctx, s.cfg.Hasher, password); err != nil {
			return false, fmt.Errorf("verify password: %w", err)
		}
		return false, nil
	}
	if account.IsImportedDigest(u.PasswordHash) {
		return s.checkImported(ctx, u, password)
	}
	ok, rehash, err := s.cfg.Hasher.Verify(ctx, password, u.PasswordHash)
	if err != nil {
		return false, fmt.Errorf("verify password: %w", err)
	}
	if ok && rehash {
		s.rehash(ctx, u, password)
	}
	return ok, nil
}

// checkImported checks password against a weak imported digest (MD5, SHA1,
// SHA256, Legacy). Such a check takes microseconds, so a wrong password also
// spends a decoy verify: the answer's timing must not tell which users still
// have an imported digest. A right one is re-hashed at once.
func (s *core) checkImported(ctx context.Context, u *account.User, password string) (bool, error) {
	ok, err := account.VerifyImported(u.PasswordHash, password)
	if err != nil {
		return false, fmt.Errorf("verify password: %w", err)
	}
	if !ok {
		if err := account.VerifyDecoy(ctx, s.cfg.Hasher, password); err != nil {
			return false, fmt.Errorf("verify password: %w", err)
		}
		return false, nil
	}
	s.rehash(ctx, u, password)
	return true, nil
}

// rehash stores a new hash of password, unless the password changed
// meanwhile.
func (s *core) rehash(ctx context.Context, u *account.User, password string) {
	hash, err := s.cfg.Hasher.Hash(ctx, password)
	if err == nil {
		old := u.PasswordHash
		_, err = s.cfg.Store.UpdateUser(ctx, u.ID, func(cur *account.User) error {
			if cur.PasswordHash == old {
				cur.PasswordHash = hash
			}
			return nil
		})
	}
	if err != nil {
		s.cfg.Logger.WarnContext(ctx, "myaccount: upgrading a password hash failed", "user", u.ID, "error", err)
	}
}

// createRecord fills in the times of r (and its id, unless set) and the
// stamp of its user's password, stores it, and answers with its id and
// expiry.
func (s *core) createRecord(ctx context.Context, r *verification.Record) (*VerificationResult, error) {
	if err := s.stampRecord(ctx, r); err != nil {
		return nil, err
	}
	now := s.now()
	if r.ID == "" {
		r.ID = s.cfg.NewID()
	}
	r.CreatedAt = now
	r.ExpiresAt = now.Add(verification.TTL)
	if err := s.cfg.Store.CreateRecord(ctx, r); err != nil {
		return nil, fmt.Errorf("create verification record: %w", err)
	}
	return &VerificationResult{VerificationRecordID: r.ID, ExpiresAt: r.ExpiresAt}, nil
}
