package gormstore_test

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// Environment of BenchmarkScale: the seeded databases to read (see
// bench/scale.sh, which seeds them with bench/seed and runs it).
const (
	// scaleEnv lists the targets, separated by spaces: "sqlite:PATH" for a
	// seeded SQLite file (tables under the default prefix), "postgres:PREFIX"
	// for tables seeded under PREFIX in the database of scalePostgresEnv.
	scaleEnv = "MYACCOUNT_BENCH_SCALE"
	// scalePostgresEnv is the DSN of the seeded Postgres database.
	scalePostgresEnv = "MYACCOUNT_BENCH_SCALE_POSTGRES"
	// scaleRoundsEnv is how many times to run the whole set (default 1).
	// Unlike -count, which repeats each sub-benchmark back to back, rounds
	// interleave the sizes, so that a machine whose load drifts weighs on
	// all of them alike; compare the medians.
	scaleRoundsEnv = "MYACCOUNT_BENCH_SCALE_ROUNDS"
)

// scaleSample is how many seeded users a benchmark reads, round robin:
// random rows all over the tables and their indexes.
const scaleSample = 2000

// BenchmarkScale reads users by id, by email (case-insensitive: the key of
// the address as a client typed it), by phone and by username from
// databases seeded with many users, so that the cost at 10,000 users can be
// set beside the cost at 1,000,000: each lookup is one index search, whose
// cost grows with the depth of a B-tree, not with the number of rows. It
// runs only when MYACCOUNT_BENCH_SCALE names seeded databases:
//
//	bash bench/scale.sh    # seeds 10k and 1M users into SQLite and Postgres, runs this
func BenchmarkScale(b *testing.B) {
	targets := strings.Fields(os.Getenv(scaleEnv))
	if len(targets) == 0 {
		b.Skipf("%s is not set (see bench/scale.sh)", scaleEnv)
	}
	type opened struct {
		kind   string
		users  int64
		store  *gormstore.Store
		sample []scaleUser
	}
	var all []opened
	for _, target := range targets {
		kind, where, _ := strings.Cut(target, ":")
		var dialector gorm.Dialector
		prefix := gormstore.DefaultTablePrefix
		switch kind {
		case "sqlite":
			dialector = sqlite.Open(gormstore.SQLiteDSN(where))
		case "postgres":
			dsn := os.Getenv(scalePostgresEnv)
			if dsn == "" {
				b.Fatalf("%s names Postgres tables but %s is not set", scaleEnv, scalePostgresEnv)
			}
			dialector, prefix = postgres.Open(dsn), where
		default:
			b.Fatalf("%s: %q is not sqlite:PATH or postgres:PREFIX", scaleEnv, target)
		}
		db, err := gorm.Open(dialector, gormConfig())
		if err != nil {
			b.Fatalf("%s: %v", target, err)
		}
		sqlDB, err := db.DB()
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = sqlDB.Close() })
		s, err := gormstore.New(db, gormstore.WithTablePrefix(prefix))
		if err != nil {
			b.Fatal(err)
		}
		var n int64
		if err := db.Table(prefix + "users").Count(&n).Error; err != nil {
			b.Fatalf("%s: counting users: %v", target, err)
		}
		all = append(all, opened{kind: kind, users: n, store: s, sample: scaleUsers(b, db, prefix)})
	}
	// Each lookup at every size in turn, so that the sizes compared are
	// measured close together in time on a machine whose load varies.
	rounds, err := strconv.Atoi(cmp.Or(os.Getenv(scaleRoundsEnv), "1"))
	if err != nil || rounds < 1 {
		b.Fatalf("%s: want a positive number", scaleRoundsEnv)
	}
	for range rounds {
		for _, l := range scaleLookups {
			for _, o := range all {
				b.Run(fmt.Sprintf("database=%s/by=%s/users=%d", o.kind, l.name, o.users), func(b *testing.B) {
					i := 0
					b.ReportAllocs()
					for b.Loop() {
						u := o.sample[i%len(o.sample)]
						i++
						got, err := l.find(b.Context(), o.store, u)
						if err != nil || got.ID != u.ID {
							b.Fatalf("by %s %+v = %+v, %v", l.name, u, got, err)
						}
					}
				})
			}
		}
	}
}

// scaleUser is a seeded user as a client would name them.
type scaleUser struct {
	ID, Email, Phone, Username string
}

// scaleUsers picks scaleSample users at random.
func scaleUsers(b *testing.B, db *gorm.DB, prefix string) []scaleUser {
	b.Helper()
	var rows []struct {
		ID           string
		PrimaryEmail string
		PrimaryPhone string
		Username     string
	}
	err := db.Table(prefix + "users").Select("id, primary_email, primary_phone, username").
		Where("primary_email IS NOT NULL AND primary_phone IS NOT NULL AND username IS NOT NULL").
		Order("RANDOM()").Limit(scaleSample).Find(&rows).Error
	if err != nil || len(rows) == 0 {
		b.Fatalf("sampling users: %d rows, %v", len(rows), err)
	}
	out := make([]scaleUser, len(rows))
	for i, r := range rows {
		out[i] = scaleUser{ID: r.ID, Email: r.PrimaryEmail, Phone: r.PrimaryPhone, Username: r.Username}
	}
	return out
}

// scaleLookups are the four ways the use cases find a user.
var scaleLookups = []struct {
	name string
	find func(ctx context.Context, s *gormstore.Store, u scaleUser) (*account.User, error)
}{
	{"id", func(ctx context.Context, s *gormstore.Store, u scaleUser) (*account.User, error) {
		return s.GetUser(ctx, u.ID)
	}},
	{"email", func(ctx context.Context, s *gormstore.Store, u scaleUser) (*account.User, error) {
		// The address as typed, in whatever case: its key finds it.
		return s.FindUser(ctx, account.IdentifierEmail, account.EmailKey(strings.ToUpper(u.Email)))
	}},
	{"phone", func(ctx context.Context, s *gormstore.Store, u scaleUser) (*account.User, error) {
		return s.FindUser(ctx, account.IdentifierPhone, u.Phone)
	}},
	{"username", func(ctx context.Context, s *gormstore.Store, u scaleUser) (*account.User, error) {
		return s.FindUser(ctx, account.IdentifierUsername, account.DefaultUsernamePolicy().Key(u.Username))
	}},
}
