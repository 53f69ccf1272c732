package main

import (
	"flag"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/internal/testdb"
	"github.com/myaccount-go/myaccount/secret"
	"github.com/myaccount-go/myaccount/storage/gormstore"
)

var updateFixtures = flag.Bool("update-fixtures", false, "write the schema fixtures of storage/gormstore/testdata")

// fixtureDir holds the fixtures gormstore's TestMigrateFixtures upgrades.
const fixtureDir = "../../storage/gormstore/testdata"

// TestWriteSchemaFixtures makes the fixtures of the schema at version 1 as
// the releases before schema versions left it (no versions table): a
// SQLite file and a Postgres dump, holding rows of every kind made
// through the example server (so sealed secrets are real) and an SSO
// identity (which no route makes). Run it when a schema step is added,
// before the step, to keep the schema it upgrades from:
//
//	go test ./cmd/myaccount -run TestWriteSchemaFixtures -update-fixtures
func TestWriteSchemaFixtures(t *testing.T) {
	if !*updateFixtures {
		t.Skip("run with -update-fixtures to write them")
	}
	pgDSN := os.Getenv(testdb.PostgresDSNEnv)
	if pgDSN == "" {
		t.Fatalf("%s is not set", testdb.PostgresDSNEnv)
	}
	dir := t.TempDir()
	key, err := secret.GenerateKey(1)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("MYACCOUNT_SECRET_KEYS", secret.FormatKeys(key))
	bin := buildServer(t, dir)
	made := filepath.Join(dir, "made.db")
	base, stop := startServer(t, bin, "-addr", "127.0.0.1:0", "-db", made)
	p := populate(t, base)
	stop()
	src := openForTest(t, "sqlite:"+made, gormstore.DefaultTablePrefix)
	at := time.Date(2026, 3, 14, 15, 9, 26, 535897000, time.UTC)
	if _, err := src.store.PutSSOIdentity(t.Context(), &account.SSOIdentity{ID: "sso-1", UserID: p.userID, SSOConnectorID: "okta", Issuer: "https://idp.example",
		IdentityID: "okta-ada", Detail: map[string]any{"email": "ada@example.com"}, CreatedAt: at, UpdatedAt: at}); err != nil {
		t.Fatal(err)
	}

	// The Postgres dump: the rows copied into tables under the default
	// prefix in a schema of their own, dumped as plain INSERTs.
	schema := "fixture_" + strings.TrimSuffix(testdb.RandomPrefix(t), "_")
	admin := openForTest(t, pgDSN, "x_")
	if err := admin.db.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { admin.db.Exec("DROP SCHEMA " + schema + " CASCADE") })
	pg := openForTest(t, withSearchPath(t, pgDSN, schema), gormstore.DefaultTablePrefix)
	if _, err := gormstore.Copy(t.Context(), pg.store, src.store, gormstore.CopyOptions{}); err != nil {
		t.Fatal(err)
	}
	// The SQLite file: the rows copied into a file of small pages (the
	// tables and indexes take one page each at least).
	out := filepath.Join(fixtureDir, "schema1.db")
	if err := os.MkdirAll(fixtureDir, 0o755); err != nil {
		t.Fatal(err)
	}
	_ = os.Remove(out)
	small, err := gorm.Open(sqlite.Open("file:"+out+"?_journal_mode=DELETE"), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	if err := small.Exec("PRAGMA page_size = 512").Error; err != nil {
		t.Fatal(err)
	}
	smallStore, err := gormstore.New(small)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gormstore.Copy(t.Context(), smallStore, src.store, gormstore.CopyOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, db := range []*gorm.DB{small, pg.db} {
		if err := db.Exec("DROP TABLE " + gormstore.DefaultTablePrefix + "schema_versions").Error; err != nil {
			t.Fatal(err)
		}
	}
	if err := small.Exec("VACUUM").Error; err != nil {
		t.Fatal(err)
	}
	if sqlDB, err := small.DB(); err == nil {
		sqlDB.Close()
	}

	pgDump := latestPostgresTool(t, "pg_dump")
	dump, err := exec.Command(pgDump, "--inserts", "--no-owner", "--no-privileges", "--no-comments", "--schema", schema, pgDSN).Output()
	if err != nil {
		t.Fatalf("pg_dump: %v", err)
	}
	if err := os.WriteFile(filepath.Join(fixtureDir, "schema1.sql"), portableDump(string(dump), schema), 0o644); err != nil {
		t.Fatal(err)
	}

}

// portableDump keeps of a pg_dump the statements that make the tables,
// their rows and indexes, with names unqualified, so the dump loads into
// any schema: no SET, no search_path, no schema of its own.
func portableDump(dump, schema string) []byte {
	var b strings.Builder
	b.WriteString("-- The tables of gormstore's schema version 1 on Postgres, as releases before\n-- schema versions left them, with rows of every kind. Written by\n-- go test ./cmd/myaccount -run TestWriteSchemaFixtures -update-fixtures\n")
	skip := regexp.MustCompile(`^(SET |SELECT pg_catalog\.set_config|CREATE SCHEMA|--|\\)`)
	for _, line := range strings.Split(dump, "\n") {
		if skip.MatchString(line) || (line == "" && strings.HasSuffix(b.String(), "\n\n")) {
			continue
		}
		b.WriteString(strings.ReplaceAll(line, schema+".", "") + "\n")
	}
	return []byte(b.String())
}

// withSearchPath is a Postgres URL whose connections use schema.
func withSearchPath(t *testing.T, dsn, schema string) string {
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// latestPostgresTool is the path of a tool of the newest Postgres install.
func latestPostgresTool(t *testing.T, name string) string {
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name)
	if len(bins) == 0 {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
		t.Fatalf("%s is not installed", name)
	}
	return bins[len(bins)-1]
}
