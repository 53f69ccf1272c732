//go:build cgo && !purego

package testdb

import (
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// SQLiteDriver names the SQLite driver the tests run on: mattn/go-sqlite3
// (cgo) by default, the pure-Go modernc.org/sqlite with -tags purego or
// without cgo.
const SQLiteDriver = "cgo"

// sqliteFile is the dialector of the SQLite file at path.
func sqliteFile(path string) gorm.Dialector { return sqlite.Open(gormstore.SQLiteDSN(path)) }
