package httpadapter_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/totp"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/mfa"
)

// FuzzSignInBodies (issue 9) drives the sign-in handler's routes with any
// body, for a user with a password, a TOTP key and backup codes, all
// fixed so that seeds can hold the right answers. No answer is 5xx, every
// 4xx is a JSON error, and a step succeeds only with the right secret: the
// password, a TOTP code of the current step or its neighbours, one of the
// backup codes in any case and surrounding white space. The lockout is set
// out of reach, so failures do not close the door on later inputs.
func FuzzSignInBodies(f *testing.F) {
	const (
		pw     = "Sign-in-pass-1"
		secret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
	)
	codes := []string{"0123456789", "abcdef0123", "1111111111", "2222222222", "3333333333", "4444444444", "5555555555", "6666666666", "7777777777", "8888888888"}
	s := newSignInEnv(f, newMemoryStore(), withMFA(f), func(c *myaccount.Config) {
		c.Lockout = myaccount.LockoutPolicy{MaxAttempts: 1 << 30, Window: time.Minute, Duration: time.Minute}
	})
	reenable(f, s.env)
	id := s.user(myaccount.CreateUserInput{Username: "fuzzsignin", Password: pw, PrimaryEmail: "fuzzsignin@example.com"})
	tok := s.token(id, allScopes...)
	s.call("POST", "/api/my-account/mfa-verifications", tok, s.pwRecord(tok, pw), map[string]any{"type": "Totp", "secret": secret}).want(204)
	s.call("POST", "/api/my-account/mfa-verifications", tok, s.pwRecord(tok, pw), map[string]any{"type": "BackupCode", "codes": codes}).want(204)
	now := s.clock.Now()
	code, err := totp.GenerateCodeCustom(secret, now, totp.ValidateOpts{Period: 30, Digits: otp.DigitsSix, Algorithm: otp.AlgorithmSHA1})
	if err != nil {
		f.Fatal(err)
	}
	paths := []string{"/api/sign-in/password", "/api/sign-in/totp", "/api/sign-in/backup-code", "/api/sign-in/webauthn/options", "/api/sign-in/webauthn/verify"}
	for i, body := range []string{
		`{"identifier":{"type":"username","value":"fuzzsignin"},"password":"` + pw + `"}`,
		`{"code":"` + code + `"}`,
		`{"code":" ABCDEF0123\n"}`,
		`{"discoverable":true}`,
		`{"ceremonyId":"x","response":{"id":"AA","rawId":"AA","type":"public-key","response":{"clientDataJSON":"e30","authenticatorData":"AA","signature":"AA"}}}`,
	} {
		f.Add(uint8(i), []byte(body))
	}
	f.Add(uint8(0), []byte(`{"identifier":{"type":"email","value":"FUZZSIGNIN@example.com"},"password":"x"}`))
	f.Add(uint8(1), []byte(`{"code":"00000"}`))
	f.Add(uint8(2), []byte(`{"code":"012345678"}`))

	f.Fuzz(func(t *testing.T, route uint8, body []byte) {
		path := paths[int(route)%len(paths)]
		r := httptest.NewRequest("POST", path, bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set(pendingHeader, id)
		w := serveFuzz(t, s.env.sub(t), r)
		if w.Code != http.StatusNoContent {
			return
		}
		var in struct {
			Code     string `json:"code"`
			Password string `json:"password"`
		}
		_ = json.Unmarshal(body, &in)
		switch path {
		case "/api/sign-in/password":
			if in.Password != pw {
				t.Fatalf("signed in with the password %q", in.Password)
			}
		case "/api/sign-in/totp":
			if _, ok := mfa.MatchTOTP(secret, in.Code, now); !ok {
				t.Fatalf("signed in with the TOTP code %q", in.Code)
			}
		case "/api/sign-in/backup-code":
			if !slices.Contains(codes, mfa.NormalizeBackupCode(in.Code)) {
				t.Fatalf("signed in with the backup code %q", in.Code)
			}
		default:
			t.Fatalf("%s answered 204 without a passkey", path)
		}
	})
}
