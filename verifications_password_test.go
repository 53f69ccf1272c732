package myaccount_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/verification"
	"golang.org/x/crypto/bcrypt"
)

func TestVerifyPassword(t *testing.T) {
	t.Run("checks in order: body, first party, the password", func(t *testing.T) {
		e := newAcctEnv(t)
		full := e.member(acctWithPassword("prover"))
		c := acctThirdParty(full)
		c.Scopes = []string{"openid"}
		in := myaccount.PasswordInput{}
		var res *myaccount.VerificationResult
		err := acctInOrder(t, func() (err error) { res, err = e.svc.Account.VerifyPassword(e.ctx, c, in); return err },
			acctStep{"empty password", 400, account.CodeGuardInvalidInput, func() { in.Password = "wrong-password" }},
			acctStep{"third party", 403, account.CodeThirdPartyApplicationForbidden, func() { c.FirstParty = true }},
			acctStep{"wrong password", 422, account.CodeInvalidCredentials, func() { in.Password = acctPassword }},
		)
		if err != nil {
			t.Fatalf("verify: %v", err)
		}
		if want := e.clock.Now().Add(verification.TTL); res.VerificationRecordID == "" || !res.ExpiresAt.Equal(want) {
			t.Fatalf("record %+v, want one expiring at %v", res, want)
		}
	})

	t.Run("a user without a password cannot verify one", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.member(myaccount.CreateUserInput{Username: "nopassword"})
		_, err := e.svc.Account.VerifyPassword(e.ctx, c, myaccount.PasswordInput{Password: acctPassword})
		wantCode(t, "no password", err, 422, account.CodeInvalidCredentials)
	})

	t.Run("the record proves identity for ten minutes, then expires", func(t *testing.T) {
		e := newAcctEnv(t)
		c := e.proved(e.member(acctWithPassword("ttl")))
		in := myaccount.UpdateAccountInput{Username: myaccount.Set("ttl_two")}
		if _, err := e.svc.Account.Update(e.ctx, c, in); err != nil {
			t.Fatalf("with a fresh record: %v", err)
		}
		in.Username = myaccount.Set("ttl_three")
		if _, err := e.svc.Account.Update(e.ctx, c, in); err != nil {
			t.Fatalf("a record is reusable: %v", err)
		}
		e.clock.Advance(verification.TTL)
		_, err := e.svc.Account.Update(e.ctx, c, in)
		wantCode(t, "expired record", err, 401, account.CodeRecordPermissionDenied)
	})

	t.Run("another user's record does not prove the caller's identity", func(t *testing.T) {
		e := newAcctEnv(t)
		other := e.proved(e.member(acctWithPassword("owner")))
		c := e.member(acctWithPassword("borrower"))
		c.VerificationID = other.VerificationID
		_, err := e.svc.Account.Update(e.ctx, c, myaccount.UpdateAccountInput{Username: myaccount.Set("borrowed")})
		wantCode(t, "foreign record", err, 401, account.CodeRecordPermissionDenied)
	})

	t.Run("failures lock the user out, even of the right password, until the lockout ends", func(t *testing.T) {
		e := newAcctEnv(t, func(c *myaccount.Config) {
			c.Lockout.MaxAttempts = 2
			c.Lockout.Duration = time.Minute
		})
		c := e.member(acctWithPassword("locked"))
		_, err := e.svc.Account.VerifyPassword(e.ctx, c, myaccount.PasswordInput{Password: "wrong-1"})
		wantCode(t, "first failure", err, 422, account.CodeInvalidCredentials)
		_, err = e.svc.Account.VerifyPassword(e.ctx, c, myaccount.PasswordInput{Password: "wrong-2"})
		wantCode(t, "second failure", err, 400, account.CodeVerificationBlocked)
		_, err = e.svc.Account.VerifyPassword(e.ctx, c, myaccount.PasswordInput{Password: acctPassword})
		wantCode(t, "right password while locked", err, 400, account.CodeVerificationBlocked)
		e.evMu.Lock()
		var lockouts int
		for _, ev := range e.events {
			if ev.Type == myaccount.EventIdentifierLockout {
				lockouts++
			}
		}
		e.evMu.Unlock()
		if lockouts == 0 {
			t.Error("no Identifier.Lockout event")
		}
		e.clock.Advance(time.Minute)
		if _, err := e.svc.Account.VerifyPassword(e.ctx, c, myaccount.PasswordInput{Password: acctPassword}); err != nil {
			t.Fatalf("after the lockout: %v", err)
		}
	})
}

func TestVerifyPasswordUpgradesAnOldHash(t *testing.T) {
	t.Run("a right password under bcrypt is re-hashed, and a same-password change is then caught", func(t *testing.T) {
		e := newAcctEnv(t)
		digest, err := bcrypt.GenerateFromPassword([]byte(acctPassword), bcrypt.MinCost)
		if err != nil {
			t.Fatal(err)
		}
		c := e.member(myaccount.CreateUserInput{Username: "legacy", PasswordDigest: string(digest), PasswordAlgorithm: "Bcrypt"})
		// Verifying re-hashes with Argon2, and reuse is checked only under
		// Argon2: the 422 shows the upgrade.
		c = e.proved(c)
		wantCode(t, "same password after the upgrade", e.svc.Account.ChangePassword(e.ctx, c, myaccount.PasswordInput{Password: acctPassword}), 422, account.CodeSamePassword)
	})

	t.Run("the records answer as JSON with an ISO expiry", func(t *testing.T) {
		e := newAcctSocialEnv(t)
		c := e.member(acctWithPassword("jsonned"))
		r, err := e.svc.Account.VerifyPassword(e.ctx, c, myaccount.PasswordInput{Password: acctPassword})
		if err != nil {
			t.Fatal(err)
		}
		a, err := e.svc.Account.StartSocialVerification(e.ctx, c, myaccount.StartSocialInput{ConnectorID: "mock-social", State: "s", RedirectURI: "https://app.example/cb"})
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range []any{r, a} {
			raw, err := json.Marshal(v)
			if err != nil {
				t.Fatal(err)
			}
			var m map[string]any
			if err := json.Unmarshal(raw, &m); err != nil || m["verificationRecordId"] == "" || m["expiresAt"] != "2026-01-02T03:14:05.000Z" {
				t.Errorf("%s", raw)
			}
		}
	})
}
