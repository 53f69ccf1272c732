//go:build purego || !cgo

package testdb

import (
	"github.com/glebarez/sqlite"
	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// SQLiteDriver names the SQLite driver the tests run on: the pure-Go
// modernc.org/sqlite, through github.com/glebarez/sqlite (-tags purego).
const SQLiteDriver = "purego"

// sqliteFile is the dialector of the SQLite file at path.
func sqliteFile(path string) gorm.Dialector { return sqlite.Open(gormstore.ModerncSQLiteDSN(path)) }
