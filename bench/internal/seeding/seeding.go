// Package seeding loads many benchmark users into gormstore's tables fast:
// gormstore.New and Migrate create the schema, then batched multi-row
// INSERTs fill the users table, a transaction per few batches. The users
// are deterministic (user i is the same in every run and every database), so
// the harness and the seeding command agree on them without sharing state.
package seeding

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// Password is every seeded user's password.
const Password = "correct-horse-9"

// idAlphabet is the alphabet of the library's ids (nanoid's URL-safe one),
// so seeded ids spread over the primary key's B-tree as real ones do.
const idAlphabet = "useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict"

// User is seeded user number i: random-looking 21-character id, mixed-case
// username and email (their keys are lower case), a phone number in the
// stored (normalized) form.
type User struct {
	ID, Username, Email, Phone, Name string
}

// UserAt returns seeded user number i.
func UserAt(i int) User {
	sum := sha256.Sum256([]byte("myaccount bench user " + strconv.Itoa(i)))
	var id [21]byte
	for k := range id {
		id[k] = idAlphabet[sum[k]&63]
	}
	return User{
		ID:       string(id[:]),
		Username: "Bench_User_" + strconv.Itoa(i),
		Email:    "Bench.User" + strconv.Itoa(i) + "@Example.com",
		// US numbers 1 555 xxx xxxx, as NormalizePhone stores them.
		Phone: fmt.Sprintf("1555%07d", i),
		Name:  "Bench User " + strconv.Itoa(i),
	}
}

// Options say how to seed.
type Options struct {
	// Prefix is the store's table prefix (gormstore.DefaultTablePrefix when
	// empty).
	Prefix string
	// Users is how many users to load: numbers 0..Users-1.
	Users int
	// PasswordHash is every user's stored hash (one hash, computed once:
	// hashing a million passwords would take a day).
	PasswordHash string
	// Batch is the number of rows per INSERT (default 1000).
	Batch int
	// Progress receives a progress bar; nil for none.
	Progress io.Writer
	// Label names the database on the progress bar.
	Label string
	// Identities gives each user one social identity (IdentityTarget, the
	// social user id IdentityUserID), as users who signed up with a social
	// connector have.
	Identities bool
}

// IdentityTarget is the connector target of the seeded social identities.
const IdentityTarget = "github"

// IdentityUserID is seeded user number i's id at IdentityTarget.
func IdentityUserID(i int) string { return "gh-" + strconv.Itoa(i) }

