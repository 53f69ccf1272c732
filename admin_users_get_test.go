package myaccount_test

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/internal/faultstore"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// adminHook records the events a Service emits (Config.Hook).
type adminHook struct {
	mu     sync.Mutex
	events []myaccount.Event
}

func (h *adminHook) record(_ context.Context, e myaccount.Event) {
	h.mu.Lock()
	h.events = append(h.events, e)
	h.mu.Unlock()
}

// all returns every event so far, in order.
func (h *adminHook) all() []myaccount.Event {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.events)
}

// of returns the events of one type, in order.
func (h *adminHook) of(typ myaccount.EventType) []myaccount.Event {
	var out []myaccount.Event
	for _, e := range h.all() {
		if e.Type == typ {
			out = append(out, e)
		}
	}
	return out
}

// last returns the last event, failing when there is none.
func (h *adminHook) last(t testing.TB) myaccount.Event {
	t.Helper()
	evs := h.all()
	if len(evs) == 0 {
		t.Fatal("no event")
	}
	return evs[len(evs)-1]
}

// count is how many events there were so far.
func (h *adminHook) count() int { return len(h.all()) }

// newAdminEnv is newSvcEnv on a memory store with every MFA factor, a
// cipher and a recording hook.
func newAdminEnv(t testing.TB, change ...func(*myaccount.Config)) (*svcEnv, *adminHook) {
	t.Helper()
	h := &adminHook{}
	changes := append([]func(*myaccount.Config){withTestMFA(t), func(c *myaccount.Config) { c.Hook = h.record }}, change...)
	return newSvcEnv(t, memory.New(), changes...), h
}

// adminPtr returns a pointer to v.
func adminPtr[T any](v T) *T { return &v }

// adminStored reads a user straight from the store.
func adminStored(t testing.TB, e *svcEnv, id string) *account.User {
	t.Helper()
	u, err := e.store.GetUser(context.Background(), id)
	if err != nil {
		t.Fatalf("GetUser %s: %v", id, err)
	}
	return u
}

// An administrator reads any user by id, every field of it, and an
// unknown id is 404 entity.not_found.
func TestAdminUser(t *testing.T) {
	e, _ := newAdminEnv(t)
	ctx := context.Background()
	id := e.user(myaccount.CreateUserInput{
		Username: "get1", Password: "pw", PrimaryEmail: "get1@example.com", PrimaryPhone: "15551230001", Name: "Ada",
		CustomData: map[string]any{"plan": "pro"},
		Profile:    &myaccount.UpdateProfileInput{GivenName: myaccount.Set("Ada"), Address: myaccount.Set(account.Address{Locality: "London"})},
	})

	t.Run("every field is shown, the address too, never the hash", func(t *testing.T) {
		v, err := e.svc.Admin.User(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if v.ID != id || v.Username != "get1" || v.PrimaryEmail != "get1@example.com" || v.PrimaryPhone != "15551230001" ||
			v.Name == nil || *v.Name != "Ada" || v.CustomData["plan"] != "pro" || !v.HasPassword || v.IsSuspended {
			t.Fatalf("user: %+v", v.AccountView)
		}
		if v.Profile.GivenName != "Ada" || v.Profile.Address == nil || v.Profile.Address.Locality != "London" {
			t.Fatalf("profile: %+v", v.Profile)
		}
		for _, key := range []string{"id", "username", "primaryEmail", "primaryPhone", "name", "avatar", "customData", "identities", "profile",
			"applicationId", "isSuspended", "hasPassword", "lastSignInAt", "createdAt", "updatedAt"} {
			if !v.Visible(key) {
				t.Errorf("%s is not visible to an administrator", key)
			}
		}
		for _, secret := range []string{"argon2", "passwordHash"} {
			if adminShows(t, v, secret) {
				t.Fatalf("the view shows %q", secret)
			}
		}
	})
	t.Run("an unknown user is 404 entity.not_found", func(t *testing.T) {
		_, err := e.svc.Admin.User(ctx, "nobody")
		wantCode(t, "User", err, 404, account.CodeEntityNotFound)
	})
	t.Run("a failing store is no 404", func(t *testing.T) {
		fs := faultstore.New(memory.New())
		e := newSvcEnv(t, fs)
		id := e.user(myaccount.CreateUserInput{Username: "get2"})
		fs.Arm(1)
		_, err := e.svc.Admin.User(ctx, id)
		if !errors.Is(err, faultstore.ErrInjected) {
			t.Fatalf("got %v, want the store's error", err)
		}
	})
}

// adminShows reports whether the JSON of v holds s, in any case.
func adminShows(t testing.TB, v json.Marshaler, s string) bool {
	t.Helper()
	b, err := v.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	return strings.Contains(strings.ToLower(string(b)), strings.ToLower(s))
}
