package storetest

import (
	"errors"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount/account"
)

// searchUsers are the users of the search tests, newest first: x1 … x11.
func searchUsers() []*account.User {
	users := []*account.User{
		listedUser("x1", "Grace_Hopper", "", "", "", time.Time{}),
		listedUser("x2", "", "ADA@Analytical.example", "", "", time.Time{}),
		listedUser("x3", "", "", "4479460123", "", time.Time{}),
		listedUser("x4", "", "", "", "Charles Babbage", time.Time{}),
		listedUser("x5", "", "", "", "100% sure", time.Time{}),
		listedUser("x6", "a_b", "", "", "", time.Time{}),
		listedUser("x7", "", "", "", `back\slash`, time.Time{}),
		listedUser("x8", "ayb", "", "", "100 percent", time.Time{}),
		listedUser("x9", "", "", "", "", time.Time{}),
		listedUser("x10", "", "", "", "", time.Time{}),
		listedUser("x11", "", "", "", "star*[q?]", time.Time{}),
	}
	users[8].Name = ptr("") // a name that is empty, not absent
	for i, u := range users {
		u.CreatedAt = base.Add(-time.Duration(i) * time.Second)
		u.UpdatedAt = u.CreatedAt
	}
	return users
}

// match is a SearchMatch in one line.
func match(field account.SearchField, mode account.SearchMode, values ...string) account.SearchMatch {
	return account.SearchMatch{Field: field, Mode: mode, Values: values}
}

