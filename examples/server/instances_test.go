package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/descope/virtualwebauthn"

	"github.com/myaccount-go/myaccount/secret"
)

// Issue 9: two server processes on one Postgres serve one user's flow
// together (nothing of a flow is kept in a process), and a race for one
// email between them has exactly one winner. Both use the same secret keys
// and dev signing key, as instances of one deployment would.
func TestTwoInstances(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Postgres and two servers")
	}
	pg := startPrivatePostgres(t)
	key, err := secret.GenerateKey(1)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Setenv("MYACCOUNT_SECRET_KEYS", secret.FormatKeys(key))
	t.Setenv(devKeyFileEnv, filepath.Join(dir, "dev-signing.pem"))
	bin := filepath.Join(dir, "server")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	a := client{t: t, base: startServer(t, bin, "-addr", "127.0.0.1:0", "-dsn", pg.dsn)}
	b := client{t: t, base: startServer(t, bin, "-addr", "127.0.0.1:0", "-dsn", pg.dsn)}
	const pw = "Two-instances-1"

	var ada struct{ ID, AccessToken string }
	a.do("POST", "/dev/users", "", nil, map[string]any{"username": "ada", "password": pw}, 201, &ada)
	tok := ada.AccessToken
	var me struct{ ID string }
	b.do("GET", "/api/my-account", tok, nil, nil, 200, &me)
	if me.ID != ada.ID {
		t.Fatalf("B sees user %q, want %q", me.ID, ada.ID)
	}

	// A code sent by A, verified on B, bound on A with a password record
	// made on B.
	var pwRec, codeRec struct{ VerificationRecordID string }
	b.do("POST", "/api/verifications/password", tok, nil, map[string]any{"password": pw}, 201, &pwRec)
	ident := map[string]any{"type": "email", "value": "ada@example.com"}
	a.do("POST", "/api/verifications/verification-code", tok, nil, map[string]any{"identifier": ident}, 201, &codeRec)
	var sent struct{ Code string }
	a.do("GET", "/dev/outbox?to=ada@example.com", "", nil, nil, 200, &sent)
	b.do("POST", "/api/verifications/verification-code/verify", tok, nil, map[string]any{"identifier": ident, "verificationId": codeRec.VerificationRecordID, "code": sent.Code}, 200, nil)
	a.do("POST", "/api/my-account/primary-email", tok, map[string]string{"logto-verification-id": pwRec.VerificationRecordID},
		map[string]any{"email": "ada@example.com", "newIdentifierVerificationRecordId": codeRec.VerificationRecordID}, 204, nil)
	var after struct{ PrimaryEmail string }
	b.do("GET", "/api/my-account", tok, nil, nil, 200, &after)
	if after.PrimaryEmail != "ada@example.com" {
		t.Fatalf("B sees email %q after the bind on A", after.PrimaryEmail)
	}

	// A passkey: registration options from A, the attestation verified on
	// B (once: a replay on A is refused), the factor bound on A and listed
	// on B. Both are reached through one host name, as behind a load
	// balancer, which is what the relying party checks.
	hostCall := func(c client, method, path string, vh string, body any) (int, map[string]any) {
		t.Helper()
		raw, _ := json.Marshal(body)
		req, _ := http.NewRequest(method, c.base+path, bytes.NewReader(raw))
		req.Host = "localhost:8443"
		req.Header.Set("Authorization", "Bearer "+tok)
		req.Header.Set("Content-Type", "application/json")
		if vh != "" {
			req.Header.Set("logto-verification-id", vh)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var out map[string]any
		_ = json.NewDecoder(res.Body).Decode(&out)
		return res.StatusCode, out
	}
	st, opts := hostCall(a, "POST", "/api/verifications/web-authn/registration", "", nil)
	if st != 200 {
		t.Fatalf("registration options on A: %d %v", st, opts)
	}
	rawOpts, _ := json.Marshal(opts["registrationOptions"])
	parsed, err := virtualwebauthn.ParseAttestationOptions(string(rawOpts))
	if err != nil {
		t.Fatal(err)
	}
	rp := virtualwebauthn.RelyingParty{ID: "localhost", Name: "localhost", Origin: "http://localhost:8443"}
	authn := virtualwebauthn.NewAuthenticatorWithOptions(virtualwebauthn.AuthenticatorOptions{UserHandle: []byte(ada.ID)})
	attestation := json.RawMessage(virtualwebauthn.CreateAttestationResponse(rp, authn, virtualwebauthn.NewCredential(virtualwebauthn.KeyTypeRSA), *parsed))
	recID, _ := opts["verificationRecordId"].(string)
	verify := map[string]any{"verificationRecordId": recID, "payload": attestation}
	if st, out := hostCall(b, "POST", "/api/verifications/web-authn/registration/verify", "", verify); st != 200 {
		t.Fatalf("registration verified on B: %d %v", st, out)
	}
	if st, _ := hostCall(a, "POST", "/api/verifications/web-authn/registration/verify", "", verify); st < 400 {
		t.Fatalf("the same attestation replayed on A: %d, want a refusal", st)
	}
	if st, out := hostCall(a, "POST", "/api/my-account/mfa-verifications", pwRec.VerificationRecordID, map[string]any{"type": "WebAuthn", "newIdentifierVerificationRecordId": recID}); st != 204 {
		t.Fatalf("passkey bound on A: %d %v", st, out)
	}
	var factors []struct{ Type string }
	b.do("GET", "/api/my-account/mfa-verifications", tok, nil, nil, 200, &factors)
	if len(factors) != 1 || factors[0].Type != "WebAuthn" {
		t.Fatalf("B lists %v after the bind on A", factors)
	}

	// TOTP bound on B; the sign-in check on A accepts its code once: the
	// same code again on B is refused (the used step is in the store).
	var gen struct{ Secret string }
	b.do("POST", "/api/my-account/mfa-verifications/totp-secret/generate", tok, nil, nil, 200, &gen)
	totp := totpCode(t, gen.Secret, time.Now())
	b.do("POST", "/api/my-account/mfa-verifications", tok, map[string]string{"logto-verification-id": pwRec.VerificationRecordID},
		map[string]any{"type": "Totp", "secret": gen.Secret, "code": totp}, 204, nil)
	pending := map[string]string{"X-Dev-Pending-User": ada.ID}
	next := totpCode(t, gen.Secret, time.Now().Add(30*time.Second)) // the bind used the current step
	a.do("POST", "/api/sign-in/totp", "", pending, map[string]any{"code": next}, 204, nil)
	b.do("POST", "/api/sign-in/totp", "", pending, map[string]any{"code": next}, 400, nil)

	// Ten users, half on each instance, each with a verified code record
	// for one email, bind it at once: exactly one wins.
	const n = 10
	type claimant struct {
		c             client
		tok, vh, code string
	}
	claimants := make([]claimant, n)
	shared := map[string]any{"type": "email", "value": "shared@example.com"}
	for i := range claimants {
		c := a
		if i%2 == 1 {
			c = b
		}
		var u struct{ AccessToken string }
		c.do("POST", "/dev/users", "", nil, map[string]any{"username": fmt.Sprintf("racer%d", i), "password": pw}, 201, &u)
		var rec, code struct{ VerificationRecordID string }
		c.do("POST", "/api/verifications/password", u.AccessToken, nil, map[string]any{"password": pw}, 201, &rec)
		c.do("POST", "/api/verifications/verification-code", u.AccessToken, nil, map[string]any{"identifier": shared}, 201, &code)
		var s struct{ Code string }
		c.do("GET", "/dev/outbox?to=shared@example.com", "", nil, nil, 200, &s)
		c.do("POST", "/api/verifications/verification-code/verify", u.AccessToken, nil, map[string]any{"identifier": shared, "verificationId": code.VerificationRecordID, "code": s.Code}, 200, nil)
		claimants[i] = claimant{c: c, tok: u.AccessToken, vh: rec.VerificationRecordID, code: code.VerificationRecordID}
	}
	statuses := make([]int, n)
	codes := make([]string, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, cl := range claimants {
		wg.Go(func() {
			<-start
			body, _ := json.Marshal(map[string]any{"email": "shared@example.com", "newIdentifierVerificationRecordId": cl.code})
			req, _ := http.NewRequest("POST", cl.c.base+"/api/my-account/primary-email", bytes.NewReader(body))
			req.Header.Set("Authorization", "Bearer "+cl.tok)
			req.Header.Set("logto-verification-id", cl.vh)
			req.Header.Set("Content-Type", "application/json")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			defer res.Body.Close()
			var e struct{ Code string }
			_ = json.NewDecoder(res.Body).Decode(&e)
			statuses[i], codes[i] = res.StatusCode, e.Code
		})
	}
	close(start)
	wg.Wait()
	won := 0
	for i := range statuses {
		switch {
		case statuses[i] == http.StatusNoContent:
			won++
		case statuses[i] != http.StatusUnprocessableEntity || codes[i] != "user.email_already_in_use":
			t.Errorf("claimant %d: %d %s, want 204 or 422 user.email_already_in_use", i, statuses[i], codes[i])
		}
	}
	if won != 1 {
		t.Errorf("%d claimants won the email, want exactly 1 (statuses %v)", won, statuses)
	}
}

// totpCode is the TOTP code of a base32 secret at t, computed by Debian's
// oathtool, a real authenticator.
func totpCode(t *testing.T, secret string, at time.Time) string {
	t.Helper()
	path, err := exec.LookPath("oathtool")
	if err != nil {
		if os.Getenv("MYACCOUNT_TEST_REQUIRE_TOOLS") != "" {
			t.Fatal("oathtool is not installed")
		}
		t.Skip("oathtool is not installed")
	}
	out, err := exec.Command(path, "--totp", "-b", secret, "--now", at.UTC().Format("2006-01-02 15:04:05 UTC")).Output()
	if err != nil {
		t.Fatalf("oathtool: %v", err)
	}
	return strings.TrimSpace(string(out))
}
