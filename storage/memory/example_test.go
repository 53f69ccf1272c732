package memory_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// An app's unit test runs the real Service on the memory store: no
// database, the same rules. Here the test calls the use cases in process, as
// a signed-in user (a Caller with a Principal), the way the HTTP handler
// would after authentication.
func Example() {
	ctx := context.Background()
	svc, err := myaccount.New(myaccount.Config{
		Store: memory.New(),
		AccountCenter: &account.AccountCenter{Enabled: true, Fields: map[account.Field]account.FieldMode{
			account.FieldName: account.Edit, account.FieldUsername: account.Edit,
		}},
	})
	if err != nil {
		log.Fatal(err)
	}
	alice, err := svc.Admin.AddUser(ctx, myaccount.CreateUserInput{Username: "alice"})
	if err != nil {
		log.Fatal(err)
	}
	caller := myaccount.Caller{Principal: myaccount.Principal{
		UserID: alice.ID, Scopes: myaccount.DefaultAccessTokenScopes, FirstParty: true,
	}}

	view, err := svc.Account.Update(ctx, caller, myaccount.UpdateAccountInput{Name: myaccount.Set("Alice")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*view.Name)

	// A new username needs a verification record (the password re-check)
	// in Caller.VerificationID; without one the change is refused.
	_, err = svc.Account.Update(ctx, caller, myaccount.UpdateAccountInput{Username: myaccount.Set("alice_w")})
	fmt.Println(errors.Is(err, myaccount.ErrPermissionDenied))
	// Output:
	// Alice
	// true
}
