//go:build cgo && !purego

package main

import (
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// sqliteDriver names the SQLite driver built in: mattn/go-sqlite3, which
// needs cgo and a C compiler. Build with -tags purego (or CGO_ENABLED=0)
// for the pure-Go one.
const sqliteDriver = "mattn/go-sqlite3 (cgo)"

// sqliteFile is the dialector of the SQLite file at path.
func sqliteFile(path string) gorm.Dialector { return sqlite.Open(gormstore.SQLiteDSN(path)) }
