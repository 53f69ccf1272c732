package myaccount_test

import (
	"context"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// An avatar or a related origin is an http(s) URL with a host: a
// javascript:, data: or mailto: "URL", which Logto's URL check takes, is
// refused, so a page that renders it as a link cannot run script.
func TestURLsAreHTTP(t *testing.T) {
	e := newSvcEnv(t, memory.New())
	ctx := context.Background()
	id := e.user(myaccount.CreateUserInput{Username: "urls"})
	for _, bad := range []string{"javascript:alert(1)", "data:image/png;base64,AAAA", "mailto:x@example.com", "https://", "ftp://example.com/a.png"} {
		_, err := e.svc.Account.Update(ctx, e.caller(id), myaccount.UpdateAccountInput{Avatar: myaccount.Set(bad)})
		wantCode(t, "avatar "+bad, err, 400, account.CodeGuardInvalidInput)
		_, err = e.svc.Admin.EditUser(ctx, id, myaccount.UpdateUserInput{Avatar: myaccount.Set(bad)})
		wantCode(t, "admin avatar "+bad, err, 400, account.CodeGuardInvalidInput)
		_, err = e.svc.Admin.SetAccountCenter(ctx, myaccount.UpdateAccountCenterInput{WebAuthnRelatedOrigins: myaccount.Set([]string{bad})})
		wantCode(t, "related origin "+bad, err, 400, account.CodeGuardInvalidInput)
	}
	if _, err := e.svc.Account.Update(ctx, e.caller(id), myaccount.UpdateAccountInput{Avatar: myaccount.Set("https://cdn.example.com/a.png")}); err != nil {
		t.Fatal(err)
	}
}
