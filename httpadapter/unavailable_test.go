package httpadapter_test

import (
	"fmt"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/internal/faultstore"
)

// A store that cannot be reached (its error wraps account.ErrUnavailable)
// is answered 503 request.service_unavailable with Retry-After, not 500;
// once it answers again, so does the route. The real outage (Postgres
// stopped and started under the example server) is examples/server's
// TestPostgresOutage.
func TestStoreUnavailable(t *testing.T) {
	fs := faultstore.New(newMemoryStore())
	e := newEnv(t, fs)
	e.enableAll()
	tok := e.token(e.user(myaccount.CreateUserInput{Username: "down1"}), allScopes...)
	e.call("GET", "/api/my-account", tok, nil, nil).want(200)

	fs.ArmWith(1, fmt.Errorf("gormstore: get user: %w: dial tcp: connection refused", account.ErrUnavailable))
	r := e.call("GET", "/api/my-account", tok, nil, nil).wantError(503, "request.service_unavailable")
	if r.header.Get("Retry-After") != "5" {
		t.Errorf("Retry-After %q, want 5", r.header.Get("Retry-After"))
	}
	fs.Arm(1)
	e.call("GET", "/api/my-account", tok, nil, nil).wantError(500, "internal_server_error")
	fs.Arm(0)
	e.call("GET", "/api/my-account", tok, nil, nil).want(200)
}
