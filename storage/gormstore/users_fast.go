package gormstore

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"sync/atomic"

	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/account"
)

// The statements every request runs (read the caller's user, or only its
// version when the user cache holds it; write a user whose identifiers did
// not change) go straight to GORM's connection pool, as prepared
// statements when it is a *sql.DB: GORM's callbacks cost more than the
// query itself (profiled on PATCH /api/my-account with bench/). GORM's
// logger and plugins do not see these statements. They are the SQL every
// other read and write of a user runs through GORM (user_columns.go),
// scanned by hand the same way.

// hotStatements are those statements, their SQL made once per store and
// prepared on first use. The UPDATE sets only the columns a change
// changed (a name: name, updated_at and version), so that SQLite leaves
// the indexes of the others alone; its variants are made and prepared as
// they come, one per set of columns.
type hotStatements struct {
	pool    gorm.ConnPool
	dialect string
	sql     userSQL

	once       sync.Once // prepares getUser and getVersion
	getUser    hotRead
	getVersion hotRead

	updates sync.Map // changed-column mask (uint32) -> *updateStatement
}

// A hotRead is one of the reads: its SQL and, once prepared, its statement.
type hotRead struct {
	sql  string
	stmt *sql.Stmt // nil when the pool is not a *sql.DB, or preparing failed
}

// query runs the read, prepared when it could be.
func (r *hotRead) query(ctx context.Context, pool gorm.ConnPool, args ...any) (*sql.Rows, error) {
	if r.stmt != nil {
		return r.stmt.QueryContext(ctx, args...)
	}
	return pool.QueryContext(ctx, r.sql, args...)
}

// queryRow runs the read of one row, prepared when it could be.
func (r *hotRead) queryRow(ctx context.Context, pool gorm.ConnPool, args ...any) *sql.Row {
	if r.stmt != nil {
		return r.stmt.QueryRowContext(ctx, args...)
	}
	return pool.QueryRowContext(ctx, r.sql, args...)
}

// updateStatement is the UPDATE of one set of columns.
type updateStatement struct {
	sql   string
	once  sync.Once
	stmt  *sql.Stmt   // nil when not prepared
	ready atomic.Bool // once has run: stmt is final
}

// sqlDBOf returns the *sql.DB under a GORM connection pool: the pool
// itself, or the one a PreparedStmtDB (gorm.Config.PrepareStmt) wraps.
func sqlDBOf(pool gorm.ConnPool) (*sql.DB, bool) {
	switch p := pool.(type) {
	case *sql.DB:
		return p, true
	case *gorm.PreparedStmtDB:
		return sqlDBOf(p.ConnPool)
	}
	return nil, false
}

func newHotStatements(s *Store) *hotStatements {
	h := &hotStatements{pool: s.db.Statement.ConnPool, dialect: s.dialect, sql: s.users}
	if db, ok := sqlDBOf(h.pool); ok {
		h.pool = db // prepared here, once: past GORM's statement cache too
	}
	h.getUser.sql = h.native(s.users.selectFrom + "u.id = ?")
	h.getVersion.sql = h.native(s.users.selectVersion)
	return h
}

// native is query with the dialect's own placeholders: GORM does not see
// these statements, so it does not translate them.
func (h *hotStatements) native(query string) string {
	if h.dialect == dialectPostgres {
		return numbered(query)
	}
	return query
}

// updateSQL is the UPDATE of the columns in mask (see userSQL.update).
func (h *hotStatements) updateSQL(mask uint32) string { return h.native(h.sql.update(mask)) }

// update returns the UPDATE of the columns in mask, prepared if it can be.
func (h *hotStatements) update(ctx context.Context, mask uint32) *updateStatement {
	v, ok := h.updates.Load(mask)
	if !ok {
		v, _ = h.updates.LoadOrStore(mask, &updateStatement{sql: h.updateSQL(mask)})
	}
	u := v.(*updateStatement)
	u.once.Do(func() {
		if db, ok := h.pool.(*sql.DB); ok {
			if st, err := db.PrepareContext(context.WithoutCancel(ctx), u.sql); err == nil {
				u.stmt = st
			}
		}
		u.ready.Store(true)
	})
	return u
}

// prepare prepares the two reads once, when the pool is a *sql.DB; a read
// that fails to prepare runs unprepared.
func (h *hotStatements) prepare(ctx context.Context) {
	h.once.Do(func() {
		db, ok := h.pool.(*sql.DB)
		if !ok {
			return
		}
		ctx := context.WithoutCancel(ctx)
		for _, r := range []*hotRead{&h.getUser, &h.getVersion} {
			if st, err := db.PrepareContext(ctx, r.sql); err == nil {
				r.stmt = st
			}
		}
	})
}

// readUser reads the user with this id, its version and its identity
// rows: the query of every read of a user (userSQL.selectFrom), prepared.
func (s *Store) readUser(ctx context.Context, id string) (*storedUser, bool, error) {
	h := s.hot
	h.prepare(ctx)
	rows, err := h.getUser.query(ctx, h.pool, id)
	if err != nil {
		return nil, false, err
	}
	users, err := scanUsers(rows)
	if err != nil || len(users) == 0 {
		return nil, false, err
	}
	return &users[0], true, nil
}

