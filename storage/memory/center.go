package memory

import (
	"context"
	"fmt"

	"github.com/myaccount-go/myaccount/account"
)

// GetAccountCenter returns a copy of the settings; see account.Store.
func (s *Store) GetAccountCenter(context.Context) (*account.AccountCenter, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.center == nil {
		return nil, fmt.Errorf("memory: account center: %w", account.ErrNotFound)
	}
	return copyCenter(s.center), nil
}

// UpdateAccountCenter changes the settings under the store's lock; see
// account.Store.
func (s *Store) UpdateAccountCenter(_ context.Context, change func(c *account.AccountCenter) error) (*account.AccountCenter, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := &account.AccountCenter{}
	if s.center != nil {
		c = copyCenter(s.center)
	}
	if err := change(c); err != nil {
		return nil, err
	}
	s.center = copyCenter(c)
	return copyCenter(s.center), nil
}
