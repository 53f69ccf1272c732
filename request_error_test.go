package myaccount_test

import (
	"context"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// A request the adapter could not read (Caller.RequestError) is answered by
// the use case after the gate: a disabled account center or a suspended
// caller first, then the request's own error, on every kind of route.
func TestRequestErrorComesAfterTheGate(t *testing.T) {
	e := newSvcEnv(t, memory.New())
	ctx := context.Background()
	id := e.user(myaccount.CreateUserInput{Username: "req", Password: lockoutPassword})
	c := e.caller(id)
	c.RequestError = myaccount.ErrInvalidInput
	calls := map[string]func() error{
		"Update": func() error { _, err := e.svc.Account.Update(ctx, c, myaccount.UpdateAccountInput{}); return err },
		"UpdateProfile": func() error {
			_, err := e.svc.Account.UpdateProfile(ctx, c, myaccount.UpdateProfileInput{})
			return err
		},
		"VerifyPassword": func() error {
			_, err := e.svc.Account.VerifyPassword(ctx, c, myaccount.PasswordInput{Password: lockoutPassword})
			return err
		},
		"UploadAvatar": func() error { _, err := e.svc.Account.UploadAvatar(ctx, c, myaccount.AvatarInput{}); return err },
	}
	for name, call := range calls {
		wantCode(t, name+" with the center on", call(), 400, account.CodeGuardInvalidInput)
	}
	suspended := true
	if _, err := e.svc.Admin.SetSuspended(ctx, id, myaccount.SetSuspendedInput{IsSuspended: &suspended}); err != nil {
		t.Fatal(err)
	}
	for name, call := range calls {
		wantCode(t, name+" of a suspended user", call(), 401, account.CodeSuspended)
	}
	off := false
	if _, err := e.svc.Admin.SetAccountCenter(ctx, myaccount.UpdateAccountCenterInput{Enabled: myaccount.Set(off)}); err != nil {
		t.Fatal(err)
	}
	for name, call := range calls {
		wantCode(t, name+" with the center off", call(), 400, account.CodeAccountCenterNotEnabled)
	}
}
