package gormstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// ErrTargetNotEmpty is returned by Copy when the target store already holds
// rows and CopyOptions.Resume is not set.
var ErrTargetNotEmpty = errors.New("gormstore: the target store already holds data")

// ErrCopyMismatch is returned by Copy when, after the copy, a table of the
// target does not hold the same rows as the source's (row count or
// checksum).
var ErrCopyMismatch = errors.New("gormstore: the copy does not match the source")

// DefaultCopyBatch is the number of rows Copy reads and writes at a time
// unless CopyOptions.Batch says otherwise.
const DefaultCopyBatch = 1000

// CopyOptions say how Copy works.
type CopyOptions struct {
	// Batch is the number of rows read, and written in one transaction, at
	// a time (DefaultCopyBatch when 0). A table with many columns may use
	// fewer: one INSERT holds at most 30,000 values.
	Batch int
	// Resume continues an interrupted copy into a target that already
	// holds rows: each table goes on after the rows the target holds, and
	// rows already there are skipped, not duplicated.
	Resume bool
	// Progress, when set, is called after each batch written and each
	// batch verified, from the goroutine that called Copy.
	Progress func(CopyProgress)
}

// CopyPhase is what Copy is doing.
type CopyPhase string

// The phases of Copy, in order.
const (
	PhaseCopy   CopyPhase = "copy"
	PhaseVerify CopyPhase = "verify"
)

// CopyProgress tells how far Copy is.
type CopyProgress struct {
	Phase CopyPhase
	// Table is the table at work, without the prefix (e.g. "users").
	Table string
	// Done of Total rows of all tables are copied (or verified) so far.
	// On Resume, Done starts at the rows the target held already.
	Done, Total int64
}

// CopyResult is what Copy did.
type CopyResult struct {
	// Tables are the copied tables, in the order they were copied.
	Tables []TableCopy
	// Rows is the number of rows in all tables; Copied the number this
	// run wrote (fewer than Rows on Resume).
	Rows, Copied int64
}

// TableCopy is one table of a copy.
type TableCopy struct {
	// Table is the table's name without the prefix.
	Table string
	// Rows is its number of rows, on both sides.
	Rows int64
	// Checksum is the checksum of its rows, the same on both sides: the
	// sum of a SHA-256 per row, over the row's values in one form on both
	// databases.
	Checksum string
}

// Copy copies every row of every table of src into dst, which may be on
// another database (SQLite to Postgres and back) and under another prefix.
// Rows are copied as they are stored: ids, versions, timestamps, and sealed
// secrets as their bytes, so the keys that opened them on src open them on
// dst.
//
// Copy migrates dst first, and refuses a src whose schema version is not
// the newest (Migrate it first) and, unless opts.Resume, a dst that holds
// any row (ErrTargetNotEmpty). It reads each table in primary-key order, a
// batch at a time (keyset pagination), while it writes the batch before in
// one transaction: it never holds more than a few batches in memory. At
// the end it counts and checksums every table on both sides and returns an
// error wrapping ErrCopyMismatch if any differs. The source's checksum
// is the one of the rows as the copy read them (taken again for a table
// the copy resumed in).
//
// src should not change while Copy runs: the checks would find the changes
// made after a table was copied.
func Copy(ctx context.Context, dst, src *Store, opts CopyOptions) (*CopyResult, error) {
	if dst == nil || src == nil {
		return nil, errors.New("gormstore: copy: nil store")
	}
	if dst == src || (dst.prefix == src.prefix && dst.dialect == src.dialect && dst.db.Statement.ConnPool == src.db.Statement.ConnPool) {
		return nil, errors.New("gormstore: copy: source and target are the same tables")
	}
	if opts.Batch <= 0 {
		opts.Batch = DefaultCopyBatch
	}
	c := &copier{dst: dst, src: src, opts: opts}
	res, err := c.run(ctx)
	if err != nil {
		if errors.Is(err, ErrTargetNotEmpty) || errors.Is(err, ErrCopyMismatch) {
			return res, err
		}
		return res, wrap("copy", err)
	}
	return res, nil
}

// copier is one run of Copy.
type copier struct {
	dst, src *Store
	opts     CopyOptions
	done     int64
	total    int64
}

// copyTable is one table on both sides, with the source's row count.
type copyTable struct {
	src, dst *tableSide
	srcRows  int64
	dstRows  int64
	// srcSum is the source's checksum when the copy read the whole table
	// (it did not resume in it), so the check reads only the target.
	srcSum *tableSum
}

