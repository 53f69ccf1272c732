package gormstore_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/storage/gormstore"
	"github.com/myaccount-go/myaccount/verification"
)

// indexSuffixes are the names, after the prefix, of the indexes Migrate
// creates by name (primary keys aside).
var indexSuffixes = []string{
	"identities_social",
	"mfa_factors_credential_id",
	"mfa_factors_single_type",
	"mfa_factors_user_position",
	"personal_access_tokens_hash",
	"records_expires_at",
	"records_user_id",
	"user_sso_identities_issuer_identity",
	"user_sso_identities_user_connector",
	"users_email_key",
	"users_primary_phone",
	"users_username_key",
}

// namedIndexes lists, sorted, the indexes that were created by name on the
// tables whose names start with prefix: not primary keys, nor the indexes
// SQLite makes for them.
func namedIndexes(t *testing.T, db *gorm.DB, prefix string) []string {
	t.Helper()
	type index struct{ Name, Table string }
	var all []index
	var err error
	switch db.Dialector.Name() {
	case "sqlite":
		err = db.Raw("SELECT name, tbl_name AS \"table\" FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").Scan(&all).Error
	case "postgres":
		err = db.Raw("SELECT indexname AS name, tablename AS \"table\" FROM pg_indexes WHERE schemaname = current_schema() AND indexname NOT LIKE '%\\_pkey'").Scan(&all).Error
	}
	if err != nil {
		t.Fatalf("listing indexes: %v", err)
	}
	var names []string
	for _, ix := range all {
		if strings.HasPrefix(ix.Table, prefix) {
			names = append(names, ix.Name)
		}
	}
	slices.Sort(names)
	return names
}

func wantIndexes(t *testing.T, db *gorm.DB, prefix string) {
	t.Helper()
	var want []string
	for _, s := range indexSuffixes {
		want = append(want, prefix+s)
	}
	if got := namedIndexes(t, db, prefix); !slices.Equal(got, want) {
		t.Errorf("indexes of prefix %q = %q, want %q", prefix, got, want)
	}
}

