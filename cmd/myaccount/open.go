package main

import (
	"errors"
	"strings"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// database is an opened DSN and its store.
type database struct {
	db    *gorm.DB
	store *gormstore.Store
}

func (d *database) close() {
	if sqlDB, err := d.db.DB(); err == nil {
		_ = sqlDB.Close()
	}
}

// open opens a DSN (sqlite:PATH or a postgres:// URL) and the store under
// prefix in it.
func open(dsn, prefix string) (*database, error) {
	var dialector gorm.Dialector
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		path := strings.TrimPrefix(dsn, "sqlite:")
		if path == "" {
			return nil, errors.New("sqlite: needs a file path, e.g. sqlite:./myaccount.db")
		}
		dialector = sqlite.Open(gormstore.SQLiteDSN(path))
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		dialector = postgres.Open(dsn)
	default:
		return nil, errors.New("a DSN is sqlite:PATH or a postgres:// URL")
	}
	db, err := gorm.Open(dialector, &gorm.Config{TranslateError: true, Logger: logger.Discard})
	if err != nil {
		return nil, err
	}
	d := &database{db: db}
	if d.store, err = gormstore.New(db, gormstore.WithTablePrefix(prefix)); err != nil {
		d.close()
		return nil, err
	}
	return d, nil
}

// redact is a DSN fit for messages: a Postgres URL loses its password.
func redact(dsn string) string {
	if scheme, rest, ok := strings.Cut(dsn, "://"); ok {
		if creds, host, ok := strings.Cut(rest, "@"); ok {
			if user, _, hasPassword := strings.Cut(creds, ":"); hasPassword {
				return scheme + "://" + user + ":***@" + host
			}
		}
	}
	return dsn
}
