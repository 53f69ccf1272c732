package gormstore_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// explainUsers is how many users TestLookupsUseIndexes loads: enough rows
// (and, on Postgres, fresh statistics) that a planner would rather scan a
// table than use a missing index, and few enough to stay fast.
const explainUsers = 400

// TestLookupsUseIndexes proves that the four ways the use cases find a
// user (by id, by email key, by phone, by username key) are index lookups
// on both databases, so their cost does not grow with the number of users.
// It records the SQL the store itself sends (a GORM callback on the
// *gorm.DB the store was made with), runs EXPLAIN on it with the same
// arguments, logs the plan, and checks that the plan searches the users
// table by the expected index and scans no table. The join of the user's
// social identities is checked the same way.
func TestLookupsUseIndexes(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, database database) {
		ctx := t.Context()
		db := database.open(t, gormConfig())
		rec := &sqlRecorder{}
		// Queries (Find, Pluck) and raw reads (Raw(...).Rows()).
		if err := db.Callback().Query().After("gorm:query").Register("explain_test:record", rec.record); err != nil {
			t.Fatal(err)
		}
		if err := db.Callback().Row().After("gorm:row").Register("explain_test:record", rec.record); err != nil {
			t.Fatal(err)
		}
		prefix := randomPrefix(t)
		s := newStoreWithPrefix(t, db, prefix)
		users := seedExplainUsers(t, s, explainUsers)
		if database.name == "postgres" {
			for _, table := range []string{prefix + "users", prefix + "identities"} {
				if err := db.Exec(`ANALYZE "` + table + `"`).Error; err != nil {
					t.Fatal(err)
				}
			}
		}

		u := users[explainUsers/2]
		getUserSQL, getVersionSQL, updateUserSQL := gormstore.HotSQL(s)
		lookups := []struct {
			name  string
			find  func() (*account.User, error)
			index string // the users index the plan must name
			// sql, when set, is the query the lookup runs past GORM's
			// callbacks (the hot path), with the user's id as argument.
			sql string
		}{
			{"by id", func() (*account.User, error) { return s.GetUser(ctx, u.ID) }, primaryKeyIndex(database.name, prefix), getUserSQL},
			{"by email key", func() (*account.User, error) {
				// Mixed case in, found by the lower-case key: the
				// case-insensitive lookup.
				return s.FindUser(ctx, account.IdentifierEmail, account.EmailKey(strings.ToUpper(u.PrimaryEmail)))
			}, prefix + "users_email_key", ""},
			{"by phone", func() (*account.User, error) { return s.FindUser(ctx, account.IdentifierPhone, u.PrimaryPhone) }, prefix + "users_primary_phone", ""},
			{"by username key", func() (*account.User, error) {
				return s.FindUser(ctx, account.IdentifierUsername, u.UsernameKey)
			}, prefix + "users_username_key", ""},
		}
		// The hot write (UpdateUser's unlocked path) and the read of a
		// cached user's version (GetUser) find their row by primary key
		// too.
		updateArgs := make([]any, strings.Count(updateUserSQL, "?")+strings.Count(updateUserSQL, "$"))
		updateArgs[len(updateArgs)-2], updateArgs[len(updateArgs)-1] = u.ID, 0
		for _, hot := range []struct {
			name string
			q    recordedQuery
		}{
			{"update by id and version", recordedQuery{sql: updateUserSQL, vars: updateArgs}},
			{"version by id", recordedQuery{sql: getVersionSQL, vars: []any{u.ID}}},
		} {
			t.Run(hot.name, func(t *testing.T) {
				plan := explain(t, db, database.name, hot.q)
				t.Logf("%s\n%s", hot.q.sql, plan)
				if scan := tableScan(database.name, plan); scan != "" {
					t.Errorf("the plan scans a table: %s", scan)
				}
				if database.name == "postgres" && !strings.Contains(plan, primaryKeyIndex(database.name, prefix)) ||
					database.name == "sqlite" && !strings.Contains(plan, "SEARCH") {
					t.Errorf("the plan does not search by primary key")
				}
			})
		}
		for _, l := range lookups {
			t.Run(l.name, func(t *testing.T) {
				rec.reset()
				got, err := l.find()
				if err != nil || got.ID != u.ID {
					t.Fatalf("lookup = %+v, %v; want user %s", got, err, u.ID)
				}
				queries := rec.take()
				if l.sql != "" {
					if len(queries) != 0 {
						t.Fatalf("the lookup ran %q through GORM, want none", queries)
					}
					queries = []recordedQuery{{sql: l.sql, vars: []any{u.ID}}}
				}
				if len(queries) != 1 {
					t.Fatalf("the lookup ran %d queries, want 1: %q", len(queries), queries)
				}
				q := queries[0]
				plan := explain(t, db, database.name, q)
				t.Logf("%s\n%s", q.sql, plan)
				if !strings.Contains(plan, l.index) {
					t.Errorf("the plan does not use index %s", l.index)
				}
				if scan := tableScan(database.name, plan); scan != "" {
					t.Errorf("the plan scans a table: %s", scan)
				}
			})
		}
	})
}