func TestMigrate(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, database database) {
		t.Run("creates the indexes under the prefix", func(t *testing.T) {
			db := database.open(t, gormConfig())
			prefix := randomPrefix(t)
			newStoreWithPrefix(t, db, prefix)
			wantIndexes(t, db, prefix)
		})

		t.Run("the users table has the columns the store reads and writes", func(t *testing.T) {
			db := database.open(t, gormConfig())
			prefix := randomPrefix(t)
			newStoreWithPrefix(t, db, prefix)
			types, err := db.Migrator().ColumnTypes(prefix + "users")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range types {
				got = append(got, c.Name())
			}
			want := gormstore.UserColumns()
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("users columns = %q, want the columns of user_columns.go, %q", got, want)
			}
		})

		t.Run("is idempotent", func(t *testing.T) {
			ctx := t.Context()
			db := database.open(t, gormConfig())
			prefix := randomPrefix(t)
			s := newStoreWithPrefix(t, db, prefix)
			u := &account.User{ID: "user-1", UsernameKey: "ada", EmailKey: "ada@example.com"}
			if err := s.CreateUser(ctx, u); err != nil {
				t.Fatalf("CreateUser: %v", err)
			}
			for range 2 {
				if err := s.Migrate(ctx); err != nil {
					t.Fatalf("Migrate again: %v", err)
				}
			}
			// Another store on the same tables, as a second app instance.
			again, err := gormstore.New(db, gormstore.WithTablePrefix(prefix))
			if err != nil {
				t.Fatal(err)
			}
			if err := again.Migrate(ctx); err != nil {
				t.Fatalf("Migrate of a second store: %v", err)
			}
			if got, err := again.GetUser(ctx, "user-1"); err != nil || got.EmailKey != u.EmailKey {
				t.Errorf("GetUser after migrating again = %+v, %v; want the user written before", got, err)
			}
			wantIndexes(t, db, prefix)
		})

		t.Run("adds the version column to a users table made before it", func(t *testing.T) {
			ctx := t.Context()
			db := database.open(t, gormConfig())
			prefix := randomPrefix(t)
			s := newStoreWithPrefix(t, db, prefix)
			if err := s.CreateUser(ctx, &account.User{ID: "user-1", UsernameKey: "ada"}); err != nil {
				t.Fatal(err)
			}
			if err := db.Exec(`ALTER TABLE "` + prefix + `users" DROP COLUMN version`).Error; err != nil {
				t.Fatal(err)
			}
			forgetSchemaVersion(t, db, prefix)
			if err := s.Migrate(ctx); err != nil {
				t.Fatalf("Migrate: %v", err)
			}
			if !db.Migrator().HasColumn(prefix+"users", "version") {
				t.Fatal("no version column after Migrate")
			}
			name := "Ada"
			if _, err := s.UpdateUser(ctx, "user-1", func(u *account.User) error { u.Name = &name; return nil }); err != nil {
				t.Fatalf("UpdateUser: %v", err)
			}
			if got, err := s.GetUser(ctx, "user-1"); err != nil || got.Name == nil || *got.Name != name {
				t.Errorf("GetUser = %+v, %v", got, err)
			}
		})

		t.Run("adds the password_stamp column to a records table made before it", func(t *testing.T) {
			ctx := t.Context()
			db := database.open(t, gormConfig())
			prefix := randomPrefix(t)
			s := newStoreWithPrefix(t, db, prefix)
			if err := db.Exec(`ALTER TABLE "` + prefix + `verification_records" DROP COLUMN password_stamp`).Error; err != nil {
				t.Fatal(err)
			}
			forgetSchemaVersion(t, db, prefix)
			if err := s.Migrate(ctx); err != nil {
				t.Fatalf("Migrate: %v", err)
			}
			if !db.Migrator().HasColumn(prefix+"verification_records", "password_stamp") {
				t.Fatal("no password_stamp column after Migrate")
			}
			in := &verification.Record{ID: "r-1", Type: verification.TypePassword, UserID: "user-1", PasswordStamp: []byte{0x00, 0x01, 0xff}}
			if err := s.CreateRecord(ctx, in); err != nil {
				t.Fatal(err)
			}
			if got, err := s.GetRecord(ctx, "r-1"); err != nil || !bytes.Equal(got.PasswordStamp, in.PasswordStamp) {
				t.Errorf("GetRecord = %+v, %v", got, err)
			}
		})

		t.Run("runs concurrently", func(t *testing.T) {
			db := database.open(t, gormConfig())
			prefix := randomPrefix(t)
			s, err := gormstore.New(db, gormstore.WithTablePrefix(prefix))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() {
				if err := s.DropTables(context.Background()); err != nil {
					t.Errorf("DropTables: %v", err)
				}
			})
			var wg sync.WaitGroup
			errs := make([]error, 4)
			for i := range errs {
				wg.Go(func() { errs[i] = s.Migrate(t.Context()) })
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Errorf("Migrate %d: %v", i, err)
				}
			}
			wantIndexes(t, db, prefix)
		})

		t.Run("two prefixes share a database", func(t *testing.T) {
			ctx := t.Context()
			db := database.open(t, gormConfig())
			prefixA, prefixB := randomPrefix(t), randomPrefix(t)
			a, b := newStoreWithPrefix(t, db, prefixA), newStoreWithPrefix(t, db, prefixB)
			wantIndexes(t, db, prefixA)
			wantIndexes(t, db, prefixB)
			// The same id and identifiers in both: no conflict.
			for _, s := range []*gormstore.Store{a, b} {
				u := &account.User{ID: "user-1", UsernameKey: "ada", EmailKey: "ada@example.com"}
				if err := s.CreateUser(ctx, u); err != nil {
					t.Fatalf("CreateUser: %v", err)
				}
			}
			if err := a.DeleteUser(ctx, "user-1"); err != nil {
				t.Fatalf("DeleteUser: %v", err)
			}
			if _, err := b.FindUser(ctx, account.IdentifierEmail, "ada@example.com"); err != nil {
				t.Errorf("FindUser in the other prefix's tables after DeleteUser: %v", err)
			}
			now := time.Now()
			if _, _, err := a.AddHit(ctx, "k", now, time.Hour, 0); err != nil {
				t.Fatal(err)
			}
			if n, err := b.CountHits(ctx, "k", now, time.Hour); err != nil || n != 0 {
				t.Errorf("CountHits in the other prefix's tables = %d, %v; want 0", n, err)
			}
		})
	})
}

// forgetSchemaVersion drops the schema versions table, as a release before
// schema versions left the tables.
func forgetSchemaVersion(t *testing.T, db *gorm.DB, prefix string) {
	t.Helper()
	if err := db.Exec(`DROP TABLE "` + prefix + `schema_versions"`).Error; err != nil {
		t.Fatal(err)
	}
}

