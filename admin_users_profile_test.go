package myaccount_test

import (
	"context"
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// PATCH /api/users/:userId/profile: the claims given overwrite the stored
// ones, the others stay, a given address replaces the stored one whole.
func TestAdminEditProfile(t *testing.T) {
	ctx := context.Background()
	e, hook := newAdminEnv(t)
	id := e.user(myaccount.CreateUserInput{Profile: &myaccount.UpdateProfileInput{
		GivenName: myaccount.Set("G"), FamilyName: myaccount.Set("F"), Address: myaccount.Set(account.Address{Country: "UK", Locality: "London"}),
	}})

	t.Run("the claims given are merged, an address replaced whole", func(t *testing.T) {
		p, err := e.svc.Admin.EditProfile(ctx, id, myaccount.UpdateUserProfileInput{Profile: &myaccount.UpdateProfileInput{
			GivenName: myaccount.Set("G2"), Website: myaccount.Set("https://ada.example"), Address: myaccount.Set(account.Address{Country: "FR"}),
		}})
		if err != nil {
			t.Fatal(err)
		}
		want := account.Profile{GivenName: "G2", FamilyName: "F", Website: "https://ada.example", Address: &account.Address{Country: "FR"}}
		if p.GivenName != want.GivenName || p.FamilyName != want.FamilyName || p.Website != want.Website || *p.Address != *want.Address {
			t.Fatalf("merged: %+v", p)
		}
		if stored := adminStored(t, e, id).Profile; stored.FamilyName != "F" || stored.Address.Locality != "" {
			t.Fatalf("stored: %+v", stored)
		}
		if ev := hook.last(t); ev.Type != myaccount.EventUserDataUpdated || !equalChanges(ev.Changes, []myaccount.Change{myaccount.ChangeProfile}) {
			t.Fatalf("event: %+v", ev)
		}
	})
	t.Run("an empty claim is a value, and an empty profile keeps everything", func(t *testing.T) {
		p, err := e.svc.Admin.EditProfile(ctx, id, myaccount.UpdateUserProfileInput{Profile: &myaccount.UpdateProfileInput{FamilyName: myaccount.Set("")}})
		if err != nil || p.FamilyName != "" || p.GivenName != "G2" {
			t.Fatalf("an empty claim: %+v, %v", p, err)
		}
		p, err = e.svc.Admin.EditProfile(ctx, id, myaccount.UpdateUserProfileInput{Profile: &myaccount.UpdateProfileInput{}})
		if err != nil || p.GivenName != "G2" || p.Address == nil {
			t.Fatalf("an empty profile: %+v, %v", p, err)
		}
	})
	t.Run("malformed inputs are 400 guard.invalid_input and write nothing", func(t *testing.T) {
		before := hook.count()
		for name, in := range map[string]myaccount.UpdateUserProfileInput{
			"no profile":       {},
			"a null claim":     {Profile: &myaccount.UpdateProfileInput{Nickname: myaccount.Null[string]()}},
			"a claim too long": {Profile: &myaccount.UpdateProfileInput{Locale: myaccount.Set(strings.Repeat("l", myaccount.MaxProfileClaimLength+1))}},
			"a claim with NUL": {Profile: &myaccount.UpdateProfileInput{Zoneinfo: myaccount.Set("a\x00")}},
			"a null address":   {Profile: &myaccount.UpdateProfileInput{Address: myaccount.Null[account.Address]()}},
			"an address part too long": {Profile: &myaccount.UpdateProfileInput{Address: myaccount.Set(account.Address{
				PostalCode: strings.Repeat("9", myaccount.MaxProfileClaimLength+1)})}},
		} {
			_, err := e.svc.Admin.EditProfile(ctx, id, in)
			wantCode(t, name, err, 400, account.CodeGuardInvalidInput)
		}
		if hook.count() != before {
			t.Fatal("a refused change emitted an event")
		}
	})
	t.Run("an unknown user is 404 entity.not_found", func(t *testing.T) {
		_, err := e.svc.Admin.EditProfile(ctx, "nobody", myaccount.UpdateUserProfileInput{Profile: &myaccount.UpdateProfileInput{}})
		wantCode(t, "nobody", err, 404, account.CodeEntityNotFound)
	})
}
