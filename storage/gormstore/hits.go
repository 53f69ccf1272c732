package gormstore

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// AddHit records a hit for key unless the limit is reached, counting
// exactly under concurrency.
//
// Each key has a row in the counters table that serializes its hits: the
// transaction locks it (inserting it first when the key is new), forgets
// the hits older than the window, counts the rest and adds one. On Postgres
// the lock is the row's FOR UPDATE lock and, at READ COMMITTED, the count
// that follows sees every hit the previous holder committed; on SQLite the
// immediate transaction holds the write lock throughout. Either way the
// callers take turns, and each sees the count its predecessor left. On
// Postgres the callers of one Store take turns in the process first
// (rowTurns), so that they wait without holding a pooled connection.
func (s *Store) AddHit(ctx context.Context, key string, at time.Time, window time.Duration, limit int) (int, bool, error) {
	if s.writeTurn == nil {
		_, release, err := s.counterTurns.take(ctx, key)
		if err != nil {
			return 0, false, wrap("add hit", err)
		}
		defer release()
	}
	since := at.Add(-window).UnixMicro()
	var (
		count    int64
		recorded bool
	)
	err := s.transaction(ctx, func(tx *gorm.DB) error {
		if err := s.lockCounter(tx, key); err != nil {
			return err
		}
		if err := tx.Table(s.t.hits).Where("name = ? AND hit_at <= ?", key, since).Delete(&hitRow{}).Error; err != nil {
			return err
		}
		var err error
		if count, err = s.sumHits(tx, key, since); err != nil {
			return err
		}
		if limit > 0 && count >= int64(limit) {
			return nil
		}
		// Hits at one instant share a row.
		hits := s.q(s.t.hits)
		err = tx.Exec("INSERT INTO "+hits+" (name, hit_at, n) VALUES (?, ?, 1) "+
			"ON CONFLICT (name, hit_at) DO UPDATE SET n = "+hits+".n + 1", key, at.UnixMicro()).Error
		if err != nil {
			return err
		}
		count++
		recorded = true
		return nil
	})
	if err != nil {
		return 0, false, wrap("add hit", err)
	}
	return int(count), recorded, nil
}

// lockCounter locks key's counter row until the transaction ends, inserting
// it first when the key is new (a no-op when a concurrent call inserted it
// first: Postgres makes the INSERT wait for that call's transaction).
func (s *Store) lockCounter(tx *gorm.DB, key string) error {
	lock := func() (bool, error) {
		_, found, err := findOne[counterRow](tx.Table(s.t.counters).Clauses(lockRow).Where("name = ?", key))
		return found, err
	}
	if found, err := lock(); found || err != nil {
		return err
	}
	row := counterRow{Name: key}
	if err := tx.Table(s.t.counters).Clauses(clause.OnConflict{DoNothing: true}).Create(&row).Error; err != nil {
		return err
	}
	found, err := lock()
	if err == nil && !found {
		err = errors.New("counter row missing after insert")
	}
	return err
}

// sumHits counts key's hits later than since (microseconds).
func (s *Store) sumHits(db *gorm.DB, key string, since int64) (int64, error) {
	var n int64
	err := db.Table(s.t.hits).Select("CAST(COALESCE(SUM(n), 0) AS BIGINT)").
		Where("name = ? AND hit_at > ?", key, since).Scan(&n).Error
	return n, err
}

// CountHits returns the number of key's hits later than at-window.
func (s *Store) CountHits(ctx context.Context, key string, at time.Time, window time.Duration) (int, error) {
	n, err := s.sumHits(s.conn(ctx), key, at.Add(-window).UnixMicro())
	if err != nil {
		return 0, wrap("count hits", err)
	}
	return int(n), nil
}

// Block sets key's lockout end, replacing an earlier one.
func (s *Store) Block(ctx context.Context, key string, until time.Time) error {
	row := counterRow{Name: key, BlockedUntil: micros(until)}
	err := s.conn(ctx).Table(s.t.counters).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "name"}},
		DoUpdates: clause.AssignmentColumns([]string{"blocked_until"}),
	}).Create(&row).Error
	return wrap("block", err)
}

// BlockedUntil returns when key's lockout ends; the zero time when key was
// never blocked.
func (s *Store) BlockedUntil(ctx context.Context, key string) (time.Time, error) {
	row, _, err := findOne[counterRow](s.conn(ctx).Table(s.t.counters).Where("name = ?", key))
	if err != nil {
		return time.Time{}, wrap("blocked until", err)
	}
	return timeOf(row.BlockedUntil), nil
}
