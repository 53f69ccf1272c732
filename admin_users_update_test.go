package myaccount_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// PATCH /api/users/:userId: identifiers checked and claimed as POST does
// them, name and avatar cleared by null, custom data and profile replaced
// whole, and User.Data.Updated with what changed.
func TestAdminEditUser(t *testing.T) {
	ctx := context.Background()
	setup := func(t *testing.T) (*svcEnv, *adminHook, string) {
		e, hook := newAdminEnv(t)
		id := e.user(myaccount.CreateUserInput{
			Username: "upd1", PrimaryEmail: "upd1@example.com", PrimaryPhone: "15551110001", Name: "Old", Avatar: adminPtr("https://example.com/a.png"),
			CustomData: map[string]any{"a": 1, "b": 2}, Profile: &myaccount.UpdateProfileInput{GivenName: myaccount.Set("G"), FamilyName: myaccount.Set("F")},
		})
		e.user(myaccount.CreateUserInput{Username: "upd2", PrimaryEmail: "upd2@example.com", PrimaryPhone: "6402112340002"})
		e.clock.Advance(time.Minute)
		return e, hook, id
	}

	t.Run("every field changes, custom data and profile are replaced", func(t *testing.T) {
		e, hook, id := setup(t)
		v, err := e.svc.Admin.EditUser(ctx, id, myaccount.UpdateUserInput{
			Username: myaccount.Set("upd1_new"), PrimaryEmail: myaccount.Set("New1@Example.com"), PrimaryPhone: myaccount.Set("15551110009"),
			Name: myaccount.Set(""), Avatar: myaccount.Set("https://example.com/b.png"),
			CustomData: myaccount.Set(map[string]any{"c": 3}), Profile: myaccount.Set(myaccount.UpdateProfileInput{Nickname: myaccount.Set("N")}),
		})
		if err != nil {
			t.Fatal(err)
		}
		if v.Username != "upd1_new" || v.PrimaryEmail != "New1@example.com" || v.PrimaryPhone != "15551110009" ||
			v.Name == nil || *v.Name != "" || *v.Avatar != "https://example.com/b.png" {
			t.Fatalf("edited: %+v", v.AccountView)
		}
		if len(v.CustomData) != 1 || fmt.Sprint(v.CustomData["c"]) != "3" {
			t.Fatalf("custom data not replaced: %v", v.CustomData)
		}
		if v.Profile != (account.Profile{Nickname: "N"}) {
			t.Fatalf("profile not replaced: %+v", v.Profile)
		}
		if !v.UpdatedAt.Equal(e.clock.Now()) {
			t.Fatalf("updatedAt %v, want %v", v.UpdatedAt, e.clock.Now())
		}
		if u := adminStored(t, e, id); u.EmailKey != "new1@example.com" || u.UsernameKey != "upd1_new" {
			t.Fatalf("keys: %q %q", u.EmailKey, u.UsernameKey)
		}
		ev := hook.last(t)
		want := []myaccount.Change{myaccount.ChangeUsername, myaccount.ChangePrimaryEmail, myaccount.ChangePrimaryPhone, myaccount.ChangeProfile, myaccount.ChangeCustomData}
		if ev.Type != myaccount.EventUserDataUpdated || ev.UserID != id || ev.Previous != "upd1@example.com" || !equalChanges(ev.Changes, want) || ev.User.Username != "upd1_new" {
			t.Fatalf("event: %+v", ev)
		}
	})

	t.Run("the event's Previous is the replaced phone when the email is kept", func(t *testing.T) {
		e, hook, id := setup(t)
		if _, err := e.svc.Admin.EditUser(ctx, id, myaccount.UpdateUserInput{PrimaryPhone: myaccount.Set("15551110008")}); err != nil {
			t.Fatal(err)
		}
		if ev := hook.last(t); ev.Previous != "15551110001" || !equalChanges(ev.Changes, []myaccount.Change{myaccount.ChangePrimaryPhone}) {
			t.Fatalf("event: %+v", ev)
		}
		if _, err := e.svc.Admin.EditUser(ctx, id, myaccount.UpdateUserInput{Avatar: myaccount.Null[string]()}); err != nil {
			t.Fatal(err)
		}
		if ev := hook.last(t); ev.Previous != "" || !equalChanges(ev.Changes, []myaccount.Change{myaccount.ChangeProfile}) {
			t.Fatalf("an avatar change: %+v", ev)
		}
	})

	t.Run("an empty change answers the user, writes and emits nothing", func(t *testing.T) {
		e, hook, id := setup(t)
		before := hook.count()
		v, err := e.svc.Admin.EditUser(ctx, id, myaccount.UpdateUserInput{})
		if err != nil || v.Username != "upd1" || v.UpdatedAt.Equal(e.clock.Now()) || hook.count() != before {
			t.Fatalf("empty change: %+v, %v, %d events", v, err, hook.count()-before)
		}
	})

	t.Run("null and empty clear, and an administrator may remove every identifier", func(t *testing.T) {
		e, _, id := setup(t)
		v, err := e.svc.Admin.EditUser(ctx, id, myaccount.UpdateUserInput{
			Username: myaccount.Null[string](), PrimaryEmail: myaccount.Set(""), PrimaryPhone: myaccount.Null[string](),
			Name: myaccount.Null[string](), Avatar: myaccount.Null[string](),
		})
		if err != nil {
			t.Fatal(err)
		}
		if v.Username != "" || v.PrimaryEmail != "" || v.PrimaryPhone != "" || v.Name != nil || v.Avatar != nil {
			t.Fatalf("not cleared: %+v", v.AccountView)
		}
		if u := adminStored(t, e, id); u.UsernameKey != "" || u.EmailKey != "" {
			t.Fatalf("keys kept: %q %q", u.UsernameKey, u.EmailKey)
		}
		// An empty avatar is the administrator's to set.
		if v, err := e.svc.Admin.EditUser(ctx, id, myaccount.UpdateUserInput{Avatar: myaccount.Set("")}); err != nil || v.Avatar == nil || *v.Avatar != "" {
			t.Fatalf("an empty avatar: %+v, %v", v, err)
		}
	})

	t.Run("taken identifiers are 422 and change nothing", func(t *testing.T) {
		e, hook, id := setup(t)
		before := hook.count()
		for _, c := range []struct {
			in   myaccount.UpdateUserInput
			code account.Code
		}{
			{myaccount.UpdateUserInput{Username: myaccount.Set("upd2"), Name: myaccount.Set("changed")}, account.CodeUsernameAlreadyInUse},
			{myaccount.UpdateUserInput{PrimaryEmail: myaccount.Set("UPD2@example.com"), Name: myaccount.Set("changed")}, account.CodeEmailAlreadyInUse},
			{myaccount.UpdateUserInput{PrimaryPhone: myaccount.Set("642112340002"), Name: myaccount.Set("changed")}, account.CodePhoneAlreadyInUse},
			{myaccount.UpdateUserInput{PrimaryPhone: myaccount.Set("999")}, account.CodeInvalidPhone},
		} {
			_, err := e.svc.Admin.EditUser(ctx, id, c.in)
			wantCode(t, string(c.code), err, 422, c.code)
		}
		if u := adminStored(t, e, id); *u.Name != "Old" || u.Username != "upd1" || hook.count() != before {
			t.Fatalf("a refused change wrote: %+v (%d events)", u, hook.count()-before)
		}
	})

	t.Run("malformed inputs are 400 guard.invalid_input", func(t *testing.T) {
		e, _, id := setup(t)
		for name, in := range map[string]myaccount.UpdateUserInput{
			"a username starting with a digit": {Username: myaccount.Set("9x")},
			"an email without @":               {PrimaryEmail: myaccount.Set("x")},
			"a phone with +":                   {PrimaryPhone: myaccount.Set("+1")},
			"an avatar that is not a URL":      {Avatar: myaccount.Set("x")},
			"an avatar too long":               {Avatar: myaccount.Set("https://example.com/" + strings.Repeat("a", myaccount.MaxAvatarURLLength))},
			"a name too long":                  {Name: myaccount.Set(strings.Repeat("n", myaccount.MaxNameLength+1))},
			"a name with NUL":                  {Name: myaccount.Set("\x00")},
			"null custom data":                 {CustomData: myaccount.Null[map[string]any]()},
			"custom data too large":            {CustomData: myaccount.Set(map[string]any{"a": strings.Repeat("x", myaccount.MaxCustomDataBytes)})},
			"a null profile":                   {Profile: myaccount.Null[myaccount.UpdateProfileInput]()},
			"a null claim in the profile":      {Profile: myaccount.Set(myaccount.UpdateProfileInput{Gender: myaccount.Null[string]()})},
			"a null address":                   {Profile: myaccount.Set(myaccount.UpdateProfileInput{Address: myaccount.Null[account.Address]()})},
		} {
			_, err := e.svc.Admin.EditUser(ctx, id, in)
			wantCode(t, name, err, 400, account.CodeGuardInvalidInput)
		}
	})

	t.Run("an unknown user is 404, after the body's checks and before the policy's", func(t *testing.T) {
		e, _ := newAdminEnv(t, adminUsernamePolicy(func(p *account.UsernamePolicy) { p.MaxLength = 2 }))
		_, err := e.svc.Admin.EditUser(ctx, "nobody", myaccount.UpdateUserInput{Name: myaccount.Set("x")})
		wantCode(t, "a name", err, 404, account.CodeEntityNotFound)
		_, err = e.svc.Admin.EditUser(ctx, "nobody", myaccount.UpdateUserInput{})
		wantCode(t, "an empty change", err, 404, account.CodeEntityNotFound)
		_, err = e.svc.Admin.EditUser(ctx, "nobody", myaccount.UpdateUserInput{PrimaryEmail: myaccount.Set("no-at")})
		wantCode(t, "a bad email", err, 400, account.CodeGuardInvalidInput)
		_, err = e.svc.Admin.EditUser(ctx, "nobody", myaccount.UpdateUserInput{Username: myaccount.Set("abc"), PrimaryPhone: myaccount.Set("999")})
		wantCode(t, "a username the policy refuses", err, 404, account.CodeEntityNotFound)
	})
}

// equalChanges reports whether got lists want, in order.
func equalChanges(got, want []myaccount.Change) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}
