package gormstore

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/myaccount-go/myaccount/account"
)

// errIDChanged is what UpdateUser returns when change altered the user's id.
var errIDChanged = errors.New("gormstore: UpdateUser: change must not alter the user id")

// lockRow is the clause that locks the rows a query reads until the
// transaction ends (Postgres); the SQLite dialector leaves it out, and
// SQLite's immediate transactions hold the whole database instead.
var lockRow = clause.Locking{Strength: "UPDATE"}

// CreateUser inserts u and its social identities in one transaction. It
// fails with ErrConflict when the id is taken, and with a *ConflictError
// when u claims an identifier another user holds.
func (s *Store) CreateUser(ctx context.Context, u *account.User) error {
	row, ids, err := userToRows(u)
	if err != nil {
		return err
	}
	row.Version = firstVersion()
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		if err := tx.Exec(s.users.insert, row.values()...).Error; err != nil {
			return err
		}
		if len(ids) > 0 {
			return tx.Table(s.t.identities).Create(&ids).Error
		}
		return nil
	})
	if s.isDuplicate(err) {
		return s.createConflict(ctx, u.ID, claimsOf(nil, nil, &row, ids))
	}
	return wrap("create user", err)
}

// firstVersion is the version of a new user's row: random, below 2^62, so
// that a user created again under the id of a deleted one does not take up
// its versions (see userCache), and counting up never overflows.
func firstVersion() int64 {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read does not fail
	return int64(binary.BigEndian.Uint64(b[:]) >> 2)
}

// createConflict tells why CreateUser hit a unique index: the id, or which
// identifier.
func (s *Store) createConflict(ctx context.Context, id string, claims []claim) error {
	var n int64
	if err := s.conn(ctx).Table(s.t.users).Where("id = ?", id).Count(&n).Error; err != nil {
		return wrap("create user", err)
	}
	if n > 0 {
		return conflict("user %s already exists", id)
	}
	return s.raceConflict(ctx, id, claims)
}

// FindUser returns the user holding the username key, email key or phone.
func (s *Store) FindUser(ctx context.Context, kind account.IdentifierKind, key string) (*account.User, error) {
	col, ok := identifierColumn(kind)
	if !ok {
		return nil, fmt.Errorf("gormstore: find user: identifier kind %q is not username, email or phone", kind)
	}
	if key == "" {
		// Unset identifiers are NULL and match nothing.
		return nil, notFound("no user with %s %q", kind, key)
	}
	return s.findUser(s.conn(ctx), "find user", "u."+col+" = ?", key)
}

// FindUserBySocialIdentity returns the user holding the social identity.
func (s *Store) FindUserBySocialIdentity(ctx context.Context, target, socialUserID string) (*account.User, error) {
	if socialUserID == "" {
		return nil, notFound("no user with %s identity %q", target, socialUserID)
	}
	return s.findUser(s.conn(ctx), "find user by social identity",
		"u.id = (SELECT user_id FROM "+s.q(s.t.identities)+" WHERE target = ? AND social_user_id = ?)", target, socialUserID)
}

// identifierColumn names the users column that holds an identifier kind.
func identifierColumn(kind account.IdentifierKind) (string, bool) {
	switch kind {
	case account.IdentifierUsername:
		return "username_key", true
	case account.IdentifierEmail:
		return "email_key", true
	case account.IdentifierPhone:
		return "primary_phone", true
	}
	return "", false
}

// readUsers reads the users matching the condition (on columns of u, the
// users table) with their identities, in one query through GORM: the query
// of every read of a user (userSQL.selectFrom), which GetUser runs
// prepared instead.
func (s *Store) readUsers(db *gorm.DB, cond string, args ...any) ([]storedUser, error) {
	rows, err := db.Raw(s.users.selectFrom+cond, args...).Rows()
	if err != nil {
		return nil, err
	}
	return scanUsers(rows)
}

// findUser returns the one user matching the condition, or ErrNotFound.
func (s *Store) findUser(db *gorm.DB, op string, cond string, args ...any) (*account.User, error) {
	users, err := s.readUsers(db, cond, args...)
	if err != nil {
		return nil, wrap(op, err)
	}
	if len(users) == 0 {
		return nil, notFound("no such user")
	}
	return users[0].row.toUser(users[0].identities)
}

// lockUser locks the user's row until tx ends and reports whether there is
// one. On SQLite the lock clause is left out: the immediate transaction
// holds the whole database.
func (s *Store) lockUser(tx *gorm.DB, id string) (bool, error) {
	var ids []string
	err := tx.Table(s.t.users).Clauses(lockRow).Where("id = ?", id).Limit(1).Pluck("id", &ids).Error
	return len(ids) > 0, err
}

// updateUserLocked changes the user in one transaction (changeUserLocked).
// UpdateUser takes this path for a change of identifiers, and when its
// unlocked path keeps losing races.
func (s *Store) updateUserLocked(ctx context.Context, id string, change func(u *account.User) error) (*account.User, error) {
	var lc lockedChange
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		return s.changeUserLocked(tx, id, change, &lc)
	})
	return s.lockedResult(ctx, "update user", id, &lc, err)
}

// lockedChange is what changeUserLocked did: the user as written, the
// identifiers the change claims, and the change's own error.
type lockedChange struct {
	out       *account.User
	written   *storedUser // the rows written, for the user cache
	claims    []claim
	changeErr error
}

