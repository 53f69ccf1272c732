package myaccount_test

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/bcrypt"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// adminArgon2i is an argon2i PHC string of password, the kind Logto stores.
func adminArgon2i(t testing.TB, password string) string {
	t.Helper()
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		t.Fatal(err)
	}
	key := argon2.Key([]byte(password), salt, 1, 64, 1, 32)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2i$v=19$m=64,t=1,p=1$%s$%s", b64.EncodeToString(salt), b64.EncodeToString(key))
}

// adminTotal is how many users the store holds.
func adminTotal(t testing.TB, e *svcEnv) int {
	t.Helper()
	l, err := e.svc.Admin.SearchUsers(context.Background(), myaccount.ListUsersInput{})
	if err != nil {
		t.Fatal(err)
	}
	return l.Total
}

// POST /api/users: a new user from every field an administrator gives,
// identifiers in their normal forms, a password hashed or a digest
// imported, and User.Created.
func TestAdminAddUser(t *testing.T) {
	ctx := context.Background()

	t.Run("every field is stored, the identifiers in their normal forms", func(t *testing.T) {
		e, hook := newAdminEnv(t)
		v, err := e.svc.Admin.AddUser(ctx, myaccount.CreateUserInput{
			Username: "Create1", Password: "x", PrimaryEmail: "Create1@Example.COM", PrimaryPhone: "6402112345678",
			Name: "Ada", Avatar: adminPtr("https://example.com/a.png"), CustomData: map[string]any{"plan": "pro"},
			Profile: &myaccount.UpdateProfileInput{GivenName: myaccount.Set("Ada"), Address: myaccount.Set(account.Address{Country: "UK"})},
		})
		if err != nil {
			t.Fatal(err)
		}
		// The domain is lowercased, the local part kept; the phone loses
		// its trunk zero.
		if v.Username != "Create1" || v.PrimaryEmail != "Create1@example.com" || v.PrimaryPhone != "642112345678" ||
			*v.Name != "Ada" || *v.Avatar != "https://example.com/a.png" || v.CustomData["plan"] != "pro" || !v.HasPassword || v.IsSuspended {
			t.Fatalf("created: %+v", v.AccountView)
		}
		if v.Profile.GivenName != "Ada" || v.Profile.Address.Country != "UK" {
			t.Fatalf("profile: %+v", v.Profile)
		}
		now := e.clock.Now()
		if !v.CreatedAt.Equal(now) || !v.UpdatedAt.Equal(now) {
			t.Fatalf("times %v %v, want %v", v.CreatedAt, v.UpdatedAt, now)
		}
		u := adminStored(t, e, v.ID)
		if u.EmailKey != "create1@example.com" || u.UsernameKey != "Create1" || !strings.HasPrefix(u.PasswordHash, "$argon2id$") || !u.PasswordUpdatedAt.Equal(now) {
			t.Fatalf("stored: keys %q %q, hash %q, at %v", u.EmailKey, u.UsernameKey, u.PasswordHash, u.PasswordUpdatedAt)
		}
		if err := e.svc.Admin.CheckPassword(ctx, v.ID, myaccount.PasswordInput{Password: "x"}); err != nil {
			t.Fatalf("the password given is not the user's: %v", err)
		}
		ev := hook.last(t)
		if ev.Type != myaccount.EventUserCreated || ev.UserID != v.ID || ev.User == nil || ev.User.PasswordHash != "" || ev.User.Username != "Create1" || !ev.At.Equal(now) {
			t.Fatalf("event: %+v", ev)
		}
	})

	t.Run("an empty input makes a user with nothing", func(t *testing.T) {
		e, _ := newAdminEnv(t)
		v, err := e.svc.Admin.AddUser(ctx, myaccount.CreateUserInput{Avatar: adminPtr("")})
		if err != nil {
			t.Fatal(err)
		}
		if v.ID == "" || v.Username != "" || v.PrimaryEmail != "" || v.PrimaryPhone != "" || v.Name != nil || v.Avatar != nil || v.HasPassword {
			t.Fatalf("empty: %+v", v.AccountView)
		}
		w, err := e.svc.Admin.AddUser(ctx, myaccount.CreateUserInput{})
		if err != nil || w.ID == v.ID {
			t.Fatalf("a second empty user: %v, %v", w, err)
		}
	})

	t.Run("the password policy does not apply", func(t *testing.T) {
		e, _ := newAdminEnv(t, func(c *myaccount.Config) {
			p := account.DefaultPasswordPolicy()
			p.MinLength = 20
			c.PasswordPolicy = &p
		})
		if _, err := e.svc.Admin.AddUser(ctx, myaccount.CreateUserInput{Password: "a"}); err != nil {
			t.Fatalf("a short password: %v", err)
		}
	})

	t.Run("malformed inputs are 400 guard.invalid_input and store nothing", func(t *testing.T) {
		e, hook := newAdminEnv(t)
		deep := map[string]any{}
		for range myaccount.MaxCustomDataDepth {
			deep = map[string]any{"d": deep}
		}
		for name, in := range map[string]myaccount.CreateUserInput{
			"a username starting with a digit":       {Username: "1abc"},
			"a username with a hyphen":               {Username: "a-b"},
			"a username that is not UTF-8":           {Username: "a\xff"},
			"an email without @":                     {PrimaryEmail: "no-at"},
			"an email with a display name":           {PrimaryEmail: "Ada <ada@example.com>"},
			"an email longer than 256 bytes":         {PrimaryEmail: strings.Repeat("a", 250) + "@example.com"},
			"a fullwidth local part":                 {PrimaryEmail: "ａlice@example.com"},
			"a phone with +":                         {PrimaryPhone: "+15551234567"},
			"a phone with spaces":                    {PrimaryPhone: "1 555 123 4567"},
			"a name of 129 characters":               {Name: strings.Repeat("é", myaccount.MaxNameLength+1)},
			"a name with NUL":                        {Name: "a\x00b"},
			"an avatar that is not a URL":            {Avatar: adminPtr("not a url")},
			"an avatar longer than 2048 bytes":       {Avatar: adminPtr("https://example.com/" + strings.Repeat("a", myaccount.MaxAvatarURLLength))},
			"custom data too deep":                   {CustomData: deep},
			"custom data too large":                  {CustomData: map[string]any{"a": strings.Repeat("x", myaccount.MaxCustomDataBytes)}},
			"a null profile claim":                   {Profile: &myaccount.UpdateProfileInput{Nickname: myaccount.Null[string]()}},
			"a profile claim too long":               {Profile: &myaccount.UpdateProfileInput{Nickname: myaccount.Set(strings.Repeat("n", myaccount.MaxProfileClaimLength+1))}},
			"an unknown password algorithm":          {PasswordDigest: "$2a$10$x", PasswordAlgorithm: "Scrypt"},
			"an MD5 digest that is not hex":          {PasswordDigest: strings.Repeat("z", 32), PasswordAlgorithm: "MD5"},
			"a Legacy digest of an unknown hash":     {PasswordDigest: `["whirlpool",["@"],"ab"]`, PasswordAlgorithm: "Legacy"},
			"a digest longer than 256 bytes":         {PasswordDigest: "$2a$" + strings.Repeat("x", 253), PasswordAlgorithm: "Bcrypt"},
			"a digest of another algorithm":          {PasswordDigest: "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5", PasswordAlgorithm: "Bcrypt"},
			"a digest the hasher cannot read":        {PasswordDigest: "$2a$10$broken", PasswordAlgorithm: "Bcrypt"},
			"a malformed identifier before a digest": {Username: "1abc", Password: "a", PasswordDigest: "$2a$"},
		} {
			_, err := e.svc.Admin.AddUser(ctx, in)
			wantCode(t, name, err, 400, account.CodeGuardInvalidInput)
		}
		if n := adminTotal(t, e); n != 0 || hook.count() != 0 {
			t.Fatalf("refused inputs stored %d users, emitted %d events", n, hook.count())
		}
	})

	t.Run("a password and a digest, or a digest without its algorithm, are refused", func(t *testing.T) {
		e, _ := newAdminEnv(t)
		_, err := e.svc.Admin.AddUser(ctx, myaccount.CreateUserInput{Password: "a", PasswordDigest: "$2a$", PasswordAlgorithm: "Bcrypt"})
		wantCode(t, "password and digest", err, 400, account.CodePasswordAndDigest)
		_, err = e.svc.Admin.AddUser(ctx, myaccount.CreateUserInput{PasswordDigest: "$2a$"})
		wantCode(t, "no algorithm", err, 400, account.CodePasswordAlgorithmRequired)
		// The body's shapes come first: an unknown algorithm is a bad body.
		_, err = e.svc.Admin.AddUser(ctx, myaccount.CreateUserInput{Password: "a", PasswordDigest: "$2a$", PasswordAlgorithm: "Argon2d"})
		wantCode(t, "unknown algorithm", err, 400, account.CodeGuardInvalidInput)
	})

	t.Run("a phone that does not parse is 422 user.invalid_phone", func(t *testing.T) {
		e, _ := newAdminEnv(t)
		_, err := e.svc.Admin.AddUser(ctx, myaccount.CreateUserInput{PrimaryPhone: "999"})
		wantCode(t, "999", err, 422, account.CodeInvalidPhone)
	})

	t.Run("digests of each algorithm are imported and upgraded at their first check", func(t *testing.T) {
		e, _ := newAdminEnv(t)
		bc, err := bcrypt.GenerateFromPassword([]byte("imported-pw"), bcrypt.MinCost)
		if err != nil {
			t.Fatal(err)
		}
		argon2id, err := e.svc.Admin.AddUser(ctx, myaccount.CreateUserInput{Password: "imported-pw"})
		if err != nil {
			t.Fatal(err)
		}
		// md5, sha1 and sha256 (in upper case) of "imported-pw", and sha256 of
		// "salt:imported-pw" (Python's hashlib).
		for algorithm, digest := range map[string]string{
			"Bcrypt":   string(bc),
			"Argon2i":  adminArgon2i(t, "imported-pw"),
			"Argon2id": adminStored(t, e, argon2id.ID).PasswordHash,
			"MD5":      "b4cc1864cbe6883ccf10f4d49d72f52f",
			"SHA1":     "6ec14d8c2dcd0fc0f4f105dd964ff769eefa3fbf",
			"SHA256":   "48FD4FE82E263F62112853FF1DC6A377BA8E0E1BF01F14CCE81BEA2153E1FE13",
			"Legacy":   `["sha256",["salt:","@"],"c1a22a29008856edb7594624f295a16e4f5840c86592b1c0e655b5a28a707951"]`,
		} {
			v, err := e.svc.Admin.AddUser(ctx, myaccount.CreateUserInput{PasswordDigest: digest, PasswordAlgorithm: algorithm})
			if err != nil {
				t.Fatalf("%s: %v", algorithm, err)
			}
			stored := adminStored(t, e, v.ID).PasswordHash
			if _, weak, _ := account.ImportDigest(algorithm, digest); weak {
				if !account.IsImportedDigest(stored) {
					t.Fatalf("%s: stored as %q", algorithm, stored)
				}
			} else if stored != digest {
				t.Fatalf("%s: the digest is not stored as given", algorithm)
			}
			if !v.HasPassword {
				t.Fatalf("%s: no password", algorithm)
			}
			wantCode(t, algorithm+" wrong password", e.svc.Admin.CheckPassword(ctx, v.ID, myaccount.PasswordInput{Password: "wrong"}), 422, account.CodeInvalidCredentials)
			if err := e.svc.Admin.CheckPassword(ctx, v.ID, myaccount.PasswordInput{Password: "imported-pw"}); err != nil {
				t.Fatalf("%s: %v", algorithm, err)
			}
			if h := adminStored(t, e, v.ID).PasswordHash; !strings.HasPrefix(h, "$argon2id$") {
				t.Fatalf("%s: not upgraded: %q", algorithm, h)
			}
		}
		// A digest of one algorithm named as another is refused.
		_, err = e.svc.Admin.AddUser(ctx, myaccount.CreateUserInput{PasswordDigest: string(bc), PasswordAlgorithm: "Argon2i"})
		wantCode(t, "bcrypt as Argon2i", err, 400, account.CodeGuardInvalidInput)
	})
}

