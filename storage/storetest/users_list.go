package storetest

import (
	"math"
	"slices"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount/account"
)

// listedUser returns a user with only the fields ListUsers searches and
// orders by.
func listedUser(id, username, email, phone, name string, created time.Time) *account.User {
	u := &account.User{
		ID: id, Username: username, UsernameKey: account.UsernameKey(username, false),
		PrimaryEmail: email, EmailKey: account.EmailKey(email), PrimaryPhone: phone,
		CreatedAt: created, UpdatedAt: created,
	}
	if name != "" {
		u.Name = ptr(name)
	}
	return u
}

// listIDs lists one page and returns the ids on it and the total, failing
// t on an error.
func listIDs(t *testing.T, s Store, q account.UserQuery) ([]string, int) {
	t.Helper()
	users, total, err := s.ListUsers(t.Context(), q)
	ok(t, "ListUsers", err)
	if users == nil {
		t.Fatalf("ListUsers %+v: nil users and nil error", q)
	}
	ids := make([]string, len(users))
	for i, u := range users {
		ids[i] = u.ID
	}
	return ids, total
}

// wantPage fails t unless the query gives exactly these ids, in order, and
// this total.
func wantPage(t *testing.T, s Store, q account.UserQuery, wantTotal int, want ...string) {
	t.Helper()
	ids, total := listIDs(t, s, q)
	if !slices.Equal(ids, want) || total != wantTotal {
		t.Errorf("ListUsers %+v = %q, total %d; want %q, total %d", q, ids, total, want, wantTotal)
	}
}

func testListUsers(t *testing.T, newStore NewStoreFunc) {
	parallel(t, newStore, "no users", func(t *testing.T, s Store) {
		wantPage(t, s, account.UserQuery{Page: 1, PageSize: 20}, 0)
		wantPage(t, s, account.UserQuery{Search: anyLike("%ada%"), Page: 1, PageSize: 20}, 0)
	})

	parallel(t, newStore, "newest first, then by id, zero time last", func(t *testing.T, s Store) {
		mustCreateUsers(t, s,
			listedUser("b", "", "", "", "", base),
			listedUser("old", "", "", "", "", base.Add(-time.Hour).In(zoneWest)),
			listedUser("zero", "", "", "", "", time.Time{}),
			listedUser("a", "", "", "", "", base.In(zoneIndia)),
			listedUser("new", "", "", "", "", base.Add(time.Microsecond).In(time.UTC)),
			listedUser("ancient", "", "", "", "", time.Date(1969, 7, 20, 20, 17, 0, 0, time.UTC)),
		)
		wantPage(t, s, account.UserQuery{Page: 1, PageSize: 10}, 6, "new", "a", "b", "old", "ancient", "zero")
	})

	parallel(t, newStore, "pages and total", func(t *testing.T, s Store) {
		for i := range 5 {
			mustCreateUsers(t, s, listedUser(string(rune('a'+i)), "", "", "", "", base.Add(time.Duration(i)*time.Second)))
		}
		wantPage(t, s, account.UserQuery{Page: 1, PageSize: 2}, 5, "e", "d")
		wantPage(t, s, account.UserQuery{Page: 2, PageSize: 2}, 5, "c", "b")
		wantPage(t, s, account.UserQuery{Page: 3, PageSize: 2}, 5, "a")
		wantPage(t, s, account.UserQuery{Page: 4, PageSize: 2}, 5)
		wantPage(t, s, account.UserQuery{Page: 1, PageSize: 5}, 5, "e", "d", "c", "b", "a")
		wantPage(t, s, account.UserQuery{Page: 1, PageSize: 100}, 5, "e", "d", "c", "b", "a")
		wantPage(t, s, account.UserQuery{Page: math.MaxInt, PageSize: 100}, 5)
		wantPage(t, s, account.UserQuery{Page: 3, PageSize: math.MaxInt}, 5)
	})

	parallel(t, newStore, "search pages and total", func(t *testing.T, s Store) {
		for i := range 4 {
			mustCreateUsers(t, s, listedUser(string(rune('a'+i)), "", "", "", "match", base.Add(time.Duration(i)*time.Second)))
		}
		mustCreateUsers(t, s, listedUser("other", "", "", "", "", base.Add(time.Hour)))
		wantPage(t, s, account.UserQuery{Search: anyLike("MATCH"), Page: 1, PageSize: 3}, 4, "d", "c", "b")
		wantPage(t, s, account.UserQuery{Search: anyLike("MATCH"), Page: 2, PageSize: 3}, 4, "a")
	})

	parallel(t, newStore, "listed users are whole copies", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, fullUser(1), fullUser(2))
		users, total, err := s.ListUsers(t.Context(), account.UserQuery{Page: 1, PageSize: 10})
		ok(t, "ListUsers", err)
		if len(users) != 2 || total != 2 {
			t.Fatalf("ListUsers: %d users, total %d; want 2, 2", len(users), total)
		}
		byID := map[string]*account.User{users[0].ID: users[0], users[1].ID: users[1]}
		wantSame(t, "listed user-1", fullUser(1), byID["user-1"])
		wantSame(t, "listed user-2", fullUser(2), byID["user-2"])
		scribbleUser(users[0])
		wantSame(t, "GetUser after changing a listed value", fullUser(1), mustGetUser(t, s, "user-1"))
		wantSame(t, "GetUser after changing a listed value", fullUser(2), mustGetUser(t, s, "user-2"))
	})

	parallel(t, newStore, "a page below 1 is an error", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, plainUser(1))
		for _, q := range []account.UserQuery{{Page: 0, PageSize: 10}, {Page: 1, PageSize: 0}, {Page: -1, PageSize: 10}, {Page: 1, PageSize: -5}} {
			if users, _, err := s.ListUsers(t.Context(), q); err == nil {
				t.Errorf("ListUsers %+v = %d users, want an error", q, len(users))
			}
		}
	})
}

// anyLike is Logto's search=value: like on every field, folding case.
func anyLike(value string) account.UserSearch {
	return account.UserSearch{Matches: []account.SearchMatch{{Mode: account.SearchLike, Values: []string{value}}}}
}
