package storetest

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount/account"
)

// benchUsers is how many users Benchmark seeds.
const benchUsers = 1000

// Benchmark measures the lookups every request makes. It seeds s, which
// should be empty, with 1000 users (username, email and phone each), then
// runs sub-benchmarks on random seeded users: GetUser (by id),
// FindUserByEmail (FindUser with IdentifierEmail and the EmailKey),
// UpdateUserName (UpdateUser setting the name and update time, what PATCH
// /api/my-account does) and UpdateUserNameHot (the same, always on one
// user).
func Benchmark(b *testing.B, s Store) {
	ctx := b.Context()
	users := make([]*account.User, benchUsers)
	for i := range users {
		username := fmt.Sprintf("Bench_%04d", i)
		email := fmt.Sprintf("Bench.%04d@Example.com", i)
		u := &account.User{
			ID:           fmt.Sprintf("bench-user-%04d", i),
			Username:     username,
			UsernameKey:  account.UsernameKey(username, false),
			PrimaryEmail: email,
			EmailKey:     account.EmailKey(email),
			PrimaryPhone: fmt.Sprintf("1555%07d", i),
			Name:         ptr("Bench User"),
			CreatedAt:    base,
			UpdatedAt:    base,
		}
		if err := s.CreateUser(ctx, u); err != nil {
			b.Fatalf("seeding user %d: %v", i, err)
		}
		users[i] = u
	}

	// A fixed seed: every run asks for the same users.
	rng := rand.New(rand.NewPCG(1, 2))
	b.Run("GetUser", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			want := users[rng.IntN(len(users))]
			got, err := s.GetUser(ctx, want.ID)
			if err != nil || got.ID != want.ID {
				b.Fatalf("GetUser %s = %v, %v", want.ID, got, err)
			}
		}
	})
	b.Run("FindUserByEmail", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			want := users[rng.IntN(len(users))]
			got, err := s.FindUser(ctx, account.IdentifierEmail, want.EmailKey)
			if err != nil || got.ID != want.ID {
				b.Fatalf("FindUser %s = %v, %v", want.EmailKey, got, err)
			}
		}
	})
	var n int
	rename := func(b *testing.B, id string) {
		n++
		name := fmt.Sprintf("Bench User %d", n)
		got, err := s.UpdateUser(ctx, id, func(u *account.User) error {
			u.Name = &name
			u.UpdatedAt = base.Add(time.Duration(n) * time.Microsecond)
			return nil
		})
		if err != nil || got.Name == nil || *got.Name != name {
			b.Fatalf("UpdateUser %s = %v, %v", id, got, err)
		}
	}
	b.Run("UpdateUserName", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rename(b, users[rng.IntN(len(users))].ID)
		}
	})
	b.Run("UpdateUserNameHot", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			rename(b, users[0].ID)
		}
	})
}
