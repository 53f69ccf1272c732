//go:build purego || !cgo

package main

import (
	"github.com/glebarez/sqlite"
	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// sqliteDriver names the SQLite driver built in: modernc.org/sqlite through
// github.com/glebarez/sqlite, pure Go: built with -tags purego, and
// whenever cgo is off (CGO_ENABLED=0), where mattn/go-sqlite3 would build
// but fail at start.
const sqliteDriver = "modernc.org/sqlite (pure Go)"

// sqliteFile is the dialector of the SQLite file at path.
func sqliteFile(path string) gorm.Dialector { return sqlite.Open(gormstore.ModerncSQLiteDSN(path)) }
