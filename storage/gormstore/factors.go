package gormstore

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
)

// A user's factors keep their order in the position column: a factor
// bound after the others goes after the user's greatest position, one bound
// in place of another takes its position. Binds of one user take turns on
// the user's row, so no two factors share a position.
const factorOrder = "position, id"

// Every write that touches a factor and its backup codes locks the factor
// row before the code rows, and BindFactor locks the user's row before
// both, as DeleteUser does, so two such writes never deadlock on Postgres.

// BindFactor binds f and changes its user in one transaction: it locks the
// user's row and writes the user (changeUserLocked), then puts f in. Any
// failure rolls both back. The unique indexes refuse a taken id, a second
// TOTP or backup-code factor, and a taken credential id: ErrConflict.
func (s *Store) BindFactor(ctx context.Context, f *mfa.Factor, replacing string, change func(u *account.User) error) (*account.User, error) {
	var lc lockedChange
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		if err := s.changeUserLocked(tx, f.UserID, change, &lc); err != nil {
			return err
		}
		err := s.putFactor(tx, f, replacing)
		if s.isDuplicate(err) {
			return conflict("factor %s of user %s: id, single factor type or credential id taken", f.ID, f.UserID)
		}
		return err
	})
	return s.lockedResult(ctx, "bind factor", f.UserID, &lc, err)
}

// putFactor inserts f after its user's factors or, when replacing is not
// empty, locks the user's factor replacing and puts f in its place.
func (s *Store) putFactor(tx *gorm.DB, f *mfa.Factor, replacing string) error {
	if replacing == "" {
		var last int64
		err := tx.Table(s.t.factors).Select("CAST(COALESCE(MAX(position), 0) AS BIGINT)").
			Where("user_id = ?", f.UserID).Scan(&last).Error
		if err != nil {
			return err
		}
		return s.insertFactor(tx, f, last+1)
	}
	old, found, err := findOne[factorRow](tx.Table(s.t.factors).Clauses(lockRow).Select("id", "position").
		Where("id = ? AND user_id = ?", replacing, f.UserID))
	if err != nil {
		return err
	}
	if !found {
		return conflict("user %s has no factor %s to replace", f.UserID, replacing)
	}
	if err := s.deleteFactor(tx, replacing); err != nil {
		return err
	}
	return s.insertFactor(tx, f, old.Position)
}

// insertFactor inserts f at position, with its backup codes.
func (s *Store) insertFactor(tx *gorm.DB, f *mfa.Factor, position int64) error {
	row, codes, err := factorToRows(f, position)
	if err != nil {
		return err
	}
	if err := tx.Table(s.t.factors).Create(&row).Error; err != nil {
		return err
	}
	if len(codes) > 0 {
		return tx.Table(s.t.codes).Create(&codes).Error
	}
	return nil
}

// deleteFactor deletes a factor and its backup codes.
func (s *Store) deleteFactor(tx *gorm.DB, id string) error {
	if err := tx.Table(s.t.factors).Where("id = ?", id).Delete(&factorRow{}).Error; err != nil {
		return err
	}
	return tx.Table(s.t.codes).Where("factor_id = ?", id).Delete(&backupCodeRow{}).Error
}

// ListFactors returns the user's factors in order.
func (s *Store) ListFactors(ctx context.Context, userID string) ([]*mfa.Factor, error) {
	db := s.conn(ctx)
	var rows []factorRow
	if err := db.Table(s.t.factors).Where("user_id = ?", userID).Order(factorOrder).Find(&rows).Error; err != nil {
		return nil, wrap("list factors", err)
	}
	factors := make([]*mfa.Factor, 0, len(rows))
	if len(rows) == 0 {
		return factors, nil
	}
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var codes []backupCodeRow
	if err := db.Table(s.t.codes).Where("factor_id IN ?", ids).Order("factor_id, idx").Find(&codes).Error; err != nil {
		return nil, wrap("list factors", err)
	}
	byFactor := make(map[string][]backupCodeRow)
	for _, c := range codes {
		byFactor[c.FactorID] = append(byFactor[c.FactorID], c)
	}
	for i := range rows {
		f, err := rows[i].toFactor(byFactor[rows[i].ID])
		if err != nil {
			return nil, err
		}
		factors = append(factors, f)
	}
	return factors, nil
}

// GetFactor returns the user's factor with this id.
func (s *Store) GetFactor(ctx context.Context, userID, id string) (*mfa.Factor, error) {
	return s.loadFactor(s.conn(ctx), "get factor", "id = ? AND user_id = ?", id, userID)
}

// FindWebAuthnCredential returns the factor holding this credential id.
func (s *Store) FindWebAuthnCredential(ctx context.Context, credentialID []byte) (*mfa.Factor, error) {
	if len(credentialID) == 0 {
		return nil, notFound("no WebAuthn credential with an empty id")
	}
	return s.loadFactor(s.conn(ctx), "find WebAuthn credential", "credential_id = ?", credentialID)
}

// loadFactor reads the one factor matching the condition, with its codes.
func (s *Store) loadFactor(db *gorm.DB, op, cond string, args ...any) (*mfa.Factor, error) {
	row, found, err := findOne[factorRow](db.Table(s.t.factors).Where(cond, args...))
	if err != nil {
		return nil, wrap(op, err)
	}
	if !found {
		return nil, notFound("no such factor")
	}
	var codes []backupCodeRow
	if err := db.Table(s.t.codes).Where("factor_id = ?", row.ID).Order("idx").Find(&codes).Error; err != nil {
		return nil, wrap(op, err)
	}
	return row.toFactor(codes)
}

