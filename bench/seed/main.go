// Command seed loads benchmark users into gormstore's tables, on SQLite
// and/or Postgres, in batches with a progress bar:
//
//	go run ./bench/seed -users 1000000 -sqlite /tmp/bench/users-1m.db \
//	    -postgres 'postgres://postgres@127.0.0.1:55432/myaccount_bench?sslmode=disable' -prefix scale1m_
//
// The users are bench/internal/seeding's deterministic ones, all with the
// password "correct-horse-9" under one argon2id hash. The scale benchmark
// (storage/gormstore/scale_bench_test.go, see bench/scale.sh) reads them.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/bench/internal/seeding"
	"github.com/myaccount-go/myaccount/storage/gormstore"
)

func main() {
	users := flag.Int("users", 1_000_000, "number of users to load")
	sqlitePath := flag.String("sqlite", "", "SQLite file to load (created if missing)")
	pgDSN := flag.String("postgres", "", "Postgres DSN to load (the database must exist)")
	prefix := flag.String("prefix", gormstore.DefaultTablePrefix, "table prefix")
	batch := flag.Int("batch", 1000, "rows per INSERT")
	drop := flag.Bool("drop", false, "drop the store's tables under -prefix first")
	identities := flag.Bool("identities", false, "give each user a social identity")
	flag.Parse()
	if *sqlitePath == "" && *pgDSN == "" {
		log.Fatal("nothing to do: give -sqlite and/or -postgres")
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	hasher, err := account.NewArgon2idHasher(account.Argon2idOptions{})
	if err != nil {
		log.Fatal(err)
	}
	hash, err := hasher.Hash(ctx, seeding.Password)
	if err != nil {
		log.Fatal(err)
	}
	opts := seeding.Options{Prefix: *prefix, Users: *users, PasswordHash: hash, Batch: *batch, Progress: os.Stderr, Identities: *identities}

	if *sqlitePath != "" {
		opts.Label = "sqlite  "
		if err := seed(ctx, sqlite.Open(gormstore.SQLiteDSN(*sqlitePath)), *drop, opts); err != nil {
			log.Fatalf("sqlite %s: %v", *sqlitePath, err)
		}
	}
	if *pgDSN != "" {
		opts.Label = "postgres"
		if err := seed(ctx, postgres.Open(*pgDSN), *drop, opts); err != nil {
			// Not the DSN: it may hold a password.
			log.Fatalf("postgres: %v", err)
		}
	}
}

func seed(ctx context.Context, dialector gorm.Dialector, drop bool, opts seeding.Options) error {
	db, err := gorm.Open(dialector, &gorm.Config{TranslateError: true, Logger: logger.Discard})
	if err != nil {
		return err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	defer sqlDB.Close()
	if drop {
		store, err := gormstore.New(db, gormstore.WithTablePrefix(opts.Prefix))
		if err != nil {
			return err
		}
		if err := store.DropTables(ctx); err != nil {
			return err
		}
	}
	start := time.Now()
	if err := seeding.Seed(ctx, db, opts); err != nil {
		if errors.Is(err, context.Canceled) {
			return errors.New("interrupted")
		}
		return err
	}
	fmt.Fprintf(os.Stderr, "%s: %d users in %s\n", opts.Label, opts.Users, time.Since(start).Round(time.Millisecond))
	return nil
}
