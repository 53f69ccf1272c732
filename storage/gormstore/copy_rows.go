package gormstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"
)

// maxCopyParams bounds the placeholders of one INSERT of a copy: SQLite
// allows 32766 (Postgres 65535).
const maxCopyParams = 30000

// tableSide is one table of a copy on one side: the store, the table's
// prefixed name and the columns in the order the copy reads and writes
// them.
type tableSide struct {
	s     *Store
	table copiedTable
	name  string
	cols  []string
	// keyAt are the positions of the primary key's columns in cols.
	keyAt []int
	// inserts caches insertSQL by row count (the last page's differs).
	inserts map[int]string
	// boolAt are the positions of the boolean columns in cols, on
	// Postgres (nil until the first insert reads them).
	boolAt []int
	// boolsRead tells whether boolAt was read.
	boolsRead bool
}

// boolsFromIntegers turns the integers of rows that go to boolean columns
// of a Postgres table into bools: Postgres takes a boolean only as a bool,
// and a SQLite driver may hand over a boolean as the integer SQLite keeps
// (modernc.org/sqlite does; mattn/go-sqlite3 reads the declared type).
func (t *tableSide) boolsFromIntegers(ctx context.Context, rows [][]any) error {
	if t.s.dialect != dialectPostgres {
		return nil
	}
	if !t.boolsRead {
		r, err := t.s.db.Statement.ConnPool.QueryContext(ctx, "SELECT * FROM "+t.s.q(t.name)+" WHERE 1 = 0")
		if err != nil {
			return err
		}
		types, err := r.ColumnTypes()
		_ = r.Close()
		if err != nil {
			return err
		}
		isBool := map[string]bool{}
		for _, ct := range types {
			isBool[ct.Name()] = strings.EqualFold(ct.DatabaseTypeName(), "BOOL") || strings.EqualFold(ct.DatabaseTypeName(), "BOOLEAN")
		}
		for i, c := range t.cols {
			if isBool[c] {
				t.boolAt = append(t.boolAt, i)
			}
		}
		t.boolsRead = true
	}
	for _, i := range t.boolAt {
		for _, row := range rows {
			if n, ok := row[i].(int64); ok {
				row[i] = n != 0
			}
		}
	}
	return nil
}

// columnsOf returns the columns of a table as the database lists them.
func (s *Store) columnsOf(ctx context.Context, name string) ([]string, error) {
	rows, err := s.db.Statement.ConnPool.QueryContext(ctx, "SELECT * FROM "+s.q(name)+" WHERE 1 = 0")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return rows.Columns()
}

// newTableSide makes the side of t on s with the columns cols (nil: the
// table's own, as listed by the database).
func newTableSide(ctx context.Context, s *Store, t copiedTable, cols []string) (*tableSide, error) {
	side := &tableSide{s: s, table: t, name: s.prefix + t.suffix}
	have, err := s.columnsOf(ctx, side.name)
	if err != nil {
		return nil, err
	}
	if cols == nil {
		cols = have
	} else {
		a, b := slices.Sorted(slices.Values(have)), slices.Sorted(slices.Values(cols))
		if !slices.Equal(a, b) {
			return nil, fmt.Errorf("table %s has the columns %q, the source's has %q: are both at the same schema version?", side.name, a, b)
		}
	}
	side.cols = cols
	for _, k := range t.key {
		i := slices.Index(cols, k)
		if i < 0 {
			return nil, fmt.Errorf("table %s has no column %s", side.name, k)
		}
		side.keyAt = append(side.keyAt, i)
	}
	return side, nil
}

// native is query with the side's placeholders.
func (t *tableSide) native(query string) string {
	if t.s.dialect == dialectPostgres {
		return numbered(query)
	}
	return query
}

func (t *tableSide) quotedList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = t.s.q(n)
	}
	return strings.Join(q, ", ")
}

// count returns the table's number of rows.
func (t *tableSide) count(ctx context.Context) (int64, error) {
	var n int64
	err := t.s.db.Statement.ConnPool.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+t.s.q(t.name)).Scan(&n)
	return n, err
}

// keyAtOffset returns the primary key of the row at offset n (from 0) in
// key order.
func (t *tableSide) keyAtOffset(ctx context.Context, n int64) ([]any, error) {
	key := t.quotedList(t.table.key)
	out := make([]any, len(t.table.key))
	ptrs := make([]any, len(out))
	for i := range out {
		ptrs[i] = &out[i]
	}
	err := t.s.db.Statement.ConnPool.QueryRowContext(ctx, t.native("SELECT "+key+" FROM "+t.s.q(t.name)+" ORDER BY "+key+" LIMIT 1 OFFSET ?"), n).Scan(ptrs...)
	return out, err
}

