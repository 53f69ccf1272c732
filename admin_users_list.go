package myaccount

import (
	"context"
	"fmt"

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
	// Search keeps users whose username, primary email, primary phone or
	// name contains it, ignoring case; empty keeps everyone.
	Search   string
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
// first, one page of them. A page past the end is empty.
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
	if !validText(in.Search) {
		return nil, ErrInvalidInput
	}
	users, total, err := s.cfg.Store.ListUsers(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	out := &UserList{Users: make([]*UserView, len(users)), Total: total, Page: q.Page, PageSize: q.PageSize}
	for i, u := range users {
		out.Users[i] = userView(u)
	}
	return out, nil
}
