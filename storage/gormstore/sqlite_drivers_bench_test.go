package gormstore_test

import (
	"context"
	"path/filepath"
	"testing"

	puregosqlite "github.com/glebarez/sqlite"
	cgosqlite "gorm.io/driver/sqlite"
	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// sqliteDrivers are the two SQLite drivers a host may open the store on,
// both in one binary: mattn/go-sqlite3 registers database/sql's "sqlite3",
// modernc.org/sqlite (under github.com/glebarez/sqlite) "sqlite".
var sqliteDrivers = []struct {
	name string
	open func(path string) gorm.Dialector
}{
	{"cgo", func(path string) gorm.Dialector { return cgosqlite.Open(gormstore.SQLiteDSN(path)) }},
	{"purego", func(path string) gorm.Dialector { return puregosqlite.Open(gormstore.ModerncSQLiteDSN(path)) }},
}

// BenchmarkSQLiteDrivers runs the use cases of the load harness's three
// routes on a store over each SQLite driver, in one run so the two can be
// compared: GET /api/my-account (Account.Get), PATCH /api/my-account with a
// name (Account.Update) and POST /api/verifications/password
// (Account.VerifyPassword: the lockout check, the user, a new record).
// The password hasher is a cheap argon2id, so the store's share shows: the
// default one takes about 80 ms, the same on either driver.
//
//	go test -run '^$' -bench SQLiteDrivers -benchmem ./storage/gormstore
func BenchmarkSQLiteDrivers(b *testing.B) {
	for _, d := range sqliteDrivers {
		b.Run("driver="+d.name, func(b *testing.B) {
			db, err := gorm.Open(d.open(filepath.Join(b.TempDir(), "bench.db")), gormConfig())
			if err != nil {
				b.Fatal(err)
			}
			sqlDB, err := db.DB()
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { sqlDB.Close() })
			svc, caller := driverBenchService(b, newStore(b, db))
			ctx := b.Context()
			b.Run("op=get", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := svc.Account.Get(ctx, caller); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("op=update", func(b *testing.B) {
				names := [2]string{"Ada", "Ada Lovelace"}
				i := 0
				b.ReportAllocs()
				for b.Loop() {
					i++
					if _, err := svc.Account.Update(ctx, caller, myaccount.UpdateAccountInput{Name: myaccount.Set(names[i%2])}); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("op=password", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := svc.Account.VerifyPassword(ctx, caller, myaccount.PasswordInput{Password: "correct-horse-9"}); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// driverBenchService is a Service on store with the account center enabled
// and one user with a password, and that user as a first-party caller.
func driverBenchService(b *testing.B, store *gormstore.Store) (*myaccount.Service, myaccount.Caller) {
	b.Helper()
	hasher, err := account.NewArgon2idHasher(account.Argon2idOptions{Params: account.Argon2Params{Memory: 64, Time: 1, Parallelism: 1}})
	if err != nil {
		b.Fatal(err)
	}
	svc, err := myaccount.New(myaccount.Config{
		Store:         store,
		Hasher:        hasher,
		AccountCenter: &account.AccountCenter{Enabled: true, Fields: map[account.Field]account.FieldMode{account.FieldName: account.Edit}},
	})
	if err != nil {
		b.Fatal(err)
	}
	u, err := svc.Admin.AddUser(context.Background(), myaccount.CreateUserInput{Username: "ada", Password: "correct-horse-9", PrimaryEmail: "ada@example.com", Name: "Ada"})
	if err != nil {
		b.Fatal(err)
	}
	return svc, myaccount.Caller{Principal: myaccount.Principal{
		UserID: u.ID, Scopes: []string{"openid", "profile", "email"}, ClientID: "app", FirstParty: true,
	}}
}
