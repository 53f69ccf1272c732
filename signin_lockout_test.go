package myaccount_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/internal/testdb"
)

const lockoutPassword = "pass-word-1"

// signIn is one password sign-in from a client address.
func (e *svcEnv) signIn(client string, kind account.IdentifierKind, value, password string) error {
	_, err := e.svc.SignIn.Password(context.Background(), myaccount.Caller{ClientAddr: client}, myaccount.SignInIdentifier{Kind: kind, Value: value}, password)
	return err
}

// The lockouts count per account and per client, never per spelling, and
// no input of one kind spells another pool's key (issue items 1 to 3).
func TestSignInLockout(t *testing.T) {
	testdb.EachStore(t, func(t *testing.T, newStore func(testing.TB) myaccount.Store) {
		t.Run("failures count on the user found, in every spelling", func(t *testing.T) {
			e := newSvcEnv(t, newStore(t), func(c *myaccount.Config) { c.Lockout.MaxAttempts = 8 })
			e.user(myaccount.CreateUserInput{Username: "dave", Password: lockoutPassword, PrimaryEmail: "dave@example.com", PrimaryPhone: "16505550100"})
			spellings := []struct {
				kind  account.IdentifierKind
				value string
			}{
				{account.IdentifierEmail, "dave@example.com"},
				{account.IdentifierEmail, "DAVE@example.com"},
				{account.IdentifierEmail, "Dave@Example.com"},
				{account.IdentifierUsername, "dave"},
				{account.IdentifierUsername, "dave"},
				{account.IdentifierPhone, "16505550100"},
				{account.IdentifierPhone, "+16505550100"},
				{account.IdentifierPhone, "116505550100"},
			}
			// Seven failures spread over the spellings, then the eighth
			// locks every spelling, from any client.
			for i, sp := range spellings[:7] {
				wantCode(t, fmt.Sprintf("failure %d (%s)", i+1, sp.value), e.signIn(fmt.Sprintf("198.51.100.%d", i), sp.kind, sp.value, "wrong"), 422, account.CodeInvalidCredentials)
			}
			wantCode(t, "eighth failure", e.signIn("198.51.100.50", spellings[7].kind, spellings[7].value, "wrong"), 400, account.CodeVerificationBlocked)
			for _, sp := range spellings {
				wantCode(t, "right password as "+sp.value, e.signIn("203.0.113.9", sp.kind, sp.value, lockoutPassword), 400, account.CodeVerificationBlocked)
			}
		})
		t.Run("an identifier nobody holds shares one counter across spellings", func(t *testing.T) {
			e := newSvcEnv(t, newStore(t), func(c *myaccount.Config) { c.Lockout.MaxAttempts = 3 })
			wantCode(t, "1", e.signIn("", account.IdentifierEmail, "nobody@example.com", "x"), 422, account.CodeInvalidCredentials)
			wantCode(t, "2", e.signIn("", account.IdentifierEmail, "NOBODY@example.com", "x"), 422, account.CodeInvalidCredentials)
			wantCode(t, "3", e.signIn("", account.IdentifierEmail, "Nobody@Example.COM", "x"), 400, account.CodeVerificationBlocked)
			wantCode(t, "phone 1", e.signIn("", account.IdentifierPhone, "16505550199", "x"), 422, account.CodeInvalidCredentials)
			wantCode(t, "phone 2", e.signIn("", account.IdentifierPhone, "+16505550199", "x"), 422, account.CodeInvalidCredentials)
			wantCode(t, "phone 3", e.signIn("", account.IdentifierPhone, "116505550199", "x"), 400, account.CodeVerificationBlocked)
		})
		t.Run("usernames cannot spell another pool's key", func(t *testing.T) {
			e := newSvcEnv(t, newStore(t), withTestMFA(t), func(c *myaccount.Config) { c.Lockout.MaxAttempts = 3 })
			victim := e.user(myaccount.CreateUserInput{Username: "victim", Password: lockoutPassword})
			for _, name := range []string{"totp:" + victim, "backup-code:" + victim, victim, "lockout:" + victim} {
				for range 4 {
					_ = e.signIn("", account.IdentifierUsername, name, "x")
				}
			}
			ctx := context.Background()
			wantCode(t, "victim's TOTP", e.svc.SignIn.TOTP(ctx, myaccount.Caller{}, victim, "000000"), 400, account.CodeInvalidTOTPCode)
			wantCode(t, "victim's backup code", e.svc.SignIn.BackupCode(ctx, myaccount.Caller{}, victim, "0000000000"), 400, account.CodeInvalidBackupCode)
			if _, err := e.svc.Account.VerifyPassword(ctx, e.caller(victim), myaccount.PasswordInput{Password: lockoutPassword}); err != nil {
				t.Fatalf("victim's password verification: %v", err)
			}
			if err := e.signIn("", account.IdentifierUsername, "victim", lockoutPassword); err != nil {
				t.Fatalf("victim's sign-in: %v", err)
			}
		})
		t.Run("one source is stopped before the account is locked", func(t *testing.T) {
			e := newSvcEnv(t, newStore(t)) // the default limits
			e.user(myaccount.CreateUserInput{Username: "target", Password: lockoutPassword})
			const attacker = "192.0.2.66"
			refusedAt := 0
			for i := 1; i <= 100; i++ {
				err := e.signIn(attacker, account.IdentifierUsername, "target", "wrong")
				if apiErr, ok := err.(*account.Error); ok && apiErr.Status == 429 {
					refusedAt = i
					break
				}
				wantCode(t, fmt.Sprintf("attempt %d", i), err, 422, account.CodeInvalidCredentials)
			}
			if refusedAt == 0 || refusedAt > 20 {
				t.Fatalf("the attacker was refused at attempt %d, want by the 20th", refusedAt)
			}
			// Refused attempts are not even checked: the right password
			// from the attacker's address is refused too.
			wantCode(t, "attacker, right password", e.signIn(attacker, account.IdentifierUsername, "target", lockoutPassword), 429, account.CodeVerificationBlocked)
			// The owner, elsewhere, signs in.
			if err := e.signIn("203.0.113.7", account.IdentifierUsername, "target", lockoutPassword); err != nil {
				t.Fatalf("owner's sign-in: %v", err)
			}
			// The client's lockout ends.
			e.clock.Advance(16 * time.Minute)
			if err := e.signIn(attacker, account.IdentifierUsername, "target", lockoutPassword); err != nil {
				t.Fatalf("after the client lockout: %v", err)
			}
		})
		t.Run("one source spraying many users is stopped", func(t *testing.T) {
			e := newSvcEnv(t, newStore(t), func(c *myaccount.Config) { c.Lockout.ClientMaxFailures = 10 })
			for i := range 12 {
				e.user(myaccount.CreateUserInput{Username: fmt.Sprintf("spray%d", i), Password: lockoutPassword})
			}
			for i := range 10 {
				err := e.signIn("192.0.2.77", account.IdentifierUsername, fmt.Sprintf("spray%d", i), "Password1")
				if i < 9 {
					wantCode(t, fmt.Sprintf("user %d", i), err, 422, account.CodeInvalidCredentials)
				} else {
					wantCode(t, "tenth failure", err, 429, account.CodeVerificationBlocked)
				}
			}
			wantCode(t, "eleventh user", e.signIn("192.0.2.77", account.IdentifierUsername, "spray10", lockoutPassword), 429, account.CodeVerificationBlocked)
			if err := e.signIn("192.0.2.78", account.IdentifierUsername, "spray11", lockoutPassword); err != nil {
				t.Fatalf("another client: %v", err)
			}
		})
		t.Run("second-factor failures count per client too", func(t *testing.T) {
			e := newSvcEnv(t, newStore(t), withTestMFA(t), func(c *myaccount.Config) { c.Lockout.ClientMaxAttempts = 3 })
			id := e.user(myaccount.CreateUserInput{Username: "mfa", Password: lockoutPassword})
			ctx := context.Background()
			// The attacker steps through the addresses of its IPv6 /64: they
			// count as one client.
			from := func(addr string) myaccount.Caller { return myaccount.Caller{ClientAddr: addr} }
			wantCode(t, "1", e.svc.SignIn.TOTP(ctx, from("2001:db8::1"), id, "000000"), 400, account.CodeInvalidTOTPCode)
			wantCode(t, "2", e.svc.SignIn.TOTP(ctx, from("2001:db8::2"), id, "000000"), 400, account.CodeInvalidTOTPCode)
			wantCode(t, "3", e.svc.SignIn.TOTP(ctx, from("2001:db8::3"), id, "000000"), 429, account.CodeVerificationBlocked)
			wantCode(t, "backup codes, same client", e.svc.SignIn.BackupCode(ctx, from("2001:db8::4"), id, "0000000000"), 400, account.CodeInvalidBackupCode)
			wantCode(t, "other network", e.svc.SignIn.TOTP(ctx, from("2001:db8:0:1::2"), id, "000000"), 400, account.CodeInvalidTOTPCode)
		})
	})
}
