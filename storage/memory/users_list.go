package memory

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/myaccount-go/myaccount/account"
)

// ListUsers returns a page of copies of the users q selects; see
// account.Store. It scans every user, whatever the search (an
// administrator's search): like, similar_to and posix are the Go regular
// expressions of account.UserSearch.Regexp, and case folding is Go's
// (Unicode, where SQLite folds ASCII letters only).
func (s *Store) ListUsers(_ context.Context, q account.UserQuery) ([]*account.User, int, error) {
	if q.Page < 1 || q.PageSize < 1 {
		return nil, 0, fmt.Errorf("memory: ListUsers: page %d, page size %d: both must be at least 1", q.Page, q.PageSize)
	}
	match, err := q.Search.Matcher()
	if err != nil {
		return nil, 0, fmt.Errorf("memory: ListUsers: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var hits []*account.User
	for _, u := range s.users {
		if match(func(f account.SearchField) (string, bool) { return searchedValue(u, f) }) {
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

// searchedValue is the value of field f of u, and whether u has one: the
// empty username, email or phone is absent, as the SQL stores keep it NULL.
func searchedValue(u *account.User, f account.SearchField) (string, bool) {
	switch f {
	case account.SearchID:
		return u.ID, true
	case account.SearchUsername:
		return u.Username, u.Username != ""
	case account.SearchEmail:
		return u.PrimaryEmail, u.PrimaryEmail != ""
	case account.SearchPhone:
		return u.PrimaryPhone, u.PrimaryPhone != ""
	case account.SearchName:
		if u.Name == nil {
			return "", false
		}
		return *u.Name, true
	}
	return "", false
}

// newestFirst orders users by CreatedAt descending (the zero time, the
// oldest, last), then by ID.
func newestFirst(a, b *account.User) int {
	if c := b.CreatedAt.Compare(a.CreatedAt); c != 0 {
		return c
	}
	return strings.Compare(a.ID, b.ID)
}
