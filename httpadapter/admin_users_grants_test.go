package httpadapter_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
)

// adminGrantIDs lists GET /api/users/{id}/grants[?query] as ids.
func (e *env) adminGrantIDs(userID, query string) []string {
	e.t.Helper()
	r := e.admin("GET", "/api/users/"+userID+"/grants"+query, nil).want(200)
	var v struct {
		Grants []struct {
			ID          string         `json:"id"`
			Payload     map[string]any `json:"payload"`
			Application struct {
				ID string `json:"id"`
			} `json:"application"`
		} `json:"grants"`
	}
	if err := json.Unmarshal(r.raw, &v); err != nil || v.Grants == nil {
		e.t.Fatalf("grants: %v %s", err, r.raw)
	}
	ids := []string{}
	for _, g := range v.Grants {
		if g.Payload["accountId"] != userID || g.Application.ID == "" {
			e.t.Fatalf("grant shape: %s", r.raw)
		}
		ids = append(ids, g.ID)
	}
	return ids
}

// Logto's admin-user grants routes (routes/admin-user/grants.ts) over the
// session provider.
func TestAdminUserGrants(t *testing.T) {
	eachStoreSessions(t, func(t *testing.T, e *env, p *fakeSessions) {
		t.Run("GET lists the user's grants; appType filters", func(t *testing.T) {
			e := e.sub(t)
			id := e.user(myaccount.CreateUserInput{Username: "g1"})
			other := e.user(myaccount.CreateUserInput{Username: "g1other"})
			_, g1 := p.signIn(id, firstPartyApp)
			_, g3 := p.signIn(id, thirdPartyApp)
			p.signIn(other, firstPartyApp)
			if all := e.adminGrantIDs(id, ""); len(all) != 2 || !slices.Contains(all, g1) || !slices.Contains(all, g3) {
				t.Fatalf("grants %v", all)
			}
			if first := e.adminGrantIDs(id, "?appType=firstParty"); !slices.Equal(first, []string{g1}) {
				t.Fatalf("first-party grants %v", first)
			}
			if third := e.adminGrantIDs(id, "?appType=thirdParty"); !slices.Equal(third, []string{g3}) {
				t.Fatalf("third-party grants %v", third)
			}
			for _, q := range []string{"?appType=other", "?appType=", "?appType=firstParty&appType=thirdParty", "?%zz"} {
				e.admin("GET", "/api/users/"+id+"/grants"+q, nil).wantError(400, "guard.invalid_input")
			}
			if none := e.adminGrantIDs("no-such-user", ""); len(none) != 0 {
				t.Fatalf("an unknown user's grants %v", none)
			}
		})
		t.Run("DELETE revokes the user's grant; another user's or an unknown one is 404", func(t *testing.T) {
			e := e.sub(t)
			id := e.user(myaccount.CreateUserInput{Username: "g2"})
			other := e.user(myaccount.CreateUserInput{Username: "g2other"})
			_, grant := p.signIn(id, otherApp)
			_, theirs := p.signIn(other, otherApp)
			e.admin("DELETE", "/api/users/"+id+"/grants/"+theirs, nil).wantError(404, "oidc.invalid_grant")
			e.admin("DELETE", "/api/users/"+id+"/grants/no-such-grant", nil).wantError(404, "oidc.invalid_grant")
			if !p.grantActive(theirs) {
				t.Fatal("another user's grant was revoked")
			}
			e.admin("DELETE", "/api/users/"+id+"/grants/"+grant, nil).want(204)
			if p.grantActive(grant) {
				t.Fatal("grant still active")
			}
			e.admin("DELETE", "/api/users/"+id+"/grants/"+grant, nil).wantError(404, "oidc.invalid_grant")
		})
		t.Run("an expired grant is not listed, and DELETE is 204 without revoking it", func(t *testing.T) {
			e := e.sub(t)
			id := e.user(myaccount.CreateUserInput{Username: "g3"})
			_, grant := p.signIn(id, otherApp)
			e.clock.Advance(15 * 24 * time.Hour)
			if l := e.adminGrantIDs(id, ""); len(l) != 0 {
				t.Fatalf("expired grants listed: %v", l)
			}
			e.admin("DELETE", "/api/users/"+id+"/grants/"+grant, nil).want(204)
			if !p.grantActive(grant) {
				t.Fatal("an expired grant was revoked")
			}
		})
	})
	t.Run("without a session provider the routes are not mounted", func(t *testing.T) {
		e := newEnv(t, newMemoryStore())
		id := e.user(myaccount.CreateUserInput{Username: "g4"})
		e.admin("GET", "/api/users/"+id+"/grants", nil).wantError(404, "request.not_found")
		e.admin("DELETE", "/api/users/"+id+"/grants/x", nil).wantError(404, "request.not_found")
	})
}
