package myaccount_test

import (
	"context"
	"crypto/rand"
	"sync"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/secret"
)

// The in-process tests drive the Service as a Go caller does: no HTTP, the
// rules of the use cases alone.

// clock is a test clock that moves only when told.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// svcEnv is a Service on a store, with the account center enabled and
// every field Edit, a fake clock and a cheap password hasher.
type svcEnv struct {
	t     testing.TB
	svc   *myaccount.Service
	store myaccount.Store
	clock *clock

	mu   sync.Mutex
	sent []myaccount.Message // by the email and SMS senders
}

func newSvcEnv(t testing.TB, store myaccount.Store, change ...func(*myaccount.Config)) *svcEnv {
	t.Helper()
	h, err := account.NewArgon2idHasher(account.Argon2idOptions{Params: account.Argon2Params{Memory: 64, Time: 1, Parallelism: 1}})
	if err != nil {
		t.Fatal(err)
	}
	e := &svcEnv{t: t, store: store, clock: &clock{now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)}}
	outbox := myaccount.SenderFunc(func(_ context.Context, m myaccount.Message) error {
		e.mu.Lock()
		e.sent = append(e.sent, m)
		e.mu.Unlock()
		return nil
	})
	cfg := myaccount.Config{Store: store, Hasher: h, Clock: e.clock.Now, EmailSender: outbox, SMSSender: outbox}
	for _, f := range change {
		f(&cfg)
	}
	if e.svc, err = myaccount.New(cfg); err != nil {
		t.Fatal(err)
	}
	fields := map[account.Field]account.FieldMode{}
	for _, f := range account.Fields {
		if f != account.FieldPasskey && f != account.FieldTrustedDevice {
			fields[f] = account.Edit
		}
	}
	enabled := true
	if _, err := e.svc.Admin.SetAccountCenter(context.Background(), myaccount.UpdateAccountCenterInput{
		Enabled: myaccount.Set(enabled),
		Fields:  myaccount.Set(fields),
	}); err != nil {
		t.Fatal(err)
	}
	return e
}

// messages returns the codes sent so far.
func (e *svcEnv) messages() []myaccount.Message {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]myaccount.Message(nil), e.sent...)
}

// user creates a user and returns its id.
func (e *svcEnv) user(in myaccount.CreateUserInput) string {
	e.t.Helper()
	u, err := e.svc.Admin.AddUser(context.Background(), in)
	if err != nil {
		e.t.Fatalf("CreateUser: %v", err)
	}
	return u.ID
}

// caller is a first-party caller for the user with every scope.
func (e *svcEnv) caller(userID string) myaccount.Caller {
	return myaccount.Caller{Principal: myaccount.Principal{
		UserID:     userID,
		Scopes:     []string{"openid", "profile", "email", "phone", "address", "custom_data", "identities"},
		ClientID:   "app",
		FirstParty: true,
	}}
}

// wantCode fails unless err is an *account.Error with this status and code.
func wantCode(t testing.TB, what string, err error, status int, code account.Code) {
	t.Helper()
	apiErr, ok := err.(*account.Error)
	if !ok || apiErr.Status != status || apiErr.Code != code {
		t.Fatalf("%s: got %v, want %d %s", what, err, status, code)
	}
}

// withTestMFA enables every factor, with a fresh key sealing secrets.
func withTestMFA(t testing.TB) func(*myaccount.Config) {
	key := make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		t.Fatal(err)
	}
	ring, err := secret.NewKeyRing(secret.Key{ID: 1, Secret: key})
	if err != nil {
		t.Fatal(err)
	}
	return func(c *myaccount.Config) {
		c.MFA.Factors = []mfa.FactorType{mfa.TypeTOTP, mfa.TypeWebAuthn, mfa.TypeBackupCode}
		c.Cipher = ring
	}
}
