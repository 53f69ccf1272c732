package myaccount_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/internal/testdb"
	"github.com/myaccount-go/myaccount/verification"
)

// codeEnv is the in-process env of the address rules (issue 14 items
// 4-6): callers with a client address, code sends and proofs.
type codeEnv struct{ *svcEnv }

const codePassword = "pass-word-1"

func newCodeEnv(t *testing.T, store myaccount.Store, change ...func(*myaccount.Config)) *codeEnv {
	return &codeEnv{newSvcEnv(t, store, change...)}
}

// user creates a user and returns a first-party caller for it with every
// scope, from client address addr.
func (e *codeEnv) user(in myaccount.CreateUserInput, addr string) myaccount.Caller {
	e.t.Helper()
	if in.Password == "" {
		in.Password = codePassword
	}
	u, err := e.svc.Admin.AddUser(context.Background(), in)
	if err != nil {
		e.t.Fatalf("create user: %v", err)
	}
	return myaccount.Caller{
		Principal:  myaccount.Principal{UserID: u.ID, Scopes: []string{"openid", "profile", "email", "phone"}, ClientID: "app", FirstParty: true},
		ClientAddr: addr,
	}
}

func (e *codeEnv) send(c myaccount.Caller, typ verification.IdentifierType, value string) (*myaccount.VerificationResult, error) {
	return e.svc.Account.SendCode(context.Background(), c, myaccount.SendCodeInput{Identifier: myaccount.IdentifierInput{Type: typ, Value: value}})
}

// proven sends a code to value and verifies it: the record id.
func (e *codeEnv) proven(c myaccount.Caller, typ verification.IdentifierType, value string) string {
	e.t.Helper()
	r, err := e.send(c, typ, value)
	if err != nil {
		e.t.Fatalf("send a code to %q: %v", value, err)
	}
	msgs := e.messages()
	code := msgs[len(msgs)-1].Code
	if _, err := e.svc.Account.VerifyCode(context.Background(), c, myaccount.VerifyCodeInput{
		Identifier: myaccount.IdentifierInput{Type: typ, Value: value}, VerificationID: r.VerificationRecordID, Code: code,
	}); err != nil {
		e.t.Fatalf("verify the code to %q: %v", value, err)
	}
	return r.VerificationRecordID
}

// identity is the caller with a verified password record as its
// logto-verification-id.
func (e *codeEnv) identity(c myaccount.Caller) myaccount.Caller {
	e.t.Helper()
	r, err := e.svc.Account.VerifyPassword(context.Background(), c, myaccount.PasswordInput{Password: codePassword})
	if err != nil {
		e.t.Fatalf("verify password: %v", err)
	}
	c.VerificationID = r.VerificationRecordID
	return c
}

// Item 4: the per-recipient limit holds for the address delivered to. A
// comment or angle brackets used to deliver to the limited address under
// a count of its own; now they are refused before anything is counted or
// sent, and what is sent goes to the one form of the address.
func TestSendLimitHoldsForTheAddressDeliveredTo(t *testing.T) {
	testdb.EachStore(t, func(t *testing.T, newStore func(testing.TB) myaccount.Store) {
		e := newCodeEnv(t, newStore(t))
		c := e.user(myaccount.CreateUserInput{Username: "sender"}, "")
		for i := 0; i < 10; i++ {
			if _, err := e.send(c, verification.IdentifierEmail, "victim@example.com"); err != nil {
				t.Fatalf("send %d: %v", i, err)
			}
		}
		_, err := e.send(c, verification.IdentifierEmail, "victim@example.com")
		wantCode(t, "", err, 429, account.CodeMessageRateLimited)
		for _, s := range []string{"victim@example.com(1)", "victim@example.com(2)", "x<victim@example.com>", "<victim@example.com>",
			"Victim <victim@example.com>", "(c)victim@example.com", "victim@example.com.", " victim@example.com"} {
			_, err := e.send(c, verification.IdentifierEmail, s)
			wantCode(t, "", err, 400, account.CodeGuardInvalidInput)
		}
		// Other spellings of the same mailbox are that mailbox.
		for _, s := range []string{"VICTIM@example.com", "victim@EXAMPLE.com", "victim@ｅxample.com"} {
			_, err := e.send(c, verification.IdentifierEmail, s)
			wantCode(t, "", err, 429, account.CodeMessageRateLimited)
		}
		msgs := e.messages()
		if len(msgs) != 10 {
			t.Fatalf("%d messages sent, want 10", len(msgs))
		}
		for _, m := range msgs {
			if m.To != "victim@example.com" {
				t.Fatalf("a code went to %q", m.To)
			}
		}
		// What is sent is the one form: the domain in lowercase ASCII.
		if _, err := e.send(c, verification.IdentifierEmail, "Other@Bücher.EXAMPLE"); err != nil {
			t.Fatal(err)
		}
		if m := e.messages()[10]; m.To != "Other@xn--bcher-kva.example" {
			t.Fatalf("sent to %q", m.To)
		}
	})
}

