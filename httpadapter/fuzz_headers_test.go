package httpadapter_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/httpadapter"
)

// FuzzVerificationHeader (issue 9): the logto-verification-id header and
// Accept-Language take any value. The header is built as prefix + one of
// the records below + suffix, so the fuzzer works near real ids; only the
// caller's own verified password record, exactly, opens a route that
// needs identity verification, and no value makes a route
// that does not need it answer differently. Every error message is
// localized from any Accept-Language without failing.
func FuzzVerificationHeader(f *testing.F) {
	e := newEnv(f, newMemoryStore(), withMFA(f))
	reenable(f, e)
	const pw = "Header-pass-1"
	id := e.user(myaccount.CreateUserInput{Username: "vh1", Password: pw, PrimaryEmail: "vh1@example.com"})
	other := e.user(myaccount.CreateUserInput{Username: "vh2", Password: pw})
	tok := e.token(id, allScopes...)
	records := []string{
		"", // no record: prefix + suffix alone
		*e.pwRecord(tok, pw),
		e.call("POST", "/api/verifications/verification-code", tok, nil, map[string]any{"identifier": map[string]any{"type": "email", "value": "vh1@example.com"}}).want(201).str("verificationRecordId"), // unverified
		*e.pwRecord(e.token(other, allScopes...), pw),            // another user's
		e.codeRecord(tok, "email", "vh1-new@example.com"),        // a new identifier's
		e.codeRecord(tok, "email", "vh1@example.com", "BindMfa"), // verified, but not for identity
		e.codeRecord(tok, "email", "vh1@example.com"),            // UserPermissionValidation: verifies too
	}
	opens := func(header string) bool { return header == records[1] || header == records[6] }
	for i := range records {
		f.Add(uint8(i), "", "", "")
	}
	for _, s := range [][3]string{{" ", "", "en"}, {"", " ", "fr-CA,fr;q=0.9"}, {"", "x", "*"}, {"", "\t", "ko;q=abc"}, {"%", "", strings.Repeat("en-US,", 200)}} {
		f.Add(uint8(1), s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, record uint8, prefix, suffix, lang string) {
		header := prefix + records[int(record)%len(records)] + suffix
		if !validHeader(header) || !validHeader(lang) {
			return
		}
		e := e.sub(t)
		send := func(method, path string) *httptest.ResponseRecorder {
			r := httptest.NewRequest(method, path, nil)
			r.Header.Set("Authorization", "Bearer "+tok)
			r.Header.Set(httpadapter.HeaderVerificationID, header)
			r.Header.Set("Accept-Language", lang)
			return serveFuzz(t, e, r)
		}
		// Needs the header; the user has no backup codes, so a verified
		// caller gets 404.
		w := send("GET", "/api/my-account/mfa-verifications/backup-codes")
		want := http.StatusUnauthorized
		if opens(header) {
			want = http.StatusNotFound
		}
		if w.Code != want {
			t.Fatalf("backup codes with header %q: %d %s, want %d", header, w.Code, w.Body.Bytes(), want)
		}
		// Does not need it.
		if w := send("GET", "/api/my-account"); w.Code != http.StatusOK {
			t.Fatalf("GET /api/my-account with header %q: %d %s", header, w.Code, w.Body.Bytes())
		}
	})
}
