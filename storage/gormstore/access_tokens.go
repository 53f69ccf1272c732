package gormstore

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/account"
)

// accessTokenRow is a personal access token: its user and name are the
// primary key, its hash has a unique index of its own (the lookup of every
// request made with a token).
type accessTokenRow struct {
	UserID  string `gorm:"column:user_id;primaryKey"`
	Name    string `gorm:"column:name;primaryKey"`
	Hash    []byte `gorm:"column:hash"`
	Scopes  string `gorm:"column:scopes"` // space-separated
	Created *int64 `gorm:"column:created_at"`
	Expires *int64 `gorm:"column:expires_at"`
}

func accessTokenToRow(t *account.PersonalAccessToken) accessTokenRow {
	return accessTokenRow{
		UserID:  t.UserID,
		Name:    t.Name,
		Hash:    clone(t.Hash),
		Scopes:  strings.Join(t.Scopes, " "),
		Created: micros(t.CreatedAt),
		Expires: micros(t.ExpiresAt),
	}
}

func (r *accessTokenRow) toAccessToken() *account.PersonalAccessToken {
	return &account.PersonalAccessToken{
		UserID:    r.UserID,
		Name:      r.Name,
		Hash:      r.Hash,
		Scopes:    strings.Fields(r.Scopes),
		CreatedAt: timeOf(r.Created),
		ExpiresAt: timeOf(r.Expires),
	}
}

// CreateAccessToken inserts t once its user is found, locked, in the same
// transaction: a concurrent DeleteUser either runs first (ErrNotFound) or
// waits and removes the token with the user. The primary key and the hash
// index refuse a duplicate.
func (s *Store) CreateAccessToken(ctx context.Context, t *account.PersonalAccessToken) error {
	row := accessTokenToRow(t)
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		found, err := s.lockUser(tx, t.UserID)
		if err != nil {
			return err
		}
		if !found {
			return notFound("no user %s", t.UserID)
		}
		return tx.Table(s.t.accessTokens).Create(&row).Error
	})
	if s.isDuplicate(err) {
		return conflict("user %s has a token named %q, or a token has its hash", t.UserID, t.Name)
	}
	return finish("create access token", err)
}

// ListAccessTokens returns the user's tokens, oldest first.
func (s *Store) ListAccessTokens(ctx context.Context, userID string) ([]*account.PersonalAccessToken, error) {
	var rows []accessTokenRow
	if err := s.conn(ctx).Table(s.t.accessTokens).Where("user_id = ?", userID).Order("created_at, name").Find(&rows).Error; err != nil {
		return nil, wrap("list access tokens", err)
	}
	out := make([]*account.PersonalAccessToken, len(rows))
	for i := range rows {
		out[i] = rows[i].toAccessToken()
	}
	return out, nil
}

// FindAccessToken returns the token with this hash, through its index.
func (s *Store) FindAccessToken(ctx context.Context, hash []byte) (*account.PersonalAccessToken, error) {
	row, found, err := findOne[accessTokenRow](s.conn(ctx).Table(s.t.accessTokens).Where("hash = ?", hash))
	if err != nil {
		return nil, wrap("find access token", err)
	}
	if !found {
		return nil, notFound("no token has this hash")
	}
	return row.toAccessToken(), nil
}

// RenameAccessToken renames the user's token in one UPDATE; the primary
// key refuses a name another of the user's tokens has.
func (s *Store) RenameAccessToken(ctx context.Context, userID, name, newName string) (*account.PersonalAccessToken, error) {
	var out *account.PersonalAccessToken
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		row, found, err := findOne[accessTokenRow](tx.Table(s.t.accessTokens).Clauses(lockRow).Where("user_id = ? AND name = ?", userID, name))
		if err != nil {
			return err
		}
		if !found {
			return notFound("user %s has no token named %q", userID, name)
		}
		if newName != name {
			if err := tx.Table(s.t.accessTokens).Where("user_id = ? AND name = ?", userID, name).Update("name", newName).Error; err != nil {
				return err
			}
			row.Name = newName
		}
		out = row.toAccessToken()
		return nil
	})
	if s.isDuplicate(err) {
		return nil, conflict("user %s has a token named %q", userID, newName)
	}
	if err != nil {
		return nil, finish("rename access token", err)
	}
	return out, nil
}

// DeleteAccessToken removes the user's token of that name.
func (s *Store) DeleteAccessToken(ctx context.Context, userID, name string) error {
	res := s.conn(ctx).Table(s.t.accessTokens).Where("user_id = ? AND name = ?", userID, name).Delete(&accessTokenRow{})
	if res.Error != nil {
		return wrap("delete access token", res.Error)
	}
	if res.RowsAffected == 0 {
		return notFound("user %s has no token named %q", userID, name)
	}
	return nil
}
