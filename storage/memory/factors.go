package memory

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
)

// BindFactor stores a copy of f and changes its user, both under the
// store's lock; see mfa.Store.
func (s *Store) BindFactor(_ context.Context, f *mfa.Factor, replacing string, change func(u *account.User) error) (*account.User, error) {
	nf, err := storedFactor(f)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.users[nf.UserID]; !ok {
		return nil, fmt.Errorf("memory: user %q: %w", nf.UserID, account.ErrNotFound)
	}
	var old *mfa.Factor
	if replacing != "" {
		if old, err = s.factor(nf.UserID, replacing); err != nil {
			return nil, fmt.Errorf("memory: user %q has no factor %q to replace: %w", nf.UserID, replacing, account.ErrConflict)
		}
	}
	// What the old factor holds (its id, type, credential id) is free for
	// the new one: they swap in one step.
	if err := s.factorConflict(nf, replacing); err != nil {
		return nil, err
	}
	oldUser, nu, err := s.changedUser(nf.UserID, change)
	if err != nil {
		return nil, err
	}
	// Nothing fails from here on: both writes happen, or neither did.
	s.putUser(oldUser, nu)
	order := s.userFactors[nf.UserID]
	if old != nil {
		s.dropFactor(old)
		order[slices.Index(order, replacing)] = nf.ID
	} else {
		s.userFactors[nf.UserID] = append(order, nf.ID)
	}
	s.putFactor(nf)
	return copyUser(nu), nil
}

// ListFactors returns copies of the user's factors in order; see mfa.Store.
func (s *Store) ListFactors(_ context.Context, userID string) ([]*mfa.Factor, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ids := s.userFactors[userID]
	out := make([]*mfa.Factor, len(ids))
	for i, id := range ids {
		out[i] = copyFactor(s.factors[id])
	}
	return out, nil
}

// GetFactor returns a copy of the user's factor; see mfa.Store.
func (s *Store) GetFactor(_ context.Context, userID, id string) (*mfa.Factor, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	f, err := s.factor(userID, id)
	if err != nil {
		return nil, err
	}
	return copyFactor(f), nil
}

// FindWebAuthnCredential returns a copy of the factor holding the
// credential id; see mfa.Store.
func (s *Store) FindWebAuthnCredential(_ context.Context, credentialID []byte) (*mfa.Factor, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	id, ok := s.credentials[string(credentialID)]
	if !ok {
		return nil, fmt.Errorf("memory: credential %x: %w", credentialID, account.ErrNotFound)
	}
	return copyFactor(s.factors[id]), nil
}

// RenameFactor names the user's WebAuthn factor; see mfa.Store.
func (s *Store) RenameFactor(_ context.Context, userID, id, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.typedFactor(userID, id, mfa.TypeWebAuthn)
	if err != nil {
		return err
	}
	f.WebAuthn.Name = name
	return nil
}

// DeleteFactor removes the user's factor; see mfa.Store.
func (s *Store) DeleteFactor(_ context.Context, userID, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.factor(userID, id)
	if err != nil {
		return err
	}
	s.dropFactor(f)
	order := slices.DeleteFunc(s.userFactors[userID], func(fid string) bool { return fid == id })
	if len(order) == 0 {
		delete(s.userFactors, userID)
	} else {
		s.userFactors[userID] = order
	}
	return nil
}

// UseBackupCode marks one unused backup code used; see mfa.Store.
func (s *Store) UseBackupCode(_ context.Context, userID, id string, index int, at time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.typedFactor(userID, id, mfa.TypeBackupCode)
	if err != nil {
		return err
	}
	if index < 0 || index >= len(f.BackupCodes) {
		return fmt.Errorf("memory: factor %q has no backup code %d: %w", id, index, account.ErrNotFound)
	}
	code := &f.BackupCodes[index]
	if !code.UsedAt.IsZero() {
		return fmt.Errorf("memory: backup code %d of factor %q was used: %w", index, id, account.ErrConflict)
	}
	code.UsedAt = storedTime(at)
	f.LastUsedAt = code.UsedAt
	return nil
}