// POST /api/users {"password": ""} is 400 guard.invalid_input: an empty
// password never makes a user without one. An absent or null password is
// a user without one.
func TestAdminAddUserEmptyPassword(t *testing.T) {
	ctx := context.Background()
	e, _ := newAdminEnv(t)
	for _, c := range []struct {
		body string
		ok   bool
	}{
		{`{"username": "empty1", "password": ""}`, false},
		{`{"password": ""}`, false},
		{`{"username": "absent1"}`, true},
		{`{"username": "null1", "password": null}`, true},
	} {
		var in myaccount.CreateUserInput
		if err := json.Unmarshal([]byte(c.body), &in); err != nil {
			t.Fatalf("%s: %v", c.body, err)
		}
		v, err := e.svc.Admin.AddUser(ctx, in)
		if !c.ok {
			wantCode(t, c.body, err, 400, account.CodeGuardInvalidInput)
			continue
		}
		if err != nil || v.HasPassword {
			t.Errorf("%s: %+v, %v", c.body, v, err)
		}
	}
	if n := adminTotal(t, e); n != 2 {
		t.Fatalf("%d users, want the 2 without a password field", n)
	}
	var in myaccount.CreateUserInput
	if err := json.Unmarshal([]byte(`{"username": "pw1", "password": "secret"}`), &in); err != nil {
		t.Fatal(err)
	}
	if v, err := e.svc.Admin.AddUser(ctx, in); err != nil || !v.HasPassword || v.Username != "pw1" {
		t.Fatalf("a password: %+v, %v", v, err)
	}
}
