package gormstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/verification"
)

// DefaultTablePrefix is the prefix of every table and index name unless
// WithTablePrefix says otherwise.
const DefaultTablePrefix = "myaccount_"

// maxPrefixLen keeps every generated name within Postgres's 63-byte limit
// on identifiers (the longest suffix is 26 bytes).
const maxPrefixLen = 32

// The two dialects the store speaks, by gorm.Dialector.Name.
const (
	dialectSQLite   = "sqlite"
	dialectPostgres = "postgres"
)

// Store keeps everything the myaccount domain persists in a SQL database
// through GORM. It implements account.Store, verification.Store and
// mfa.Store. It is safe for concurrent use, and any number of Stores (in one
// process or many) may share one database.
type Store struct {
	db      *gorm.DB
	dialect string
	prefix  string
	t       tables

	// txOptions are the options of every transaction the store begins.
	txOptions *sql.TxOptions
	// writeTurn, on SQLite, lets one of the store's transactions run at a
	// time (see transaction); nil on Postgres.
	writeTurn chan struct{}
	// userBatches queues UpdateUser's calls per user (user_batches.go);
	// counterTurns, on Postgres, lets one AddHit per counter run at a
	// time (row_turns.go).
	userBatches  userBatches
	counterTurns rowTurns
	// userCache holds the users read and written last (user_cache.go).
	userCache userCache
	// users holds the SQL of the users table (user_columns.go).
	users userSQL
	// hot holds the statements of the hot path (users_fast.go).
	hot *hotStatements
}

var (
	_ account.Store      = (*Store)(nil)
	_ verification.Store = (*Store)(nil)
	_ mfa.Store          = (*Store)(nil)
)

// tables holds the prefixed table names, unquoted; Store.q quotes them for
// raw SQL.
type tables struct {
	users, identities, centers, records, counters, hits, factors, codes, tokenSets, accessTokens, ssoIdentities string
	// schemaVersions records the schema steps Migrate applied.
	schemaVersions string
}

func newTables(prefix string) tables {
	return tables{
		users:      prefix + "users",
		identities: prefix + "identities",
		centers:    prefix + "account_centers",
		records:    prefix + "verification_records",
		counters:   prefix + "counters",
		hits:       prefix + "hits",
		factors:    prefix + "mfa_factors",
		codes:      prefix + "mfa_backup_codes",
		tokenSets:  prefix + "token_sets",

		accessTokens: prefix + "personal_access_tokens",

		ssoIdentities: prefix + "user_sso_identities",

		schemaVersions: prefix + "schema_versions",
	}
}

// all lists every table Migrate creates, in the order it creates them.
// Copy and DropTables walk this list: a new table belongs here.
func (t tables) all() []string {
	return []string{t.schemaVersions, t.users, t.identities, t.centers, t.records, t.counters, t.hits, t.factors, t.codes, t.tokenSets, t.accessTokens, t.ssoIdentities}
}

// Option configures a Store.
type Option func(*options)

type options struct {
	prefix string
}

// WithTablePrefix sets the prefix of every table and index name the store
// uses (DefaultTablePrefix when not given). The prefix may be empty or hold
// up to 32 ASCII letters, digits and underscores. Stores with different
// prefixes in one database are independent of each other.
func WithTablePrefix(prefix string) Option {
	return func(o *options) { o.prefix = prefix }
}

// New returns a Store that works through db. db must use a SQLite or a
// Postgres dialector; the store keeps its own session of db, so conditions
// chained on db do not leak into its queries. New does not touch the
// database: call Migrate to create the tables.
//
// On SQLite, open db with SQLiteDSN (or the same settings) so concurrent
// writers wait for each other instead of failing.
func New(db *gorm.DB, opts ...Option) (*Store, error) {
	if db == nil {
		return nil, errors.New("gormstore: nil *gorm.DB")
	}
	o := options{prefix: DefaultTablePrefix}
	for _, opt := range opts {
		opt(&o)
	}
	if err := validPrefix(o.prefix); err != nil {
		return nil, err
	}
	s := &Store{
		// Each statement the store runs outside a transaction is atomic by
		// itself: GORM's default wrapping transaction would only add round
		// trips (and, on SQLite, write locks).
		db:     db.Session(&gorm.Session{NewDB: true, SkipDefaultTransaction: true}),
		prefix: o.prefix,
		t:      newTables(o.prefix),
	}
	switch name := db.Dialector.Name(); name {
	case dialectSQLite:
		s.dialect = dialectSQLite
		s.writeTurn = make(chan struct{}, 1)
	case dialectPostgres:
		s.dialect = dialectPostgres
		// The locked read-modify-writes need each statement to see what
		// the transactions it waited for committed: READ COMMITTED, the
		// Postgres default, which an app may have changed.
		s.txOptions = &sql.TxOptions{Isolation: sql.LevelReadCommitted}
	default:
		return nil, fmt.Errorf("gormstore: unsupported dialect %q (want sqlite or postgres)", name)
	}
	s.users = newUserSQL(s.q(s.t.users), s.q(s.t.identities))
	s.hot = newHotStatements(s)
	return s, nil
}