// changeUserLocked changes the user inside tx: it locks the user's row,
// reads the user, calls change, checks the identifiers the change claims,
// and writes the row (its version one up) and the changed identities. A
// nil change locks and reads the user and writes nothing. It records what
// it did in lc, for lockedResult.
func (s *Store) changeUserLocked(tx *gorm.DB, id string, change func(u *account.User) error, lc *lockedChange) error {
	// The lock first, the read after: a read joined with the lock would
	// see the identities as they were before the write it waited for.
	found, err := s.lockUser(tx, id)
	if err != nil {
		return err
	}
	var stored []storedUser
	if found {
		if stored, err = s.readUsers(tx, "u.id = ?", id); err != nil {
			return err
		}
	}
	if len(stored) == 0 {
		return notFound("no user %s", id)
	}
	old, oldIDs := &stored[0].row, stored[0].identities
	u, err := old.toUser(oldIDs)
	if err != nil {
		return err
	}
	if change == nil {
		lc.out = u
		return nil
	}
	if err := change(u); err != nil {
		lc.changeErr = err
		return err
	}
	if u.ID != id {
		return errIDChanged
	}
	row, ids, err := userToRows(u)
	if err != nil {
		return err
	}
	lc.claims = claimsOf(old, oldIDs, &row, ids)
	if err := s.checkClaims(tx, id, lc.claims); err != nil {
		return err
	}
	row.Version = old.Version + 1
	mask, args := changedColumns(old, &row)
	res := tx.Exec(s.users.update(mask), args...)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected != 1 {
		return fmt.Errorf("gormstore: user %s changed while locked", id)
	}
	if err := s.writeIdentities(tx, id, oldIDs, ids); err != nil {
		return err
	}
	lc.out, err = row.toUser(ids)
	lc.written = &storedUser{row: row, identities: ids}
	return err
}

// lockedResult is the answer of a transaction that ran changeUserLocked:
// the user written, the change's own error, or the store's. It caches the
// user written (userCache), or forgets the user when the transaction
// failed.
func (s *Store) lockedResult(ctx context.Context, op, id string, lc *lockedChange, err error) (*account.User, error) {
	if err == nil && lc.written != nil {
		s.userCache.put(lc.written, lc.out.Clone())
	} else if err != nil {
		s.userCache.drop(id)
	}
	switch {
	case lc.changeErr != nil:
		return nil, lc.changeErr
	case s.isDuplicate(err):
		// Another transaction claimed an identifier between our check and
		// our write; the unique index refused ours.
		return nil, s.raceConflict(ctx, id, lc.claims)
	case err != nil:
		if errors.Is(err, errIDChanged) {
			return nil, err
		}
		return nil, finish(op, err)
	}
	return lc.out, nil
}

// writeIdentities turns the user's identity rows from old into new.
func (s *Store) writeIdentities(tx *gorm.DB, userID string, old, new []identityRow) error {
	keep := identitiesByTarget(new)
	var gone []string
	for _, o := range old {
		if _, ok := keep[o.Target]; !ok {
			gone = append(gone, o.Target)
		}
	}
	if len(gone) > 0 {
		if err := tx.Table(s.t.identities).Where("user_id = ? AND target IN ?", userID, gone).Delete(&identityRow{}).Error; err != nil {
			return err
		}
	}
	was := identitiesByTarget(old)
	var added []identityRow
	for _, n := range new {
		o, ok := was[n.Target]
		switch {
		case !ok:
			added = append(added, n)
		case !sameIdentity(o, n):
			err := tx.Table(s.t.identities).Where("user_id = ? AND target = ?", userID, n.Target).
				Updates(map[string]any{"social_user_id": n.SocialUserID, "details": n.Details}).Error
			if err != nil {
				return err
			}
		}
	}
	if len(added) > 0 {
		return tx.Table(s.t.identities).Create(&added).Error
	}
	return nil
}

// DeleteUser removes the user with their identities (social and SSO), social token sets, MFA
// factors (with backup codes) and verification records, in one transaction
// that first locks the user's row.
func (s *Store) DeleteUser(ctx context.Context, id string) error {
	defer s.userCache.drop(id)
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		found, err := s.lockUser(tx, id)
		if err != nil {
			return err
		}
		if !found {
			return notFound("no user %s", id)
		}
		// Factors before their codes, the order every factor write
		// takes its locks in.
		var factorIDs []string
		if err := tx.Table(s.t.factors).Clauses(lockRow).Where("user_id = ?", id).Pluck("id", &factorIDs).Error; err != nil {
			return err
		}
		if len(factorIDs) > 0 {
			if err := tx.Table(s.t.codes).Where("factor_id IN ?", factorIDs).Delete(&backupCodeRow{}).Error; err != nil {
				return err
			}
		}
		for _, del := range []struct {
			table string
			model any
		}{
			{s.t.factors, &factorRow{}},
			{s.t.records, &recordRow{}},
			{s.t.identities, &identityRow{}},
			{s.t.tokenSets, &tokenSetRow{}},
			{s.t.accessTokens, &accessTokenRow{}},
			{s.t.ssoIdentities, &ssoIdentityRow{}},
		} {
			if err := tx.Table(del.table).Where("user_id = ?", id).Delete(del.model).Error; err != nil {
				return err
			}
		}
		return tx.Exec("DELETE FROM "+s.users.users+" WHERE id = ?", id).Error
	})
	return finish("delete user", err)
}
