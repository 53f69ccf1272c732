package gormstore_test

import (
	"testing"

	"github.com/myaccount-go/myaccount/storage/storetest"
)

// TestStore runs the conformance suite on each database, with a fresh store
// per subtest: a SQLite file of its own, or Postgres tables under a prefix
// of their own.
func TestStore(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, db database) {
		db.open(t, gormConfig()) // skip or fail here, not in every subtest
		storetest.Run(t, func(t *testing.T) storetest.Store {
			return newStore(t, db.open(t, gormConfig()))
		})
	})
}

// BenchmarkStore measures the lookups every request makes, on each database.
func BenchmarkStore(b *testing.B) {
	for _, db := range databases {
		b.Run("database="+db.name, func(b *testing.B) {
			storetest.Benchmark(b, newStore(b, db.open(b, gormConfig())))
		})
	}
}

// TestStoreOnOneConnection runs the conformance suite, races included, on
// SQLite with a pool of one connection (what an in-memory SQLite needs):
// the store's writers take the write turn before a connection, and no one
// waits for the turn holding a connection, so nothing waits forever.
func TestStoreOnOneConnection(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storetest.Store {
		db := openSQLite(t, gormConfig())
		sqlDB, err := db.DB()
		if err != nil {
			t.Fatal(err)
		}
		sqlDB.SetMaxOpenConns(1)
		return newStore(t, db)
	})
}
