package httpadapter_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/httpadapter"
	"github.com/myaccount-go/myaccount/internal/testdb"
)

// The benchmarks of whole requests through the Handler, in-process (no
// network): authentication, routing, the use case, the store, the JSON
// answer. "auth=table" is the tests' token table (no token check);
// "auth=jwt" is the production JWTVerifier checking an RS256 token on every
// request; "auth=jwt-cached" is the same with a CacheTTL, as the example
// server has it (the token is checked once, then found in the cache).
//
//	go test -run '^$' -bench Handler -benchmem ./httpadapter

// benchHandler is an env on store with the account center enabled and one
// user, served by a handler with auth ("table", "jwt" or "jwt-cached"); it
// returns the handler and a bearer token of the user with every scope.
func benchHandler(b *testing.B, store myaccount.Store, auth string) (http.Handler, string) {
	b.Helper()
	e := newEnv(b, store, func(c *myaccount.Config) { c.Hook = nil })
	e.enableAll()
	id := e.user(myaccount.CreateUserInput{Username: "ada", Password: "correct-horse-9", PrimaryEmail: "Ada@Example.com", Name: "Ada"})
	if auth == "table" {
		return e.mux, e.token(id, allScopes...)
	}
	var cacheTTL time.Duration
	if auth == "jwt-cached" {
		cacheTTL = time.Minute
	}
	iss := newBenchIssuer(b, jwt.SigningMethodRS256)
	return mustHandler(b)(httpadapter.NewHandler(e.svc, httpadapter.Bearer(iss.verifier(b, cacheTTL)))), iss.token(b, id, allScopes...)
}

// serveBench sends the request made by newReq to h b.N times and checks
// the status.
func serveBench(b *testing.B, h http.Handler, status int, newReq func(i int) *http.Request) {
	b.Helper()
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, newReq(i))
		i++
		if w.Code != status {
			b.Fatalf("status %d, want %d: %s", w.Code, status, w.Body)
		}
	}
}

// eachBenchStoreAuth runs f per store kind and authenticator.
func eachBenchStoreAuth(b *testing.B, f func(b *testing.B, h http.Handler, token string)) {
	for _, k := range testdb.Kinds {
		for _, auth := range []string{"table", "jwt", "jwt-cached"} {
			b.Run("store="+k.Name+"/auth="+auth, func(b *testing.B) {
				h, token := benchHandler(b, k.New(b), auth)
				f(b, h, token)
			})
		}
	}
}

// BenchmarkHandlerGetAccount is GET /api/my-account.
func BenchmarkHandlerGetAccount(b *testing.B) {
	eachBenchStoreAuth(b, func(b *testing.B, h http.Handler, token string) {
		serveBench(b, h, http.StatusOK, func(int) *http.Request {
			r := httptest.NewRequest(http.MethodGet, "/api/my-account", nil)
			r.Header.Set("Authorization", "Bearer "+token)
			return r
		})
	})
}

// BenchmarkHandlerUpdateAccount is PATCH /api/my-account {name}.
func BenchmarkHandlerUpdateAccount(b *testing.B) {
	eachBenchStoreAuth(b, func(b *testing.B, h http.Handler, token string) {
		serveBench(b, h, http.StatusOK, func(i int) *http.Request {
			r := httptest.NewRequest(http.MethodPatch, "/api/my-account", strings.NewReader(fmt.Sprintf(`{"name":"Ada %d"}`, i%16)))
			r.Header.Set("Authorization", "Bearer "+token)
			r.Header.Set("Content-Type", "application/json")
			return r
		})
	})
}

// BenchmarkHandlerError is a request refused before any use case: no
// Authorization header (401 with a localized message).
func BenchmarkHandlerError(b *testing.B) {
	h, _ := benchHandler(b, newMemoryStore(), "table")
	serveBench(b, h, http.StatusUnauthorized, func(int) *http.Request {
		r := httptest.NewRequest(http.MethodGet, "/api/my-account", nil)
		r.Header.Set("Accept-Language", "ko-KR,ko;q=0.9")
		return r
	})
}
