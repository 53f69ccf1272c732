package gormstore

import (
	"context"

	"gorm.io/gorm/clause"

	"github.com/myaccount-go/myaccount/account"
)

// tokenSetUpsert makes an insert of a token-set row replace the row of the
// same (user, target) in the same statement, so concurrent puts of one pair
// never meet the primary key as a duplicate: the last one written wins.
var tokenSetUpsert = clause.OnConflict{
	Columns:   []clause.Column{{Name: "user_id"}, {Name: "target"}},
	DoUpdates: clause.AssignmentColumns([]string{"connector_id", "sealed", "scope", "expires_at", "updated_at"}),
}

// PutTokenSet inserts ts, or replaces the user's set for its target, in one
// INSERT ... ON CONFLICT DO UPDATE. It does not check that the user exists.
func (s *Store) PutTokenSet(ctx context.Context, ts *account.TokenSet) error {
	row := tokenSetToRow(ts)
	return wrap("put token set", s.conn(ctx).Table(s.t.tokenSets).Clauses(tokenSetUpsert).Create(&row).Error)
}

// GetTokenSet returns the user's token set for target, or ErrNotFound.
func (s *Store) GetTokenSet(ctx context.Context, userID, target string) (*account.TokenSet, error) {
	row, found, err := findOne[tokenSetRow](s.conn(ctx).Table(s.t.tokenSets).Where("user_id = ? AND target = ?", userID, target))
	if err != nil {
		return nil, wrap("get token set", err)
	}
	if !found {
		return nil, notFound("no token set of user %s for %s", userID, target)
	}
	return row.toTokenSet(), nil
}

// DeleteTokenSet removes the user's token set for target, or returns
// ErrNotFound when there is none.
func (s *Store) DeleteTokenSet(ctx context.Context, userID, target string) error {
	res := s.conn(ctx).Table(s.t.tokenSets).Where("user_id = ? AND target = ?", userID, target).Delete(&tokenSetRow{})
	if res.Error != nil {
		return wrap("delete token set", res.Error)
	}
	if res.RowsAffected == 0 {
		return notFound("no token set of user %s for %s", userID, target)
	}
	return nil
}