// pageSQL is the SELECT of the next page of rows after a key (after: with
// a WHERE on the key; else the first page).
func (t *tableSide) pageSQL(after bool, limit int) string {
	key := t.quotedList(t.table.key)
	var b strings.Builder
	b.WriteString("SELECT " + t.quotedList(t.cols) + " FROM " + t.s.q(t.name))
	if after {
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(t.table.key)), ", ")
		if len(t.table.key) == 1 {
			b.WriteString(" WHERE " + key + " > " + marks)
		} else {
			b.WriteString(" WHERE (" + key + ") > (" + marks + ")")
		}
	}
	fmt.Fprintf(&b, " ORDER BY %s LIMIT %d", key, limit)
	return t.native(b.String())
}

// readPages reads the table in primary-key order, after the key after
// (nil: from the start), page rows at a time (keyset pagination: each
// page is one index range scan, whatever its depth), and hands each page
// to fn. A page is fn's to keep: readPages makes a new one each time.
func (t *tableSide) readPages(ctx context.Context, after []any, page int, fn func([][]any) error) error {
	firstSQL, nextSQL := t.pageSQL(false, page), t.pageSQL(true, page)
	for {
		query, args := firstSQL, after
		if after != nil {
			query = nextSQL
		}
		rows, err := t.s.db.Statement.ConnPool.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		batch := make([][]any, 0, page)
		ptrs := make([]any, len(t.cols))
		for rows.Next() {
			vals := make([]any, len(t.cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				rows.Close()
				return err
			}
			emptyBytesNotNull(vals)
			batch = append(batch, vals)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		last := batch[len(batch)-1]
		after = make([]any, len(t.keyAt))
		for i, at := range t.keyAt {
			after[i] = last[at]
		}
		if err := fn(batch); err != nil {
			return err
		}
		if len(batch) < page {
			return nil
		}
	}
}

// insertSQL is the INSERT of n rows; with skipExisting, rows whose key (or
// another unique column) is already there are left out instead of failing.
func (t *tableSide) insertSQL(n int, skipExisting bool) string {
	var b strings.Builder
	b.Grow(n * (len(t.cols)*3 + 3))
	b.WriteString("INSERT INTO " + t.s.q(t.name) + " (" + t.quotedList(t.cols) + ") VALUES ")
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(t.cols)), ", ") + ")"
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(one)
	}
	if skipExisting {
		b.WriteString(" ON CONFLICT DO NOTHING")
	}
	return t.native(b.String())
}

// insert writes rows in one transaction: with COPY on Postgres (unless
// skipExisting, which COPY cannot do), else one multi-row INSERT. A side
// inserts with one skipExisting throughout.
func (t *tableSide) insert(ctx context.Context, rows [][]any, skipExisting bool) error {
	if err := t.boolsFromIntegers(ctx, rows); err != nil {
		return err
	}
	if t.s.dialect == dialectPostgres && !skipExisting {
		if done, err := t.copyIn(ctx, rows); done || err != nil {
			return err
		}
	}
	return t.s.transaction(ctx, func(tx *gorm.DB) error {
		args := make([]any, 0, len(rows)*len(t.cols))
		for _, r := range rows {
			args = append(args, r...)
		}
		query, ok := t.inserts[len(rows)]
		if !ok {
			query = t.insertSQL(len(rows), skipExisting)
			if t.inserts == nil {
				t.inserts = map[int]string{}
			}
			t.inserts[len(rows)] = query
		}
		_, err := tx.Statement.ConnPool.ExecContext(ctx, query, args...)
		return err
	})
}

// pageRows is the number of rows per page and per INSERT of the table:
// want, bounded by the placeholders one statement may hold.
func (t *tableSide) pageRows(want int) int {
	return max(1, min(want, maxCopyParams/len(t.cols)))
}

// emptyBytesNotNull turns the typed nil []byte a driver may hand over for
// an empty BLOB (modernc.org/sqlite does) into an empty, non-nil one: a
// NULL comes as an untyped nil, and pgx and modernc.org/sqlite would write
// a nil []byte as NULL, so the copy would turn an empty value into NULL.
func emptyBytesNotNull(vals []any) {
	for i, v := range vals {
		if b, ok := v.([]byte); ok && b == nil {
			vals[i] = []byte{}
		}
	}
}
