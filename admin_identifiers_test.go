package myaccount_test

import (
	"context"
	"errors"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// adminClaim is an identifier claimed by an administrator's write.
type adminClaim struct {
	username, email, phone string
}

func (c adminClaim) create() myaccount.CreateUserInput {
	return myaccount.CreateUserInput{Username: c.username, PrimaryEmail: c.email, PrimaryPhone: c.phone}
}

func (c adminClaim) update() myaccount.UpdateUserInput {
	var in myaccount.UpdateUserInput
	if c.username != "" {
		in.Username = myaccount.Set(c.username)
	}
	if c.email != "" {
		in.PrimaryEmail = myaccount.Set(c.email)
	}
	if c.phone != "" {
		in.PrimaryPhone = myaccount.Set(c.phone)
	}
	return in
}

// The identifiers an administrator sets are unique in their normal forms,
// under the username policy, whichever write claims them (POST and PATCH
// /api/users), and a conflict names the identifier another user holds.
func TestAdminIdentifierUniqueness(t *testing.T) {
	ctx := context.Background()
	holder := adminClaim{"Holder", "Holder.Mail@Example.com", "6402112345678"}
	for _, c := range []struct {
		rule string
		// policy is the username policy of both writes; later, of the
		// claiming write only (a host that tightened its policy).
		policy, later func(*account.UsernamePolicy)
		claim         adminClaim
		status        int
		code          account.Code
	}{
		{rule: "the same username is taken", claim: adminClaim{username: "Holder"}, status: 422, code: account.CodeUsernameAlreadyInUse},
		{rule: "usernames are case-sensitive by default", claim: adminClaim{username: "holder"}},
		{rule: "a case-insensitive policy keys usernames by their lower case", policy: func(p *account.UsernamePolicy) { p.CaseSensitive = false },
			claim: adminClaim{username: "HOLDER"}, status: 422, code: account.CodeUsernameAlreadyInUse},
		{rule: "emails are unique ignoring case", claim: adminClaim{email: "holder.mail@EXAMPLE.COM"}, status: 422, code: account.CodeEmailAlreadyInUse},
		{rule: "a local part of another spelling is another email", claim: adminClaim{email: "holdermail@example.com"}},
		{rule: "the same phone without its trunk zero is taken", claim: adminClaim{phone: "642112345678"}, status: 422, code: account.CodePhoneAlreadyInUse},
		{rule: "the same phone as given is taken", claim: adminClaim{phone: "6402112345678"}, status: 422, code: account.CodePhoneAlreadyInUse},
		{rule: "another phone is free", claim: adminClaim{phone: "642112345679"}},
		{rule: "the conflict names the identifier held", claim: adminClaim{username: "free_name", email: "free@example.com", phone: "642112345678"},
			status: 422, code: account.CodePhoneAlreadyInUse},
		{rule: "the policy refuses a username before any conflict", later: func(p *account.UsernamePolicy) { p.AllowUppercase = false },
			claim: adminClaim{username: "Holder"}, status: 422, code: account.UsernameViolationCode(account.UsernameUppercaseNotAllowed)},
	} {
		t.Run(c.rule, func(t *testing.T) {
			for _, write := range []string{"AddUser", "EditUser"} {
				e, _ := newAdminEnv(t, adminUsernamePolicy(c.policy))
				e.user(holder.create())
				if c.later != nil {
					e, _ = newAdminEnvOn(t, e, adminUsernamePolicy(c.later))
				}
				var err error
				if write == "AddUser" {
					_, err = e.svc.Admin.AddUser(ctx, c.claim.create())
				} else {
					other := e.user(myaccount.CreateUserInput{})
					_, err = e.svc.Admin.EditUser(ctx, other, c.claim.update())
				}
				if c.code == "" {
					if err != nil {
						t.Fatalf("%s: %v", write, err)
					}
					continue
				}
				wantCode(t, write, err, c.status, c.code)
			}
		})
	}

	t.Run("a user's own identifiers are no conflict", func(t *testing.T) {
		e, _ := newAdminEnv(t)
		id := e.user(holder.create())
		v, err := e.svc.Admin.EditUser(ctx, id, adminClaim{"Holder", "HOLDER.mail@example.com", "642112345678"}.update())
		if err != nil {
			t.Fatal(err)
		}
		if v.PrimaryEmail != "HOLDER.mail@example.com" || v.PrimaryPhone != "642112345678" {
			t.Fatalf("rewritten: %+v", v.AccountView)
		}
	})

	t.Run("a freed identifier can be claimed again", func(t *testing.T) {
		e, _ := newAdminEnv(t)
		id := e.user(holder.create())
		if _, err := e.svc.Admin.EditUser(ctx, id, myaccount.UpdateUserInput{
			Username: myaccount.Null[string](), PrimaryEmail: myaccount.Set(""), PrimaryPhone: myaccount.Null[string](),
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Admin.AddUser(ctx, holder.create()); err != nil {
			t.Fatalf("the freed identifiers: %v", err)
		}
	})

	t.Run("the username policy applies in order, as 422 user.username_<violation>", func(t *testing.T) {
		for _, c := range []struct {
			policy   func(*account.UsernamePolicy)
			username string
			code     account.Code
		}{
			{func(p *account.UsernamePolicy) { p.MinLength = 3 }, "ab", "user.username_too_short"},
			{func(p *account.UsernamePolicy) { p.MaxLength = 3 }, "abcd", "user.username_too_long"},
			{func(p *account.UsernamePolicy) { p.AllowUppercase = false }, "aB", "user.username_uppercase_not_allowed"},
			{func(p *account.UsernamePolicy) { p.AllowLowercase = false }, "Ab", "user.username_lowercase_not_allowed"},
			{func(p *account.UsernamePolicy) { p.AllowNumbers = false }, "a1", "user.username_numbers_not_allowed"},
			{func(p *account.UsernamePolicy) { p.AllowUnderscore = false }, "a_b", "user.username_underscore_not_allowed"},
			// The lengths come before the character classes.
			{func(p *account.UsernamePolicy) { p.MaxLength = 2; p.AllowUppercase = false }, "ABC", "user.username_too_long"},
		} {
			e, _ := newAdminEnv(t, adminUsernamePolicy(c.policy))
			_, err := e.svc.Admin.AddUser(ctx, myaccount.CreateUserInput{Username: c.username})
			wantCode(t, "AddUser "+c.username, err, 422, c.code)
			id := e.user(myaccount.CreateUserInput{})
			_, err = e.svc.Admin.EditUser(ctx, id, myaccount.UpdateUserInput{Username: myaccount.Set(c.username)})
			wantCode(t, "EditUser "+c.username, err, 422, c.code)
		}
	})

	t.Run("the checks run in order: shapes, the email, the username policy, the phone", func(t *testing.T) {
		e, _ := newAdminEnv(t, adminUsernamePolicy(func(p *account.UsernamePolicy) { p.MaxLength = 2 }))
		_, err := e.svc.Admin.AddUser(ctx, myaccount.CreateUserInput{Username: "abc", PrimaryEmail: "no-at", PrimaryPhone: "999"})
		wantCode(t, "bad email first", err, 400, account.CodeGuardInvalidInput)
		_, err = e.svc.Admin.AddUser(ctx, myaccount.CreateUserInput{Username: "abc", PrimaryPhone: "999"})
		wantCode(t, "the policy before the phone", err, 422, account.UsernameViolationCode(account.UsernameTooLong))
	})

	t.Run("with Unicode local parts, look-alikes are one address", func(t *testing.T) {
		e, _ := newAdminEnv(t, func(c *myaccount.Config) { c.EmailSyntax.UnicodeLocalPart = true })
		e.user(myaccount.CreateUserInput{PrimaryEmail: "alice@example.com"})
		_, err := e.svc.Admin.AddUser(ctx, myaccount.CreateUserInput{PrimaryEmail: "ａlice@example.com"})
		wantCode(t, "fullwidth alice", err, 422, account.CodeEmailAlreadyInUse)
		v, err := e.svc.Admin.AddUser(ctx, myaccount.CreateUserInput{PrimaryEmail: "josé@ｅxample.com"})
		if err != nil || v.PrimaryEmail != "josé@example.com" {
			t.Fatalf("a Unicode local part: %v, %v", v, err)
		}
	})
}

// adminUsernamePolicy sets the default username policy changed by change
// (nil: the default).
func adminUsernamePolicy(change func(*account.UsernamePolicy)) func(*myaccount.Config) {
	return func(c *myaccount.Config) {
		p := account.DefaultUsernamePolicy()
		if change != nil {
			change(&p)
		}
		c.UsernamePolicy = &p
	}
}

// newAdminEnvOn is another Service on e's store with the changes given:
// what a host does when it changes its rules.
func newAdminEnvOn(t testing.TB, e *svcEnv, change ...func(*myaccount.Config)) (*svcEnv, *adminHook) {
	t.Helper()
	h := &adminHook{}
	changes := append([]func(*myaccount.Config){withTestMFA(t), func(c *myaccount.Config) { c.Hook = h.record }}, change...)
	return newSvcEnv(t, e.store, changes...), h
}

// adminVagueStore is a store that cannot tell which identifier a conflict
// is about (a unique index that does not name itself).
type adminVagueStore struct{ myaccount.Store }

func vague(err error) error {
	var conflict *account.ConflictError
	if errors.As(err, &conflict) {
		return &account.ConflictError{}
	}
	return err
}

func (s adminVagueStore) CreateUser(ctx context.Context, u *account.User) error {
	return vague(s.Store.CreateUser(ctx, u))
}

func (s adminVagueStore) UpdateUser(ctx context.Context, id string, change func(*account.User) error) (*account.User, error) {
	u, err := s.Store.UpdateUser(ctx, id, change)
	return u, vague(err)
}

// When the store cannot tell which identifier another user holds, the
// Service asks who holds each one the write claimed.
func TestAdminConflictOfAVagueStore(t *testing.T) {
	ctx := context.Background()
	e := newSvcEnv(t, adminVagueStore{memory.New()})
	holder := e.user(myaccount.CreateUserInput{Username: "held", PrimaryEmail: "held@example.com", PrimaryPhone: "15551239999"})
	if _, _, err := e.svc.Admin.ReplaceIdentity(ctx, holder, "github", myaccount.AdminIdentityInput{UserID: "gh-held"}); err != nil {
		t.Fatal(err)
	}
	other := e.user(myaccount.CreateUserInput{Username: "mine", PrimaryEmail: "mine@example.com"})
	for _, c := range []struct {
		claim adminClaim
		code  account.Code
	}{
		{adminClaim{username: "held"}, account.CodeUsernameAlreadyInUse},
		{adminClaim{username: "free", email: "HELD@example.com"}, account.CodeEmailAlreadyInUse},
		{adminClaim{username: "free", phone: "15551239999"}, account.CodePhoneAlreadyInUse},
	} {
		_, err := e.svc.Admin.AddUser(ctx, c.claim.create())
		wantCode(t, "AddUser "+string(c.code), err, 422, c.code)
		_, err = e.svc.Admin.EditUser(ctx, other, c.claim.update())
		wantCode(t, "EditUser "+string(c.code), err, 422, c.code)
	}
	// The user's own identifiers are no conflict: an identity write that
	// conflicts is about the identity.
	_, _, err := e.svc.Admin.ReplaceIdentity(ctx, other, "github", myaccount.AdminIdentityInput{UserID: "gh-held"})
	wantCode(t, "the identity", err, 422, account.CodeIdentityAlreadyInUse)
}
