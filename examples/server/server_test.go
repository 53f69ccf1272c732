package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServer (an internal test, so the test cache follows every package the
// server links) builds the example server, starts it on a fresh SQLite file,
// and drives a flow through its dev routes and the real JWT path: create a
// user, read the account, verify the password, change the name, change the
// email with the code from the outbox.
func TestServer(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the server")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "server")
	build := exec.Command("go", "build", "-o", bin, ".")
	build.Stderr = os.Stderr
	if err := build.Run(); err != nil {
		t.Fatalf("build: %v", err)
	}
	base := startServer(t, bin, "-addr", "127.0.0.1:0", "-db", filepath.Join(dir, "x.db"))

	c := client{t: t, base: base}
	var user struct{ ID, AccessToken string }
	c.do("POST", "/dev/users", "", nil, map[string]any{"username": "ada", "password": "correct-horse-9"}, 201, &user)
	tok := user.AccessToken

	var me map[string]any
	c.do("GET", "/api/my-account", tok, nil, nil, 200, &me)
	if me["id"] != user.ID || me["username"] != "ada" {
		t.Fatalf("GET /api/my-account: %v", me)
	}
	var rec struct{ VerificationRecordID string }
	c.do("POST", "/api/verifications/password", tok, nil, map[string]any{"password": "correct-horse-9"}, 201, &rec)
	c.do("PATCH", "/api/my-account", tok, nil, map[string]any{"name": "Ada Lovelace"}, 200, &me)
	if me["name"] != "Ada Lovelace" {
		t.Fatalf("PATCH name: %v", me)
	}

	var code struct{ VerificationRecordID string }
	c.do("POST", "/api/verifications/verification-code", tok, nil, map[string]any{"identifier": map[string]any{"type": "email", "value": "ada@example.com"}}, 201, &code)
	var sent struct{ To, Code, Template, Locale string }
	c.do("GET", "/dev/outbox?to=ada@example.com", "", nil, nil, 200, &sent)
	if sent.Template != "BindNewIdentifier" || len(sent.Code) != 6 {
		t.Fatalf("outbox: %+v", sent)
	}
	c.do("POST", "/api/verifications/verification-code/verify", tok, nil, map[string]any{
		"identifier": map[string]any{"type": "email", "value": "ada@example.com"}, "verificationId": code.VerificationRecordID, "code": sent.Code,
	}, 200, nil)
	c.do("POST", "/api/my-account/primary-email", tok, map[string]string{"logto-verification-id": rec.VerificationRecordID},
		map[string]any{"email": "ada@example.com", "newIdentifierVerificationRecordId": code.VerificationRecordID}, 204, nil)
	c.do("GET", "/api/my-account", tok, nil, nil, 200, &me)
	if me["primaryEmail"] != "ada@example.com" {
		t.Fatalf("email not set: %v", me)
	}

	// The outbox finds a message by the address as it was typed, though it
	// went to the address's one form (the domain lowercased).
	c.do("POST", "/api/verifications/verification-code", tok, nil, map[string]any{"identifier": map[string]any{"type": "email", "value": "Ada.L@Example.COM"}}, 201, nil)
	c.do("GET", "/dev/outbox?to=Ada.L@Example.COM", "", nil, nil, 200, &sent)
	if sent.To != "Ada.L@example.com" {
		t.Fatalf("outbox by the typed address: %+v", sent)
	}

	// Impersonation: the administrator makes a subject token, the token
	// endpoint trades it (once) for an access token of the user.
	var sub struct{ SubjectToken string }
	c.do("POST", "/api/subject-tokens", "dev-admin-token", nil, map[string]any{"userId": user.ID}, 201, &sub)
	form := url.Values{"grant_type": {"urn:ietf:params:oauth:grant-type:token-exchange"}, "subject_token": {sub.SubjectToken},
		"subject_token_type": {"urn:ietf:params:oauth:token-type:access_token"}}
	exchange := func(want int) map[string]any {
		res, err := http.PostForm(base+"/oidc/token", form)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(res.Body).Decode(&out)
		if res.StatusCode != want {
			t.Fatalf("token exchange: %d %v, want %d", res.StatusCode, out, want)
		}
		return out
	}
	imp, _ := exchange(200)["access_token"].(string)
	exchange(400) // used once
	var impMe map[string]any
	c.do("GET", "/api/my-account", imp, nil, nil, 200, &impMe)
	if impMe["id"] != user.ID {
		t.Fatalf("impersonated GET /api/my-account: %v", impMe)
	}

	// MFA is on in dev mode: bind an authenticator app and list it.
	var gen struct{ Secret, QRCode string }
	c.do("POST", "/api/my-account/mfa-verifications/totp-secret/generate", tok, nil, nil, 200, &gen)
	c.do("POST", "/api/verifications/password", tok, nil, map[string]any{"password": "correct-horse-9"}, 201, &rec)
	c.do("POST", "/api/my-account/mfa-verifications", tok, map[string]string{"logto-verification-id": rec.VerificationRecordID},
		map[string]any{"type": "Totp", "secret": gen.Secret}, 204, nil)
	var factors []map[string]any
	c.do("GET", "/api/my-account/mfa-verifications", tok, nil, nil, 200, &factors)
	if len(factors) != 1 || factors[0]["type"] != "Totp" {
		t.Fatalf("factors: %v", factors)
	}
	var wk map[string]any
	c.do("GET", "/.well-known/webauthn", "", nil, nil, 200, &wk)

	// Link a social identity with the mock-social connector.
	var social struct{ VerificationRecordID, AuthorizationURI string }
	c.do("POST", "/api/verifications/social", tok, nil, map[string]any{"connectorId": "mock-social", "state": "s1", "redirectUri": "http://app.example/cb"}, 201, &social)
	if !strings.HasPrefix(social.AuthorizationURI, base+"/dev/social/authorize?") {
		t.Fatalf("authorizationUri %s", social.AuthorizationURI)
	}
	c.do("POST", "/api/verifications/social/verify", tok, nil, map[string]any{"verificationRecordId": social.VerificationRecordID, "connectorData": map[string]any{"userId": "gh-1", "state": "s1"}}, 200, nil)
	c.do("POST", "/api/verifications/password", tok, nil, map[string]any{"password": "correct-horse-9"}, 201, &rec)
	c.do("POST", "/api/my-account/identities", tok, map[string]string{"logto-verification-id": rec.VerificationRecordID},
		map[string]any{"newIdentifierVerificationRecordId": social.VerificationRecordID}, 204, nil)
	c.do("GET", "/api/my-account", tok, nil, nil, 200, &me)
	if ids, _ := me["identities"].(map[string]any); ids["mock-social"] == nil {
		t.Fatalf("identities: %v", me["identities"])
	}
	c.do("POST", "/api/verifications/social", tok, nil, map[string]any{"connectorId": "mock-email", "state": "s", "redirectUri": "http://app.example/cb"}, 400, nil)

	// A third-party token from the dev issuer cannot write; a token without
	// openid is refused; the admin token reads the settings.
	var third struct{ AccessToken string }
	c.do("POST", "/dev/tokens", "", nil, map[string]any{"userId": user.ID, "thirdParty": true}, 201, &third)
	c.do("PATCH", "/api/my-account", third.AccessToken, nil, map[string]any{"name": "x"}, 403, nil)
	var noOpenID struct{ AccessToken string }
	c.do("POST", "/dev/tokens", "", nil, map[string]any{"userId": user.ID, "scopes": []string{"profile"}}, 201, &noOpenID)
	c.do("GET", "/api/my-account", noOpenID.AccessToken, nil, nil, 403, nil)
	c.do("GET", "/api/account-center", "dev-admin-token", nil, nil, 200, nil)
	c.do("GET", "/api/account-center", "wrong", nil, nil, 401, nil)
	c.do("POST", "/dev/users", "", nil, map[string]any{"username": "ada"}, 422, nil)
	c.do("POST", "/dev/users", "", nil, "not json", 400, nil)

	// A personal access token made through the admin API acts for its
	// user beside the dev JWTs, until it is deleted.
	var pat struct{ Value string }
	c.do("POST", "/api/users/"+user.ID+"/personal-access-tokens", "dev-admin-token", nil, map[string]any{"name": "script"}, 201, &pat)
	var byPAT struct{ ID string }
	c.do("GET", "/api/my-account", pat.Value, nil, nil, 200, &byPAT)
	if byPAT.ID != user.ID {
		t.Errorf("GET /api/my-account with a personal access token: id %q, want %q", byPAT.ID, user.ID)
	}
	c.do("DELETE", "/api/users/"+user.ID+"/personal-access-tokens/script", "dev-admin-token", nil, nil, 204, nil)
	c.do("GET", "/api/my-account", pat.Value, nil, nil, 401, nil)

	// LIMITS.md: a header block over 64 KiB is refused with 431.
	big, err := http.NewRequest("GET", base+"/api/my-account", nil)
	if err != nil {
		t.Fatal(err)
	}
	big.Header.Set("Authorization", "Bearer "+tok)
	big.Header.Set("X-Padding", strings.Repeat("a", 80<<10))
	res, err := http.DefaultClient.Do(big)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("an 80 KiB header: %d, want 431", res.StatusCode)
	}
	c.do("GET", "/api/my-account", tok, map[string]string{"X-Padding": strings.Repeat("a", 32<<10)}, nil, 200, nil)
}

// startServer runs the binary and waits for its "listening on" line.
func startServer(t *testing.T, bin string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); _ = cmd.Wait() })
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	timeout := time.After(60 * time.Second)
	for {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatal("the server exited before it listened")
			}
			if addr, found := strings.CutPrefix(line, "listening on "); found {
				go func() {
					for range lines {
					}
				}()
				return addr
			}
		case <-timeout:
			t.Fatal("the server did not listen within 60 s")
		}
	}
}

type client struct {
	t    *testing.T
	base string
}

// do sends a request and checks the status; out, when not nil, gets the
// JSON answer.
func (c client) do(method, path, token string, header map[string]string, body any, status int, out any) {
	c.t.Helper()
	var rd io.Reader
	if s, ok := body.(string); ok {
		rd = strings.NewReader(s)
	} else if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	if res.StatusCode != status {
		c.t.Fatalf("%s %s: status %d, want %d: %s", method, path, res.StatusCode, status, raw)
	}
	if out != nil {
		if err := json.Unmarshal(raw, out); err != nil {
			c.t.Fatalf("%s %s: %v: %s", method, path, err, raw)
		}
	}
}
