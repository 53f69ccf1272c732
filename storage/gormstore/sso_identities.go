package gormstore

import (
	"context"

	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/account"
)

// ssoIdentityRow is a user's identity at an SSO connector. The id is the
// primary key; (user_id, sso_connector_id) and (issuer, identity_id) have
// unique indexes of their own: the first serves the lookups by user, the
// second keeps one enterprise identity to one user.
type ssoIdentityRow struct {
	ID          string `gorm:"column:id;primaryKey"`
	UserID      string `gorm:"column:user_id"`
	ConnectorID string `gorm:"column:sso_connector_id"`
	Issuer      string `gorm:"column:issuer"`
	IdentityID  string `gorm:"column:identity_id"`
	Detail      string `gorm:"column:detail"`
	Created     *int64 `gorm:"column:created_at"`
	Updated     *int64 `gorm:"column:updated_at"`
}

func (r *ssoIdentityRow) toSSOIdentity() (*account.SSOIdentity, error) {
	detail := map[string]any{}
	if err := fromJSON(&r.Detail, &detail); err != nil {
		return nil, err
	}
	if detail == nil { // a stored "null"
		detail = map[string]any{}
	}
	return &account.SSOIdentity{
		ID:             r.ID,
		UserID:         r.UserID,
		SSOConnectorID: r.ConnectorID,
		Issuer:         r.Issuer,
		IdentityID:     r.IdentityID,
		Detail:         detail,
		CreatedAt:      timeOf(r.Created),
		UpdatedAt:      timeOf(r.Updated),
	}, nil
}

// PutSSOIdentity inserts or updates the user's identity at the connector
// in one transaction that first locks the user's row: a concurrent
// DeleteUser either runs first (ErrNotFound) or waits and removes the
// identity with the user, and two puts for one user take turns. The unique
// indexes refuse an identity another record holds.
func (s *Store) PutSSOIdentity(ctx context.Context, id *account.SSOIdentity) (*account.SSOIdentity, error) {
	detail := id.Detail
	if detail == nil {
		detail = map[string]any{}
	}
	text, err := jsonOf(detail)
	if err != nil {
		return nil, wrap("put sso identity", err)
	}
	row := ssoIdentityRow{
		ID: id.ID, UserID: id.UserID, ConnectorID: id.SSOConnectorID,
		Issuer: id.Issuer, IdentityID: id.IdentityID, Detail: text,
		Created: micros(id.CreatedAt), Updated: micros(id.UpdatedAt),
	}
	err = s.transaction(ctx, func(tx *gorm.DB) error {
		found, err := s.lockUser(tx, id.UserID)
		if err != nil {
			return err
		}
		if !found {
			return notFound("no user %s", id.UserID)
		}
		old, replacing, err := findOne[ssoIdentityRow](tx.Table(s.t.ssoIdentities).Where("user_id = ? AND sso_connector_id = ?", id.UserID, id.SSOConnectorID))
		if err != nil {
			return err
		}
		if !replacing {
			return tx.Table(s.t.ssoIdentities).Create(&row).Error
		}
		row.ID, row.Created = old.ID, old.Created
		return tx.Table(s.t.ssoIdentities).Where("id = ?", old.ID).Updates(map[string]any{
			"issuer": row.Issuer, "identity_id": row.IdentityID, "detail": row.Detail, "updated_at": row.Updated,
		}).Error
	})
	if s.isDuplicate(err) {
		return nil, conflict("sso identity %q at %q, or the id %q, is another record's", id.IdentityID, id.Issuer, id.ID)
	}
	if err != nil {
		return nil, finish("put sso identity", err)
	}
	out, err := row.toSSOIdentity()
	return out, wrap("put sso identity", err)
}

// ListSSOIdentities returns the user's SSO identities, oldest first (a
// zero CreatedAt, stored as NULL, first on both databases).
func (s *Store) ListSSOIdentities(ctx context.Context, userID string) ([]*account.SSOIdentity, error) {
	var rows []ssoIdentityRow
	if err := s.conn(ctx).Table(s.t.ssoIdentities).Where("user_id = ?", userID).Order("created_at IS NOT NULL, created_at, id").Find(&rows).Error; err != nil {
		return nil, wrap("list sso identities", err)
	}
	out := make([]*account.SSOIdentity, len(rows))
	for i := range rows {
		id, err := rows[i].toSSOIdentity()
		if err != nil {
			return nil, wrap("list sso identities", err)
		}
		out[i] = id
	}
	return out, nil
}
