package gormstore_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// On SQLite, the embedded default: open the file with SQLiteDSN (WAL, a
// busy timeout and immediate transactions, which concurrent writers need),
// make the store and let Migrate create or upgrade its tables. The driver,
// gorm.io/driver/sqlite, is mattn/go-sqlite3: it needs cgo and a C compiler.
func ExampleNew() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "gormstore-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	db, err := gorm.Open(sqlite.Open(gormstore.SQLiteDSN(filepath.Join(dir, "myaccount.db"))),
		&gorm.Config{Logger: logger.Discard})
	if err != nil {
		log.Fatal(err)
	}
	store, err := gormstore.New(db)
	if err != nil {
		log.Fatal(err)
	}
	if err := store.Migrate(ctx); err != nil {
		log.Fatal(err)
	}
	svc, err := myaccount.New(myaccount.Config{Store: store})
	if err != nil {
		log.Fatal(err)
	}
	u, err := svc.Admin.AddUser(ctx, myaccount.CreateUserInput{Username: "alice"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(u.Username)
	// Output: alice
}

// On Postgres, for many app instances on one database: the same store over
// gorm.io/driver/postgres. A table prefix lets the store share a schema
// with the app's own tables; every instance must use the same one.
func ExampleNew_postgres() {
	ctx := context.Background()
	db, err := gorm.Open(postgres.Open(os.Getenv("DATABASE_URL")), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		log.Fatal(err)
	}
	store, err := gormstore.New(db, gormstore.WithTablePrefix("acct_"))
	if err != nil {
		log.Fatal(err)
	}
	if err := store.Migrate(ctx); err != nil { // safe to run from every instance at start
		log.Fatal(err)
	}
	if _, err := myaccount.New(myaccount.Config{Store: store}); err != nil {
		log.Fatal(err)
	}
}
