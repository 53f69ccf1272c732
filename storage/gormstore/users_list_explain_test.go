package gormstore_test

import (
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount/account"
)

// TestSearchIndexes proves what ListUsers's doc comment says: an exact,
// case-sensitive match on the id or the primary phone is an index lookup on
// both databases, and a like or folding match is a scan of the users table.
// It explains the count, the first statement of a search.
func TestSearchIndexes(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, database database) {
		db := database.open(t, gormConfig())
		rec := &sqlRecorder{}
		if err := db.Callback().Query().After("gorm:query").Register("explain_test:record", rec.record); err != nil {
			t.Fatal(err)
		}
		prefix := randomPrefix(t)
		s := newStoreWithPrefix(t, db, prefix)
		users := seedExplainUsers(t, s, explainUsers)
		if database.name == "postgres" {
			if err := db.Exec(`ANALYZE "` + prefix + `users"`).Error; err != nil {
				t.Fatal(err)
			}
		}
		u := users[explainUsers/2]
		exact := func(f account.SearchField, v string) account.UserSearch {
			return account.UserSearch{CaseSensitive: true, Matches: []account.SearchMatch{{Field: f, Mode: account.SearchExact, Values: []string{v}}}}
		}
		for _, c := range []struct {
			name   string
			search account.UserSearch
			index  bool
		}{
			{"exact id", exact(account.SearchID, u.ID), true},
			{"exact phone", exact(account.SearchPhone, u.PrimaryPhone), true},
			{"exact username folding case", account.UserSearch{Matches: []account.SearchMatch{{Field: account.SearchUsername, Mode: account.SearchExact, Values: []string{u.Username}}}}, false},
			{"like", account.UserSearch{Matches: []account.SearchMatch{{Mode: account.SearchLike, Values: []string{"%0200%"}}}}, false},
		} {
			t.Run(c.name, func(t *testing.T) {
				rec.reset()
				if _, total, err := s.ListUsers(t.Context(), account.UserQuery{Search: c.search, Page: 1, PageSize: 10}); err != nil || total != 1 {
					t.Fatalf("ListUsers: total %d, %v; want 1", total, err)
				}
				queries := rec.take()
				if len(queries) == 0 || !strings.Contains(strings.ToLower(queries[0].sql), "count(") {
					t.Fatalf("the first query is not the count: %q", queries)
				}
				plan := explain(t, db, database.name, queries[0])
				t.Logf("%s\n%s", queries[0].sql, plan)
				if scan := tableScan(database.name, plan); c.index && scan != "" {
					t.Errorf("the plan scans a table: %s", scan)
				} else if !c.index && scan == "" {
					t.Errorf("the plan does not scan: the doc comment says it does")
				}
			})
		}
	})
}
