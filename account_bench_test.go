package myaccount_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/internal/testdb"
)

// The benchmarks of the hot use cases: GET and PATCH /api/my-account and the
// password verification, in-process (no HTTP, no token check), on each store
// kind (Postgres only when MYACCOUNT_TEST_POSTGRES_DSN is set). The HTTP
// layer has its own benchmarks in httpadapter; bench/ measures the whole
// server against a floor.
//
//	go test -run '^$' -bench . -benchmem .

// benchScopes are the scopes of a dev token: every key of the account is
// visible, so the view encodes everything.
var benchScopes = []string{"openid", "profile", "email", "phone", "address", "custom_data", "identities", "urn:logto:scope:sessions"}

// benchPassword is the password of the benchmark's user.
const benchPassword = "correct-horse-9"

// benchEnv is a service on store with the account center fully enabled
// (as the example server's dev mode has it) and one user, and that user's
// first-party caller.
func benchEnv(b *testing.B, store myaccount.Store, hasher account.PasswordHasher) (*myaccount.Service, myaccount.Caller) {
	b.Helper()
	ctx := context.Background()
	svc, err := myaccount.New(myaccount.Config{Store: store, Hasher: hasher})
	if err != nil {
		b.Fatal(err)
	}
	fields := map[account.Field]account.FieldMode{}
	for _, f := range account.Fields {
		if f != account.FieldPasskey && f != account.FieldTrustedDevice {
			fields[f] = account.Edit
		}
	}
	enabled := true
	if _, err := svc.Admin.SetAccountCenter(ctx, myaccount.UpdateAccountCenterInput{
		Enabled: myaccount.Set(enabled),
		Fields:  myaccount.Set(fields),
	}); err != nil {
		b.Fatal(err)
	}
	u, err := svc.Admin.AddUser(ctx, myaccount.CreateUserInput{
		Username:     "ada",
		Password:     benchPassword,
		PrimaryEmail: "Ada@Example.com",
		PrimaryPhone: "15555550123",
		Name:         "Ada",
	})
	if err != nil {
		b.Fatal(err)
	}
	return svc, myaccount.Caller{Principal: myaccount.Principal{
		UserID: u.ID, Scopes: benchScopes, ClientID: "app", FirstParty: true,
	}}
}

// cheapHasher keeps user creation fast where the benchmark does not check
// passwords.
func cheapHasher(b *testing.B) account.PasswordHasher {
	b.Helper()
	h, err := account.NewArgon2idHasher(account.Argon2idOptions{Params: account.Argon2Params{Memory: 64, Time: 1, Parallelism: 1}})
	if err != nil {
		b.Fatal(err)
	}
	return h
}

// eachBenchStore runs f per store kind, on a fresh store.
func eachBenchStore(b *testing.B, f func(b *testing.B, store myaccount.Store)) {
	for _, k := range testdb.Kinds {
		b.Run("store="+k.Name, func(b *testing.B) { f(b, k.New(b)) })
	}
}

// BenchmarkGetAccount is GET /api/my-account as a use case: the gate (the
// account-center read), the user read and the view's filters.
func BenchmarkGetAccount(b *testing.B) {
	eachBenchStore(b, func(b *testing.B, store myaccount.Store) {
		svc, caller := benchEnv(b, store, cheapHasher(b))
		ctx := b.Context()
		b.ReportAllocs()
		for b.Loop() {
			v, err := svc.Account.Get(ctx, caller)
			if err != nil || v.ID != caller.UserID {
				b.Fatalf("GetAccount = %v, %v", v, err)
			}
		}
	})
}

// BenchmarkGetAccountJSON is GET /api/my-account with the answer encoded,
// as the HTTP adapter sends it.
func BenchmarkGetAccountJSON(b *testing.B) {
	eachBenchStore(b, func(b *testing.B, store myaccount.Store) {
		svc, caller := benchEnv(b, store, cheapHasher(b))
		ctx := b.Context()
		b.ReportAllocs()
		for b.Loop() {
			v, err := svc.Account.Get(ctx, caller)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := json.Marshal(v); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkUpdateAccount is PATCH /api/my-account {name}: the gate, the
// checks and one locked read-modify-write of the user.
func BenchmarkUpdateAccount(b *testing.B) {
	eachBenchStore(b, func(b *testing.B, store myaccount.Store) {
		svc, caller := benchEnv(b, store, cheapHasher(b))
		ctx := b.Context()
		names := make([]*string, 16)
		for i := range names {
			n := fmt.Sprintf("Ada %d", i)
			names[i] = &n
		}
		i := 0
		b.ReportAllocs()
		for b.Loop() {
			name := names[i%len(names)]
			i++
			v, err := svc.Account.Update(ctx, caller, myaccount.UpdateAccountInput{Name: myaccount.Set(*name)})
			if err != nil || *v.Name != *name {
				b.Fatalf("UpdateAccount = %v, %v", v, err)
			}
		}
	})
}

// BenchmarkVerifyPassword is POST /api/verifications/password with the
// default argon2id hasher (OWASP parameters) on memory, beside the hasher's
// Verify alone: the use case's own cost is the difference.
func BenchmarkVerifyPassword(b *testing.B) {
	hasher, err := account.NewArgon2idHasher(account.Argon2idOptions{})
	if err != nil {
		b.Fatal(err)
	}
	for _, k := range testdb.Kinds[:2] { // memory and SQLite: argon2 dominates either way
		b.Run("store="+k.Name, func(b *testing.B) {
			svc, caller := benchEnv(b, k.New(b), hasher)
			ctx := b.Context()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := svc.Account.VerifyPassword(ctx, caller, myaccount.PasswordInput{Password: benchPassword}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("hasher-only", func(b *testing.B) {
		ctx := b.Context()
		hash, err := hasher.Hash(ctx, benchPassword)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			if ok, _, err := hasher.Verify(ctx, benchPassword, hash); !ok || err != nil {
				b.Fatalf("Verify = %v, %v", ok, err)
			}
		}
	})
}