// readVersion reads the version of the user with this id: the prepared
// one-column read GetUser checks a cached user with.
func (s *Store) readVersion(ctx context.Context, id string) (version int64, found bool, err error) {
	h := s.hot
	h.prepare(ctx)
	switch err := h.getVersion.queryRow(ctx, h.pool, id).Scan(&version); {
	case errors.Is(err, sql.ErrNoRows):
		return 0, false, nil
	case err != nil:
		return 0, false, err
	}
	return version, true, nil
}

// GetUser returns the user with this id, with its identities. When the
// user cache holds the user, one read of the row's version tells whether
// the database still holds that user (every write of a user counts its
// version up, userCache): then the answer is the cached user, without
// reading and decoding the row and its identities; else it is read in one
// query. Either way the answer is what the database held at the read.
func (s *Store) GetUser(ctx context.Context, id string) (*account.User, error) {
	if cached := s.userCache.get(id); cached != nil {
		version, found, err := s.readVersion(ctx, id)
		switch {
		case err != nil:
			return nil, wrap("get user", err)
		case !found:
			s.userCache.drop(id)
			return nil, notFound("no user %s", id)
		case version == cached.stored.row.Version:
			return cached.user.Clone(), nil
		}
	}
	stored, found, err := s.readUser(ctx, id)
	if err != nil {
		return nil, wrap("get user", err)
	}
	if !found {
		s.userCache.drop(id)
		return nil, notFound("no user %s", id)
	}
	u, err := stored.row.toUser(stored.identities)
	if err != nil {
		return nil, err
	}
	s.userCache.putRead(stored, u)
	return u, nil
}

// unlockedTries is how many times UpdateUser tries its unlocked path before
// it takes the row lock.
const unlockedTries = 3

// UpdateUser changes a user; see account.Store. A change that leaves the
// identifiers and identities as they were (a name, a profile, a password,
// settings: most changes) takes the unlocked path: read the user, change
// it, and write the row in one UPDATE that only succeeds if the row's
// version is still the one read; another writer in between makes it read
// and try again. A change of identifiers, or a change that keeps losing,
// takes the locked path (updateUserLocked), which checks the claims. Both
// paths count the version up, so each sees the other's writes.
//
// The unlocked path runs in the store's queue for the user (userBatches),
// so the UPDATE of one request never loses to another request of the same
// instance, and the changes that queue up while one UPDATE runs go into
// the next one together. Only writers of other instances (or the locked
// path) can move the version in between. It changes the user as last read
// or written (userCache) rather than reading it again.
//
// On SQLite the read runs beside other writers; only the UPDATE takes the
// store's write turn (writeConn), alone in its transaction. A transaction
// around the read and the UPDATE would make every writer of the process
// wait for the read too, and for its BEGIN and COMMIT: on PATCH
// /api/my-account spread over many users, the write turn is what bounds
// the throughput (bench/). The conditional UPDATE keeps the read and the
// write one step: a writer of another process in between makes it fail
// and read again.
func (s *Store) UpdateUser(ctx context.Context, id string, change func(u *account.User) error) (*account.User, error) {
	out, next, err := s.updateUserInTurn(ctx, id, change)
	if next == unlockedDone {
		return out, err
	}
	return s.updateUserLocked(ctx, id, change)
}

type unlockedNext int

const (
	unlockedDone  unlockedNext = iota // out and err are the answer
	unlockedRetry                     // the row changed since it was read
	unlockedLock                      // the change claims identifiers: lock
)

// execUpdateUser runs the conditional UPDATE of the columns in mask,
// prepared, by itself (no transaction around it); on SQLite in the store's
// write turn.
func (s *Store) execUpdateUser(ctx context.Context, mask uint32, args []any) (int64, error) {
	st := s.hot.update(ctx, mask)
	if s.writeTurn != nil {
		if err := s.takeWriteTurn(ctx); err != nil {
			return 0, err
		}
		defer s.leaveWriteTurn()
	}
	var (
		res sql.Result
		err error
	)
	if st.stmt != nil {
		res, err = st.stmt.ExecContext(ctx, args...)
	} else {
		res, err = s.hot.pool.ExecContext(ctx, st.sql, args...)
	}
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// changedColumns returns the mask of the columns whose values differ
// between two rows of one user (id and version aside) and the arguments of
// their userSQL.update: the new values of those columns in order, now's
// version, the id and old's version.
func changedColumns(old, now *userRow) (uint32, []any) {
	var wasBuf, isBuf [len(userColumns)]any
	was, is := old.appendFields(wasBuf[:0]), now.appendFields(isBuf[:0])
	var (
		mask uint32
		args []any
	)
	for i := 1; i < len(is)-1; i++ {
		a, b := derefField(was[i]), derefField(is[i])
		if !sameValue(a, b) {
			mask |= 1 << i
			args = append(args, b)
		}
	}
	return mask, append(args, now.Version, now.ID, old.Version)
}

// sameValue compares two column values from derefField.
func sameValue(a, b any) bool {
	switch x := a.(type) {
	case *string:
		y := b.(*string)
		return x == nil && y == nil || x != nil && y != nil && *x == *y
	case *int64:
		y := b.(*int64)
		return x == nil && y == nil || x != nil && y != nil && *x == *y
	}
	return a == b
}

// sameIdentities reports whether two sets of a user's identity rows hold
// the same identities.
func sameIdentities(a, b []identityRow) bool {
	if len(a) != len(b) {
		return false
	}
	byTarget := identitiesByTarget(a)
	for _, n := range b {
		o, ok := byTarget[n.Target]
		if !ok || !sameIdentity(o, n) {
			return false
		}
	}
	return true
}
