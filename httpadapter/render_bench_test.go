package httpadapter_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/httpadapter"
)

// BenchmarkWriteError is the rendering of an error answer: the code, the
// message looked up by Accept-Language (with its template filled from the
// error's data), the JSON body.
func BenchmarkWriteError(b *testing.B) {
	cases := []struct {
		name, lang string
		err        *account.Error
	}{
		{"unauthorized/no-language", "", account.NewError(http.StatusUnauthorized, account.CodeUnauthorized)},
		{"unauthorized/en", "en-US,en;q=0.9", account.NewError(http.StatusUnauthorized, account.CodeUnauthorized)},
		{"unauthorized/ko", "ko-KR,ko;q=0.9,en;q=0.8", account.NewError(http.StatusUnauthorized, account.CodeUnauthorized)},
		{"blocked-with-data/fr", "fr-FR,fr;q=0.9",
			account.NewError(http.StatusBadRequest, account.CodeVerificationBlocked).WithData(map[string]any{"retryAfterSeconds": 600})},
		{"token-type-with-data/ja", "ja",
			account.NewError(http.StatusUnauthorized, account.CodeAuthorizationTokenTypeNotSupported).WithData(map[string]any{"supportedTypes": []string{"Bearer"}})},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			r := httptest.NewRequest(http.MethodGet, "/api/my-account", nil)
			if c.lang != "" {
				r.Header.Set("Accept-Language", c.lang)
			}
			b.ReportAllocs()
			for b.Loop() {
				w := httptest.NewRecorder()
				httpadapter.WriteError(w, r, c.err)
				if w.Code != c.err.Status {
					b.Fatalf("status %d, want %d", w.Code, c.err.Status)
				}
			}
		})
	}
}
