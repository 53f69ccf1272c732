package gormstore_test

import (
	"testing"

	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/internal/testdb"
	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// A database is one the tests run on. open returns a *gorm.DB opened with
// config: on SQLite a fresh file, on Postgres the one shared database (so
// stores there need prefixes of their own: see randomPrefix).
type database struct {
	name string
	open func(tb testing.TB, config *gorm.Config) *gorm.DB
}

var databases = []database{
	{"sqlite", testdb.SQLite},
	{"postgres", testdb.Postgres},
}

// forEachDatabase runs f as a subtest "database=NAME" per database.
func forEachDatabase(t *testing.T, f func(t *testing.T, db database)) {
	for _, db := range databases {
		t.Run("database="+db.name, func(t *testing.T) { f(t, db) })
	}
}

var (
	gormConfig         = testdb.GormConfig
	randomPrefix       = testdb.RandomPrefix
	newStoreWithPrefix = testdb.GormStore
)

// openSQLite opens a fresh SQLite database in a file of tb's temp dir.
func openSQLite(tb testing.TB, config *gorm.Config) *gorm.DB { return testdb.SQLite(tb, config) }

// newStore returns a migrated store with tables under a random prefix on db;
// they are dropped when tb ends.
func newStore(tb testing.TB, db *gorm.DB) *gormstore.Store {
	tb.Helper()
	return testdb.GormStore(tb, db, testdb.RandomPrefix(tb))
}
