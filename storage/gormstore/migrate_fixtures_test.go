package gormstore_test

import (
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/internal/testdb"
	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// The fixtures hold the schema at version 1 as the releases before schema
// versions left it (no versions table), with rows of every kind made
// through the example server: testdata/schema1.db on SQLite and
// testdata/schema1.sql, a plain SQL dump, on Postgres. They are written by
// go test ./cmd/myaccount -run TestWriteSchemaFixtures -update-fixtures.

// TestMigrateFixtures: Migrate brings each fixture to the newest schema
// version with every row intact.
func TestMigrateFixtures(t *testing.T) {
	t.Run("database=sqlite", func(t *testing.T) {
		raw, err := os.ReadFile("testdata/schema1.db")
		if err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "old.db")
		if err := os.WriteFile(path, raw, 0o600); err != nil {
			t.Fatal(err)
		}
		db, err := gorm.Open(sqlite.Open(gormstore.SQLiteDSN(path)), gormConfig())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if sqlDB, err := db.DB(); err == nil {
				sqlDB.Close()
			}
		})
		migrateKeepsRows(t, db)
	})

	t.Run("database=postgres", func(t *testing.T) {
		shared := testdb.Postgres(t, gormConfig())
		schema := "fixture_" + strings.TrimSuffix(randomPrefix(t), "_")
		if err := shared.Exec("CREATE SCHEMA " + schema).Error; err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { shared.Exec("DROP SCHEMA " + schema + " CASCADE") })
		u, err := url.Parse(os.Getenv(testdb.PostgresDSNEnv))
		if err != nil {
			t.Fatal(err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		db, err := gorm.Open(postgres.Open(u.String()), gormConfig())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			if sqlDB, err := db.DB(); err == nil {
				sqlDB.Close()
			}
		})
		dump, err := os.ReadFile("testdata/schema1.sql")
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Exec(string(dump)).Error; err != nil {
			t.Fatalf("loading the dump: %v", err)
		}
		migrateKeepsRows(t, db)
	})
}

// migrateKeepsRows migrates the store under the default prefix on db and
// checks that its schema version is then the newest, and that every table
// holds the rows it held before.
func migrateKeepsRows(t *testing.T, db *gorm.DB) {
	t.Helper()
	ctx := t.Context()
	prefix := gormstore.DefaultTablePrefix
	before := map[string][]string{}
	all, err := db.Migrator().GetTables()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range all {
		if strings.HasPrefix(name, prefix) {
			before[name] = testdb.TableRows(t, db, name)
			if len(before[name]) == 0 {
				t.Errorf("the fixture's table %s is empty: it should hold rows of every kind", name)
			}
		}
	}
	if len(before) == 0 {
		t.Fatal("the fixture holds no tables")
	}
	s, err := gormstore.New(db)
	if err != nil {
		t.Fatal(err)
	}
	if v, err := s.SchemaVersion(ctx); err != nil || v != 0 {
		t.Fatalf("SchemaVersion of the fixture = %d, %v; want 0 (no versions table)", v, err)
	}
	if err := s.Migrate(ctx); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	if v, err := s.SchemaVersion(ctx); err != nil || v != gormstore.LatestSchemaVersion() {
		t.Fatalf("SchemaVersion after Migrate = %d, %v; want %d", v, err, gormstore.LatestSchemaVersion())
	}
	for _, name := range gormstore.TableNames(s) {
		if _, known := before[name]; !known && !strings.HasSuffix(name, "schema_versions") {
			t.Errorf("the fixture lacks table %s: write the fixtures again", name)
		}
	}
	for name, rows := range before {
		if got := testdb.TableRows(t, db, name); !slices.Equal(got, rows) {
			t.Errorf("table %s after Migrate:\n%q\nbefore:\n%q", name, got, rows)
		}
	}
	wantIndexes(t, db, prefix)
	// The store reads the fixture's user after the upgrade.
	users, _, err := s.ListUsers(ctx, account.UserQuery{Page: 1, PageSize: 10})
	if err != nil || len(users) == 0 {
		t.Fatalf("ListUsers after Migrate: %v, %v", users, err)
	}
	if factors, err := s.ListFactors(ctx, users[0].ID); err != nil || len(factors) != 3 {
		t.Errorf("ListFactors after Migrate: %d factors, %v; want TOTP, backup codes and a passkey", len(factors), err)
	}
}
