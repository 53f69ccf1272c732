package memory

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/myaccount-go/myaccount/account"
)

// ListUsers returns a page of copies of the users q selects; see
// account.Store. It scans every user: an administrator's search.
func (s *Store) ListUsers(_ context.Context, q account.UserQuery) ([]*account.User, int, error) {
	if q.Page < 1 || q.PageSize < 1 {
		return nil, 0, fmt.Errorf("memory: ListUsers: page %d, page size %d: both must be at least 1", q.Page, q.PageSize)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var hits []*account.User
	for _, u := range s.users {
		if matchesSearch(u, q.Search) {
			hits = append(hits, u)
		}
	}
	slices.SortFunc(hits, newestFirst)
	page := []*account.User{}
	if offset, ok := q.Offset(); ok && offset < len(hits) {
		for _, u := range hits[offset:min(len(hits), offset+q.PageSize)] {
			page = append(page, copyUser(u))
		}
	}
	return page, len(hits), nil
}

// matchesSearch reports whether the username, primary email, primary phone
// or name of u contains search, ignoring case.
func matchesSearch(u *account.User, search string) bool {
	if search == "" {
		return true
	}
	search = strings.ToLower(search)
	name := ""
	if u.Name != nil {
		name = *u.Name
	}
	for _, field := range []string{u.Username, u.PrimaryEmail, u.PrimaryPhone, name} {
		if strings.Contains(strings.ToLower(field), search) {
			return true
		}
	}
	return false
}

// newestFirst orders users by CreatedAt descending (the zero time, the
// oldest, last), then by ID.
func newestFirst(a, b *account.User) int {
	if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}
