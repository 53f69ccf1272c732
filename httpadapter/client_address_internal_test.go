package httpadapter

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/myaccount-go/myaccount"
)

// Issue 14 item 3: every handler puts the client address into the Caller
// its routes hand the use cases: the peer's by default, the one
// WithClientAddress finds otherwise.
func TestCallersCarryTheClientAddress(t *testing.T) {
	proxy := WithClientAddress(TrustedProxy{Header: "X-Forwarded-For", Peers: []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}}.ClientAddress)
	anyone := AuthenticatorFunc(func(*http.Request) (myaccount.Principal, error) {
		return myaccount.Principal{UserID: "u", Scopes: []string{"openid"}}, nil
	})
	// endUser and signIn are the two ways a handler builds a Caller: an
	// authenticated route of Handler, and a sign-in step (callerOf).
	probe := func(pattern string, got *string) []route {
		return []route{{pattern, func(c *call) (answer, error) {
			*got = c.caller.ClientAddr
			return answer{status: http.StatusNoContent}, nil
		}}}
	}
	endUser := func(opts []Option, got *string) http.Handler {
		h := &Handler{auth: anyone, opts: newOptions(opts), mux: http.NewServeMux()}
		mount(h.mux, &h.opts, probe("POST /api/my-account/probe", got), h.authenticated)
		h.served = etagged(routed(h.mux, h.opts.logger))
		return h
	}
	signIn := func(opts []Option, got *string) http.Handler {
		h := &SignInHandler{opts: newOptions(opts), mux: http.NewServeMux()}
		mount(h.mux, &h.opts, probe("POST /api/sign-in/probe", got), h.anyone)
		return h
	}
	for name, mk := range map[string]func([]Option, *string) http.Handler{"Handler": endUser, "SignInHandler": signIn} {
		t.Run(name, func(t *testing.T) {
			tests := []struct {
				name   string
				opts   []Option
				remote string
				xff    string
				want   string
			}{
				{"the peer by default", nil, "[::ffff:198.51.100.9]:5000", "1.2.3.4", "198.51.100.9"},
				{"a trusted proxy's header", []Option{proxy}, "10.0.0.1:5000", "1.2.3.4, 198.51.100.9", "198.51.100.9"},
				{"a spoofed header", []Option{proxy}, "203.0.113.5:5000", "198.51.100.9", "203.0.113.5"},
			}
			for _, tc := range tests {
				t.Run(tc.name, func(t *testing.T) {
					var got string
					h := mk(tc.opts, &got)
					path := "/api/my-account/probe"
					if name == "SignInHandler" {
						path = "/api/sign-in/probe"
					}
					r := httptest.NewRequest("POST", path, nil)
					r.RemoteAddr = tc.remote
					r.Header.Set("X-Forwarded-For", tc.xff)
					w := httptest.NewRecorder()
					h.ServeHTTP(w, r)
					if w.Code != http.StatusNoContent {
						t.Fatalf("status %d: %s", w.Code, w.Body)
					}
					if got != tc.want {
						t.Errorf("Caller.ClientAddr %q, want %q", got, tc.want)
					}
				})
			}
		})
	}
}