// Seed creates the store's tables on db (a SQLite or Postgres *gorm.DB)
// and inserts opts.Users users. It refuses a users table that already
// holds rows.
func Seed(ctx context.Context, db *gorm.DB, opts Options) error {
	if opts.Prefix == "" {
		opts.Prefix = gormstore.DefaultTablePrefix
	}
	if opts.Batch <= 0 {
		opts.Batch = 1000
	}
	store, err := gormstore.New(db, gormstore.WithTablePrefix(opts.Prefix))
	if err != nil {
		return err
	}
	if err := store.Migrate(ctx); err != nil {
		return err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	postgres := db.Dialector.Name() == "postgres"
	table := quote(opts.Prefix+"users", postgres)
	identities := quote(opts.Prefix+"identities", postgres)
	var n int64
	if err := sqlDB.QueryRowContext(ctx, "SELECT COUNT(*) FROM "+table).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return fmt.Errorf("%s already holds %d users (drop them first)", table, n)
	}

	rows, err := newRowMaker(opts.PasswordHash)
	if err != nil {
		return err
	}
	bar := newBar(opts.Progress, opts.Label, opts.Users)
	const batchesPerTx = 10
	for start := 0; start < opts.Users; {
		tx, err := sqlDB.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		for b := 0; b < batchesPerTx && start < opts.Users; b++ {
			end := min(start+opts.Batch, opts.Users)
			query, args := rows.insert(table, start, end, postgres)
			if _, err := tx.ExecContext(ctx, query, args...); err != nil {
				_ = tx.Rollback()
				return fmt.Errorf("users %d..%d: %w", start, end-1, err)
			}
			if opts.Identities {
				query, args := insertIdentities(identities, start, end, postgres)
				if _, err := tx.ExecContext(ctx, query, args...); err != nil {
					_ = tx.Rollback()
					return fmt.Errorf("identities of users %d..%d: %w", start, end-1, err)
				}
			}
			start = end
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		bar.set(start)
	}
	bar.done()
	if postgres {
		// Fresh statistics, so the planner knows the table's size.
		if _, err := sqlDB.ExecContext(ctx, "ANALYZE "+table+", "+identities); err != nil {
			return err
		}
	}
	return check(ctx, store, opts.Users)
}

// check reads the first and the last user back through the store: the rows
// are what the store itself would have written.
func check(ctx context.Context, store *gormstore.Store, n int) error {
	for _, i := range []int{0, n - 1} {
		if i < 0 {
			continue
		}
		want := UserAt(i)
		got, err := store.FindUser(ctx, account.IdentifierEmail, account.EmailKey(want.Email))
		if err != nil {
			return fmt.Errorf("reading seeded user %d back: %w", i, err)
		}
		if got.ID != want.ID || got.Username != want.Username || got.PrimaryPhone != want.Phone || got.Name == nil || *got.Name != want.Name || !got.HasPassword() {
			return fmt.Errorf("seeded user %d reads back as %+v", i, got)
		}
	}
	return nil
}

// columns are the users columns the seeding fills; the others stay NULL
// (or false).
var columns = []string{
	"id", "username", "username_key", "primary_email", "email_key", "primary_phone", "name",
	"profile", "password_hash", "password_updated_at", "logto_config", "is_suspended", "created_at", "updated_at",
}

// usernames is the username policy whose keys the seeded users get: the
// default one, as a service with a default Config computes them.
var usernames = account.DefaultUsernamePolicy()

// rowMaker makes INSERT statements of seeded users.
type rowMaker struct {
	hash                 string
	profile, logtoConfig string
	now                  int64
}

func newRowMaker(hash string) (*rowMaker, error) {
	// The JSON columns hold what the store writes for zero values.
	var u account.User
	profile, err := json.Marshal(u.Profile)
	if err != nil {
		return nil, err
	}
	logto, err := json.Marshal(u.LogtoConfig)
	if err != nil {
		return nil, err
	}
	return &rowMaker{hash: hash, profile: string(profile), logtoConfig: string(logto), now: time.Now().UnixMicro()}, nil
}

// insert returns one INSERT of users start..end-1.
func (m *rowMaker) insert(table string, start, end int, postgres bool) (string, []any) {
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") VALUES ")
	args := make([]any, 0, (end-start)*len(columns))
	for i := start; i < end; i++ {
		if i > start {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for c := range columns {
			if c > 0 {
				b.WriteByte(',')
			}
			if postgres {
				b.WriteString("$" + strconv.Itoa(len(args)+c+1))
			} else {
				b.WriteByte('?')
			}
		}
		b.WriteByte(')')
		u := UserAt(i)
		var hash any
		if m.hash != "" {
			hash = m.hash
		}
		args = append(args, u.ID, u.Username, usernames.Key(u.Username), u.Email, account.EmailKey(u.Email),
			u.Phone, u.Name, m.profile, hash, m.now, m.logtoConfig, false, m.now, m.now)
	}
	return b.String(), args
}

// insertIdentities returns one INSERT of the identities of users
// start..end-1.
func insertIdentities(table string, start, end int, postgres bool) (string, []any) {
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " (user_id, target, social_user_id, details) VALUES ")
	args := make([]any, 0, (end-start)*4)
	for i := start; i < end; i++ {
		if i > start {
			b.WriteByte(',')
		}
		if postgres {
			n := len(args)
			fmt.Fprintf(&b, "($%d,$%d,$%d,$%d)", n+1, n+2, n+3, n+4)
		} else {
			b.WriteString("(?,?,?,?)")
		}
		args = append(args, UserAt(i).ID, IdentityTarget, IdentityUserID(i), `{"login":"bench-user-`+strconv.Itoa(i)+`"}`)
	}
	return b.String(), args
}

func quote(name string, postgres bool) string {
	if postgres {
		return `"` + name + `"`
	}
	return "`" + name + "`"
}
