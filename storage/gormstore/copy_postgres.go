package gormstore

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// pgxConn is the driver connection of pgx's database/sql driver (the one
// gorm.io/driver/postgres opens), which hands out its pgx connection.
type pgxConn interface{ Conn() *pgx.Conn }

// copyIn writes rows into a Postgres table with COPY, in one transaction,
// and reports false when the pool's connections are not pgx's (then
// nothing was written). COPY takes the rows as one stream instead of
// statements of bound values: about twice the rows per second of a
// multi-row INSERT here (storage/gormstore's copy benchmark, bench/copy.sh).
//
// The transaction commits without waiting for its WAL to reach the disk
// (synchronous_commit off, for it alone): a crash can lose the last
// batches, which is what an interrupted copy is, and -resume finishes it.
func (t *tableSide) copyIn(ctx context.Context, rows [][]any) (bool, error) {
	db, ok := sqlDBOf(t.s.db.Statement.ConnPool)
	if !ok {
		return false, nil
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	handled := false
	err = conn.Raw(func(driverConn any) error {
		pc, ok := driverConn.(pgxConn)
		if !ok {
			return nil
		}
		handled = true
		tx, err := pc.Conn().Begin(ctx)
		if err != nil {
			return err
		}
		defer func() { _ = tx.Rollback(context.Background()) }()
		if _, err := tx.Exec(ctx, "SET LOCAL synchronous_commit = off"); err != nil {
			return err
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{t.name}, t.cols, pgx.CopyFromRows(rows)); err != nil {
			return err
		}
		return tx.Commit(ctx)
	})
	return handled, err
}
