package myaccount_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// adminNames is the username, else the email, else the phone of each user.
func adminNames(l *myaccount.UserList) string {
	var out []string
	for _, u := range l.Users {
		switch {
		case u.Username != "":
			out = append(out, u.Username)
		case u.PrimaryEmail != "":
			out = append(out, u.PrimaryEmail)
		default:
			out = append(out, u.PrimaryPhone)
		}
	}
	return strings.Join(out, ",")
}

// GET /api/users: the users a search selects, newest first, one page of
// them, and how many match in all.
func TestAdminSearchUsers(t *testing.T) {
	ctx := context.Background()
	e, _ := newAdminEnv(t)
	for i := range 5 {
		e.clock.Advance(time.Second)
		e.user(myaccount.CreateUserInput{Username: fmt.Sprintf("lst_%d", i), Name: fmt.Sprintf("Listed %d", i)})
	}
	e.clock.Advance(time.Second)
	e.user(myaccount.CreateUserInput{PrimaryEmail: "LST.mail@example.com"})
	e.clock.Advance(time.Second)
	e.user(myaccount.CreateUserInput{PrimaryPhone: "15557770001"})
	for i := range 20 {
		e.clock.Advance(time.Second)
		e.user(myaccount.CreateUserInput{Username: fmt.Sprintf("filler_%02d", i)})
	}
	search := func(t *testing.T, in myaccount.ListUsersInput) *myaccount.UserList {
		t.Helper()
		l, err := e.svc.Admin.SearchUsers(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}

	t.Run("pages of a search, newest first, with the total", func(t *testing.T) {
		for _, c := range []struct {
			page int
			want string
		}{{1, "lst_4,lst_3"}, {2, "lst_2,lst_1"}, {3, "lst_0"}, {9, ""}} {
			l := search(t, myaccount.ListUsersInput{Search: anyLike(`lst\_%`), Page: myaccount.Set(c.page), PageSize: myaccount.Set(2)})
			if got := adminNames(l); got != c.want || l.Total != 5 || l.Page != c.page || l.PageSize != 2 {
				t.Errorf("page %d: %q (total %d, page %d, size %d), want %q of 5", c.page, got, l.Total, l.Page, l.PageSize, c.want)
			}
		}
	})
	t.Run("a search matches the username, email, phone or name, ignoring case", func(t *testing.T) {
		for q, want := range map[string]string{
			"LST_2": "lst_2", "listed 1": "lst_1", "%lst.MAIL%": "LST.mail@example.com", "%5557770%": "15557770001",
			"lst.MAIL": "", "nothing-like-it": "",
		} {
			if got := adminNames(search(t, myaccount.ListUsersInput{Search: anyLike(q)})); got != want {
				t.Errorf("search %q: %q, want %q", q, got, want)
			}
		}
	})
	t.Run("without a search, every user, 20 a page by default", func(t *testing.T) {
		l := search(t, myaccount.ListUsersInput{})
		if l.Total != 27 || len(l.Users) != myaccount.DefaultPageSize || l.Page != 1 || l.PageSize != myaccount.DefaultPageSize {
			t.Fatalf("default page: %d users of %d, page %d size %d", len(l.Users), l.Total, l.Page, l.PageSize)
		}
		if l.Users[0].Username != "filler_19" {
			t.Fatalf("newest first: %s", adminNames(l))
		}
		if l := search(t, myaccount.ListUsersInput{PageSize: myaccount.Set(myaccount.MaxPageSize)}); len(l.Users) != 27 {
			t.Fatalf("the largest page: %d users", len(l.Users))
		}
		if l := search(t, myaccount.ListUsersInput{Page: myaccount.Set(2)}); len(l.Users) != 7 || l.Users[6].Username != "lst_0" {
			t.Fatalf("page 2: %s", adminNames(l))
		}
	})
	t.Run("a page or a size out of bounds is 400 guard.invalid_pagination", func(t *testing.T) {
		for name, in := range map[string]myaccount.ListUsersInput{
			"page 0":            {Page: myaccount.Set(0)},
			"page -1":           {Page: myaccount.Set(-1)},
			"size 0":            {PageSize: myaccount.Set(0)},
			"size 101":          {PageSize: myaccount.Set(myaccount.MaxPageSize + 1)},
			"a null page":       {Page: myaccount.Null[int]()},
			"before the search": {Page: myaccount.Set(0), Search: anyLike("a\x00")},
		} {
			_, err := e.svc.Admin.SearchUsers(ctx, in)
			wantCode(t, name, err, 400, account.CodeGuardInvalidPagination)
		}
	})
	t.Run("a search that is not text is 400 request.invalid_input", func(t *testing.T) {
		for _, q := range []string{"a\x00", "\xff"} {
			_, err := e.svc.Admin.SearchUsers(ctx, myaccount.ListUsersInput{Search: anyLike(q)})
			wantCode(t, fmt.Sprintf("%q", q), err, 400, account.CodeRequestInvalidInput)
		}
	})
	t.Run("an invalid search is 400 request.invalid_input saying why", func(t *testing.T) {
		for name, s := range map[string]account.UserSearch{
			"an unknown field":         {Matches: []account.SearchMatch{{Field: "password", Mode: account.SearchExact, Values: []string{"x"}}}},
			"an empty value":           {Matches: []account.SearchMatch{{Mode: account.SearchLike, Values: []string{""}}}},
			"similar_to folding case":  {Matches: []account.SearchMatch{{Mode: account.SearchSimilarTo, Values: []string{"a"}}}},
			"a posix that is not RE2":  {Matches: []account.SearchMatch{{Mode: account.SearchPosix, Values: []string{`(a)\1`}}}, CaseSensitive: true},
			"two values outside exact": {Matches: []account.SearchMatch{{Mode: account.SearchLike, Values: []string{"a", "b"}}}},
		} {
			_, err := e.svc.Admin.SearchUsers(ctx, myaccount.ListUsersInput{Search: s})
			wantCode(t, name, err, 400, account.CodeRequestInvalidInput)
			if !errors.Is(err, myaccount.ErrInvalidSearch) {
				t.Errorf("%s: %v is not ErrInvalidSearch", name, err)
			}
			var apiErr *account.Error
			if errors.As(err, &apiErr) {
				if d, _ := apiErr.Data.(map[string]any)["details"].(string); !strings.HasPrefix(d, "Invalid search: ") {
					t.Errorf("%s: details %q", name, d)
				}
			}
		}
	})
	t.Run("exact, joint and case as Logto has them", func(t *testing.T) {
		exact := func(field account.SearchField, values ...string) account.SearchMatch {
			return account.SearchMatch{Field: field, Mode: account.SearchExact, Values: values}
		}
		for name, c := range map[string]struct {
			search account.UserSearch
			want   string
		}{
			"exact, any of its values": {account.UserSearch{Matches: []account.SearchMatch{exact(account.SearchUsername, "LST_1", "lst_3")}}, "lst_3,lst_1"},
			"exact, case-sensitive":    {account.UserSearch{Matches: []account.SearchMatch{exact(account.SearchUsername, "LST_1", "lst_3")}, CaseSensitive: true}, "lst_3"},
			"joint and": {account.UserSearch{All: true, Matches: []account.SearchMatch{
				exact(account.SearchUsername, "lst_1", "lst_2"), exact(account.SearchName, "listed 2")}}, "lst_2"},
			"joint or": {account.UserSearch{Matches: []account.SearchMatch{
				exact(account.SearchUsername, "lst_1"), exact(account.SearchName, "listed 2")}}, "lst_2,lst_1"},
		} {
			if got := adminNames(search(t, myaccount.ListUsersInput{Search: c.search})); got != c.want {
				t.Errorf("%s: %q, want %q", name, got, c.want)
			}
		}
	})
}

// anyLike is Logto's search=value: like on every field, folding case.
func anyLike(value string) account.UserSearch {
	return account.UserSearch{Matches: []account.SearchMatch{{Mode: account.SearchLike, Values: []string{value}}}}
}
