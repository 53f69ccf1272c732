package gormstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"

	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/account"
)

// The two statements every request runs (read the caller's user; write a
// user whose identifiers did not change) go straight to GORM's connection
// pool, as prepared statements when it is a *sql.DB, with their rows
// scanned by hand: GORM's reflection and callbacks cost more than the query
// itself (profiled on PATCH /api/my-account with bench/). GORM's logger and
// plugins do not see these two statements.

// userColumns are the users table's columns, in the order of userRow's
// fields (see userRow.fields).
var userColumns = []string{
	"id", "username", "username_key", "primary_email", "email_key", "primary_phone", "name", "avatar",
	"profile", "custom_data", "password_hash", "password_updated_at", "logto_config", "is_suspended",
	"application_id", "last_sign_in_at", "created_at", "updated_at", "version",
}

// fields points at r's fields in userColumns' order, for Scan.
func (r *userRow) fields() []any {
	return []any{
		&r.ID, &r.Username, &r.UsernameKey, &r.PrimaryEmail, &r.EmailKey, &r.PrimaryPhone, &r.Name, &r.Avatar,
		&r.Profile, &r.CustomData, &r.PasswordHash, &r.PasswordUpdatedAt, &r.LogtoConfig, &r.IsSuspended,
		&r.ApplicationID, &r.LastSignInAt, &r.Created, &r.Updated, &r.Version,
	}
}

// hotStatements are the two statements, their SQL made once per store and
// prepared on first use. The UPDATE sets only the columns a change
// changed (a name: name, updated_at and version), so that SQLite leaves
// the indexes of the others alone; its variants are made and prepared as
// they come, one per set of columns.
type hotStatements struct {
	pool    gorm.ConnPool
	dialect string
	users   string // the quoted table name

	getUserSQL string

	once    sync.Once
	getUser *sql.Stmt // nil when the pool is not a *sql.DB, or preparing failed

	updates sync.Map // changed-column mask (uint32) -> *updateStatement
}

// updateStatement is the UPDATE of one set of columns.
type updateStatement struct {
	sql  string
	once sync.Once
	stmt *sql.Stmt // nil when not prepared
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
	h := &hotStatements{pool: s.db.Statement.ConnPool, dialect: s.dialect, users: s.q(s.t.users)}
	if db, ok := sqlDBOf(h.pool); ok {
		h.pool = db // prepared here, once: past GORM's statement cache too
	}
	var sel strings.Builder
	sel.WriteString("SELECT ")
	for _, c := range userColumns {
		sel.WriteString("u." + c + ", ")
	}
	sel.WriteString("i.target, i.social_user_id, i.details FROM " + h.users + " u LEFT JOIN " +
		s.q(s.t.identities) + " i ON i.user_id = u.id WHERE u.id = " + h.param(1))
	h.getUserSQL = sel.String()
	return h
}

// param is the n-th placeholder.
func (h *hotStatements) param(n int) string {
	if h.dialect == dialectPostgres {
		return fmt.Sprintf("$%d", n)
	}
	return "?"
}

// updateSQL is the UPDATE of the columns in mask (bit i: userColumns[i])
// and the version, of the row with an id and a version: its arguments are
// the masked columns' values in order, the new version, the id and the
// version read.
func (h *hotStatements) updateSQL(mask uint32) string {
	var b strings.Builder
	b.WriteString("UPDATE " + h.users + " SET ")
	n := 0
	for i, c := range userColumns {
		if mask&(1<<i) != 0 {
			n++
			b.WriteString(c + " = " + h.param(n) + ", ")
		}
	}
	b.WriteString("version = " + h.param(n+1) + " WHERE id = " + h.param(n+2) + " AND version = " + h.param(n+3))
	return b.String()
}

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
	})
	return u
}

// prepare prepares the read once, when the pool is a *sql.DB; if that
// fails, it runs unprepared.
func (h *hotStatements) prepare(ctx context.Context) {
	h.once.Do(func() {
		if db, ok := h.pool.(*sql.DB); ok {
			if st, err := db.PrepareContext(context.WithoutCancel(ctx), h.getUserSQL); err == nil {
				h.getUser = st
			}
		}
	})
}

// readUser reads the user's row, with its version, and its identity rows.
func (s *Store) readUser(ctx context.Context, id string) (userRow, []identityRow, bool, error) {
	h := s.hot
	h.prepare(ctx)
	var (
		rows *sql.Rows
		err  error
	)
	if h.getUser != nil {
		rows, err = h.getUser.QueryContext(ctx, id)
	} else {
		rows, err = h.pool.QueryContext(ctx, h.getUserSQL, id)
	}
	if err != nil {
		return userRow{}, nil, false, err
	}
	defer rows.Close()
	var (
		row   userRow
		ids   []identityRow
		found bool
	)
	for rows.Next() {
		var (
			r   userRow
			idn identityRow
			tgt *string
		)
		if err := rows.Scan(append(r.fields(), &tgt, &idn.SocialUserID, &idn.Details)...); err != nil {
			return userRow{}, nil, false, err
		}
		row, found = r, true
		if tgt != nil {
			idn.UserID, idn.Target = r.ID, *tgt
			ids = append(ids, idn)
		}
	}
	return row, ids, found, rows.Err()
}

