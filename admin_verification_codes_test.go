package myaccount_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/verification"
)

// lastCode is the code of the last message sent to to.
func (e *svcEnv) lastCode(to string) string {
	e.t.Helper()
	msgs := e.messages()
	for i := len(msgs) - 1; i >= 0; i-- {
		if msgs[i].To == to {
			return msgs[i].Code
		}
	}
	e.t.Fatalf("no code sent to %s", to)
	return ""
}

func TestAdminVerificationCodes(t *testing.T) {
	ctx := context.Background()
	email := func(addr string) myaccount.VerificationCodeInput { return myaccount.VerificationCodeInput{Email: addr} }

	t.Run("an email code is sent with template Generic and verified once", func(t *testing.T) {
		e, _ := newAdminEnv(t)
		if err := e.svc.Admin.SendVerificationCode(ctx, email("Ann@Example.COM"), ""); err != nil {
			t.Fatal(err)
		}
		m := e.messages()[0]
		if m.To != "Ann@example.com" || m.Template != verification.TemplateGeneric || m.UserID != "" || len(m.Code) != 6 {
			t.Fatalf("message %+v", m)
		}
		// Any spelling of the same address finds the code.
		in := myaccount.VerifyVerificationCodeInput{Email: "Ann@EXAMPLE.com", VerificationCode: m.Code}
		if err := e.svc.Admin.VerifyVerificationCode(ctx, in); err != nil {
			t.Fatal(err)
		}
		wantCode(t, "used twice", e.svc.Admin.VerifyVerificationCode(ctx, in), 400, account.CodeCodeNotFound)
	})

	t.Run("a phone code is verified", func(t *testing.T) {
		e, _ := newAdminEnv(t)
		if err := e.svc.Admin.SendVerificationCode(ctx, myaccount.VerificationCodeInput{Phone: "14155550123"}, ""); err != nil {
			t.Fatal(err)
		}
		code := e.lastCode("14155550123")
		wantCode(t, "as an email", e.svc.Admin.VerifyVerificationCode(ctx, myaccount.VerifyVerificationCodeInput{Email: "14155550123@example.com", VerificationCode: code}), 400, account.CodeCodeNotFound)
		if err := e.svc.Admin.VerifyVerificationCode(ctx, myaccount.VerifyVerificationCodeInput{Phone: "14155550123", VerificationCode: code}); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("bodies that name no address, both, or a malformed one are guard.invalid_input", func(t *testing.T) {
		e, _ := newAdminEnv(t)
		for name, in := range map[string]myaccount.VerificationCodeInput{
			"none":          {},
			"both":          {Email: "a@example.com", Phone: "14155550123"},
			"a bad email":   {Email: "a@"},
			"a bad phone":   {Phone: "+1 415"},
			"a phone of 0s": {Phone: "014155550123"},
		} {
			wantCode(t, name, e.svc.Admin.SendVerificationCode(ctx, in, ""), 400, account.CodeGuardInvalidInput)
		}
		for name, in := range map[string]myaccount.VerifyVerificationCodeInput{
			"none":    {VerificationCode: "123456"},
			"both":    {Email: "a@example.com", Phone: "14155550123", VerificationCode: "123456"},
			"no code": {Email: "a@example.com"},
		} {
			wantCode(t, name, e.svc.Admin.VerifyVerificationCode(ctx, in), 400, account.CodeGuardInvalidInput)
		}
		if len(e.messages()) != 0 {
			t.Fatal("a refused body sent a code")
		}
	})

	t.Run("no code, another address, a wrong code, an expired code, too many tries", func(t *testing.T) {
		e, _ := newAdminEnv(t)
		verify := func(addr, code string) error {
			return e.svc.Admin.VerifyVerificationCode(ctx, myaccount.VerifyVerificationCodeInput{Email: addr, VerificationCode: code})
		}
		wantCode(t, "none sent", verify("a@example.com", "123456"), 400, account.CodeCodeNotFound)
		if err := e.svc.Admin.SendVerificationCode(ctx, email("a@example.com"), ""); err != nil {
			t.Fatal(err)
		}
		code := e.lastCode("a@example.com")
		wantCode(t, "another address", verify("b@example.com", code), 400, account.CodeCodeNotFound)
		wrong := "000000"
		if code == wrong {
			wrong = "111111"
		}
		for i := 0; i < 10; i++ {
			wantCode(t, "wrong", verify("a@example.com", wrong), 400, account.CodeCodeMismatch)
		}
		wantCode(t, "the right code after 10 tries", verify("a@example.com", code), 400, account.CodeCodeExceedMaxTry)

		// A new send replaces the code and its tries.
		if err := e.svc.Admin.SendVerificationCode(ctx, email("a@example.com"), ""); err != nil {
			t.Fatal(err)
		}
		fresh := e.lastCode("a@example.com")
		if fresh != code {
			wantCode(t, "the replaced code", verify("a@example.com", code), 400, account.CodeCodeMismatch)
		}
		e.clock.Advance(601 * time.Second)
		wantCode(t, "expired", verify("a@example.com", fresh), 400, account.CodeCodeExpired)
	})

	t.Run("sends count per recipient, with the Account API, and per client address; there is no user budget", func(t *testing.T) {
		e, _ := newAdminEnv(t)
		for i := 0; i < 10; i++ {
			if err := e.svc.Admin.SendVerificationCode(ctx, email("r@example.com"), ""); err != nil {
				t.Fatalf("send %d: %v", i, err)
			}
		}
		code := e.lastCode("r@example.com")
		wantCode(t, "11th to one recipient", e.svc.Admin.SendVerificationCode(ctx, email("R@EXAMPLE.com"), ""), 429, account.CodeMessageRateLimited)
		// The refused send left the pending code alone.
		if err := e.svc.Admin.VerifyVerificationCode(ctx, myaccount.VerifyVerificationCodeInput{Email: "r@example.com", VerificationCode: code}); err != nil {
			t.Fatalf("the pending code after a refused send: %v", err)
		}
		// The Account API's sends to that recipient are refused too: one counter.
		uid := e.user(myaccount.CreateUserInput{Username: "ann", PrimaryEmail: "r@example.com"})
		_, err := e.svc.Account.SendCode(ctx, e.caller(uid), myaccount.SendCodeInput{Identifier: myaccount.IdentifierInput{Type: verification.IdentifierEmail, Value: "r@example.com"}})
		wantCode(t, "Account API to the same recipient", err, 429, account.CodeMessageRateLimited)

		// Without a client address, 40 recipients are more than a user's 30.
		for i := 0; i < 40; i++ {
			if err := e.svc.Admin.SendVerificationCode(ctx, email(fmt.Sprintf("n%d@example.com", i)), ""); err != nil {
				t.Fatalf("recipient %d: %v", i, err)
			}
		}
		// With one, 30 text messages per client address.
		for i := 0; i < 30; i++ {
			if err := e.svc.Admin.SendVerificationCode(ctx, myaccount.VerificationCodeInput{Phone: fmt.Sprintf("1415555%04d", i)}, "192.0.2.7"); err != nil {
				t.Fatalf("sms %d: %v", i, err)
			}
		}
		wantCode(t, "31st SMS from one client", e.svc.Admin.SendVerificationCode(ctx, myaccount.VerificationCodeInput{Phone: "14155559999"}, "192.0.2.7"), 429, account.CodeMessageRateLimited)
		if err := e.svc.Admin.SendVerificationCode(ctx, myaccount.VerificationCodeInput{Phone: "14155559999"}, "192.0.2.8"); err != nil {
			t.Fatalf("another client: %v", err)
		}
	})

	t.Run("no sender is 501, a failed delivery leaves no code", func(t *testing.T) {
		e, _ := newAdminEnv(t, func(c *myaccount.Config) {
			c.SMSSender = nil
			c.EmailSender = myaccount.SenderFunc(func(context.Context, myaccount.Message) error { return errors.New("smtp down") })
		})
		wantCode(t, "no SMS sender", e.svc.Admin.SendVerificationCode(ctx, myaccount.VerificationCodeInput{Phone: "14155550123"}, ""), 501, account.CodeConnectorNotFound)
		wantCode(t, "failed delivery", e.svc.Admin.SendVerificationCode(ctx, email("a@example.com"), ""), 400, account.CodeConnectorGeneral)
		wantCode(t, "after a failed delivery", e.svc.Admin.VerifyVerificationCode(ctx, myaccount.VerifyVerificationCodeInput{Email: "a@example.com", VerificationCode: "123456"}), 400, account.CodeCodeNotFound)
	})

	t.Run("of concurrent right answers exactly one wins", func(t *testing.T) {
		e, _ := newAdminEnv(t)
		if err := e.svc.Admin.SendVerificationCode(ctx, email("c@example.com"), ""); err != nil {
			t.Fatal(err)
		}
		in := myaccount.VerifyVerificationCodeInput{Email: "c@example.com", VerificationCode: e.lastCode("c@example.com")}
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins := 0
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if e.svc.Admin.VerifyVerificationCode(ctx, in) == nil {
					mu.Lock()
					wins++
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if wins != 1 {
			t.Fatalf("%d wins", wins)
		}
	})
}
