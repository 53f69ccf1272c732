package httpadapter_test

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestCompatibilityDocListsEveryRoute: docs/compatibility.md, the
// project's contract, names every route of the served OpenAPI document, so
// a new route cannot land without saying what it does and where it follows
// Logto.
func TestCompatibilityDocListsEveryRoute(t *testing.T) {
	doc, err := os.ReadFile("../docs/compatibility.md")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	var api struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(raw, &api); err != nil {
		t.Fatal(err)
	}
	n := 0
	for path, ops := range api.Paths {
		for method := range ops {
			switch method {
			case "get", "post", "put", "patch", "delete":
			default:
				continue
			}
			n++
			if route := "`" + strings.ToUpper(method) + " " + path + "`"; !strings.Contains(string(doc), route) {
				t.Errorf("docs/compatibility.md does not list %s", route)
			}
		}
	}
	if n < 50 {
		t.Fatalf("read %d routes from openapi.json; expected the whole API", n)
	}
}
