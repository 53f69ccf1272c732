package httpadapter_test

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// GET /api/users with Logto's search parameters, on every store.
func TestAdminUserSearch(t *testing.T) {
	eachStore(t, func(t *testing.T, e *env) {
		e.enableAll()
		for _, u := range []map[string]any{
			{"username": "srch_ada", "name": "Ada Lovelace", "primaryEmail": "ada@engine.example"},
			{"username": "srch_grace", "name": "Grace Hopper", "primaryPhone": "15553330001"},
			{"username": "srch_alan", "name": "Alan Turing", "primaryEmail": "ALAN@bletchley.example"},
			{"username": "srch_x", "name": "100% x_y"},
		} {
			e.clock.Advance(time.Second)
			e.newUser(u)
		}
		names := func(r *resp) string {
			var out []string
			for _, u := range r.list() {
				out = append(out, fmt.Sprint(u["username"]))
			}
			return strings.Join(out, ",")
		}
		// Only the users of this test: every case joins its own search with
		// username like srch_%.
		for _, c := range []struct{ query, want string }{
			{"search=srch_ada", "srch_ada"},
			{"search=srch_", ""},
			{"search=%25%40%25&search.username=srch%25&joint=and", "srch_alan,srch_ada"},
			{"search=%25LOVE%25&search.username=srch%25&joint=and", "srch_ada"},
			{"search=%25LOVE%25&isCaseSensitive=true&search.username=srch%25&joint=and", ""},
			{"search.name=ada+lovelace&search.name=alan+turing&mode.name=exact&search.username=srch%25&mode.username=like&joint=and", "srch_alan,srch_ada"},
			{"search.primaryEmail=alan%40bletchley.example&mode=exact", "srch_alan"},
			{"search.primary_email=alan%40bletchley.example&mode=exact&isCaseSensitive=1", ""},
			{"search.primaryEmail=%25.example&search.primaryPhone=1555%25", "srch_alan,srch_grace,srch_ada"},
			{"search.primaryEmail=%25.example&search.primaryPhone=1555%25&joint=and", ""},
			{"search.primaryEmail=%25.example&search.name=a%25&jointMode=and", "srch_alan,srch_ada"},
			{`search.name=100%5C%25%25`, "srch_x"},
			{`search.name=%25x%5C_y`, "srch_x"},
			{"search.name=(Ada|Alan)%25&mode.name=similar_to&isCaseSensitive=true", "srch_alan,srch_ada"},
			{"search.name=^A.a&mode.name=posix", "srch_alan,srch_ada"},
			{"search.name=hopper$&mode=posix&search.username=srch%25&mode.username=like&joint=and", "srch_grace"},
		} {
			r := e.admin("GET", "/api/users?"+c.query, nil).want(200)
			if got := names(r); got != c.want {
				t.Errorf("%s: %q, want %q", c.query, got, c.want)
			}
			if r.header.Get("Total-Number") != fmt.Sprint(len(r.list())) {
				t.Errorf("%s: Total-Number %s", c.query, r.header.Get("Total-Number"))
			}
		}

		t.Run("invalid search parameters are 400 request.invalid_input", func(t *testing.T) {
			for _, q := range []string{
				"search=",
				"search.name=",
				"search.password=x",
				"search.name.first=x",
				"search.=x",
				"searchName=x",
				"modeName=exact",
				"mode=regex&search=x",
				"mode.name=regex",
				"mode.password=exact",
				"joint=xor&search=x",
				"jointMode=both&search=x",
				"search=a&search=b",
				"search.name=a&search.name=b&mode.name=like",
				"search=x&mode=similar_to",
				"search=(&mode=posix",
				`search=(a)%5C1&mode=posix`,
				`search=a%5C`,
				"search=a%00",
				"search=%FF",
			} {
				r := e.admin("GET", "/api/users?"+q, nil)
				r.wantError(400, "request.invalid_input")
				if d, _ := r.json["data"].(map[string]any)["details"].(string); !strings.HasPrefix(d, "Invalid search: ") {
					t.Errorf("%s: details %q", q, r.raw)
				}
			}
		})
		t.Run("the error says what is wrong", func(t *testing.T) {
			r := e.admin("GET", "/api/users?search.password=x", nil).wantError(400, "request.invalid_input")
			if !strings.Contains(string(r.raw), "password") {
				t.Errorf("details do not name the field: %s", r.raw)
			}
		})
	})
}
