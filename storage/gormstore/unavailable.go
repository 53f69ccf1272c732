package gormstore

import (
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"
)

// unavailable reports whether err says the database cannot be reached
// right now, rather than that the statement is wrong: a broken or refused
// connection, a server shutting down or starting up. The store wraps such
// errors with account.ErrUnavailable. It imports no driver: it asks the
// error for net and syscall errors, and for a SQLSTATE through the method
// pgx's PgError has.
func unavailable(err error) bool {
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, io.ErrUnexpectedEOF) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE) {
		return true
	}
	var netErr net.Error
	if errors.As(err, &netErr) {
		return true
	}
	var coded interface{ SQLState() string }
	if errors.As(err, &coded) {
		state := coded.SQLState()
		// Class 08: connection exception; 57P01-57P03: admin shutdown,
		// crash shutdown, cannot connect now.
		return strings.HasPrefix(state, "08") || state == "57P01" || state == "57P02" || state == "57P03"
	}
	// pgx reports a connection the server closed as "unexpected EOF" or
	// "conn closed" without a typed error in some paths.
	msg := err.Error()
	return strings.Contains(msg, "conn closed") || strings.Contains(msg, "failed to connect") ||
		strings.Contains(msg, "connection refused") || strings.Contains(msg, "broken pipe")
}
