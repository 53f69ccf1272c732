package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// runMigrate is "myaccount migrate": it applies the schema steps the
// tables lack and prints the schema version before and after.
func runMigrate(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := fs.String("dsn", "", "database: sqlite:PATH or a postgres:// URL")
	prefix := fs.String("prefix", gormstore.DefaultTablePrefix, "table prefix")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *dsn == "" || fs.NArg() > 0 {
		fmt.Fprint(stderr, "myaccount migrate: give -dsn (and no other arguments)\n"+usage)
		return exitUsage
	}
	d, err := open(*dsn, *prefix)
	if err != nil {
		fmt.Fprintf(stderr, "myaccount migrate: %s: %v\n", redact(*dsn), err)
		return exitFailed
	}
	defer d.close()
	before, err := d.store.SchemaVersion(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "myaccount migrate: %v\n", err)
		return exitFailed
	}
	if err := d.store.Migrate(ctx); err != nil {
		fmt.Fprintf(stderr, "myaccount migrate: %v\n", err)
		return exitFailed
	}
	after, err := d.store.SchemaVersion(ctx)
	if err != nil {
		fmt.Fprintf(stderr, "myaccount migrate: %v\n", err)
		return exitFailed
	}
	fmt.Fprintf(stdout, "schema version before: %d\nschema version after: %d\n", before, after)
	return exitOK
}
