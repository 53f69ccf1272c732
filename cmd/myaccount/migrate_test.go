package main

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/myaccount-go/myaccount/storage/gormstore"
)

func TestMigrateCommand(t *testing.T) {
	t.Run("prints the schema version before and after", func(t *testing.T) {
		dsn := "sqlite:" + filepath.Join(t.TempDir(), "x.db")
		latest := gormstore.LatestSchemaVersion()
		for _, before := range []int{0, latest} {
			code, out, errs := runCommand(t, "migrate", "-dsn", dsn, "-prefix", "app_")
			if want := fmt.Sprintf("schema version before: %d\nschema version after: %d\n", before, latest); code != exitOK || out != want {
				t.Errorf("migrate: exit %d, stdout %q (stderr %q); want %q", code, out, errs, want)
			}
		}
	})

	t.Run("a bad command line exits 2", func(t *testing.T) {
		for _, args := range [][]string{{}, {"migrate"}, {"migrate", "-dsn", "mysql://x"}, {"copy", "-from", "sqlite:a.db"}, {"frobnicate"}} {
			code, _, errs := runCommand(t, args...)
			if args := fmt.Sprint(args); code == exitOK || errs == "" {
				t.Errorf("myaccount %s: exit %d, stderr %q; want a failure with a message", args, code, errs)
			}
		}
	})
}
