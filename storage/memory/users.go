package memory

import (
	"context"
	"fmt"

	"github.com/myaccount-go/myaccount/account"
)

// CreateUser inserts a copy of u; see account.Store.
func (s *Store) CreateUser(_ context.Context, u *account.User) error {
	nu, err := storedUser(u)
	if err != nil {
		return fmt.Errorf("memory: user %q: %w", u.ID, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.users[nu.ID]; ok {
		return fmt.Errorf("memory: user %q exists: %w", nu.ID, account.ErrConflict)
	}
	if err := s.userConflict(nu); err != nil {
		return err
	}
	s.users[nu.ID] = nu
	s.indexUser(nu)
	return nil
}

// GetUser returns a copy of the user; see account.Store.
func (s *Store) GetUser(_ context.Context, id string) (*account.User, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	u, ok := s.users[id]
	if !ok {
		return nil, fmt.Errorf("memory: user %q: %w", id, account.ErrNotFound)
	}
	return copyUser(u), nil
}

// FindUser returns a copy of the user holding an identifier key; see
// account.Store.
func (s *Store) FindUser(_ context.Context, kind account.IdentifierKind, key string) (*account.User, error) {
	var index map[string]string
	switch kind {
	case account.IdentifierUsername:
		index = s.usernames
	case account.IdentifierEmail:
		index = s.emails
	case account.IdentifierPhone:
		index = s.phones
	default:
		return nil, fmt.Errorf("memory: FindUser by %q: not a username, email or phone", kind)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	// Empty keys are never indexed: an empty identifier is not set.
	id, ok := index[key]
	if !ok {
		return nil, fmt.Errorf("memory: user with %s %q: %w", kind, key, account.ErrNotFound)
	}
	return copyUser(s.users[id]), nil
}

// FindUserBySocialIdentity returns a copy of the user holding the social
// identity; see account.Store.
func (s *Store) FindUserBySocialIdentity(_ context.Context, target, socialUserID string) (*account.User, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	id, ok := s.socials[socialKey{target, socialUserID}]
	if !ok {
		return nil, fmt.Errorf("memory: user with %s identity %q: %w", target, socialUserID, account.ErrNotFound)
	}
	return copyUser(s.users[id]), nil
}

// UpdateUser changes the user under the store's lock; see account.Store.
func (s *Store) UpdateUser(_ context.Context, id string, change func(u *account.User) error) (*account.User, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old, nu, err := s.changedUser(id, change)
	if err != nil {
		return nil, err
	}
	s.putUser(old, nu)
	return copyUser(nu), nil
}

// changedUser calls change on a copy of the user and returns the stored
// user and the one to store in its place, checked, without writing
// anything; the caller holds the lock. A nil change leaves the user as it
// is.
func (s *Store) changedUser(id string, change func(u *account.User) error) (old, nu *account.User, err error) {
	old, ok := s.users[id]
	if !ok {
		return nil, nil, fmt.Errorf("memory: user %q: %w", id, account.ErrNotFound)
	}
	if change == nil {
		return old, old, nil
	}
	u := copyUser(old)
	if err := change(u); err != nil {
		return nil, nil, err
	}
	if u.ID != id {
		return nil, nil, fmt.Errorf("memory: UpdateUser %q: change set the id to %q", id, u.ID)
	}
	if nu, err = storedUser(u); err != nil {
		return nil, nil, fmt.Errorf("memory: user %q: %w", id, err)
	}
	if err := s.userConflict(nu); err != nil {
		return nil, nil, err
	}
	return old, nu, nil
}

// putUser stores nu in the place of old, which changedUser returned.
func (s *Store) putUser(old, nu *account.User) {
	s.unindexUser(old)
	s.users[nu.ID] = nu
	s.indexUser(nu)
}

// DeleteUser removes the user with their factors, records, token sets and
// personal access tokens; see account.Store.
func (s *Store) DeleteUser(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.users[id]
	if !ok {
		return fmt.Errorf("memory: user %q: %w", id, account.ErrNotFound)
	}
	s.unindexUser(u)
	delete(s.users, id)
	for _, fid := range s.userFactors[id] {
		s.dropFactor(s.factors[fid])
	}
	delete(s.userFactors, id)
	delete(s.tokenSets, id)
	s.dropAccessTokens(id)
	s.dropSSOIdentities(id)
	// Records have no index by user: they are few and short-lived, and
	// deleting a user is rare.
	for rid, r := range s.records {
		if r.UserID == id {
			delete(s.records, rid)
		}
	}
	return nil
}

// userConflict reports the first identifier of u that another user holds.
func (s *Store) userConflict(u *account.User) error {
	held := func(index map[string]string, key string) bool {
		owner, ok := index[key]
		return ok && owner != u.ID
	}
	switch {
	case held(s.usernames, u.UsernameKey):
		return &account.ConflictError{Identifier: account.IdentifierUsername}
	case held(s.emails, u.EmailKey):
		return &account.ConflictError{Identifier: account.IdentifierEmail}
	case held(s.phones, u.PrimaryPhone):
		return &account.ConflictError{Identifier: account.IdentifierPhone}
	}
	for target, identity := range u.Identities {
		if owner, ok := s.socials[socialKey{target, identity.UserID}]; ok && owner != u.ID {
			return &account.ConflictError{Identifier: account.IdentifierSocial}
		}
	}
	return nil
}

// indexUser points u's identifiers at u.
func (s *Store) indexUser(u *account.User) {
	setKey(s.usernames, u.UsernameKey, u.ID)
	setKey(s.emails, u.EmailKey, u.ID)
	setKey(s.phones, u.PrimaryPhone, u.ID)
	for target, identity := range u.Identities {
		s.socials[socialKey{target, identity.UserID}] = u.ID
	}
}

// setKey indexes a non-empty key: an empty identifier is not set, so any
// number of users may have it.
func setKey(index map[string]string, key, id string) {
	if key != "" {
		index[key] = id
	}
}

// unindexUser frees u's identifiers. Uniqueness makes each of them u's alone.
func (s *Store) unindexUser(u *account.User) {
	delete(s.usernames, u.UsernameKey)
	delete(s.emails, u.EmailKey)
	delete(s.phones, u.PrimaryPhone)
	for target, identity := range u.Identities {
		delete(s.socials, socialKey{target, identity.UserID})
	}
}
