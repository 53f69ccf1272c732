package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
)

// benchDatabase is a Postgres database the harness made for one run, on
// the server of the DSN it was given; ours and the floor share its tables.
type benchDatabase struct {
	admin string // the given DSN: its database outlives the run
	name  string
	dsn   string // the given DSN with the bench database in its place
	// server is the Postgres version and host, for the report.
	server string
}

// createBenchDatabase makes a fresh database myaccount_bench_XXXXXXXX on
// dsn's server; the DSN must be a postgres:// URL (the example server
// takes no other form) whose role may create databases.
func createBenchDatabase(ctx context.Context, dsn string) (*benchDatabase, error) {
	u, err := url.Parse(dsn)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return nil, errors.New("-postgres must be a postgres:// URL")
	}
	var suffix [4]byte
	_, _ = rand.Read(suffix[:])
	name := "myaccount_bench_" + hex.EncodeToString(suffix[:])
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var version string
	if err := db.QueryRowContext(ctx, "SHOW server_version").Scan(&version); err != nil {
		return nil, fmt.Errorf("postgres: %w", err)
	}
	// The name is ours, made of [a-z0-9_]: no quoting needed.
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		return nil, fmt.Errorf("creating the bench database: %w", err)
	}
	u.Path = "/" + name
	server := fmt.Sprintf("Postgres %s on %s", strings.Fields(version)[0], u.Host)
	return &benchDatabase{admin: dsn, name: name, dsn: u.String(), server: server}, nil
}

// drop removes the database, closing what is still connected to it.
func (b *benchDatabase) drop(ctx context.Context) error {
	db, err := sql.Open("pgx", b.admin)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, "DROP DATABASE IF EXISTS "+b.name+" WITH (FORCE)")
	return err
}
