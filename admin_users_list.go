package myaccount

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/myaccount-go/myaccount/account"
)

// The page sizes of GET /api/users (Logto's koaPagination).
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// ListUsersInput is the query of GET /api/users. Absent Page and PageSize
// take 1 and DefaultPageSize; present ones must be at least 1, and PageSize
// at most MaxPageSize (400 guard.invalid_pagination).
type ListUsersInput struct {
	// Search selects the users as Logto's search does (see
	// account.UserSearch; httpadapter parses it from search=, search.<field>=,
	// mode=, mode.<field>=, joint= and isCaseSensitive=). Its zero value
	// keeps everyone.
	Search   account.UserSearch
	Page     Optional[int]
	PageSize Optional[int]
}

// UserList is one page of users and how many match in all (the
// Total-Number header over HTTP).
type UserList struct {
	Users    []*UserView
	Total    int
	Page     int
	PageSize int
}

// SearchUsers answers GET /api/users: the users the search selects, newest
// first, one page of them. A page past the end is empty. A search that
// account.UserSearch.Validate refuses, or whose pattern the store's
// database refuses, is 400 request.invalid_input (ErrInvalidSearch), with
// what is wrong in its details, as Logto answers a TypeError of its search.
func (s *Admin) SearchUsers(ctx context.Context, in ListUsersInput) (*UserList, error) {
	q := account.UserQuery{Search: in.Search, Page: 1, PageSize: DefaultPageSize}
	if in.Page.Present() {
		q.Page = in.Page.Get()
	}
	if in.PageSize.Present() {
		q.PageSize = in.PageSize.Get()
	}
	if q.Page < 1 || q.PageSize < 1 || q.PageSize > MaxPageSize {
		return nil, ErrInvalidPagination
	}
	if err := in.Search.Validate(); err != nil {
		return nil, invalidSearch(err, false)
	}
	users, total, err := s.cfg.Store.ListUsers(ctx, q)
	if errors.Is(err, account.ErrInvalidSearch) {
		// A pattern the database refuses though RE2 takes it (Postgres ~).
		return nil, invalidSearch(err, true)
	}
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	out := &UserList{Users: make([]*UserView, len(users)), Total: total, Page: q.Page, PageSize: q.PageSize}
	for i, u := range users {
		out.Users[i] = userView(u)
	}
	return out, nil
}

// invalidSearch is ErrInvalidSearch saying what is wrong with the search:
// Validate's reason, or that the database refuses a pattern (its own message
// stays in the cause, not shown to the client).
func invalidSearch(err error, fromStore bool) error {
	details := "the database refuses the pattern"
	if !fromStore {
		details = strings.TrimPrefix(err.Error(), account.ErrInvalidSearch.Error()+": ")
	}
	return ErrInvalidSearch.WithData(map[string]any{"details": "Invalid search: " + details + "."}).WithCause(err)
}