// RenameFactor sets the name of the user's WebAuthn factor id.
func (s *Store) RenameFactor(ctx context.Context, userID, id, name string) error {
	res := s.conn(ctx).Table(s.t.factors).
		Where("id = ? AND user_id = ? AND type = ? AND sign_count IS NOT NULL", id, userID, string(mfa.TypeWebAuthn)).
		Update("name", nullable(name))
	if res.Error != nil {
		return wrap("rename factor", res.Error)
	}
	if res.RowsAffected == 0 {
		return notFound("user %s has no WebAuthn factor %s", userID, id)
	}
	return nil
}

// DeleteFactor removes the user's factor id and its backup codes.
func (s *Store) DeleteFactor(ctx context.Context, userID, id string) error {
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		res := tx.Table(s.t.factors).Where("id = ? AND user_id = ?", id, userID).Delete(&factorRow{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return notFound("user %s has no factor %s", userID, id)
		}
		return tx.Table(s.t.codes).Where("factor_id = ?", id).Delete(&backupCodeRow{}).Error
	})
	return finish("delete factor", err)
}

// UseBackupCode marks one backup code used, in a transaction that locks the
// factor and then updates the code only while it is unused: of concurrent
// callers, the one whose UPDATE changes the code's row wins. at must not be
// the zero time, which the store keeps as "unused".
func (s *Store) UseBackupCode(ctx context.Context, userID, id string, index int, at time.Time) error {
	if at.IsZero() {
		// A zero time is NULL: the code would stay unused.
		return errors.New("gormstore: use backup code: zero time")
	}
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		_, found, err := findOne[factorRow](tx.Table(s.t.factors).Clauses(lockRow).Select("id").
			Where("id = ? AND user_id = ?", id, userID))
		if err != nil {
			return err
		}
		if !found {
			return notFound("user %s has no factor %s", userID, id)
		}
		used := micros(at)
		res := tx.Table(s.t.codes).Where("factor_id = ? AND idx = ? AND used_at IS NULL", id, index).
			Update("used_at", used)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			var n int64
			if err := tx.Table(s.t.codes).Where("factor_id = ? AND idx = ?", id, index).Count(&n).Error; err != nil {
				return err
			}
			if n == 0 {
				return notFound("factor %s has no backup code %d", id, index)
			}
			return conflict("backup code %d of factor %s already used", index, id)
		}
		return tx.Table(s.t.factors).Where("id = ?", id).Update("last_used_at", used).Error
	})
	return finish("use backup code", err)
}

// AdvanceTOTPStep moves the TOTP factor's last used step forward, in one
// conditional UPDATE: of concurrent callers with one step, the one whose
// UPDATE changes the row wins; Postgres re-checks the condition on the row
// a concurrent winner wrote.
func (s *Store) AdvanceTOTPStep(ctx context.Context, userID, id string, step int64, at time.Time) error {
	res := s.conn(ctx).Table(s.t.factors).
		Where("id = ? AND user_id = ? AND totp_last_used_step IS NOT NULL AND totp_last_used_step < ?", id, userID, step).
		Updates(map[string]any{"totp_last_used_step": step, "last_used_at": micros(at)})
	if res.Error != nil {
		return wrap("advance TOTP step", res.Error)
	}
	if res.RowsAffected == 0 {
		return s.whyNotAdvanced(ctx, "advance TOTP step", userID, id, "totp_last_used_step")
	}
	return nil
}

// AdvanceSignCount records a WebAuthn sign-in, in one conditional UPDATE
// like AdvanceTOTPStep.
func (s *Store) AdvanceSignCount(ctx context.Context, userID, id string, signCount uint32, backupState bool, at time.Time) error {
	cond := "id = ? AND user_id = ? AND sign_count IS NOT NULL AND sign_count < ?"
	if signCount == 0 {
		// Authenticators without a counter always report 0.
		cond = "id = ? AND user_id = ? AND sign_count = ?"
	}
	res := s.conn(ctx).Table(s.t.factors).Where(cond, id, userID, int64(signCount)).
		Updates(map[string]any{"sign_count": int64(signCount), "backup_state": backupState, "last_used_at": micros(at)})
	if res.Error != nil {
		return wrap("advance sign count", res.Error)
	}
	if res.RowsAffected == 0 {
		return s.whyNotAdvanced(ctx, "advance sign count", userID, id, "sign_count")
	}
	return nil
}

// whyNotAdvanced tells why a conditional advance changed nothing: the user
// has no such factor (ErrNotFound), or the stored value is not older
// (ErrConflict). column is the one that holds the value, NULL when the
// factor is of another kind.
func (s *Store) whyNotAdvanced(ctx context.Context, op, userID, id, column string) error {
	var n int64
	err := s.conn(ctx).Table(s.t.factors).Where("id = ? AND user_id = ? AND "+column+" IS NOT NULL", id, userID).Count(&n).Error
	if err != nil {
		return wrap(op, err)
	}
	if n == 0 {
		return notFound("user %s has no such factor %s", userID, id)
	}
	return conflict("factor %s: %s is not older", id, column)
}
