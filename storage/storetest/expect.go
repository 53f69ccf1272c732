package storetest

import (
	"errors"
	"testing"

	"github.com/myaccount-go/myaccount/account"
)

// ok fails t now when err is not nil: the steps after it depend on it.
func ok(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// wantErr fails t unless errors.Is(err, target).
func wantErr(t *testing.T, what string, err, target error) {
	t.Helper()
	if !errors.Is(err, target) {
		t.Errorf("%s: error %v, want %v", what, err, target)
	}
}

// wantConflict fails t unless err is an ErrConflict and, when it is a
// *account.ConflictError that names an identifier, names kind.
func wantConflict(t *testing.T, what string, err error, kind account.IdentifierKind) {
	t.Helper()
	if !errors.Is(err, account.ErrConflict) {
		t.Errorf("%s: error %v, want %v", what, err, account.ErrConflict)
		return
	}
	if msg := conflictMismatch(err, kind); msg != "" {
		t.Errorf("%s: %s", what, msg)
	}
}

// conflictMismatch says what is wrong with a conflict error that names the
// wrong identifier; empty when it names kind or none.
func conflictMismatch(err error, kind account.IdentifierKind) string {
	if ce, ok := errors.AsType[*account.ConflictError](err); ok && ce.Identifier != "" && ce.Identifier != kind {
		return "ConflictError.Identifier = " + string(ce.Identifier) + ", want " + string(kind)
	}
	return ""
}
