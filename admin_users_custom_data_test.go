package myaccount_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// GET and PATCH /api/users/:userId/custom-data: read, and merged at the
// top level.
func TestAdminCustomData(t *testing.T) {
	ctx := context.Background()
	e, hook := newAdminEnv(t)
	id := e.user(myaccount.CreateUserInput{})
	edit := func(t *testing.T, m map[string]any) map[string]any {
		t.Helper()
		got, err := e.svc.Admin.EditCustomData(ctx, id, myaccount.UpdateCustomDataInput{CustomData: m})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}

	t.Run("a user without custom data has {}", func(t *testing.T) {
		m, err := e.svc.Admin.CustomData(ctx, id)
		if err != nil || m == nil || len(m) != 0 {
			t.Fatalf("custom data: %v, %v", m, err)
		}
	})
	t.Run("the merge is shallow: a given key replaces its value, null included", func(t *testing.T) {
		edit(t, map[string]any{"a": 1, "nested": map[string]any{"x": 1, "y": 2}})
		got := edit(t, map[string]any{"b": 2, "nested": map[string]any{"z": 3}})
		if fmt.Sprint(got["a"]) != "1" || fmt.Sprint(got["b"]) != "2" || fmt.Sprint(got["nested"]) != "map[z:3]" {
			t.Fatalf("merged: %v", got)
		}
		got = edit(t, map[string]any{"a": nil})
		if v, ok := got["a"]; !ok || v != nil || fmt.Sprint(got["b"]) != "2" {
			t.Fatalf("a null value: %v", got)
		}
		stored, err := e.svc.Admin.CustomData(ctx, id)
		if err != nil || len(stored) != 3 {
			t.Fatalf("stored: %v, %v", stored, err)
		}
		if ev := hook.last(t); !equalChanges(ev.Changes, []myaccount.Change{myaccount.ChangeCustomData}) || ev.UserID != id {
			t.Fatalf("event: %+v", ev)
		}
		// An empty object changes nothing but is no error.
		if got := edit(t, map[string]any{}); len(got) != 3 {
			t.Fatalf("an empty merge: %v", got)
		}
	})
	t.Run("custom data out of bounds is 400 guard.invalid_input, merged or not", func(t *testing.T) {
		deep := map[string]any{}
		for range myaccount.MaxCustomDataDepth {
			deep = map[string]any{"d": deep}
		}
		half := strings.Repeat("x", myaccount.MaxCustomDataBytes/2+1)
		edit(t, map[string]any{"big1": half})
		before := hook.count()
		for name, m := range map[string]map[string]any{
			"none":                  nil,
			"too deep":              deep,
			"too large":             {"a": strings.Repeat("x", myaccount.MaxCustomDataBytes)},
			"too large once merged": {"big2": half},
		} {
			_, err := e.svc.Admin.EditCustomData(ctx, id, myaccount.UpdateCustomDataInput{CustomData: m})
			wantCode(t, name, err, 400, account.CodeGuardInvalidInput)
		}
		if stored, _ := e.svc.Admin.CustomData(ctx, id); stored["big2"] != nil || hook.count() != before {
			t.Fatalf("a refused merge wrote: %d keys, %d events", len(stored), hook.count()-before)
		}
	})
	t.Run("an unknown user is 404 entity.not_found", func(t *testing.T) {
		_, err := e.svc.Admin.CustomData(ctx, "nobody")
		wantCode(t, "GET", err, 404, account.CodeEntityNotFound)
		_, err = e.svc.Admin.EditCustomData(ctx, "nobody", myaccount.UpdateCustomDataInput{CustomData: map[string]any{}})
		wantCode(t, "PATCH", err, 404, account.CodeEntityNotFound)
	})
}