func validPrefix(p string) error {
	if len(p) > maxPrefixLen {
		return fmt.Errorf("gormstore: table prefix %q is longer than %d bytes", p, maxPrefixLen)
	}
	for _, c := range p {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return fmt.Errorf("gormstore: table prefix %q may hold only ASCII letters, digits and underscores", p)
		}
	}
	return nil
}

// q quotes a table or index name for raw SQL, as GORM quotes the names given
// to db.Table, so both name the same object whatever the prefix's case.
func (s *Store) q(name string) string {
	var b strings.Builder
	s.db.Dialector.QuoteTo(&b, name)
	return b.String()
}

// conn returns the store's session bound to ctx.
func (s *Store) conn(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }

// transaction runs fn in one transaction (see the package doc for how it
// serializes writers on each database). fn's error is returned as it is.
// On Postgres a failed statement aborts the transaction: fn must return as
// soon as one fails.
//
// On SQLite the store's transactions also take turns within the process.
// SQLite has one write lock per database and SQLiteDSN's transactions take
// it when they begin, so only one runs at a time anyway; but a transaction
// that finds the lock taken waits in SQLite's busy handler, which sleeps 1
// ms, then 2, then 5 and more between tries, while a write transaction
// takes a fraction of a millisecond. Queueing here instead hands the lock
// on at once: under load (PATCH /api/my-account at 32 connections, bench/)
// about half again the throughput, and a p99 latency of 20 ms instead of
// over 100. Other processes on the same file still meet SQLite's lock and
// busy timeout.
func (s *Store) transaction(ctx context.Context, fn func(tx *gorm.DB) error) error {
	db := s.conn(ctx)
	if s.writeTurn != nil {
		conn, release, err := s.writeConn(ctx)
		if err != nil {
			return err
		}
		defer release()
		if conn != nil {
			db = db.Session(&gorm.Session{})
			db.Statement.ConnPool = conn
		}
	}
	if s.txOptions != nil {
		return db.Transaction(fn, s.txOptions)
	}
	return db.Transaction(fn)
}

// writeConn takes, on SQLite, the store's write turn and then a
// connection of the pool, in that order, and returns the connection (nil
// when the pool is not a *sql.DB) and the function that gives both back.
//
// Every writer takes the turn before it takes a connection, and no one
// waits for the turn while holding one of the store's connections: so the
// writer holding the turn waits for a connection at most as long as a
// read runs, and never for a connection held by a writer waiting for the
// turn (which, on a bounded pool, would wait for each other forever).
func (s *Store) writeConn(ctx context.Context) (*sql.Conn, func(), error) {
	if err := s.takeWriteTurn(ctx); err != nil {
		return nil, nil, err
	}
	db, ok := sqlDBOf(s.db.Statement.ConnPool)
	if !ok {
		return nil, s.leaveWriteTurn, nil
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		s.leaveWriteTurn()
		return nil, nil, err
	}
	return conn, func() {
		_ = conn.Close()
		s.leaveWriteTurn()
	}, nil
}

// takeWriteTurn waits for SQLite's write turn of the store, or for ctx to
// end; leaveWriteTurn gives it back.
func (s *Store) takeWriteTurn(ctx context.Context) error {
	select {
	case s.writeTurn <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *Store) leaveWriteTurn() { <-s.writeTurn }

// isDuplicate reports whether err is a unique-index violation. It asks the
// dialector to translate the driver's error, so it works whether or not the
// app opened GORM with TranslateError, and without importing a driver.
func (s *Store) isDuplicate(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return true
	}
	if t, ok := s.db.Dialector.(gorm.ErrorTranslator); ok {
		return errors.Is(t.Translate(err), gorm.ErrDuplicatedKey)
	}
	return false
}

// notFound wraps account.ErrNotFound with what was looked for.
func notFound(format string, args ...any) error {
	return fmt.Errorf("gormstore: %s: %w", fmt.Sprintf(format, args...), account.ErrNotFound)
}

// conflict wraps account.ErrConflict with what clashed.
func conflict(format string, args ...any) error {
	return fmt.Errorf("gormstore: %s: %w", fmt.Sprintf(format, args...), account.ErrConflict)
}

// wrap adds the operation to an unexpected database error.
func wrap(op string, err error) error {
	if err == nil {
		return nil
	}
	if unavailable(err) {
		return fmt.Errorf("gormstore: %s: %w: %w", op, account.ErrUnavailable, err)
	}
	return fmt.Errorf("gormstore: %s: %w", op, err)
}

// findOne runs query for at most one row. Unlike Take it does not report a
// missing row as an error, which GORM's logger would log as one: BlockedUntil
// and the first hit of a key miss routinely.
func findOne[T any](query *gorm.DB) (T, bool, error) {
	var rows []T
	if err := query.Limit(1).Find(&rows).Error; err != nil || len(rows) == 0 {
		var zero T
		return zero, false, err
	}
	return rows[0], true, nil
}

// finish returns the store's own errors (ErrNotFound, ErrConflict) as they
// are and wraps any other error with the operation.
func finish(op string, err error) error {
	if err == nil || errors.Is(err, account.ErrNotFound) || errors.Is(err, account.ErrConflict) {
		return err
	}
	return wrap(op, err)
}
