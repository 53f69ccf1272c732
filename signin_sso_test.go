package myaccount_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/internal/faultstore"
	"github.com/myaccount-go/myaccount/storage/memory"
)

func TestRecordSSOIdentity(t *testing.T) {
	okta := myaccount.RecordSSOIdentityInput{SSOConnectorID: "okta", Issuer: "https://corp.okta.example.com", IdentityID: "00u1"}

	t.Run("input the store would not keep is guard.invalid_input", func(t *testing.T) {
		e := newSvcEnv(t, memory.New())
		id := e.user(myaccount.CreateUserInput{Username: "sso_input"})
		for name, change := range map[string]func(in *myaccount.RecordSSOIdentityInput){
			"no connector":          func(in *myaccount.RecordSSOIdentityInput) { in.SSOConnectorID = "" },
			"no issuer":             func(in *myaccount.RecordSSOIdentityInput) { in.Issuer = "" },
			"no identity id":        func(in *myaccount.RecordSSOIdentityInput) { in.IdentityID = "" },
			"connector of 129":      func(in *myaccount.RecordSSOIdentityInput) { in.SSOConnectorID = strings.Repeat("c", 129) },
			"issuer of 257":         func(in *myaccount.RecordSSOIdentityInput) { in.Issuer = strings.Repeat("i", 257) },
			"identity id of 129":    func(in *myaccount.RecordSSOIdentityInput) { in.IdentityID = strings.Repeat("é", 129) },
			"identity id not UTF-8": func(in *myaccount.RecordSSOIdentityInput) { in.IdentityID = "\xff" },
			"issuer with NUL":       func(in *myaccount.RecordSSOIdentityInput) { in.Issuer = "a\x00b" },
			"detail too deep": func(in *myaccount.RecordSSOIdentityInput) {
				d := map[string]any{}
				in.Detail = d
				for range myaccount.MaxCustomDataDepth {
					next := map[string]any{}
					d["x"] = next
					d = next
				}
			},
			"detail too large": func(in *myaccount.RecordSSOIdentityInput) {
				in.Detail = map[string]any{"x": strings.Repeat("a", myaccount.MaxCustomDataBytes)}
			},
			"detail not JSON": func(in *myaccount.RecordSSOIdentityInput) { in.Detail = map[string]any{"f": func() {}} },
		} {
			in := okta
			change(&in)
			if _, err := e.svc.SignIn.RecordSSOIdentity(t.Context(), id, in); !errors.Is(err, myaccount.ErrInvalidInput) {
				t.Errorf("%s: %v, want %v", name, err, myaccount.ErrInvalidInput)
			}
		}
		// At the limits: kept.
		in := okta
		in.SSOConnectorID, in.Issuer, in.IdentityID = strings.Repeat("c", 128), strings.Repeat("i", 256), strings.Repeat("é", 128)
		if _, err := e.svc.SignIn.RecordSSOIdentity(t.Context(), id, in); err != nil {
			t.Errorf("at the limits: %v", err)
		}
	})

	t.Run("an unknown user is entity.not_found", func(t *testing.T) {
		e := newSvcEnv(t, memory.New())
		if _, err := e.svc.SignIn.RecordSSOIdentity(t.Context(), "no-such-user", okta); !errors.Is(err, myaccount.ErrUserNotFound) {
			t.Errorf("unknown user: %v", err)
		}
	})

	t.Run("recorded, updated, refused to another user, shown, removed with the user", func(t *testing.T) {
		e := newSvcEnv(t, memory.New())
		ctx := t.Context()
		id := e.user(myaccount.CreateUserInput{Username: "sso_a"})
		other := e.user(myaccount.CreateUserInput{Username: "sso_b"})
		first, err := e.svc.SignIn.RecordSSOIdentity(ctx, id, okta)
		if err != nil {
			t.Fatal(err)
		}
		if first.ID == "" || first.UserID != id || first.Detail == nil || first.CreatedAt != e.clock.Now().UnixMilli() || first.UpdatedAt != first.CreatedAt {
			t.Errorf("first: %+v", first)
		}
		b, _ := json.Marshal(first)
		want := `{"id":"` + first.ID + `","userId":"` + id + `","issuer":"https://corp.okta.example.com","identityId":"00u1","detail":{},` +
			`"createdAt":` + jsonNumber(first.CreatedAt) + `,"updatedAt":` + jsonNumber(first.CreatedAt) + `,"ssoConnectorId":"okta"}`
		if string(b) != want {
			t.Errorf("JSON %s, want %s", b, want)
		}

		e.clock.Advance(time.Minute)
		again := okta
		again.Issuer, again.IdentityID, again.Detail = "https://new.okta.example.com", "00u9", map[string]any{"k": "v"}
		second, err := e.svc.SignIn.RecordSSOIdentity(ctx, id, again)
		if err != nil {
			t.Fatal(err)
		}
		if second.ID != first.ID || second.CreatedAt != first.CreatedAt || second.UpdatedAt != e.clock.Now().UnixMilli() || second.IdentityID != "00u9" || second.Detail["k"] != "v" {
			t.Errorf("second: %+v", second)
		}
		if _, err := e.svc.SignIn.RecordSSOIdentity(ctx, other, again); !errors.Is(err, myaccount.ErrIdentityInUse) {
			t.Errorf("another user: %v, want %v", err, myaccount.ErrIdentityInUse)
		}
		// The first identity was given up by the update: free.
		if _, err := e.svc.SignIn.RecordSSOIdentity(ctx, other, okta); err != nil {
			t.Errorf("the freed identity: %v", err)
		}

		plain, err := e.svc.Admin.User(ctx, id)
		if err != nil || plain.SSOIdentities != nil {
			t.Fatalf("Admin.User: %+v, %v", plain, err)
		}
		with, err := e.svc.Admin.UserWith(ctx, id, myaccount.UserOptions{IncludeSSOIdentities: true})
		if err != nil || len(with.SSOIdentities) != 1 || with.SSOIdentities[0].ID != second.ID || with.SSOIdentities[0].UpdatedAt != second.UpdatedAt {
			t.Fatalf("Admin.UserWith: %+v, %v", with, err)
		}
		without, err := e.svc.Admin.UserWith(ctx, id, myaccount.UserOptions{})
		pb, _ := json.Marshal(plain)
		wb, _ := json.Marshal(without)
		if err != nil || string(pb) != string(wb) || strings.Contains(string(wb), "ssoIdentities") {
			t.Errorf("UserWith without options: %s, %v; User: %s", wb, err, pb)
		}

		if err := e.svc.Admin.RemoveUser(ctx, id); err != nil {
			t.Fatal(err)
		}
		if _, err := e.svc.Admin.UserWith(ctx, id, myaccount.UserOptions{IncludeSSOIdentities: true}); !errors.Is(err, myaccount.ErrUserNotFound) {
			t.Errorf("deleted user: %v", err)
		}
		third := e.user(myaccount.CreateUserInput{Username: "sso_c"})
		if _, err := e.svc.SignIn.RecordSSOIdentity(ctx, third, again); err != nil {
			t.Errorf("a deleted user's identity: %v", err)
		}
	})

	t.Run("a store failure is an error, not a refusal", func(t *testing.T) {
		fs := faultstore.New(memory.New())
		e := newSvcEnv(t, fs)
		id := e.user(myaccount.CreateUserInput{Username: "sso_fault"})
		fs.Arm(1)
		_, err := e.svc.SignIn.RecordSSOIdentity(t.Context(), id, okta)
		var apiErr *account.Error
		if !errors.Is(err, faultstore.ErrInjected) || errors.As(err, &apiErr) {
			t.Errorf("store failure: %v", err)
		}
		if _, method := fs.Calls(); method != "PutSSOIdentity" {
			t.Errorf("failed call %q", method)
		}
	})
}

func jsonNumber(n int64) string { b, _ := json.Marshal(n); return string(b) }
