package gormstore

import (
	"database/sql"
	"runtime"
	"time"
)

// Pool holds the settings of a *sql.DB's connection pool that matter to a
// Store under load. The app owns the pool (it opens the *gorm.DB), so the
// store never changes it; Apply is for the app to call.
//
// database/sql's own defaults suit neither database: it keeps 2 idle
// connections and opens as many as are asked for, so under concurrent
// requests it opens a connection, runs one statement and closes it again.
// On Postgres each new connection is a new server process that reads its
// catalog and prepares the store's statements again: at 32 concurrent
// requests that churn (a new connection for one request in twenty or so)
// held GET /api/my-account to a fifth of what one statement per request
// allows, with a p99 latency of 450 ms (bench/, with -postgres).
type Pool struct {
	// MaxOpen bounds the open connections (0: no bound). Requests beyond
	// it wait for a connection instead of opening one.
	MaxOpen int
	// MaxIdle is how many connections stay open when not in use; at least
	// MaxOpen, so that a busy pool never closes what it will open again.
	MaxIdle int
	// MaxIdleTime closes a connection idle that long (0: never), so a pool
	// sized for a burst shrinks back when the burst is over.
	MaxIdleTime time.Duration
}

// PostgresPool returns the pool settings for a Store on Postgres: four
// connections per core of this process (at least 8), all of them kept
// while in use, closed after 5 minutes idle. More connections than that
// only queue inside Postgres instead of in the pool; the database server's
// own cores, and its max_connections shared by every instance, bound what
// helps.
func PostgresPool() Pool {
	n := max(8, 4*runtime.GOMAXPROCS(0))
	return Pool{MaxOpen: n, MaxIdle: n, MaxIdleTime: 5 * time.Minute}
}

// Apply sets db's pool to p.
func (p Pool) Apply(db *sql.DB) {
	db.SetMaxOpenConns(p.MaxOpen)
	db.SetMaxIdleConns(p.MaxIdle)
	db.SetConnMaxIdleTime(p.MaxIdleTime)
}