func (c *copier) run(ctx context.Context) (*CopyResult, error) {
	version, err := c.src.SchemaVersion(ctx)
	if err != nil {
		return nil, err
	}
	if version != LatestSchemaVersion() {
		return nil, fmt.Errorf("the source's schema version is %d, not %d: migrate it first", version, LatestSchemaVersion())
	}
	if err := c.dst.Migrate(ctx); err != nil {
		return nil, err
	}
	list, err := c.src.copiedTables()
	if err != nil {
		return nil, err
	}
	var tables []*copyTable
	var nonEmpty []string
	for _, t := range list {
		ct := &copyTable{}
		if ct.src, err = newTableSide(ctx, c.src, t, nil); err != nil {
			return nil, err
		}
		if ct.dst, err = newTableSide(ctx, c.dst, t, ct.src.cols); err != nil {
			return nil, err
		}
		if ct.srcRows, err = ct.src.count(ctx); err != nil {
			return nil, err
		}
		if ct.dstRows, err = ct.dst.count(ctx); err != nil {
			return nil, err
		}
		if ct.dstRows > 0 {
			nonEmpty = append(nonEmpty, fmt.Sprintf("%s: %d rows", ct.dst.name, ct.dstRows))
		}
		c.total += ct.srcRows
		tables = append(tables, ct)
	}
	if len(nonEmpty) > 0 && !c.opts.Resume {
		return nil, fmt.Errorf("%w (%s): copy into empty tables, or resume an interrupted copy", ErrTargetNotEmpty, strings.Join(nonEmpty, ", "))
	}

	res := &CopyResult{}
	for _, t := range tables {
		n, err := c.copyTable(ctx, t)
		res.Copied += n
		if err != nil {
			return res, fmt.Errorf("table %s: %w", t.src.name, err)
		}
	}
	if c.dst.dialect == dialectPostgres {
		// Fresh statistics for the planner, as after any bulk load.
		for _, t := range tables {
			if err := c.dst.conn(ctx).Exec("ANALYZE " + c.dst.q(t.dst.name)).Error; err != nil {
				return res, err
			}
		}
	}

	c.done = 0
	var mismatches []string
	for _, t := range tables {
		srcSum, dstSum, err := c.verifyTable(ctx, t)
		if err != nil {
			return res, fmt.Errorf("verify table %s: %w", t.src.name, err)
		}
		if srcSum != dstSum {
			mismatches = append(mismatches, fmt.Sprintf("%s: %d rows (checksum %.16s) in the source, %d rows (checksum %.16s) in the target",
				t.src.table.suffix, srcSum.rows, srcSum, dstSum.rows, dstSum))
		}
		res.Tables = append(res.Tables, TableCopy{Table: t.src.table.suffix, Rows: dstSum.rows, Checksum: dstSum.String()})
		res.Rows += dstSum.rows
	}
	if len(mismatches) > 0 {
		return res, fmt.Errorf("%w: %s", ErrCopyMismatch, strings.Join(mismatches, "; "))
	}
	return res, nil
}

func (c *copier) progress(table string, phase CopyPhase) {
	if c.opts.Progress != nil {
		c.opts.Progress(CopyProgress{Phase: phase, Table: table, Done: c.done, Total: c.total})
	}
}

// copyTable copies one table, reading the next batch while it writes one,
// and returns the number of rows it wrote. On Resume, the target's n rows
// are the source's first n in key order (Copy writes them in that order,
// a transaction per batch, a table after the other), so the copy goes on
// after the source's n-th key; rows already there are skipped in case the
// source changed since.
func (c *copier) copyTable(ctx context.Context, t *copyTable) (int64, error) {
	var after []any
	if t.dstRows > 0 {
		c.done += min(t.dstRows, t.srcRows)
		if t.dstRows >= t.srcRows {
			c.progress(t.src.table.suffix, PhaseCopy)
			return 0, nil // verified below
		}
		var err error
		if after, err = t.src.keyAtOffset(ctx, t.dstRows-1); err != nil {
			return 0, err
		}
	}
	skipExisting := c.opts.Resume
	page := t.src.pageRows(c.opts.Batch)
	var sum *tableSum
	var hasher *rowHasher
	if after == nil {
		sum, hasher = &tableSum{}, newRowHasher(t.src.cols)
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan [][]any, 2)
	readErr := make(chan error, 1)
	go func() {
		defer close(batches)
		readErr <- t.src.readPages(ctx, after, page, func(rows [][]any) error {
			if hasher != nil {
				for _, r := range rows {
					if err := hasher.add(sum, r); err != nil {
						return err
					}
				}
			}
			select {
			case batches <- rows:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
	}()
	var written int64
	for rows := range batches {
		if err := t.dst.insert(ctx, rows, skipExisting); err != nil {
			cancel()
			for range batches {
			}
			<-readErr
			return written, err
		}
		written += int64(len(rows))
		c.done += int64(len(rows))
		c.progress(t.src.table.suffix, PhaseCopy)
	}
	if err := <-readErr; err != nil {
		return written, err
	}
	if err := ctx.Err(); err != nil {
		return written, err
	}
	t.srcSum = sum
	return written, nil
}

// verifyTable checksums a table on the target and, unless the copy did
// while it read it, on the source, both at once.
func (c *copier) verifyTable(ctx context.Context, t *copyTable) (srcSum, dstSum tableSum, err error) {
	page := t.src.pageRows(c.opts.Batch)
	srcDone := make(chan error, 1)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	if t.srcSum != nil {
		srcSum = *t.srcSum
		srcDone <- nil
	} else {
		go func() {
			var err error
			srcSum, err = checksum(ctx, t.src, page, nil)
			srcDone <- err
		}()
	}
	dstSum, err = checksum(ctx, t.dst, page, func(n int) {
		c.done += int64(n)
		c.progress(t.src.table.suffix, PhaseVerify)
	})
	if err != nil {
		cancel()
		<-srcDone
		return srcSum, dstSum, err
	}
	return srcSum, dstSum, <-srcDone
}

// checksum reads a table's rows and sums them; each is called after a
// batch of n rows, when not nil.
func checksum(ctx context.Context, t *tableSide, page int, each func(n int)) (tableSum, error) {
	var sum tableSum
	h := newRowHasher(t.cols)
	err := t.readPages(ctx, nil, page, func(rows [][]any) error {
		for _, r := range rows {
			if err := h.add(&sum, r); err != nil {
				return err
			}
		}
		if each != nil {
			each(len(rows))
		}
		return nil
	})
	return sum, err
}
