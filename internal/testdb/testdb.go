// Package testdb opens the databases the tests run on: a fresh SQLite file
// per test, and the Postgres database named by MYACCOUNT_TEST_POSTGRES_DSN
// (shared, so each store gets tables under a prefix of its own). When that
// variable is set and Postgres cannot be reached, tests fail; they skip only
// when it is unset.
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/storage/gormstore"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// PostgresDSNEnv names the variable that points the tests at Postgres.
const PostgresDSNEnv = "MYACCOUNT_TEST_POSTGRES_DSN"

// GormConfig is how tests open GORM: duplicate keys translated, no logging
// (tests provoke errors on purpose).
func GormConfig() *gorm.Config {
	return &gorm.Config{TranslateError: true, Logger: logger.Discard}
}

// SQLite opens a fresh SQLite database in a file of tb's temp dir, in WAL
// mode with a busy timeout and immediate transactions, with config, on
// SQLiteDriver.
func SQLite(tb testing.TB, config *gorm.Config) *gorm.DB {
	tb.Helper()
	db, err := gorm.Open(sqliteFile(filepath.Join(tb.TempDir(), "myaccount.db")), config)
	if err != nil {
		tb.Fatalf("open SQLite: %v", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		tb.Fatalf("open SQLite: %v", err)
	}
	// Writers queue for SQLite's one write lock; let most of them queue in
	// the pool rather than in SQLite's sleeping busy handler.
	sqlDB.SetMaxOpenConns(8)
	tb.Cleanup(func() { sqlDB.Close() })
	return db
}

var shared struct {
	once sync.Once
	db   *sql.DB
	err  error
}

// Postgres opens GORM with config on the one connection pool the tests of a
// package share on the Postgres database named by PostgresDSNEnv. It skips
// tb when the variable is unset and fails it when the database cannot be
// reached.
func Postgres(tb testing.TB, config *gorm.Config) *gorm.DB {
	tb.Helper()
	dsn := os.Getenv(PostgresDSNEnv)
	if dsn == "" {
		tb.Skipf("%s is not set", PostgresDSNEnv)
	}
	shared.once.Do(func() {
		db, err := gorm.Open(postgres.Open(dsn), GormConfig())
		if err != nil {
			shared.err = err
			return
		}
		if shared.db, shared.err = db.DB(); shared.err != nil {
			return
		}
		shared.db.SetMaxOpenConns(20)
		shared.db.SetMaxIdleConns(20)
		shared.err = shared.db.Ping()
	})
	if shared.err != nil {
		// The message names the variable, not the DSN: it may hold a password.
		tb.Fatalf("Postgres at %s: %v", PostgresDSNEnv, shared.err)
	}
	db, err := gorm.Open(postgres.New(postgres.Config{Conn: shared.db}), config)
	if err != nil {
		tb.Fatalf("open Postgres: %v", err)
	}
	return db
}

// RandomPrefix returns a table prefix no other test uses.
func RandomPrefix(tb testing.TB) string {
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		tb.Fatal(err)
	}
	return "t" + hex.EncodeToString(b) + "_"
}

// GormStore returns a migrated store with tables under prefix on db; they
// are dropped when tb ends.
func GormStore(tb testing.TB, db *gorm.DB, prefix string) *gormstore.Store {
	tb.Helper()
	s, err := gormstore.New(db, gormstore.WithTablePrefix(prefix))
	if err != nil {
		tb.Fatalf("gormstore.New: %v", err)
	}
	if err := s.Migrate(context.Background()); err != nil {
		tb.Fatalf("Migrate: %v", err)
	}
	tb.Cleanup(func() {
		// Not tb.Context(): it is done before cleanups run.
		if err := s.DropTables(context.Background()); err != nil {
			tb.Errorf("DropTables: %v", err)
		}
	})
	return s
}

// A Kind is one store the tests run on.
type Kind struct {
	Name string
	New  func(tb testing.TB) myaccount.Store
}

// Kinds are memory, SQLite and Postgres.
var Kinds = []Kind{
	{"memory", func(testing.TB) myaccount.Store { return memory.New() }},
	{"sqlite", func(tb testing.TB) myaccount.Store { return GormStore(tb, SQLite(tb, GormConfig()), "myaccount_") }},
	{"postgres", func(tb testing.TB) myaccount.Store {
		return GormStore(tb, Postgres(tb, GormConfig()), RandomPrefix(tb))
	}},
}

// EachStore runs f as a subtest "store=NAME" per kind of store, each with a
// fresh, empty store.
func EachStore(t *testing.T, f func(t *testing.T, newStore func(tb testing.TB) myaccount.Store)) {
	for _, k := range Kinds {
		t.Run("store="+k.Name, func(t *testing.T) { f(t, k.New) })
	}
}

// TableRows returns every row of table on db, each as one line of its
// columns by name and its values with their Go types as the driver read
// them (so bytes read back as text differ; a boolean has one form, 0 or
// 1, since SQLite keeps booleans as integers and drivers differ in what
// they hand over), sorted: two tables hold the same rows exactly when their TableRows are
// equal.
func TableRows(tb testing.TB, db *gorm.DB, table string) []string {
	tb.Helper()
	sqlDB, err := db.DB()
	if err != nil {
		tb.Fatal(err)
	}
	var quoted strings.Builder
	db.Dialector.QuoteTo(&quoted, table)
	rows, err := sqlDB.Query("SELECT * FROM " + quoted.String())
	if err != nil {
		tb.Fatalf("reading %s: %v", table, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			tb.Fatal(err)
		}
		fields := make([]string, len(cols))
		for i, v := range vals {
			switch v := v.(type) {
			case []byte:
				fields[i] = fmt.Sprintf("%s=bytes:%x", cols[i], v)
			case bool:
				// One form for a boolean: SQLite keeps it as an integer,
				// and drivers hand it over as either.
				n := 0
				if v {
					n = 1
				}
				fields[i] = fmt.Sprintf("%s=int64:%d", cols[i], n)
			default:
				fields[i] = fmt.Sprintf("%s=%T:%v", cols[i], v, v)
			}
		}
		sort.Strings(fields)
		out = append(out, strings.Join(fields, " "))
	}
	if err := rows.Err(); err != nil {
		tb.Fatal(err)
	}
	sort.Strings(out)
	return out
}
