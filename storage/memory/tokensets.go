package memory

import (
	"context"
	"fmt"

	"github.com/myaccount-go/myaccount/account"
)

// PutTokenSet stores a copy of ts, replacing the user's set for its target;
// see account.Store. Like the SQL stores, it does not check that the user
// exists.
func (s *Store) PutTokenSet(_ context.Context, ts *account.TokenSet) error {
	c := copyTokenSet(ts)
	s.mu.Lock()
	defer s.mu.Unlock()
	sets := s.tokenSets[c.UserID]
	if sets == nil {
		sets = map[string]*account.TokenSet{}
		s.tokenSets[c.UserID] = sets
	}
	sets[c.Target] = c
	return nil
}

// GetTokenSet returns a copy of the user's token set for target; see
// account.Store.
func (s *Store) GetTokenSet(_ context.Context, userID, target string) (*account.TokenSet, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ts, ok := s.tokenSets[userID][target]
	if !ok {
		return nil, fmt.Errorf("memory: token set of user %q for %s: %w", userID, target, account.ErrNotFound)
	}
	return copyTokenSet(ts), nil
}

// DeleteTokenSet removes the user's token set for target; see account.Store.
func (s *Store) DeleteTokenSet(_ context.Context, userID, target string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	sets := s.tokenSets[userID]
	if _, ok := sets[target]; !ok {
		return fmt.Errorf("memory: token set of user %q for %s: %w", userID, target, account.ErrNotFound)
	}
	delete(sets, target)
	if len(sets) == 0 {
		delete(s.tokenSets, userID)
	}
	return nil
}