func testSearchUsers(t *testing.T, newStore NewStoreFunc) {
	var (
		any_  = account.SearchAny
		like  = account.SearchLike
		exact = account.SearchExact
		sim   = account.SearchSimilarTo
		posix = account.SearchPosix
	)
	folding := func(ms ...account.SearchMatch) account.UserSearch { return account.UserSearch{Matches: ms} }
	sensitive := func(ms ...account.SearchMatch) account.UserSearch {
		return account.UserSearch{Matches: ms, CaseSensitive: true}
	}
	all := func(s account.UserSearch) account.UserSearch { s.All = true; return s }
	everyone := []string{"x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "x11"}

	cases := []struct {
		name   string
		search account.UserSearch
		want   []string
	}{
		{"no match keeps everyone", account.UserSearch{}, everyone},
		{"no match joined by and keeps everyone", account.UserSearch{All: true}, everyone},
		{"like without % matches the whole value, folding case", folding(match(any_, like, "grace_hopper")), []string{"x1"}},
		{"like without % is not a substring", folding(match(any_, like, "grace")), nil},
		{"like % at the start", folding(match(any_, like, "%HOPPER")), []string{"x1"}},
		{"like % on both sides", folding(match(any_, like, "%analytical%")), []string{"x2"}},
		{"like on the phone", folding(match(any_, like, "%60123")), []string{"x3"}},
		{"like on every field", folding(match(any_, like, "%a%")), []string{"x1", "x2", "x4", "x6", "x7", "x8", "x11"}},
		{"like % alone matches every user (the id)", folding(match(any_, like, "%")), everyone},
		{"like _ is any one character", folding(match(any_, like, "a_b")), []string{"x6", "x8"}},
		{`like \_ is a literal _`, folding(match(any_, like, `a\_b`)), []string{"x6"}},
		{`like \% is a literal %`, folding(match(any_, like, `%\%%`)), []string{"x5"}},
		{`like \\ is a literal \`, folding(match(any_, like, `%\\%`)), []string{"x7"}},
		{"like keeps * ? [ literal", folding(match(any_, like, "%*[q?]")), []string{"x11"}},
		{"case-sensitive like keeps * ? [ literal", sensitive(match(any_, like, "%?%")), []string{"x11"}},
		{"case-sensitive like does not fold", sensitive(match(any_, like, "%hopper")), nil},
		{"case-sensitive like as written", sensitive(match(any_, like, "%Hopper")), []string{"x1"}},
		{"case-sensitive like with _", sensitive(match(any_, like, "a_b")), []string{"x6", "x8"}},
		{"like on one field", folding(match(account.SearchName, like, "%a%")), []string{"x4", "x7", "x11"}},
		{"like % on a field keeps an empty name, not an absent one", folding(match(account.SearchName, like, "%")), []string{"x4", "x5", "x7", "x8", "x9", "x11"}},
		{"an empty email is absent", folding(match(account.SearchEmail, like, "%")), []string{"x2"}},
		{"like on the id", folding(match(account.SearchID, like, "x1%")), []string{"x1", "x10", "x11"}},
		{"exact folds case", folding(match(account.SearchUsername, exact, "grace_hopper")), []string{"x1"}},
		{"exact has no wildcard", folding(match(any_, exact, "grace%")), nil},
		{"case-sensitive exact does not fold", sensitive(match(account.SearchUsername, exact, "grace_hopper")), nil},
		{"case-sensitive exact as written", sensitive(match(account.SearchUsername, exact, "Grace_Hopper")), []string{"x1"}},
		{"exact with several values", folding(match(any_, exact, "ada@analytical.example", "4479460123", "nobody")), []string{"x2", "x3"}},
		{"exact on the id", sensitive(match(account.SearchID, exact, "x3")), []string{"x3"}},
		{"joint or", folding(match(account.SearchName, like, "100%"), match(account.SearchUsername, like, "%y%")), []string{"x5", "x8"}},
		{"joint and", all(folding(match(account.SearchName, like, "100%"), match(account.SearchUsername, like, "%y%"))), []string{"x8"}},
		{"joint or on different fields", folding(match(account.SearchUsername, exact, "a_b"), match(account.SearchPhone, like, "44%")), []string{"x3", "x6"}},
		{"joint and that nobody meets", all(folding(match(account.SearchUsername, exact, "a_b"), match(account.SearchPhone, like, "44%"))), nil},

		{"similar_to with alternatives", sensitive(match(any_, sim, "%(Hopper|Babbage)")), []string{"x1", "x4"}},
		{"similar_to _ is any one character", sensitive(match(any_, sim, "a_b")), []string{"x6", "x8"}},
		{"similar_to . is literal", sensitive(match(any_, sim, "a.b")), nil},
		{"similar_to matches the whole value", sensitive(match(any_, sim, "Grace")), nil},
		{"similar_to bracket and count", sensitive(match(any_, sim, "[0-9]{10}")), []string{"x3"}},
		{`similar_to \d is a digit, as on Postgres`, sensitive(match(any_, sim, `\d{10}`)), []string{"x3"}},
		{`similar_to \. is literal`, sensitive(match(account.SearchEmail, sim, `%\.example`)), []string{"x2"}},
		{"similar_to % and _ in a bracket are literal", sensitive(match(account.SearchName, sim, "100[%] sure")), []string{"x5"}},
		{`similar_to \% is literal`, sensitive(match(any_, sim, `100\% sure`)), []string{"x5"}},
		{"similar_to + and ?", sensitive(match(account.SearchUsername, sim, "a(y|_)+b?")), []string{"x6", "x8"}},
		{"posix matches anywhere", sensitive(match(any_, posix, "ba")), []string{"x4", "x7"}},
		{"posix anchors", sensitive(match(any_, posix, "^[0-9]+$")), []string{"x3"}},
		{"posix folding case", folding(match(any_, posix, "HOPPER$")), []string{"x1"}},
		{"case-sensitive posix does not fold", sensitive(match(any_, posix, "HOPPER$")), nil},
		{"posix joined with like by and", all(folding(match(any_, posix, "^[0-9]+$"), match(account.SearchPhone, like, "44%"))), []string{"x3"}},
		{"posix joined with exact by or", folding(match(account.SearchUsername, exact, "ayb"), match(account.SearchName, posix, "^star")), []string{"x8", "x11"}},
	}
	// One store answers every case: the cases only read.
	parallel(t, newStore, "modes", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, searchUsers()...)
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				wantPage(t, s, account.UserQuery{Search: c.search, Page: 1, PageSize: 20}, len(c.want), c.want...)
			})
		}
	})

	parallel(t, newStore, "a search pages like the list", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, searchUsers()...)
		for _, search := range []account.UserSearch{
			folding(match(any_, like, "%a%")),
			sensitive(match(any_, posix, "a")),
		} {
			wantPage(t, s, account.UserQuery{Search: search, Page: 1, PageSize: 2}, 7, "x1", "x2")
			wantPage(t, s, account.UserQuery{Search: search, Page: 3, PageSize: 2}, 7, "x7", "x8")
			wantPage(t, s, account.UserQuery{Search: search, Page: 4, PageSize: 2}, 7, "x11")
			wantPage(t, s, account.UserQuery{Search: search, Page: 5, PageSize: 2}, 7)
		}
	})

	invalid := []struct {
		name   string
		search account.UserSearch
	}{
		{"an unknown field", folding(match("password_hash", exact, "x"))},
		{"an unknown mode", folding(match(any_, "regex", "x"))},
		{"no value", folding(match(any_, exact))},
		{"an empty value", folding(match(any_, exact, "a", ""))},
		{"two values outside exact", folding(match(any_, like, "a", "b"))},
		{"similar_to folding case", folding(match(any_, sim, "a"))},
		{`like ending in \`, folding(match(any_, like, `a\`))},
		{"a value with NUL", folding(match(any_, like, "a\x00"))},
		{"a value that is not UTF-8", folding(match(any_, exact, "\xff"))},
		{"posix that does not compile", sensitive(match(any_, posix, "(a"))},
		{"posix with a backreference", sensitive(match(any_, posix, `(a)\1`))},
		{"similar_to with an unclosed bracket", sensitive(match(any_, sim, "[a"))},
		{`similar_to with an escape RE2 lacks`, sensitive(match(any_, sim, `\m`))},
		{"a later match that is invalid", folding(match(any_, like, "%"), match(any_, posix, "("))},
	}
	parallel(t, newStore, "invalid searches are ErrInvalidSearch", func(t *testing.T, s Store) {
		mustCreateUsers(t, s, searchUsers()...)
		for _, c := range invalid {
			t.Run(c.name, func(t *testing.T) {
				users, _, err := s.ListUsers(t.Context(), account.UserQuery{Search: c.search, Page: 1, PageSize: 20})
				if !errors.Is(err, account.ErrInvalidSearch) {
					t.Errorf("ListUsers %+v = %d users, %v; want account.ErrInvalidSearch", c.search, len(users), err)
				}
			})
		}
	})
}
