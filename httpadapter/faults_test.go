package httpadapter_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/internal/faultstore"
)

// faultFlow is one write through the HTTP API: setup brings a fresh env to
// the state the write needs (the store not yet armed) and returns the
// request; the write's effect is read back with faultState. write is the
// store method that makes the write: the test fails it too.
type faultFlow struct {
	name  string
	write string
	setup func(e *env, id, tok string) req
}

// takesChange reports whether a store method takes a change function, which
// faultstore.ArmInChange makes fail inside the store.
func takesChange(method string) bool {
	return method == "UpdateUser" || method == "UpdateAccountCenter" || method == "BindFactor"
}

// faultState is what the store holds of the user, without what differs
// from run to run by design (sealed bytes, hashes of random salts): the
// user, their factors, token sets and access tokens.
func faultState(t *testing.T, store myaccount.Store, id string) string {
	t.Helper()
	ctx := context.Background()
	state := map[string]any{}
	if u, err := store.GetUser(ctx, id); err == nil {
		c := *u
		c.PasswordHash = fmt.Sprint(c.PasswordHash != "")
		state["user"] = c
	} else {
		state["user"] = err.Error()
	}
	factors, _ := store.ListFactors(ctx, id)
	var fs []string
	for _, f := range factors {
		used := 0
		for _, c := range f.BackupCodes {
			if !c.UsedAt.IsZero() {
				used++
			}
		}
		fs = append(fs, fmt.Sprintf("%s %s codes=%d used=%d", f.ID, f.Type, len(f.BackupCodes), used))
	}
	state["factors"] = fs
	tokens, _ := store.ListAccessTokens(ctx, id)
	var ts []string
	for _, tk := range tokens {
		ts = append(ts, tk.Name)
	}
	state["tokens"] = ts
	b, err := json.Marshal(state)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Issue 9, item 3: for each write and for every N, a store whose Nth call
// fails leaves the user either exactly as before or exactly as after a
// successful run, and the answer is a clean error with a code. Each run is
// a fresh env on the memory store, with ids and random bytes made
// deterministic so that runs compare.
func TestStoreFaults(t *testing.T) {
	const pw = "Fault-pass-1"
	flows := []faultFlow{
		{"PATCH name", "UpdateUser", func(e *env, id, tok string) req {
			return req{method: "PATCH", path: "/api/my-account", token: tok, body: map[string]any{"name": "Faulty", "customData": map[string]any{"a": 1}}}
		}},
		{"change password", "UpdateUser", func(e *env, id, tok string) req {
			e.clock.Advance(time.Minute) // so passwordUpdatedAt moves
			return req{method: "POST", path: "/api/my-account/password", token: tok, vh: e.pwRecord(tok, pw), body: map[string]any{"password": "Fault-pass-2"}}
		}},
		{"bind TOTP", "BindFactor", func(e *env, id, tok string) req {
			secret := e.call("POST", "/api/my-account/mfa-verifications/totp-secret/generate", tok, nil, nil).want(200).str("secret")
			return req{method: "POST", path: "/api/my-account/mfa-verifications", token: tok, vh: e.pwRecord(tok, pw), body: map[string]any{"type": "Totp", "secret": secret, "code": oathtool(e.t, secret, e.clock.Now())}}
		}},
		{"bind backup codes", "BindFactor", func(e *env, id, tok string) req {
			secret := e.call("POST", "/api/my-account/mfa-verifications/totp-secret/generate", tok, nil, nil).want(200).str("secret")
			e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "Totp", "secret": secret}).want(204)
			codes := e.call("POST", "/api/my-account/mfa-verifications/backup-codes/generate", tok, nil, nil).want(200).json["codes"]
			e.clock.Advance(time.Minute) // so the user's updatedAt moves with the bind
			return req{method: "POST", path: "/api/my-account/mfa-verifications", token: tok, vh: e.pwRecord(tok, pw), body: map[string]any{"type": "BackupCode", "codes": codes}}
		}},
		{"replace TOTP", "BindFactor", func(e *env, id, tok string) req {
			old := e.call("POST", "/api/my-account/mfa-verifications/totp-secret/generate", tok, nil, nil).want(200).str("secret")
			e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "Totp", "secret": old}).want(204)
			secret := e.call("POST", "/api/my-account/mfa-verifications/totp-secret/generate", tok, nil, nil).want(200).str("secret")
			return req{method: "PUT", path: "/api/my-account/mfa-verifications/totp", token: tok, vh: e.pwRecord(tok, pw), body: map[string]any{"secret": secret, "code": oathtool(e.t, secret, e.clock.Now())}}
		}},
		{"bind a passkey", "BindFactor", func(e *env, id, tok string) req {
			rec := (&signInEnv{env: e}).register(e.t, tok, newPasskey(e, id, ""))
			return req{method: "POST", path: "/api/my-account/mfa-verifications", token: tok, vh: e.pwRecord(tok, pw), body: map[string]any{"type": "WebAuthn", "newIdentifierVerificationRecordId": rec}}
		}},
		{"admin: create a TOTP factor", "BindFactor", func(e *env, id, tok string) req {
			e.clock.Advance(time.Minute) // so the user's updatedAt moves with the bind
			return req{method: "POST", path: "/api/users/" + id + "/mfa-verifications", token: adminToken, body: map[string]any{"type": "Totp"}}
		}},
		{"admin: create backup codes", "BindFactor", func(e *env, id, tok string) req {
			e.admin("POST", "/api/users/"+id+"/mfa-verifications", map[string]any{"type": "Totp"}).want(200)
			e.clock.Advance(time.Minute) // so the user's updatedAt moves with the bind
			return req{method: "POST", path: "/api/users/" + id + "/mfa-verifications", token: adminToken, body: map[string]any{"type": "BackupCode"}}
		}},
		{"delete a factor", "DeleteFactor", func(e *env, id, tok string) req {
			secret := e.call("POST", "/api/my-account/mfa-verifications/totp-secret/generate", tok, nil, nil).want(200).str("secret")
			e.call("POST", "/api/my-account/mfa-verifications", tok, e.pwRecord(tok, pw), map[string]any{"type": "Totp", "secret": secret}).want(204)
			var items []map[string]any
			_ = json.Unmarshal(e.call("GET", "/api/my-account/mfa-verifications", tok, nil, nil).want(200).raw, &items)
			return req{method: "DELETE", path: "/api/my-account/mfa-verifications/" + items[0]["id"].(string), token: tok, vh: e.pwRecord(tok, pw)}
		}},
		{"set a primary email", "UpdateUser", func(e *env, id, tok string) req {
			code := e.codeRecord(tok, "email", "fault-new@example.com")
			return req{method: "POST", path: "/api/my-account/primary-email", token: tok, vh: e.pwRecord(tok, pw), body: map[string]any{"email": "fault-new@example.com", "newIdentifierVerificationRecordId": code}}
		}},
		{"admin: create a personal access token", "CreateAccessToken", func(e *env, id, tok string) req {
			return req{method: "POST", path: patPath(id), token: adminToken, body: map[string]any{"name": "script"}}
		}},
		{"admin: suspend", "UpdateUser", func(e *env, id, tok string) req {
			return req{method: "PATCH", path: "/api/users/" + id + "/is-suspended", token: adminToken, body: map[string]any{"isSuspended": true}}
		}},
		{"delete the account", "DeleteUser", func(e *env, id, tok string) req {
			e.setFields(map[string]string{"deleteAccount": "Edit"})
			return req{method: "DELETE", path: "/api/my-account", token: tok, vh: e.pwRecord(tok, pw)}
		}},
	}
	for _, fl := range flows {
		t.Run(fl.name, func(t *testing.T) {
			// run sets up a fresh env, arms the store for call n (0:
			// never), sends the write, and returns the states before and
			// after, the answer and the number of store calls it made.
			run := func(n int, arm func(fs *faultstore.Store, n int)) (before, after string, r *resp, calls int, failed string) {
				inner := newMemoryStore()
				fs := faultstore.New(inner)
				ids := 0
				random := rand.New(rand.NewSource(1))
				e := newEnv(t, fs, withMFA(t), func(c *myaccount.Config) {
					c.NewID = func() string { ids++; return fmt.Sprintf("id-%04d", ids) }
					c.Random = random
				})
				e.enableAll()
				id := e.user(myaccount.CreateUserInput{Username: "fault1", Password: pw, PrimaryEmail: "fault1@example.com"})
				tok := e.token(id, allScopes...)
				q := fl.setup(e, id, tok)
				before = faultState(t, inner, id)
				arm(fs, n)
				r = e.do(q)
				calls, failed = fs.Calls()
				fs.Arm(0)
				return before, faultState(t, inner, id), r, calls, failed
			}
			before, want, ok, calls, _ := run(0, (*faultstore.Store).Arm)
			if ok.status >= 400 {
				t.Fatalf("the write fails without a fault: %d %s", ok.status, ok.raw)
			}
			if before == want {
				t.Fatalf("the write changed nothing the test reads")
			}
			// check runs the write with call n failing as arm says.
			check := func(n int, arm func(fs *faultstore.Store, n int), how string) string {
				b, got, r, _, failed := run(n, arm)
				if b != before {
					t.Fatalf("call %d: the setup is not deterministic:\n%s\n%s", n, b, before)
				}
				if got != before && got != want {
					t.Errorf("call %d (%s) failing %s left a half-write:\nbefore %s\nafter  %s\ngot    %s", n, failed, how, before, want, got)
				}
				if r.status >= 500 && (r.json["code"] == nil || r.json["message"] == nil) {
					t.Errorf("call %d (%s) failing %s: %d without a code: %s", n, failed, how, r.status, r.raw)
				}
				if r.status < 400 && got != want {
					t.Errorf("call %d (%s) failing %s: %d, but the write did not happen", n, failed, how, r.status)
				}
				return failed
			}
			wrote := false
			for n := 1; n <= calls; n++ {
				failed := check(n, (*faultstore.Store).Arm, "before the store")
				if takesChange(failed) {
					// The same call again, failing inside the store, after
					// whatever the store did first in that step.
					check(n, (*faultstore.Store).ArmInChange, "in its change")
				}
				wrote = wrote || failed == fl.write
			}
			if !wrote {
				t.Errorf("no failing call was %s, the write's step", fl.write)
			}
			t.Logf("%d store calls, each failed in turn", calls)
		})
	}
}
