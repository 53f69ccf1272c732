package httpadapter_test

import (
	"fmt"
	"net/http"
	"net/netip"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/httpadapter"
	"github.com/myaccount-go/myaccount/internal/testdb"
)

// Over HTTP, behind a trusted proxy, one source that guesses a password is
// refused (429, Retry-After) long before the account locks, and the owner,
// from another address, still signs in. (TestClientAddress shows that a
// forwarded header from a peer that is not trusted is ignored.)
func TestSignInClientLimit(t *testing.T) {
	for _, k := range testdb.Kinds {
		t.Run("store="+k.Name, func(t *testing.T) {
			e := newEnv(t, k.New(t))
			e.enableAll()
			proxy := httpadapter.TrustedProxy{Header: "X-Forwarded-For", Peers: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}}
			h := mustHandler(t)(httpadapter.NewSignInHandler(e.svc, httpadapter.SignInHooks{
				PendingUser: func(*http.Request) (string, error) { return "", nil },
				SignedIn:    func(http.ResponseWriter, *http.Request, string, string) error { return nil },
			}, httpadapter.WithClientAddress(proxy.ClientAddress)))
			e.mux.Handle("/api/sign-in/", h)
			e.user(myaccount.CreateUserInput{Username: "owner", Password: "pass-word-1"})
			signIn := func(from, password string) *resp {
				return e.do(req{method: "POST", path: "/api/sign-in/password", header: map[string]string{"X-Forwarded-For": from},
					body: map[string]any{"identifier": map[string]any{"type": "username", "value": "owner"}, "password": password}})
			}
			refused := 0
			for i := 1; i <= 25 && refused == 0; i++ {
				if r := signIn("198.51.100.7", fmt.Sprintf("guess-%d", i)); r.status == 429 {
					refused = i
					r.wantError(429, "session.verification_blocked_too_many_attempts")
					if r.header.Get("Retry-After") == "" {
						t.Fatal("429 without Retry-After")
					}
				} else {
					r.wantError(422, "session.invalid_credentials")
				}
			}
			if refused != 20 {
				t.Fatalf("the guessing source was refused at attempt %d, want 20", refused)
			}
			signIn("198.51.100.7", "pass-word-1").wantError(429, "session.verification_blocked_too_many_attempts")
			signIn("203.0.113.5", "pass-word-1").want(204)
		})
	}
}