// Item 4, phones: numbers with leading zeros do not normalize, so they are
// refused before any send instead of getting a count of their own; a
// number that normalizes to a limited one is that number.
func TestSendLimitHoldsForThePhoneDeliveredTo(t *testing.T) {
	testdb.EachStore(t, func(t *testing.T, newStore func(testing.TB) myaccount.Store) {
		e := newCodeEnv(t, newStore(t))
		c := e.user(myaccount.CreateUserInput{Username: "sender"}, "")
		for i := 0; i < 10; i++ {
			if _, err := e.send(c, verification.IdentifierPhone, "14155550123"); err != nil {
				t.Fatalf("send %d: %v", i, err)
			}
		}
		for _, p := range []string{"14155550123", "114155550123"} {
			_, err := e.send(c, verification.IdentifierPhone, p)
			wantCode(t, "", err, 429, account.CodeMessageRateLimited)
		}
		for _, p := range []string{"014155550123", "0014155550123", "00014155550123", "+14155550123", "1415555012a"} {
			_, err := e.send(c, verification.IdentifierPhone, p)
			wantCode(t, "", err, 400, account.CodeGuardInvalidInput)
		}
		msgs := e.messages()
		if len(msgs) != 10 {
			t.Fatalf("%d messages sent, want 10", len(msgs))
		}
		for _, m := range msgs {
			if m.To != "14155550123" {
				t.Fatalf("a code went to %q", m.To)
			}
		}
		// A trunk zero is dropped before delivery: the stored form.
		if _, err := e.send(c, verification.IdentifierPhone, "640211234567"); err != nil {
			t.Fatal(err)
		}
		if m := e.messages()[10]; m.To != "64211234567" {
			t.Fatalf("sent to %q", m.To)
		}
	})
}

