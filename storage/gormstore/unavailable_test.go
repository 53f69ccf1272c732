package gormstore

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"syscall"
	"testing"

	"github.com/myaccount-go/myaccount/account"
)

type sqlStateError string

func (e sqlStateError) Error() string    { return "sqlstate " + string(e) }
func (e sqlStateError) SQLState() string { return string(e) }

func TestUnavailable(t *testing.T) {
	for _, c := range []struct {
		err  error
		want bool
	}{
		{driver.ErrBadConn, true},
		{fmt.Errorf("query: %w", syscall.ECONNREFUSED), true},
		{&net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNRESET}, true},
		{sqlStateError("57P01"), true},  // admin shutdown
		{sqlStateError("57P03"), true},  // cannot connect now
		{sqlStateError("08006"), true},  // connection failure
		{sqlStateError("23505"), false}, // unique violation
		{sqlStateError("42P01"), false}, // undefined table
		{errors.New("no such column: x"), false},
	} {
		if got := unavailable(c.err); got != c.want {
			t.Errorf("unavailable(%v) = %v, want %v", c.err, got, c.want)
		}
		if got := errors.Is(wrap("op", c.err), account.ErrUnavailable); got != c.want {
			t.Errorf("wrap(%v) is ErrUnavailable: %v, want %v", c.err, got, c.want)
		}
	}
}
