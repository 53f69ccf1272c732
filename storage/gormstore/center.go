package gormstore

import (
	"context"
	"errors"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/myaccount-go/myaccount/account"
)

// centerID is the id of the one account-center row (Logto's "default").
const centerID = "default"

// GetAccountCenter returns the stored account-center settings, or
// ErrNotFound when none were ever saved.
func (s *Store) GetAccountCenter(ctx context.Context) (*account.AccountCenter, error) {
	row, found, err := findOne[centerRow](s.conn(ctx).Table(s.t.centers).Where("id = ?", centerID))
	if err != nil {
		return nil, wrap("get account center", err)
	}
	if !found {
		return nil, notFound("no account-center settings")
	}
	return row.toCenter()
}

// UpdateAccountCenter changes the settings in one transaction that locks
// their row first. When no settings are stored yet, it inserts the zero
// settings (a no-op when a concurrent call inserted them first) and locks
// that row, so concurrent first updates also take turns.
func (s *Store) UpdateAccountCenter(ctx context.Context, change func(c *account.AccountCenter) error) (*account.AccountCenter, error) {
	var (
		out       *account.AccountCenter
		changeErr error
	)
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		lock := func() (centerRow, bool, error) {
			return findOne[centerRow](tx.Table(s.t.centers).Clauses(lockRow).Where("id = ?", centerID))
		}
		row, found, err := lock()
		if err == nil && !found {
			zero, _ := centerToRow(&account.AccountCenter{})
			if err := tx.Table(s.t.centers).Clauses(clause.OnConflict{DoNothing: true}).Create(&zero).Error; err != nil {
				return err
			}
			row, found, err = lock()
		}
		if err != nil {
			return err
		}
		if !found {
			return errors.New("account-center row missing after insert")
		}
		c, err := row.toCenter()
		if err != nil {
			return err
		}
		if err := change(c); err != nil {
			changeErr = err
			return err
		}
		if row, err = centerToRow(c); err != nil {
			return err
		}
		if err := tx.Table(s.t.centers).Select("*").Where("id = ?", centerID).Updates(&row).Error; err != nil {
			return err
		}
		out, err = row.toCenter()
		return err
	})
	if changeErr != nil {
		return nil, changeErr
	}
	if err != nil {
		return nil, finish("update account center", err)
	}
	return out, nil
}
