package httpadapter_test

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
)

// Enterprise SSO identities: recorded by the host's SSO login
// (SignIn.RecordSSOIdentity), shown by GET /api/users/{userId} with
// includeSsoIdentities=true (Logto's admin-user/basics.ts).
func TestAdminUserSSOIdentities(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		// The subtests share a store: each uses its own identity.
		oktaAs := func(identityID string) myaccount.RecordSSOIdentityInput {
			return myaccount.RecordSSOIdentityInput{
				SSOConnectorID: "okta", Issuer: "https://corp.okta.example.com", IdentityID: identityID,
				Detail: map[string]any{"email": "ada@corp.example.com", "groups": []any{"eng"}},
			}
		}

		t.Run("the default answer has no ssoIdentities key; asked for, it is [] when there are none", func(t *testing.T) {
			e := e.sub(t)
			id := e.user(myaccount.CreateUserInput{Username: "sso_none"})
			plain := e.admin("GET", "/api/users/"+id, nil).want(200)
			if _, ok := plain.json["ssoIdentities"]; ok {
				t.Fatalf("default answer: %s", plain.raw)
			}
			for _, q := range []string{"?includeSsoIdentities=false", "?includeSsoIdentities=", "?includeSsoIdentities=no", "?other=1", "?%zz"} {
				r := e.admin("GET", "/api/users/"+id+q, nil).want(200)
				if !bytes.Equal(r.raw, plain.raw) {
					t.Errorf("%s: %s, want the default %s", q, r.raw, plain.raw)
				}
			}
			for _, q := range []string{"?includeSsoIdentities=true", "?includeSsoIdentities=1", "?includeSsoIdentities=YES", "?includeSsoIdentities=y"} {
				r := e.admin("GET", "/api/users/"+id+q, nil).want(200)
				list, ok := r.json["ssoIdentities"].([]any)
				if !ok || len(list) != 0 || !bytes.Contains(r.raw, []byte(`"ssoIdentities":[]`)) {
					t.Errorf("%s: %s", q, r.raw)
				}
				// The rest of the answer is the default one.
				delete(r.json, "ssoIdentities")
				if len(r.json) != len(plain.json) {
					t.Errorf("%s: keys %v, want %v", q, r.json, plain.json)
				}
			}
			e.admin("GET", "/api/users/"+id+"?includeSsoIdentities=true&includeSsoIdentities=true", nil).wantError(400, "guard.invalid_input")
			e.admin("GET", "/api/users/no-such-user?includeSsoIdentities=true", nil).wantError(404, "entity.not_found")
		})

		t.Run("recorded identities are shown as Logto shows them, oldest first", func(t *testing.T) {
			e := e.sub(t)
			id := e.user(myaccount.CreateUserInput{Username: "sso_shown"})
			okta := oktaAs("00u1")
			ctx := t.Context()
			first, err := e.svc.SignIn.RecordSSOIdentity(ctx, id, okta)
			if err != nil {
				t.Fatal(err)
			}
			created := e.clock.Now()
			e.clock.Advance(time.Minute)
			azure := myaccount.RecordSSOIdentityInput{SSOConnectorID: "azure", Issuer: "https://login.example.com/tenant/v2.0", IdentityID: "a-1"}
			if _, err := e.svc.SignIn.RecordSSOIdentity(ctx, id, azure); err != nil {
				t.Fatal(err)
			}
			r := e.admin("GET", "/api/users/"+id+"?includeSsoIdentities=true", nil).want(200)
			list, _ := r.json["ssoIdentities"].([]any)
			if len(list) != 2 {
				t.Fatalf("ssoIdentities: %s", r.raw)
			}
			got := list[0].(map[string]any)
			want := map[string]any{
				"id": first.ID, "userId": id, "issuer": okta.Issuer, "identityId": "00u1", "ssoConnectorId": "okta",
				"createdAt": float64(created.UnixMilli()), "updatedAt": float64(created.UnixMilli()),
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("ssoIdentities[0].%s = %v, want %v", k, got[k], v)
				}
			}
			if d, _ := got["detail"].(map[string]any); d["email"] != "ada@corp.example.com" {
				t.Errorf("detail: %v", got["detail"])
			}
			if _, ok := got["tenantId"]; ok {
				t.Error("tenantId is shown")
			}
			second := list[1].(map[string]any)
			if second["ssoConnectorId"] != "azure" || second["detail"] == nil || len(second["detail"].(map[string]any)) != 0 {
				t.Errorf("ssoIdentities[1]: %v", second)
			}
		})

		t.Run("a later sign-in updates the identity; another user cannot take it", func(t *testing.T) {
			e := e.sub(t)
			id := e.user(myaccount.CreateUserInput{Username: "sso_update"})
			other := e.user(myaccount.CreateUserInput{Username: "sso_other"})
			okta := oktaAs("00u2")
			ctx := t.Context()
			first, err := e.svc.SignIn.RecordSSOIdentity(ctx, id, okta)
			if err != nil {
				t.Fatal(err)
			}
			e.clock.Advance(time.Hour)
			again := okta
			again.Detail = map[string]any{"email": "ada.l@corp.example.com"}
			second, err := e.svc.SignIn.RecordSSOIdentity(ctx, id, again)
			if err != nil {
				t.Fatal(err)
			}
			if second.ID != first.ID || second.CreatedAt != first.CreatedAt || second.UpdatedAt != first.UpdatedAt+time.Hour.Milliseconds() || second.Detail["email"] != "ada.l@corp.example.com" {
				t.Errorf("after the update: %+v (first %+v)", second, first)
			}
			if _, err := e.svc.SignIn.RecordSSOIdentity(ctx, other, okta); !errors.Is(err, myaccount.ErrIdentityInUse) {
				t.Errorf("another user's identity: %v, want %v", err, myaccount.ErrIdentityInUse)
			}
			r := e.admin("GET", "/api/users/"+other+"?includeSsoIdentities=true", nil).want(200)
			if list, _ := r.json["ssoIdentities"].([]any); len(list) != 0 {
				t.Errorf("the other user: %s", r.raw)
			}
		})

		t.Run("deleting the user removes the identities", func(t *testing.T) {
			e := e.sub(t)
			id := e.user(myaccount.CreateUserInput{Username: "sso_deleted"})
			okta := oktaAs("00u3")
			ctx := t.Context()
			if _, err := e.svc.SignIn.RecordSSOIdentity(ctx, id, okta); err != nil {
				t.Fatal(err)
			}
			e.admin("DELETE", "/api/users/"+id, nil).want(204)
			next := e.user(myaccount.CreateUserInput{Username: "sso_next"})
			if _, err := e.svc.SignIn.RecordSSOIdentity(ctx, next, okta); err != nil {
				t.Fatalf("the identity of a deleted user is not free: %v", err)
			}
		})
	})
}