func TestSchemaVersion(t *testing.T) {
	forEachDatabase(t, func(t *testing.T, database database) {
		t.Run("is 0 before Migrate and the latest after", func(t *testing.T) {
			ctx := t.Context()
			db := database.open(t, gormConfig())
			s, err := gormstore.New(db, gormstore.WithTablePrefix(randomPrefix(t)))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = s.DropTables(context.Background()) })
			if v, err := s.SchemaVersion(ctx); err != nil || v != 0 {
				t.Fatalf("SchemaVersion before Migrate = %d, %v; want 0", v, err)
			}
			if err := s.Migrate(ctx); err != nil {
				t.Fatal(err)
			}
			if v, err := s.SchemaVersion(ctx); err != nil || v != gormstore.LatestSchemaVersion() {
				t.Fatalf("SchemaVersion after Migrate = %d, %v; want %d", v, err, gormstore.LatestSchemaVersion())
			}
		})

		t.Run("each step is recorded once, also when instances migrate at once", func(t *testing.T) {
			db := database.open(t, gormConfig())
			prefix := randomPrefix(t)
			s := newStoreWithPrefix(t, db, prefix)
			forgetSchemaVersion(t, db, prefix)
			var wg sync.WaitGroup
			errs := make([]error, 4)
			for i := range errs {
				wg.Go(func() {
					other, err := gormstore.New(db, gormstore.WithTablePrefix(prefix))
					if err == nil {
						err = other.Migrate(t.Context())
					}
					errs[i] = err
				})
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Errorf("Migrate %d: %v", i, err)
				}
			}
			var versions []int64
			if err := db.Raw(`SELECT version FROM "` + prefix + `schema_versions" ORDER BY version`).Scan(&versions).Error; err != nil {
				t.Fatal(err)
			}
			if len(versions) != gormstore.LatestSchemaVersion() {
				t.Errorf("recorded versions %v, want each of 1..%d once", versions, gormstore.LatestSchemaVersion())
			}
			if v, err := s.SchemaVersion(t.Context()); err != nil || v != gormstore.LatestSchemaVersion() {
				t.Errorf("SchemaVersion = %d, %v", v, err)
			}
		})

		t.Run("refuses a schema newer than the release", func(t *testing.T) {
			db := database.open(t, gormConfig())
			prefix := randomPrefix(t)
			s := newStoreWithPrefix(t, db, prefix)
			newer := gormstore.LatestSchemaVersion() + 1
			if err := db.Exec(`INSERT INTO "`+prefix+`schema_versions" (version, applied_at) VALUES (?, 0)`, newer).Error; err != nil {
				t.Fatal(err)
			}
			if err := s.Migrate(t.Context()); err == nil || !strings.Contains(err.Error(), "newer than this release") {
				t.Errorf("Migrate on schema version %d: %v, want a refusal", newer, err)
			}
		})
	})
}

func TestNew(t *testing.T) {
	t.Run("rejects a bad prefix", func(t *testing.T) {
		db := openSQLite(t, gormConfig())
		for _, prefix := range []string{"my-app_", "my app_", "app.", "Ünï_", `a"b`, "a;", strings.Repeat("a", 33)} {
			if _, err := gormstore.New(db, gormstore.WithTablePrefix(prefix)); err == nil {
				t.Errorf("New with prefix %q: no error", prefix)
			}
		}
	})

	t.Run("accepts a good prefix", func(t *testing.T) {
		db := openSQLite(t, gormConfig())
		for _, prefix := range []string{"", "_", "App_1_", "2fa", strings.Repeat("a", 32)} {
			newStoreWithPrefix(t, db, prefix)
		}
	})

	t.Run("rejects a nil db", func(t *testing.T) {
		if _, err := gormstore.New(nil); err == nil {
			t.Error("New(nil): no error")
		}
	})

	t.Run("rejects another dialect", func(t *testing.T) {
		db, err := gorm.Open(otherDialector{}, gormConfig())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := gormstore.New(db); err == nil {
			t.Error("New on a mysql dialector: no error")
		}
	})
}

func TestDefaultPrefix(t *testing.T) {
	db := openSQLite(t, gormConfig())
	s, err := gormstore.New(db)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Migrate(t.Context()); err != nil {
		t.Fatal(err)
	}
	if !db.Migrator().HasTable(gormstore.DefaultTablePrefix + "users") {
		t.Errorf("no table %susers", gormstore.DefaultTablePrefix)
	}
	wantIndexes(t, db, gormstore.DefaultTablePrefix)
}

// otherDialector is a dialector of a database the store does not support.
type otherDialector struct{ gorm.Dialector }

func (otherDialector) Name() string                 { return "mysql" }
func (otherDialector) Initialize(db *gorm.DB) error { return nil }
