package httpadapter_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/httpadapter"
)

// sessionCookie is the cookie host's session (see cookieHost).
const sessionCookie = "session"

// appOrigin is the cookie host's own page on another origin, which it
// trusts.
const appOrigin = "https://app.example"

// cookieHost is an env whose end-user routes authenticate by a session
// cookie (an AuthenticatorFunc over the env's token table, as an app with
// its own sessions would), with the CSRF guard and a CORS allow-list of
// appOrigin, and the sign-in checks mounted with the guard too.
func cookieHost(t *testing.T) (*env, *[]string) {
	opts := []httpadapter.Option{httpadapter.WithCSRFProtection(appOrigin), httpadapter.WithCORSOrigins(appOrigin)}
	e := newEnvWith(t, newMemoryStore(), envSetup{opts: opts, auth: func(e *env) httpadapter.Authenticator {
		return httpadapter.AuthenticatorFunc(func(r *http.Request) (myaccount.Principal, error) {
			c, err := r.Cookie(sessionCookie)
			if err != nil {
				return myaccount.Principal{}, account.NewError(http.StatusUnauthorized, account.CodeUnauthorized)
			}
			p, ok := e.tokens.Load(c.Value)
			if !ok {
				return myaccount.Principal{}, account.NewError(http.StatusUnauthorized, account.CodeUnauthorized)
			}
			return p.(myaccount.Principal), nil
		})
	}})
	var signedIn []string
	e.mux.Handle("/api/sign-in/", mustHandler(t)(httpadapter.NewSignInHandler(e.svc, httpadapter.SignInHooks{
		PendingUser: func(*http.Request) (string, error) { return "", nil },
		SignedIn: func(_ http.ResponseWriter, _ *http.Request, userID, _ string) error {
			signedIn = append(signedIn, userID)
			return nil
		},
	}, opts...)))
	return e, &signedIn
}

