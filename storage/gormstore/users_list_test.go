package gormstore_test

import (
	"context"
	"errors"
	"testing"

	"github.com/myaccount-go/myaccount/account"
)

// A regular expression RE2 takes and Postgres does not (\pL, (?P<n>…)) is
// account.ErrInvalidSearch there, not an internal error; SQLite evaluates it
// in Go and answers.
func TestSearchPatternPostgresRefuses(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, db database) {
		s := newStore(t, db.open(t, gormConfig()))
		ctx := context.Background()
		if err := s.CreateUser(ctx, &account.User{ID: "u1", Username: "ada", UsernameKey: "ada"}); err != nil {
			t.Fatal(err)
		}
		for _, pattern := range []string{`^\pL+$`, `(?P<n>ada)`} {
			q := account.UserQuery{Page: 1, PageSize: 10, Search: account.UserSearch{
				CaseSensitive: true,
				Matches:       []account.SearchMatch{{Field: account.SearchUsername, Mode: account.SearchPosix, Values: []string{pattern}}},
			}}
			users, total, err := s.ListUsers(ctx, q)
			switch db.name {
			case "postgres":
				if !errors.Is(err, account.ErrInvalidSearch) {
					t.Errorf("%s: %d users, %v; want account.ErrInvalidSearch", pattern, len(users), err)
				}
			default:
				if err != nil || total != 1 {
					t.Errorf("%s: %d users, %v; want the one", pattern, total, err)
				}
			}
		}
	})
}
