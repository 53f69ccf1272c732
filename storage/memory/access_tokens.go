package memory

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/myaccount-go/myaccount/account"
)

// accessTokenKey is a personal access token's place: its user and name.
type accessTokenKey struct{ userID, name string }

// CreateAccessToken stores a copy of t; see account.Store.
func (s *Store) CreateAccessToken(_ context.Context, t *account.PersonalAccessToken) error {
	c := copyAccessToken(t)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.users[c.UserID]; !ok {
		return fmt.Errorf("memory: user %q: %w", c.UserID, account.ErrNotFound)
	}
	key := accessTokenKey{c.UserID, c.Name}
	if _, ok := s.accessTokens[key]; ok {
		return fmt.Errorf("memory: user %q has a token named %q: %w", c.UserID, c.Name, account.ErrConflict)
	}
	if _, ok := s.tokenHashes[string(c.Hash)]; ok {
		return fmt.Errorf("memory: a token has this hash: %w", account.ErrConflict)
	}
	s.accessTokens[key] = c
	s.tokenHashes[string(c.Hash)] = key
	return nil
}

// ListAccessTokens returns copies of the user's tokens, oldest first; see
// account.Store.
func (s *Store) ListAccessTokens(_ context.Context, userID string) ([]*account.PersonalAccessToken, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := []*account.PersonalAccessToken{}
	for key, t := range s.accessTokens {
		if key.userID == userID {
			out = append(out, copyAccessToken(t))
		}
	}
	slices.SortFunc(out, func(a, b *account.PersonalAccessToken) int {
		if c := a.CreatedAt.Compare(b.CreatedAt); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out, nil
}

// FindAccessToken returns a copy of the token with this hash; see
// account.Store.
func (s *Store) FindAccessToken(_ context.Context, hash []byte) (*account.PersonalAccessToken, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	key, ok := s.tokenHashes[string(hash)]
	if !ok {
		return nil, fmt.Errorf("memory: no token has this hash: %w", account.ErrNotFound)
	}
	return copyAccessToken(s.accessTokens[key]), nil
}

// RenameAccessToken renames the user's token; see account.Store.
func (s *Store) RenameAccessToken(_ context.Context, userID, name, newName string) (*account.PersonalAccessToken, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := accessTokenKey{userID, name}
	t, ok := s.accessTokens[key]
	if !ok {
		return nil, fmt.Errorf("memory: user %q has no token named %q: %w", userID, name, account.ErrNotFound)
	}
	if newName == name {
		return copyAccessToken(t), nil
	}
	newKey := accessTokenKey{userID, newName}
	if _, taken := s.accessTokens[newKey]; taken {
		return nil, fmt.Errorf("memory: user %q has a token named %q: %w", userID, newName, account.ErrConflict)
	}
	renamed := copyAccessToken(t)
	renamed.Name = newName
	delete(s.accessTokens, key)
	s.accessTokens[newKey] = renamed
	s.tokenHashes[string(renamed.Hash)] = newKey
	return copyAccessToken(renamed), nil
}

// DeleteAccessToken removes the user's token; see account.Store.
func (s *Store) DeleteAccessToken(_ context.Context, userID, name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	key := accessTokenKey{userID, name}
	t, ok := s.accessTokens[key]
	if !ok {
		return fmt.Errorf("memory: user %q has no token named %q: %w", userID, name, account.ErrNotFound)
	}
	delete(s.tokenHashes, string(t.Hash))
	delete(s.accessTokens, key)
	return nil
}

// dropAccessTokens removes every token of the user; the caller holds the
// lock.
func (s *Store) dropAccessTokens(userID string) {
	for key, t := range s.accessTokens {
		if key.userID == userID {
			delete(s.tokenHashes, string(t.Hash))
			delete(s.accessTokens, key)
		}
	}
}