// Issue 14 item 13: a host that authenticates by cookie and turns on the
// CSRF guard refuses state-changing requests from other sites, and bodies
// a page of another site can send without a preflight; its own pages,
// its trusted origin and non-browser clients pass.
func TestCookieHostRefusesCrossSiteRequests(t *testing.T) {
	e, signedIn := cookieHost(t)
	e.enableAll()
	const pw = "pass-word-1"
	session := e.token(e.user(myaccount.CreateUserInput{Username: "victim", Password: pw}), allScopes...)
	own := e.srv.URL
	sendCode := func(e *env, to string, header map[string]string) *resp {
		h := map[string]string{"Cookie": sessionCookie + "=" + session}
		for k, v := range header {
			h[k] = v
		}
		return e.do(req{method: "POST", path: "/api/verifications/verification-code", header: h,
			body: `{"identifier":{"type":"email","value":"` + to + `"}}`})
	}
	sent := func(to string) int {
		e.outbox.mu.Lock()
		defer e.outbox.mu.Unlock()
		n := 0
		for _, m := range e.outbox.sent {
			if m.To == to {
				n++
			}
		}
		return n
	}

	refused := []struct {
		name   string
		header map[string]string
	}{
		{"Origin of another site, text/plain (a cross-site form or no-cors fetch)", map[string]string{"Origin": "https://evil.example", "Content-Type": "text/plain"}},
		{"Origin of another site, JSON", map[string]string{"Origin": "https://evil.example"}},
		{"Origin null", map[string]string{"Origin": "null"}},
		{"Sec-Fetch-Site cross-site", map[string]string{"Sec-Fetch-Site": "cross-site", "Content-Type": "text/plain"}},
		{"Sec-Fetch-Site same-site from an untrusted sibling", map[string]string{"Sec-Fetch-Site": "same-site", "Origin": "https://evil.app.example"}},
		{"Referer of another site, without Origin", map[string]string{"Referer": "https://evil.example/page", "Content-Type": "text/plain"}},
		{"own origin, text/plain", map[string]string{"Origin": own, "Content-Type": "text/plain"}},
		{"own origin, a form", map[string]string{"Sec-Fetch-Site": "same-origin", "Content-Type": "application/x-www-form-urlencoded"}},
		{"no browser headers, no Content-Type", map[string]string{"Content-Type": ""}},
	}
	for i, tc := range refused {
		t.Run("refused/"+tc.name, func(t *testing.T) {
			to := "refused" + string(rune('a'+i)) + "@example.com"
			sendCode(e.sub(t), to, tc.header).wantError(403, "request.cross_site_forbidden")
			if n := sent(to); n != 0 {
				t.Fatalf("%d codes sent", n)
			}
		})
	}

	allowed := []struct {
		name   string
		header map[string]string
	}{
		{"own origin, JSON", map[string]string{"Origin": own, "Sec-Fetch-Site": "same-origin"}},
		{"the trusted origin, JSON", map[string]string{"Origin": appOrigin, "Sec-Fetch-Site": "same-site"}},
		{"a user-typed request (Sec-Fetch-Site none)", map[string]string{"Sec-Fetch-Site": "none"}},
		{"no browser at all", nil},
		{"a JSON media type with parameters", map[string]string{"Origin": own, "Content-Type": "application/json; charset=utf-8"}},
	}
	for i, tc := range allowed {
		t.Run("allowed/"+tc.name, func(t *testing.T) {
			to := "allowed" + string(rune('a'+i)) + "@example.com"
			sendCode(e.sub(t), to, tc.header).want(201)
			if n := sent(to); n != 1 {
				t.Fatalf("%d codes sent, want 1", n)
			}
		})
	}

	t.Run("reads pass the guard", func(t *testing.T) {
		e := e.sub(t)
		e.do(req{method: "GET", path: "/api/my-account", header: map[string]string{"Cookie": sessionCookie + "=" + session, "Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}}).want(200)
	})
	t.Run("a multipart body passes the guard but no JSON route reads it", func(t *testing.T) {
		e := e.sub(t)
		e.do(req{method: "PATCH", path: "/api/my-account", body: "--b\r\n\r\n--b--\r\n", header: map[string]string{"Cookie": sessionCookie + "=" + session, "Origin": own, "Content-Type": "multipart/form-data; boundary=b"}}).wantError(400, "guard.invalid_input")
	})
	t.Run("the sign-in checks", func(t *testing.T) {
		e := e.sub(t)
		body := map[string]any{"identifier": map[string]any{"type": "username", "value": "victim"}, "password": pw}
		e.do(req{method: "POST", path: "/api/sign-in/password", body: body, header: map[string]string{"Origin": "https://evil.example", "Content-Type": "text/plain"}}).wantError(403, "request.cross_site_forbidden")
		if len(*signedIn) != 0 {
			t.Fatalf("signed in: %v", *signedIn)
		}
		e.do(req{method: "POST", path: "/api/sign-in/password", body: body, header: map[string]string{"Origin": own}}).want(204)
	})
}

// Issue 14 item 13: with an allow-list, only the listed origins and the
// server's own may read answers; without one, any origin.
func TestCORSAllowList(t *testing.T) {
	e, _ := cookieHost(t)
	e.enableAll()
	session := e.token(e.user(myaccount.CreateUserInput{Username: "cors"}), allScopes...)
	get := func(origin string) *resp {
		return e.do(req{method: "GET", path: "/api/my-account", header: map[string]string{"Cookie": sessionCookie + "=" + session, "Origin": origin}}).want(200)
	}
	preflight := func(origin string) *resp {
		return e.do(req{method: "OPTIONS", path: "/api/my-account", header: map[string]string{"Origin": origin, "Access-Control-Request-Method": "PATCH", "Access-Control-Request-Headers": "content-type"}}).want(204)
	}
	for _, origin := range []string{appOrigin, e.srv.URL} {
		if got := get(origin).header.Get("Access-Control-Allow-Origin"); got != origin {
			t.Errorf("GET from %s: Access-Control-Allow-Origin %q", origin, got)
		}
		if got := preflight(origin).header.Get("Access-Control-Allow-Methods"); !strings.Contains(got, "PATCH") {
			t.Errorf("preflight from %s: Access-Control-Allow-Methods %q", origin, got)
		}
	}
	for _, origin := range []string{"https://evil.example", "null", "https://app.example.evil.example"} {
		r := get(origin)
		if got := r.header.Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("GET from %s: Access-Control-Allow-Origin %q, want none", origin, got)
		}
		if vary := r.header.Values("Vary"); !containsFold(vary, "Origin") {
			t.Errorf("GET from %s: Vary %q, want Origin", origin, vary)
		}
		p := preflight(origin)
		for _, h := range []string{"Access-Control-Allow-Origin", "Access-Control-Allow-Methods", "Access-Control-Allow-Headers"} {
			if got := p.header.Get(h); got != "" {
				t.Errorf("preflight from %s: %s %q, want none", origin, h, got)
			}
		}
	}
	if got := e.do(req{method: "GET", path: "/api/my-account", header: map[string]string{"Cookie": sessionCookie + "=" + session}}).want(200).header.Get("Access-Control-Allow-Origin"); got != "" {
		t.Errorf("without Origin: Access-Control-Allow-Origin %q, want none with an allow-list", got)
	}

	t.Run("default: any origin", func(t *testing.T) {
		d := newEnv(t, newMemoryStore())
		tok := d.token(d.user(myaccount.CreateUserInput{Username: "any"}), allScopes...)
		if got := d.do(req{method: "GET", path: "/api/my-account", token: tok, header: map[string]string{"Origin": "https://evil.example"}}).header.Get("Access-Control-Allow-Origin"); got != "https://evil.example" {
			t.Errorf("Access-Control-Allow-Origin %q", got)
		}
		if got := d.do(req{method: "GET", path: "/api/my-account", token: tok}).header.Get("Access-Control-Allow-Origin"); got != "*" {
			t.Errorf("without Origin: Access-Control-Allow-Origin %q, want *", got)
		}
	})
}

func containsFold(values []string, want string) bool {
	for _, v := range values {
		for _, part := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(part), want) {
				return true
			}
		}
	}
	return false
}
