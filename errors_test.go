package myaccount_test

import (
	"context"
	"errors"
	"io"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// The sentinels match with errors.Is, with no status to build: the answer
// of a route, data or cause attached, is its sentinel.
func TestErrorsMatch(t *testing.T) {
	e := newSvcEnv(t, memory.New())
	e.user(myaccount.CreateUserInput{Username: "taken"})
	id := e.user(myaccount.CreateUserInput{Username: "mine", Password: lockoutPassword})
	c := e.caller(id)
	rec, err := e.svc.Account.VerifyPassword(context.Background(), c, myaccount.PasswordInput{Password: lockoutPassword})
	if err != nil {
		t.Fatal(err)
	}
	c.VerificationID = rec.VerificationRecordID
	_, err = e.svc.Account.Update(context.Background(), c, myaccount.UpdateAccountInput{Username: myaccount.Set("taken")})
	if !errors.Is(err, myaccount.ErrUsernameInUse) {
		t.Fatalf("a taken username: %v, want ErrUsernameInUse", err)
	}
	if !errors.Is(err, &account.Error{Code: account.CodeUsernameAlreadyInUse}) {
		t.Errorf("a code-only target does not match %v", err)
	}
	if errors.Is(err, myaccount.ErrEmailInUse) {
		t.Errorf("%v matches ErrEmailInUse", err)
	}
	wrapped := myaccount.ErrInvalidInput.WithData(map[string]any{"x": 1}).WithCause(io.ErrUnexpectedEOF)
	if !errors.Is(wrapped, myaccount.ErrInvalidInput) || !errors.Is(wrapped, io.ErrUnexpectedEOF) {
		t.Errorf("data and cause change the match: %v", wrapped)
	}
	if errors.Unwrap(wrapped) != io.ErrUnexpectedEOF {
		t.Errorf("Unwrap = %v", errors.Unwrap(wrapped))
	}
	if errors.Is(account.NewError(500, account.CodeGuardInvalidInput), myaccount.ErrInvalidInput) {
		t.Error("another status matches")
	}
}