// AdvanceTOTPStep moves the TOTP factor's last step forward; see mfa.Store.
func (s *Store) AdvanceTOTPStep(_ context.Context, userID, id string, step int64, at time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.typedFactor(userID, id, mfa.TypeTOTP)
	if err != nil {
		return err
	}
	if step <= f.TOTP.LastUsedStep {
		return fmt.Errorf("memory: factor %q step %d is not after %d: %w", id, step, f.TOTP.LastUsedStep, account.ErrConflict)
	}
	f.TOTP.LastUsedStep = step
	f.LastUsedAt = storedTime(at)
	return nil
}

// AdvanceSignCount records a WebAuthn sign-in whose counter moved forward;
// see mfa.Store.
func (s *Store) AdvanceSignCount(_ context.Context, userID, id string, signCount uint32, backupState bool, at time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, err := s.typedFactor(userID, id, mfa.TypeWebAuthn)
	if err != nil {
		return err
	}
	w := f.WebAuthn
	if signCount <= w.SignCount && (signCount != 0 || w.SignCount != 0) {
		return fmt.Errorf("memory: factor %q sign count %d is not after %d: %w", id, signCount, w.SignCount, account.ErrConflict)
	}
	w.SignCount, w.BackupState = signCount, backupState
	f.LastUsedAt = storedTime(at)
	return nil
}

// storedFactor copies a caller's factor for keeping. It refuses a factor
// without the data of its type: the store's conditional writes need it.
func storedFactor(f *mfa.Factor) (*mfa.Factor, error) {
	if (f.Type == mfa.TypeTOTP && f.TOTP == nil) || (f.Type == mfa.TypeWebAuthn && f.WebAuthn == nil) {
		return nil, fmt.Errorf("memory: factor %q of type %s lacks its %s data", f.ID, f.Type, f.Type)
	}
	return copyFactor(f), nil
}

// factor returns the user's stored factor itself; the caller holds the lock.
func (s *Store) factor(userID, id string) (*mfa.Factor, error) {
	f, ok := s.factors[id]
	if !ok || f.UserID != userID {
		return nil, fmt.Errorf("memory: user %q has no factor %q: %w", userID, id, account.ErrNotFound)
	}
	return f, nil
}

// typedFactor is factor, for a factor that must be of type t.
func (s *Store) typedFactor(userID, id string, t mfa.FactorType) (*mfa.Factor, error) {
	f, err := s.factor(userID, id)
	if err != nil {
		return nil, err
	}
	if f.Type != t {
		return nil, fmt.Errorf("memory: user %q has no %s factor %q: %w", userID, t, id, account.ErrNotFound)
	}
	return f, nil
}

// factorConflict reports whether adding f breaks a uniqueness rule, not
// counting the factor replacing (empty when none) that f takes the place of.
func (s *Store) factorConflict(f *mfa.Factor, replacing string) error {
	if _, ok := s.factors[f.ID]; ok && f.ID != replacing {
		return fmt.Errorf("memory: factor %q exists: %w", f.ID, account.ErrConflict)
	}
	if f.Type.Single() {
		for _, id := range s.userFactors[f.UserID] {
			if id != replacing && s.factors[id].Type == f.Type {
				return fmt.Errorf("memory: user %q already has a %s factor: %w", f.UserID, f.Type, account.ErrConflict)
			}
		}
	}
	if f.Type == mfa.TypeWebAuthn {
		if owner, ok := s.credentials[string(f.WebAuthn.CredentialID)]; ok && owner != replacing {
			return fmt.Errorf("memory: credential %x is taken: %w", f.WebAuthn.CredentialID, account.ErrConflict)
		}
	}
	return nil
}

// putFactor stores f and indexes its credential id. The caller keeps the
// user's order.
func (s *Store) putFactor(f *mfa.Factor) {
	s.factors[f.ID] = f
	if f.Type == mfa.TypeWebAuthn {
		s.credentials[string(f.WebAuthn.CredentialID)] = f.ID
	}
}

// dropFactor removes f and its credential id. The caller keeps the user's
// order.
func (s *Store) dropFactor(f *mfa.Factor) {
	delete(s.factors, f.ID)
	if f.Type == mfa.TypeWebAuthn {
		delete(s.credentials, string(f.WebAuthn.CredentialID))
	}
}
