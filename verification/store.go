package verification

import (
	"context"
	"time"
)

// Store persists verification records and the counters behind send limits
// and lockouts. Errors are account.ErrNotFound and account.ErrConflict, as in
// account.Store; a method never returns a nil value with a nil error.
//
// The one-shot steps are single store operations, atomic across app
// instances: CountCodeAttempt, ConsumeCode, TakeSession, UseRecord and
// AddHit. Of N concurrent callers, ConsumeCode, TakeSession and UseRecord
// succeed for exactly one.
type Store interface {
	// CreateRecord inserts r; ErrConflict when its id is taken.
	CreateRecord(ctx context.Context, r *Record) error

	// GetRecord returns the record with this id, expired or not, or
	// ErrNotFound.
	GetRecord(ctx context.Context, id string) (*Record, error)

	// CountCodeAttempt adds one to the record's code tries and returns the
	// new count. ErrNotFound when the record does not exist or holds no code
	// (never had one, or it was consumed).
	CountCodeAttempt(ctx context.Context, id string) (int, error)

	// ConsumeCode removes the record's code and marks the record verified,
	// in one step. ErrNotFound when there is no record or no code (another
	// caller consumed it first).
	ConsumeCode(ctx context.Context, id string) error

	// TakeSession returns the record's Session and removes it, in one step.
	// ErrNotFound when there is no record or no session (another caller took
	// it first).
	TakeSession(ctx context.Context, id string) ([]byte, error)

	// Complete stores result as the record's Result and marks the record
	// verified. ErrNotFound when there is no such record.
	Complete(ctx context.Context, id string, result []byte) error

	// UseRecord uses the record up: it deletes it, in one step, so that
	// GetRecord no longer finds it. ErrNotFound when there is no such
	// record (never was, was deleted as expired, or another caller used it
	// first).
	UseRecord(ctx context.Context, id string) error

	// DeleteExpiredRecords removes the records that expired at or before
	// now and returns how many it removed.
	DeleteExpiredRecords(ctx context.Context, now time.Time) (int, error)

	// AddHit records one hit (a send, a failed attempt) for key at time at,
	// unless limit > 0 and key already holds limit hits within window. It
	// returns the number of hits of key later than at-window after the
	// call, and whether this hit was recorded. Hits older than the window
	// are forgotten. Concurrent calls are counted exactly: 100 calls leave
	// 100 hits and return each count from 1 to 100 once.
	AddHit(ctx context.Context, key string, at time.Time, window time.Duration, limit int) (count int, recorded bool, err error)

	// CountHits returns the number of hits of key later than at-window
	// without recording one; 0 for an unknown key.
	CountHits(ctx context.Context, key string, at time.Time, window time.Duration) (int, error)

	// Block locks key until the given time (a lockout). A later Block
	// replaces an earlier one.
	Block(ctx context.Context, key string, until time.Time) error

	// BlockedUntil returns when key's lockout ends: the zero time when key
	// was never blocked.
	BlockedUntil(ctx context.Context, key string) (time.Time, error)
}