// GetUser returns the user with this id, with its identities, in one query.
func (s *Store) GetUser(ctx context.Context, id string) (*account.User, error) {
	row, ids, found, err := s.readUser(ctx, id)
	if err != nil {
		return nil, wrap("get user", err)
	}
	if !found {
		return nil, notFound("no user %s", id)
	}
	return row.toUser(ids)
}

// unlockedTries is how many times UpdateUser tries its unlocked path before
// it takes the row lock.
const unlockedTries = 3

// UpdateUser changes a user; see account.Store. A change that leaves the
// identifiers and identities as they were (a name, a profile, a password,
// settings: most changes) takes the unlocked path: read the user, change
// it, and write the row in one UPDATE that only succeeds if the row's
// version is still the one read; another writer in between makes it read
// and try again. The write lock is held for that one statement only. A
// change of identifiers, or a change that keeps losing, takes the locked
// path (updateUserLocked), which checks the claims. Both paths count the
// version up, so each sees the other's writes.
func (s *Store) UpdateUser(ctx context.Context, id string, change func(u *account.User) error) (*account.User, error) {
	for range unlockedTries {
		out, next, err := s.updateUserUnlocked(ctx, id, change)
		switch next {
		case unlockedDone:
			return out, err
		case unlockedLock:
			return s.updateUserLocked(ctx, id, change)
		}
	}
	return s.updateUserLocked(ctx, id, change)
}

type unlockedNext int

const (
	unlockedDone  unlockedNext = iota // out and err are the answer
	unlockedRetry                     // the row changed since it was read
	unlockedLock                      // the change claims identifiers: lock
)

func (s *Store) updateUserUnlocked(ctx context.Context, id string, change func(u *account.User) error) (*account.User, unlockedNext, error) {
	old, oldIDs, found, err := s.readUser(ctx, id)
	if err != nil {
		return nil, unlockedDone, wrap("update user", err)
	}
	if !found {
		return nil, unlockedDone, notFound("no user %s", id)
	}
	u, err := old.toUser(oldIDs)
	if err != nil {
		return nil, unlockedDone, err
	}
	if err := change(u); err != nil {
		return nil, unlockedDone, err
	}
	if u.ID != id {
		return nil, unlockedDone, errIDChanged
	}
	row, ids, err := userToRows(u)
	if err != nil {
		return nil, unlockedDone, err
	}
	if len(claimsOf(&old, oldIDs, &row, ids)) > 0 || !sameIdentities(oldIDs, ids) {
		return nil, unlockedLock, nil
	}
	row.Version = old.Version + 1
	mask, args := changedColumns(&old, &row)
	args = append(args, row.Version, id, old.Version)

	n, err := s.execUpdateUser(ctx, mask, args)
	switch {
	case s.isDuplicate(err):
		return nil, unlockedLock, nil
	case err != nil:
		return nil, unlockedDone, wrap("update user", err)
	case n == 0:
		return nil, unlockedRetry, nil
	}
	out, err := row.toUser(ids)
	return out, unlockedDone, err
}

// execUpdateUser runs the conditional UPDATE of the columns in mask, on
// SQLite on a connection of its own in the store's write turn (see
// writeConn).
func (s *Store) execUpdateUser(ctx context.Context, mask uint32, args []any) (int64, error) {
	st := s.hot.update(ctx, mask)
	var conn *sql.Conn // SQLite: the writer's own connection, held with the turn
	if s.writeTurn != nil {
		c, release, err := s.writeConn(ctx)
		if err != nil {
			return 0, err
		}
		defer release()
		conn = c
	}
	var (
		res sql.Result
		err error
	)
	switch {
	case conn != nil:
		res, err = conn.ExecContext(ctx, st.sql, args...)
	case st.stmt != nil:
		res, err = st.stmt.ExecContext(ctx, args...)
	default:
		res, err = s.hot.pool.ExecContext(ctx, st.sql, args...)
	}
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// changedColumns returns the mask of the columns whose values differ
// between two rows of one user (id and version aside), and the new values
// of those columns in order.
func changedColumns(old, now *userRow) (uint32, []any) {
	was, is := old.fields(), now.fields()
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
	return mask, args
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

// derefField turns a pointer from userRow.fields into the value to bind.
func derefField(f any) any {
	switch p := f.(type) {
	case *string:
		return *p
	case **string:
		return *p
	case **int64:
		return *p
	case *int64:
		return *p
	case *bool:
		return *p
	}
	panic(fmt.Sprintf("gormstore: user field of type %T", f))
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
