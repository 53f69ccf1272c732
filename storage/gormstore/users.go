package gormstore

import (
	"context"
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
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		if err := tx.Table(s.t.users).Create(&row).Error; err != nil {
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
	return s.loadUser(s.conn(ctx), "find user", "u."+col+" = ?", key)
}

// FindUserBySocialIdentity returns the user holding the social identity.
func (s *Store) FindUserBySocialIdentity(ctx context.Context, target, socialUserID string) (*account.User, error) {
	if socialUserID == "" {
		return nil, notFound("no user with %s identity %q", target, socialUserID)
	}
	db := s.conn(ctx)
	holder := db.Table(s.t.identities).Select("user_id").Where("target = ? AND social_user_id = ?", target, socialUserID)
	return s.loadUser(db, "find user by social identity", "u.id = (?)", holder)
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

// loadUser reads the one user matching the condition (on columns of u, the
// users table) with its identities, in one query: the user's row joined
// with each of its identity rows, or with none.
func (s *Store) loadUser(db *gorm.DB, op string, cond string, args ...any) (*account.User, error) {
	var rows []userWithIdentity
	if err := s.withIdentities(db).Where(cond, args...).Find(&rows).Error; err != nil {
		return nil, wrap(op, err)
	}
	if len(rows) == 0 {
		return nil, notFound("no such user")
	}
	var ids []identityRow
	for _, r := range rows {
		if id, ok := r.identity(); ok {
			ids = append(ids, id)
		}
	}
	return rows[0].User.toUser(ids)
}

// withIdentities selects users (as u) each joined with each of its identity
// rows, or with none.
func (s *Store) withIdentities(db *gorm.DB) *gorm.DB {
	return db.Table(s.q(s.t.users) + " u").
		Select("u.*, i.target AS identity_target, i.social_user_id AS identity_social_user_id, i.details AS identity_details").
		Joins("LEFT JOIN " + s.q(s.t.identities) + " i ON i.user_id = u.id")
}

// identity is the identity row of r, if it joined one.
func (r *userWithIdentity) identity() (identityRow, bool) {
	if r.IdentityTarget == nil {
		return identityRow{}, false
	}
	return identityRow{UserID: r.User.ID, Target: *r.IdentityTarget, SocialUserID: r.IdentitySocialUserID, Details: r.IdentityDetails}, true
}

func (s *Store) loadIdentities(db *gorm.DB, userID string) ([]identityRow, error) {
	var ids []identityRow
	err := db.Table(s.t.identities).Where("user_id = ?", userID).Find(&ids).Error
	return ids, err
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
	claims    []claim
	changeErr error
}

// changeUserLocked changes the user inside tx: it locks the user's row,
// reads the user, calls change, checks the identifiers the change claims,
// and writes the row (its version one up) and the changed identities. A
// nil change locks and reads the user and writes nothing. It records what
// it did in lc, for lockedResult.
func (s *Store) changeUserLocked(tx *gorm.DB, id string, change func(u *account.User) error, lc *lockedChange) error {
	old, found, err := findOne[userRow](tx.Table(s.t.users).Clauses(lockRow).Where("id = ?", id))
	if err != nil {
		return err
	}
	if !found {
		return notFound("no user %s", id)
	}
	oldIDs, err := s.loadIdentities(tx, id)
	if err != nil {
		return err
	}
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
	lc.claims = claimsOf(&old, oldIDs, &row, ids)
	if err := s.checkClaims(tx, id, lc.claims); err != nil {
		return err
	}
	row.Version = old.Version + 1
	if err := tx.Table(s.t.users).Select("*").Where("id = ?", id).Updates(&row).Error; err != nil {
		return err
	}
	if err := s.writeIdentities(tx, id, oldIDs, ids); err != nil {
		return err
	}
	lc.out, err = row.toUser(ids)
	return err
}

// lockedResult is the answer of a transaction that ran changeUserLocked:
// the user written, the change's own error, or the store's.
func (s *Store) lockedResult(ctx context.Context, op, id string, lc *lockedChange, err error) (*account.User, error) {
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

// DeleteUser removes the user with their identities, social token sets, MFA
// factors (with backup codes) and verification records, in one transaction
// that first locks the user's row.
func (s *Store) DeleteUser(ctx context.Context, id string) error {
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		_, found, err := findOne[userRow](tx.Table(s.t.users).Clauses(lockRow).Select("id").Where("id = ?", id))
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
		} {
			if err := tx.Table(del.table).Where("user_id = ?", id).Delete(del.model).Error; err != nil {
				return err
			}
		}
		return tx.Table(s.t.users).Where("id = ?", id).Delete(&userRow{}).Error
	})
	return finish("delete user", err)
}