// Item 4: one user may not pump codes to many recipients. The 31st code of
// a user within 10 minutes is refused whatever the recipient, and the
// refused recipient is not charged.
func TestUserSendBudget(t *testing.T) {
	testdb.EachStore(t, func(t *testing.T, newStore func(testing.TB) myaccount.Store) {
		e := newCodeEnv(t, newStore(t))
		pump := e.user(myaccount.CreateUserInput{Username: "pump"}, "")
		for i := 0; i < 30; i++ {
			typ, value := verification.IdentifierPhone, fmt.Sprintf("1415555%04d", i)
			if i%3 == 0 {
				typ, value = verification.IdentifierEmail, fmt.Sprintf("r%d@example.com", i)
			}
			if _, err := e.send(pump, typ, value); err != nil {
				t.Fatalf("send %d: %v", i, err)
			}
		}
		const victim = "14155559999"
		_, err := e.send(pump, verification.IdentifierPhone, victim)
		wantCode(t, "", err, 429, account.CodeMessageRateLimited)
		// The victim's own 10 codes are all still there.
		other := e.user(myaccount.CreateUserInput{Username: "other"}, "")
		for i := 0; i < 10; i++ {
			if _, err := e.send(other, verification.IdentifierPhone, victim); err != nil {
				t.Fatalf("victim's send %d: %v", i, err)
			}
		}
		// The budget is a sliding window.
		e.clock.Advance(601 * time.Second)
		if _, err := e.send(pump, verification.IdentifierPhone, "14155558888"); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("configurable", func(t *testing.T) {
		e := newCodeEnv(t, testdb.Kinds[0].New(t), func(c *myaccount.Config) { c.Codes.UserSendLimit, c.Codes.UserSendWindow = 2, time.Minute })
		c := e.user(myaccount.CreateUserInput{Username: "u"}, "")
		for _, p := range []string{"14155550001", "14155550002"} {
			if _, err := e.send(c, verification.IdentifierPhone, p); err != nil {
				t.Fatal(err)
			}
		}
		_, err := e.send(c, verification.IdentifierPhone, "14155550003")
		wantCode(t, "", err, 429, account.CodeMessageRateLimited)
		e.clock.Advance(61 * time.Second)
		if _, err := e.send(c, verification.IdentifierPhone, "14155550003"); err != nil {
			t.Fatal(err)
		}
	})
}

// Item 4: one client address may not pump codes through many accounts. An
// IPv6 client counts by its /64; a call without an address is not counted.
func TestClientSendBudget(t *testing.T) {
	testdb.EachStore(t, func(t *testing.T, newStore func(testing.TB) myaccount.Store) {
		e := newCodeEnv(t, newStore(t))
		n := 0
		for u := 0; u < 3; u++ {
			c := e.user(myaccount.CreateUserInput{Username: fmt.Sprintf("u%d", u)}, "203.0.113.7")
			for i := 0; i < 10; i++ {
				if _, err := e.send(c, verification.IdentifierPhone, fmt.Sprintf("1415555%04d", n)); err != nil {
					t.Fatalf("user %d, send %d: %v", u, i, err)
				}
				n++
			}
		}
		const victim = "14155559999"
		fresh := e.user(myaccount.CreateUserInput{Username: "fresh"}, "203.0.113.7")
		_, err := e.send(fresh, verification.IdentifierPhone, victim)
		wantCode(t, "", err, 429, account.CodeMessageRateLimited)
		// The victim's count was not charged, and other clients, or a call
		// without a client address, are not limited by this one.
		elsewhere := e.user(myaccount.CreateUserInput{Username: "elsewhere"}, "198.51.100.1")
		for i := 0; i < 9; i++ {
			if _, err := e.send(elsewhere, verification.IdentifierPhone, victim); err != nil {
				t.Fatalf("victim's send %d: %v", i, err)
			}
		}
		fresh.ClientAddr = ""
		if _, err := e.send(fresh, verification.IdentifierPhone, victim); err != nil {
			t.Fatalf("the victim's 10th code: %v", err)
		}

		// Emails have a budget of their own (100): the spent SMS budget does
		// not stop them.
		fresh.ClientAddr = "203.0.113.7"
		if _, err := e.send(fresh, verification.IdentifierEmail, "fresh@example.com"); err != nil {
			t.Fatalf("an email from a client out of SMS: %v", err)
		}

		// IPv6: addresses of one /64 are one client.
		for i := 0; i < 30; i++ {
			c := e.user(myaccount.CreateUserInput{Username: fmt.Sprintf("v6u%d", i)}, fmt.Sprintf("2001:db8:1:2::%x", i+1))
			if _, err := e.send(c, verification.IdentifierPhone, fmt.Sprintf("1650555%04d", i)); err != nil {
				t.Fatalf("IPv6 send %d: %v", i, err)
			}
		}
		c := e.user(myaccount.CreateUserInput{Username: "v6last"}, "2001:db8:1:2:ffff::1")
		_, err = e.send(c, verification.IdentifierPhone, "16505559998")
		wantCode(t, "", err, 429, account.CodeMessageRateLimited)
		c.ClientAddr = "2001:db8:1:3::1"
		if _, err := e.send(c, verification.IdentifierPhone, "16505559998"); err != nil {
			t.Fatalf("another /64: %v", err)
		}
	})
}

// Item 5: the email policy sees the address that is delivered to. Forms
// that read as one address and deliver to another are refused before the
// policy, the count or the send.
func TestEmailPolicySeesWhatIsDelivered(t *testing.T) {
	testdb.EachStore(t, func(t *testing.T, newStore func(testing.TB) myaccount.Store) {
		store := newStore(t)
		e := newCodeEnv(t, store, func(c *myaccount.Config) { c.EmailPolicy.CustomAllowlist = []string{"@company.com"} })
		c := e.user(myaccount.CreateUserInput{Username: "staff"}, "")
		for _, s := range []string{`"x@company.com@"@evil.com`, `"ceo@company.com" <m@evil.com>`, "ceo@company.com <m@evil.com>", "m@evil.com(ceo@company.com)", `"ceo"@company.com`} {
			_, err := e.send(c, verification.IdentifierEmail, s)
			wantCode(t, "", err, 400, account.CodeGuardInvalidInput)
			err = e.svc.Account.SetEmail(context.Background(), e.identity(c), myaccount.SetPrimaryEmailInput{Email: s, NewIdentifierVerificationRecordID: "r"})
			wantCode(t, "", err, 400, account.CodeGuardInvalidInput)
		}
		_, err := e.send(c, verification.IdentifierEmail, "m@evil.com")
		wantCode(t, "", err, 422, account.CodeEmailNotAllowed)
		if n := len(e.messages()); n != 0 {
			t.Fatalf("%d codes sent", n)
		}
		// The allowlisted domain in any spelling is the allowlisted domain.
		rec := e.proven(c, verification.IdentifierEmail, "ceo@COMPANY.com")
		if err := e.svc.Account.SetEmail(context.Background(), e.identity(c), myaccount.SetPrimaryEmailInput{Email: "ceo@Company.com", NewIdentifierVerificationRecordID: rec}); err != nil {
			t.Fatal(err)
		}
		if m := e.messages()[0]; m.To != "ceo@company.com" {
			t.Fatalf("sent to %q", m.To)
		}
		u, err := store.GetUser(context.Background(), c.UserID)
		if err != nil || u.PrimaryEmail != "ceo@company.com" || u.EmailKey != "ceo@company.com" {
			t.Fatalf("primary email %+v, %v", u, err)
		}
	})
}

// Item 6: no second account for a look-alike of an address. By default a
// non-ASCII local part and a trailing dot are refused on every route an
// address enters by; with EmailSyntax.UnicodeLocalPart a look-alike is
// accepted as typed but shares the key of the address it imitates.
func TestNoLookAlikeAddresses(t *testing.T) {
	lookAlikes := []string{"ａlice@example.com", "\u212aate@example.com", "alice@example.com.", "alicе@example.com"}
	testdb.EachStore(t, func(t *testing.T, newStore func(testing.TB) myaccount.Store) {
		ctx := context.Background()
		store := newStore(t)
		e := newCodeEnv(t, store)
		e.user(myaccount.CreateUserInput{Username: "alice", PrimaryEmail: "alice@example.com"}, "")
		e.user(myaccount.CreateUserInput{Username: "kate", PrimaryEmail: "Kate@example.com"}, "")
		mallory := e.user(myaccount.CreateUserInput{Username: "mallory"}, "")
		for _, s := range lookAlikes {
			_, err := e.send(mallory, verification.IdentifierEmail, s)
			wantCode(t, "", err, 400, account.CodeGuardInvalidInput)
			err = e.svc.Account.SetEmail(ctx, e.identity(mallory), myaccount.SetPrimaryEmailInput{Email: s, NewIdentifierVerificationRecordID: "r"})
			wantCode(t, "", err, 400, account.CodeGuardInvalidInput)
			_, err = e.svc.Admin.AddUser(ctx, myaccount.CreateUserInput{PrimaryEmail: s})
			wantCode(t, "", err, 400, account.CodeGuardInvalidInput)
			_, err = e.svc.Admin.EditUser(ctx, mallory.UserID, myaccount.UpdateUserInput{PrimaryEmail: myaccount.Set(s)})
			wantCode(t, "", err, 400, account.CodeGuardInvalidInput)
		}
		// A look-alike domain maps onto the domain it imitates.
		_, err := e.svc.Admin.AddUser(ctx, myaccount.CreateUserInput{PrimaryEmail: "alice@ｅxample.com"})
		wantCode(t, "", err, 422, account.CodeEmailAlreadyInUse)

		// Opted in: accepted as typed, but one key with the original.
		u := newCodeEnv(t, store, func(c *myaccount.Config) { c.EmailSyntax.UnicodeLocalPart = true })
		for _, s := range []string{"ａlice@example.com", "\u212aate@example.com", "ＡＬＩＣＥ@example.com"} {
			rec := u.proven(mallory, verification.IdentifierEmail, s)
			err := u.svc.Account.SetEmail(ctx, u.identity(mallory), myaccount.SetPrimaryEmailInput{Email: s, NewIdentifierVerificationRecordID: rec})
			wantCode(t, "", err, 422, account.CodeEmailAlreadyInUse)
			_, err = u.svc.Admin.AddUser(ctx, myaccount.CreateUserInput{PrimaryEmail: s})
			wantCode(t, "", err, 422, account.CodeEmailAlreadyInUse)
		}
		for _, s := range []string{"alice@example.com.", "a＠b@example.com"} {
			_, err := u.svc.Admin.AddUser(ctx, myaccount.CreateUserInput{PrimaryEmail: s})
			wantCode(t, "", err, 400, account.CodeGuardInvalidInput)
		}
	})
}

// The sign-in lookup reads an identifier as the rest does: every spelling
// of one address or number finds its user, and a form that does not
// parse names nobody.
func TestSignInLookupReadsTheOneForm(t *testing.T) {
	testdb.EachStore(t, func(t *testing.T, newStore func(testing.TB) myaccount.Store) {
		ctx := context.Background()
		e := newCodeEnv(t, newStore(t))
		e.user(myaccount.CreateUserInput{Username: "alice", PrimaryEmail: "alice@example.com", PrimaryPhone: "64211234567"}, "")
		for _, id := range []myaccount.SignInIdentifier{
			{Kind: account.IdentifierEmail, Value: "alice@example.com"},
			{Kind: account.IdentifierEmail, Value: "ALICE@Example.COM"},
			{Kind: account.IdentifierEmail, Value: "alice@ｅxample.com"},
			{Kind: account.IdentifierPhone, Value: "640211234567"},
			{Kind: account.IdentifierPhone, Value: "+64211234567"},
		} {
			if _, err := e.svc.SignIn.Password(ctx, myaccount.Caller{}, id, codePassword); err != nil {
				t.Errorf("sign in as %+v: %v", id, err)
			}
		}
		for _, id := range []myaccount.SignInIdentifier{
			{Kind: account.IdentifierEmail, Value: "alice@example.com."},
			{Kind: account.IdentifierEmail, Value: "alice@example.com(1)"},
			{Kind: account.IdentifierEmail, Value: "x<alice@example.com>"},
			{Kind: account.IdentifierEmail, Value: "ａlice@example.com"},
			{Kind: account.IdentifierPhone, Value: "0064211234567"},
		} {
			_, err := e.svc.SignIn.Password(ctx, myaccount.Caller{}, id, codePassword)
			wantCode(t, "", err, 422, account.CodeInvalidCredentials)
		}
	})
}

// TestNewIdentifierComparesTheOneForms: a code send decides whether an identifier is new by exact comparison; it
// compares the one forms, so a trunk zero or the domain's case does not
// make the current address new, while the local part's case still does.
func TestNewIdentifierComparesTheOneForms(t *testing.T) {
	e := newCodeEnv(t, testdb.Kinds[0].New(t))
	c := e.user(myaccount.CreateUserInput{Username: "u", PrimaryEmail: "Alice@Example.com", PrimaryPhone: "64211234567"}, "")
	for _, tt := range []struct {
		typ      verification.IdentifierType
		value    string
		template verification.TemplateType
	}{
		{verification.IdentifierEmail, "Alice@EXAMPLE.com", verification.TemplateUserPermissionValidation},
		{verification.IdentifierEmail, "alice@example.com", verification.TemplateBindNewIdentifier},
		{verification.IdentifierPhone, "640211234567", verification.TemplateUserPermissionValidation},
		{verification.IdentifierPhone, "64211234568", verification.TemplateBindNewIdentifier},
	} {
		if _, err := e.send(c, tt.typ, tt.value); err != nil {
			t.Fatal(err)
		}
		msgs := e.messages()
		if m := msgs[len(msgs)-1]; m.Template != tt.template {
			t.Errorf("%s: template %s, want %s", tt.value, m.Template, tt.template)
		}
	}
}
