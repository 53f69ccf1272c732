package testdb

import (
	"reflect"
	"testing"
)

// The suite runs on the driver its build tag names, so a -tags purego run
// really tests the pure-Go driver.
func TestSQLiteOpensTheTaggedDriver(t *testing.T) {
	want := map[string]string{"cgo": "gorm.io/driver/sqlite", "purego": "github.com/glebarez/sqlite"}[SQLiteDriver]
	db := SQLite(t, GormConfig())
	if got := reflect.TypeOf(db.Dialector).Elem().PkgPath(); got != want {
		t.Fatalf("SQLiteDriver %q opened a dialector of %s, want %s", SQLiteDriver, got, want)
	}
}