// seedExplainUsers creates n users, each with every identifier and one
// social identity (so the identity join has rows to choose a plan for).
func seedExplainUsers(t *testing.T, s *gormstore.Store, n int) []*account.User {
	t.Helper()
	users := make([]*account.User, n)
	for i := range users {
		username := fmt.Sprintf("Explain_%04d", i)
		email := fmt.Sprintf("Explain.%04d@Example.com", i)
		u := &account.User{
			ID:           fmt.Sprintf("explain-user-%04d", i),
			Username:     username,
			UsernameKey:  account.DefaultUsernamePolicy().Key(username),
			PrimaryEmail: email,
			EmailKey:     account.EmailKey(email),
			PrimaryPhone: fmt.Sprintf("1555%07d", i),
			Identities:   map[string]account.SocialIdentity{"github": {UserID: fmt.Sprintf("gh-%04d", i)}},
		}
		if err := s.CreateUser(context.Background(), u); err != nil {
			t.Fatalf("CreateUser %d: %v", i, err)
		}
		users[i] = u
	}
	return users
}

// primaryKeyIndex is the name of the index behind the users primary key:
// SQLite makes one for a TEXT primary key, Postgres names it after the
// table.
func primaryKeyIndex(dialect, prefix string) string {
	if dialect == "sqlite" {
		return "sqlite_autoindex_" + prefix + "users_1"
	}
	return prefix + "users_pkey"
}

// sqlRecorder keeps the SQL and arguments of the queries GORM runs.
type sqlRecorder struct {
	mu      sync.Mutex
	queries []recordedQuery
}

type recordedQuery struct {
	sql  string
	vars []any
}

func (r *sqlRecorder) record(tx *gorm.DB) {
	if tx.Error != nil || tx.Statement == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.queries = append(r.queries, recordedQuery{sql: tx.Statement.SQL.String(), vars: append([]any(nil), tx.Statement.Vars...)})
}

func (r *sqlRecorder) reset() {
	r.mu.Lock()
	r.queries = nil
	r.mu.Unlock()
}

func (r *sqlRecorder) take() []recordedQuery {
	r.mu.Lock()
	defer r.mu.Unlock()
	q := r.queries
	r.queries = nil
	return q
}

// explain returns the plan of q, one line per plan node. It runs on the
// pool under GORM (the SQL already holds the dialect's placeholders).
func explain(t *testing.T, db *gorm.DB, dialect string, q recordedQuery) string {
	t.Helper()
	sqlDB, err := db.DB()
	if err != nil {
		t.Fatal(err)
	}
	stmt := "EXPLAIN " + q.sql
	if dialect == "sqlite" {
		stmt = "EXPLAIN QUERY PLAN " + q.sql
	}
	rows, err := sqlDB.QueryContext(t.Context(), stmt, q.vars...)
	if err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for rows.Next() {
		// SQLite: id, parent, notused, detail; Postgres: one text column.
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		line := vals[len(vals)-1]
		if b, ok := line.([]byte); ok {
			line = string(b)
		}
		lines = append(lines, fmt.Sprint(line))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(lines, "\n")
}

// tableScan returns the first plan line that reads a whole table, or "".
// SQLite says "SCAN <table>" (a search by index is "SEARCH ... USING
// INDEX"); Postgres says "Seq Scan on <table>".
func tableScan(dialect, plan string) string {
	for line := range strings.SplitSeq(plan, "\n") {
		l := strings.TrimSpace(line)
		if dialect == "sqlite" && strings.HasPrefix(l, "SCAN ") ||
			dialect == "postgres" && strings.Contains(l, "Seq Scan") {
			return l
		}
	}
	return ""
}
