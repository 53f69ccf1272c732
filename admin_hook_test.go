package myaccount_test

import (
	"context"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/mfa"
)

// Each administrator's write tells the hook once, after it is stored, with
// the user as it is (never its password hash) and the time; reads and
// refused writes tell it nothing.
func TestAdminHookEvents(t *testing.T) {
	ctx := context.Background()
	e, hook := newAdminEnv(t, withAdminConnectors)
	id := e.user(myaccount.CreateUserInput{Username: "hook1", Password: "pw", PrimaryEmail: "hook1@example.com"})
	e.clock.Advance(time.Minute)
	var factorID string
	for _, c := range []struct {
		name    string
		do      func() error
		typ     myaccount.EventType
		changes []myaccount.Change
		token   string
	}{
		{"EditUser", func() error {
			_, err := e.svc.Admin.EditUser(ctx, id, myaccount.UpdateUserInput{Name: myaccount.Set("N")})
			return err
		}, myaccount.EventUserDataUpdated, []myaccount.Change{myaccount.ChangeProfile}, ""},
		{"EditProfile", func() error {
			_, err := e.svc.Admin.EditProfile(ctx, id, myaccount.UpdateUserProfileInput{Profile: &myaccount.UpdateProfileInput{Nickname: myaccount.Set("n")}})
			return err
		}, myaccount.EventUserDataUpdated, []myaccount.Change{myaccount.ChangeProfile}, ""},
		{"EditCustomData", func() error {
			_, err := e.svc.Admin.EditCustomData(ctx, id, myaccount.UpdateCustomDataInput{CustomData: map[string]any{"k": "v"}})
			return err
		}, myaccount.EventUserDataUpdated, []myaccount.Change{myaccount.ChangeCustomData}, ""},
		{"SetPassword", func() error {
			_, err := e.svc.Admin.SetPassword(ctx, id, myaccount.PasswordInput{Password: "pw2"})
			return err
		}, myaccount.EventUserDataUpdated, []myaccount.Change{myaccount.ChangePassword}, ""},
		{"LinkIdentity", func() error {
			_, err := e.svc.Admin.LinkIdentity(ctx, id, myaccount.AdminLinkIdentityInput{ConnectorID: "github", ConnectorData: map[string]any{"userId": "gh-hook"}})
			return err
		}, myaccount.EventUserDataUpdated, []myaccount.Change{myaccount.ChangeIdentity}, ""},
		{"ReplaceIdentity", func() error {
			_, _, err := e.svc.Admin.ReplaceIdentity(ctx, id, "github", myaccount.AdminIdentityInput{UserID: "gh-hook2"})
			return err
		}, myaccount.EventUserDataUpdated, []myaccount.Change{myaccount.ChangeIdentity}, ""},
		{"UnlinkIdentity", func() error {
			_, err := e.svc.Admin.UnlinkIdentity(ctx, id, "github")
			return err
		}, myaccount.EventUserDataUpdated, []myaccount.Change{myaccount.ChangeIdentity}, ""},
		{"AddMFAFactor", func() error {
			_, err := e.svc.Admin.AddMFAFactor(ctx, id, myaccount.CreateFactorInput{Type: mfa.TypeTOTP})
			if err == nil {
				views, _ := e.svc.Admin.MFAFactors(ctx, id)
				factorID = views[0].ID
			}
			return err
		}, myaccount.EventUserDataUpdated, []myaccount.Change{myaccount.ChangeMFA}, ""},
		{"RemoveMFAFactor", func() error { return e.svc.Admin.RemoveMFAFactor(ctx, id, factorID) },
			myaccount.EventUserDataUpdated, []myaccount.Change{myaccount.ChangeMFA}, ""},
		{"SetSuspended", func() error {
			_, err := e.svc.Admin.SetSuspended(ctx, id, myaccount.SetSuspendedInput{IsSuspended: adminPtr(true)})
			return err
		}, myaccount.EventUserSuspensionStatusUpdated, nil, ""},
		{"NewPersonalAccessToken", func() error {
			_, err := e.svc.Admin.NewPersonalAccessToken(ctx, id, myaccount.CreateAccessTokenInput{Name: "t"})
			return err
		}, myaccount.EventAccessTokenCreated, nil, "t"},
		{"RevokePersonalAccessToken", func() error { return e.svc.Admin.RevokePersonalAccessToken(ctx, id, "t") },
			myaccount.EventAccessTokenDeleted, nil, "t"},
		{"RemoveUser", func() error { return e.svc.Admin.RemoveUser(ctx, id) }, myaccount.EventUserDeleted, nil, ""},
	} {
		before := hook.count()
		if err := c.do(); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		evs := hook.all()[before:]
		if len(evs) != 1 {
			t.Fatalf("%s: %d events, want 1: %+v", c.name, len(evs), evs)
		}
		ev := evs[0]
		if ev.Type != c.typ || ev.UserID != id || !equalChanges(ev.Changes, c.changes) || ev.AccessToken != c.token || !ev.At.Equal(e.clock.Now()) {
			t.Errorf("%s: event %+v", c.name, ev)
		}
		if c.token == "" && (ev.User == nil || ev.User.ID != id || ev.User.PasswordHash != "") {
			t.Errorf("%s: the event's user %+v", c.name, ev.User)
		}
	}

	t.Run("reads and refused writes emit nothing", func(t *testing.T) {
		other := e.user(myaccount.CreateUserInput{Username: "hook2"})
		before := hook.count()
		_, _ = e.svc.Admin.User(ctx, other)
		_, _ = e.svc.Admin.SearchUsers(ctx, myaccount.ListUsersInput{})
		_, _ = e.svc.Admin.CustomData(ctx, other)
		_, _ = e.svc.Admin.HasPassword(ctx, other)
		_ = e.svc.Admin.CheckPassword(ctx, other, myaccount.PasswordInput{Password: "x"})
		_, _ = e.svc.Admin.MFAFactors(ctx, other)
		_, _ = e.svc.Admin.PersonalAccessTokens(ctx, other)
		_, _ = e.svc.Admin.AccountCenter(ctx)
		_, _ = e.svc.Admin.EditUser(ctx, other, myaccount.UpdateUserInput{Username: myaccount.Set("1x")})
		_, _ = e.svc.Admin.UnlinkIdentity(ctx, other, "none")
		_ = e.svc.Admin.RemoveMFAFactor(ctx, other, "none")
		_ = e.svc.Admin.RevokePersonalAccessToken(ctx, other, "none")
		_, _ = e.svc.Admin.RenamePersonalAccessToken(ctx, other, "none", myaccount.RenameAccessTokenInput{Name: "x"})
		_, _ = e.svc.Admin.SetSuspended(ctx, "nobody", myaccount.SetSuspendedInput{IsSuspended: adminPtr(true)})
		_ = e.svc.Admin.RemoveUser(ctx, "nobody")
		if n := hook.count() - before; n != 0 {
			t.Fatalf("%d events: %+v", n, hook.all()[before:])
		}
	})
}
