package gormstore

import (
	"context"
	"time"

	"github.com/myaccount-go/myaccount/verification"
)

// CreateRecord inserts r; ErrConflict when its id is taken.
func (s *Store) CreateRecord(ctx context.Context, r *verification.Record) error {
	row := recordToRow(r)
	err := s.conn(ctx).Table(s.t.records).Create(&row).Error
	if s.isDuplicate(err) {
		return conflict("verification record %s already exists", r.ID)
	}
	return wrap("create verification record", err)
}

// GetRecord returns the record with this id, or ErrNotFound.
func (s *Store) GetRecord(ctx context.Context, id string) (*verification.Record, error) {
	row, err := s.getRecord(ctx, id)
	if err != nil {
		return nil, err
	}
	return row.toRecord(), nil
}

func (s *Store) getRecord(ctx context.Context, id string) (*recordRow, error) {
	row, found, err := findOne[recordRow](s.conn(ctx).Table(s.t.records).Where("id = ?", id))
	if err != nil {
		return nil, wrap("get verification record", err)
	}
	if !found {
		return nil, notFound("no verification record %s", id)
	}
	return &row, nil
}

// CountCodeAttempt adds one to the code's tries and returns the new count,
// in one statement: an UPDATE ... RETURNING, which Postgres applies to the
// newest row version (a concurrent one waits for the row lock) and SQLite
// runs under its write lock. A record without a code has NULL tries and
// matches nothing.
func (s *Store) CountCodeAttempt(ctx context.Context, id string) (int, error) {
	var tries []int64
	err := s.conn(ctx).Raw("UPDATE "+s.q(s.t.records)+" SET code_tries = code_tries + 1 WHERE id = ? AND code_tries IS NOT NULL RETURNING code_tries", id).
		Scan(&tries).Error
	if err != nil {
		return 0, wrap("count code attempt", err)
	}
	if len(tries) == 0 {
		return 0, notFound("verification record %s holds no code", id)
	}
	return int(tries[0]), nil
}

// ConsumeCode clears the code and marks the record verified, only if the
// record still holds a code: of concurrent callers, the one whose UPDATE
// changes the row wins.
func (s *Store) ConsumeCode(ctx context.Context, id string) error {
	res := s.conn(ctx).Table(s.t.records).Where("id = ? AND code_tries IS NOT NULL", id).
		Updates(map[string]any{"code_hash": nil, "code_sent_at": nil, "code_tries": nil, "verified": true})
	if res.Error != nil {
		return wrap("consume code", res.Error)
	}
	if res.RowsAffected == 0 {
		return notFound("verification record %s holds no code", id)
	}
	return nil
}

// TakeSession reads the session, then clears it only if it still holds what
// was read: of concurrent callers, only the one whose UPDATE changes the row
// returns the session.
func (s *Store) TakeSession(ctx context.Context, id string) ([]byte, error) {
	row, err := s.getRecord(ctx, id)
	if err != nil {
		return nil, err
	}
	if row.Session == nil {
		return nil, notFound("verification record %s holds no session", id)
	}
	res := s.conn(ctx).Table(s.t.records).Where("id = ? AND session = ?", id, row.Session).
		Update("session", nil)
	if res.Error != nil {
		return nil, wrap("take session", res.Error)
	}
	if res.RowsAffected == 0 {
		return nil, notFound("verification record %s holds no session", id)
	}
	return row.Session, nil
}

// Complete stores the result and marks the record verified.
func (s *Store) Complete(ctx context.Context, id string, result []byte) error {
	res := s.conn(ctx).Table(s.t.records).Where("id = ?", id).
		Updates(map[string]any{"result": clone(result), "verified": true})
	if res.Error != nil {
		return wrap("complete verification record", res.Error)
	}
	if res.RowsAffected == 0 {
		return notFound("no verification record %s", id)
	}
	return nil
}

// UseRecord deletes the record: of concurrent callers, the one whose
// DELETE removes the row wins (on Postgres a second DELETE waits for the
// first one's row lock, then finds no row; SQLite runs them one at a time).
func (s *Store) UseRecord(ctx context.Context, id string) error {
	res := s.conn(ctx).Table(s.t.records).Where("id = ?", id).Delete(&recordRow{})
	if res.Error != nil {
		return wrap("use verification record", res.Error)
	}
	if res.RowsAffected == 0 {
		return notFound("no verification record %s", id)
	}
	return nil
}

// DeleteExpiredRecords removes the records that expired at or before now (a
// record without an expiry expired at the zero time).
func (s *Store) DeleteExpiredRecords(ctx context.Context, now time.Time) (int, error) {
	res := s.conn(ctx).Table(s.t.records).Where("expires_at IS NULL OR expires_at <= ?", now.UnixMicro()).
		Delete(&recordRow{})
	if res.Error != nil {
		return 0, wrap("delete expired records", res.Error)
	}
	return int(res.RowsAffected), nil
}
