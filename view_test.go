package myaccount_test

import (
	"context"
	"reflect"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// The views the Service hands to Go callers hold what the API may show and
// nothing else (issue item 14): no password hash, no whole User or Factor, and no
// field the caller's scopes hide.
func TestViewsHoldNoSecrets(t *testing.T) {
	userType := reflect.TypeFor[account.User]()
	factorType := reflect.TypeFor[mfa.Factor]()
	for _, v := range []any{myaccount.AccountView{}, myaccount.UserView{}, myaccount.SignInResult{}, myaccount.UserList{}, myaccount.FactorView{}} {
		var walk func(tp reflect.Type, path string, seen map[reflect.Type]bool)
		walk = func(tp reflect.Type, path string, seen map[reflect.Type]bool) {
			for tp.Kind() == reflect.Pointer || tp.Kind() == reflect.Slice || tp.Kind() == reflect.Map {
				tp = tp.Elem()
			}
			if tp == userType || tp == factorType {
				t.Errorf("%s holds an %s", path, tp)
			}
			if tp.Kind() != reflect.Struct || seen[tp] {
				return
			}
			seen[tp] = true
			for f := range tp.Fields() {
				if f.Name == "PasswordHash" || f.Name == "PasswordUpdatedAt" {
					t.Errorf("%s.%s is a secret's", path, f.Name)
				}
				walk(f.Type, path+"."+f.Name, seen)
			}
		}
		tp := reflect.TypeOf(v)
		walk(tp, tp.Name(), map[reflect.Type]bool{})
	}

	e := newSvcEnv(t, memory.New())
	id := e.user(myaccount.CreateUserInput{Username: "view", Password: lockoutPassword, PrimaryEmail: "view@example.com", PrimaryPhone: "16505550142"})
	c := e.caller(id)
	c.Scopes = []string{"openid", "profile"}
	v, err := e.svc.Account.Get(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	if v.ID != id || v.Username != "view" || !v.HasPassword || !v.HasSecurityVerificationMethod {
		t.Errorf("visible fields: %+v", v)
	}
	if v.PrimaryEmail != "" || v.PrimaryPhone != "" || v.Visible("primaryEmail") {
		t.Errorf("the email and phone scopes are missing, yet the view holds %q, %q", v.PrimaryEmail, v.PrimaryPhone)
	}
	res, err := e.svc.SignIn.Password(context.Background(), myaccount.Caller{}, myaccount.SignInIdentifier{Kind: account.IdentifierUsername, Value: "view"}, lockoutPassword)
	if err != nil || res.UserID != id || len(res.Factors) != 0 {
		t.Fatalf("SignInWithPassword = %+v, %v", res, err)
	}
}
