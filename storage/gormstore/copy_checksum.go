package gormstore

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"time"
)

// A tableSum is the checksum of a table's rows: how many, and the sum
// (four lanes of 64 bits, each modulo 2^64) of each row's SHA-256. A sum
// does not depend on the order the rows were read in: Postgres orders text
// keys by the database's collation, SQLite by their bytes, so the two
// sides page through a table in different orders.
//
// A row's hash covers its values in the order of the column names, each
// in one form whatever the driver handed over: NULL; an integer (a
// boolean as 0 or 1: SQLite keeps booleans as integers); a string of
// bytes (TEXT and BLOB/BYTEA alike); a float. The schema keeps times as
// BIGINT microseconds, so no time zone or precision can differ.
type tableSum struct {
	rows int64
	sum  [4]uint64
}

// rowHasher hashes the rows of one table.
type rowHasher struct {
	order []int // positions of the columns, by column name
	buf   []byte
}

func newRowHasher(cols []string) *rowHasher {
	order := make([]int, len(cols))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		switch {
		case cols[a] < cols[b]:
			return -1
		case cols[a] > cols[b]:
			return 1
		}
		return 0
	})
	return &rowHasher{order: order}
}

// add adds a row to sum.
func (h *rowHasher) add(sum *tableSum, row []any) error {
	b := h.buf[:0]
	for _, i := range h.order {
		var err error
		if b, err = appendValue(b, row[i]); err != nil {
			return err
		}
	}
	h.buf = b
	d := sha256.Sum256(b)
	for lane := range sum.sum {
		sum.sum[lane] += binary.BigEndian.Uint64(d[8*lane:])
	}
	sum.rows++
	return nil
}

// appendValue appends the one form of a column value.
func appendValue(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, 0), nil
	case bool:
		n := int64(0)
		if v {
			n = 1
		}
		return binary.BigEndian.AppendUint64(append(b, 1), uint64(n)), nil
	case int64:
		return binary.BigEndian.AppendUint64(append(b, 1), uint64(v)), nil
	case string:
		return append(binary.AppendUvarint(append(b, 2), uint64(len(v))), v...), nil
	case []byte:
		return append(binary.AppendUvarint(append(b, 2), uint64(len(v))), v...), nil
	case float64:
		return binary.BigEndian.AppendUint64(append(b, 3), math.Float64bits(v)), nil
	case time.Time:
		// No column of the schema is a time type; a driver that reads
		// one anyway is read to the microsecond, as the schema keeps times.
		return binary.BigEndian.AppendUint64(append(b, 1), uint64(v.UnixMicro())), nil
	}
	return nil, fmt.Errorf("a column value of type %T", v)
}

// String is the sum in hexadecimal.
func (s tableSum) String() string {
	var b [32]byte
	for lane, v := range s.sum {
		binary.BigEndian.PutUint64(b[8*lane:], v)
	}
	return hex.EncodeToString(b[:])
}
