package myaccount_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/internal/faultstore"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// adminSnapshot is what the store holds for a user: the user, their
// factors and their tokens, as JSON.
func adminSnapshot(t testing.TB, store myaccount.Store, id string) string {
	t.Helper()
	ctx := context.Background()
	u, err := store.GetUser(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	factors, err := store.ListFactors(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	tokens, err := store.ListAccessTokens(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal([]any{u, factors, tokens})
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Whichever store call of an administrator's write fails, the write is an
// error that wraps the store's (never a 404 or a 422 that would mislead the
// caller), it stores nothing of itself and tells the hook nothing. A store
// failure in a step after the change (a token set dropped, the user signed
// out) is logged, and the write stands.
func TestAdminWritesUnderStoreFailures(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name string
		do   func(e *svcEnv, id, factorID string) error
	}{
		{"AddUser", func(e *svcEnv, _, _ string) error {
			_, err := e.svc.Admin.AddUser(ctx, myaccount.CreateUserInput{Username: "new_user", Password: "pw"})
			return err
		}},
		{"EditUser", func(e *svcEnv, id, _ string) error {
			_, err := e.svc.Admin.EditUser(ctx, id, myaccount.UpdateUserInput{Username: myaccount.Set("renamed"), Name: myaccount.Set("N")})
			return err
		}},
		{"EditProfile", func(e *svcEnv, id, _ string) error {
			_, err := e.svc.Admin.EditProfile(ctx, id, myaccount.UpdateUserProfileInput{Profile: &myaccount.UpdateProfileInput{Nickname: myaccount.Set("n")}})
			return err
		}},
		{"EditCustomData", func(e *svcEnv, id, _ string) error {
			_, err := e.svc.Admin.EditCustomData(ctx, id, myaccount.UpdateCustomDataInput{CustomData: map[string]any{"k": 1}})
			return err
		}},
		{"SetPassword", func(e *svcEnv, id, _ string) error {
			_, err := e.svc.Admin.SetPassword(ctx, id, myaccount.PasswordInput{Password: "pw2"})
			return err
		}},
		{"SetSuspended", func(e *svcEnv, id, _ string) error {
			_, err := e.svc.Admin.SetSuspended(ctx, id, myaccount.SetSuspendedInput{IsSuspended: adminPtr(true)})
			return err
		}},
		{"ReplaceIdentity", func(e *svcEnv, id, _ string) error {
			_, _, err := e.svc.Admin.ReplaceIdentity(ctx, id, "github", myaccount.AdminIdentityInput{UserID: "gh-other"})
			return err
		}},
		{"UnlinkIdentity", func(e *svcEnv, id, _ string) error {
			_, err := e.svc.Admin.UnlinkIdentity(ctx, id, "github")
			return err
		}},
		{"AddMFAFactor", func(e *svcEnv, id, _ string) error {
			_, err := e.svc.Admin.AddMFAFactor(ctx, id, myaccount.CreateFactorInput{Type: mfa.TypeBackupCode})
			return err
		}},
		{"NewPersonalAccessToken", func(e *svcEnv, id, _ string) error {
			_, err := e.svc.Admin.NewPersonalAccessToken(ctx, id, myaccount.CreateAccessTokenInput{Name: "new"})
			return err
		}},
		{"RenamePersonalAccessToken", func(e *svcEnv, id, _ string) error {
			_, err := e.svc.Admin.RenamePersonalAccessToken(ctx, id, "old", myaccount.RenameAccessTokenInput{Name: "new"})
			return err
		}},
		{"RevokePersonalAccessToken", func(e *svcEnv, id, _ string) error {
			return e.svc.Admin.RevokePersonalAccessToken(ctx, id, "old")
		}},
		{"RemoveUser", func(e *svcEnv, id, _ string) error { return e.svc.Admin.RemoveUser(ctx, id) }},
		{"RemoveMFAFactor", func(e *svcEnv, id, factorID string) error { return e.svc.Admin.RemoveMFAFactor(ctx, id, factorID) }},
		{"CheckPassword", func(e *svcEnv, id, _ string) error {
			return e.svc.Admin.CheckPassword(ctx, id, myaccount.PasswordInput{Password: "pw"})
		}},
		{"SearchUsers", func(e *svcEnv, _, _ string) error {
			_, err := e.svc.Admin.SearchUsers(ctx, myaccount.ListUsersInput{})
			return err
		}},
		{"MFAFactors", func(e *svcEnv, id, _ string) error {
			_, err := e.svc.Admin.MFAFactors(ctx, id)
			return err
		}},
		{"PersonalAccessTokens", func(e *svcEnv, id, _ string) error {
			_, err := e.svc.Admin.PersonalAccessTokens(ctx, id)
			return err
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			for n := 1; ; n++ {
				fs := faultstore.New(memory.New())
				hook := &adminHook{}
				e := newSvcEnv(t, fs, withTestMFA(t), withAdminSessions(&adminSessions{}), func(cfg *myaccount.Config) {
					cfg.Hook = hook.record
					cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
				})
				id := e.user(myaccount.CreateUserInput{Username: "victim", Password: "pw"})
				if _, _, err := e.svc.Admin.ReplaceIdentity(ctx, id, "github", myaccount.AdminIdentityInput{UserID: "gh-victim"}); err != nil {
					t.Fatal(err)
				}
				if err := fs.PutTokenSet(ctx, &account.TokenSet{UserID: id, Target: "github", Sealed: []byte("sealed")}); err != nil {
					t.Fatal(err)
				}
				if _, err := e.svc.Admin.NewPersonalAccessToken(ctx, id, myaccount.CreateAccessTokenInput{Name: "old"}); err != nil {
					t.Fatal(err)
				}
				if _, err := e.svc.Admin.AddMFAFactor(ctx, id, myaccount.CreateFactorInput{Type: mfa.TypeTOTP}); err != nil {
					t.Fatal(err)
				}
				factors, err := fs.ListFactors(ctx, id)
				if err != nil {
					t.Fatal(err)
				}
				before, events := adminSnapshot(t, fs, id), hook.count()
				fs.Arm(n)
				err = c.do(e, id, factors[0].ID)
				_, failed := fs.Calls()
				fs.Arm(0)
				if failed == "" {
					if err != nil {
						t.Fatalf("without a failure: %v", err)
					}
					return // every call of the write has failed once
				}
				what := fmt.Sprintf("call %d (%s) failing", n, failed)
				if err == nil {
					continue // a failure after the change, logged
				}
				if !errors.Is(err, faultstore.ErrInjected) {
					t.Fatalf("%s: %v, want the store's error", what, err)
				}
				if after := adminSnapshot(t, fs, id); after != before {
					t.Errorf("%s changed the user:\n%s\n%s", what, before, after)
				}
				if l, lerr := e.svc.Admin.SearchUsers(ctx, myaccount.ListUsersInput{}); lerr != nil || l.Total != 1 {
					t.Errorf("%s: %v users, %v", what, l, lerr)
				}
				if got := hook.count() - events; got != 0 {
					t.Errorf("%s emitted %d events", what, got)
				}
			}
		})
	}
}
