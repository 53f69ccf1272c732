package httpadapter

import (
	_ "embed"
	"net/http"
)

// openAPIDocument is the OpenAPI 3.1 description of every route of this
// package, generated from the route tables of internal/apidoc; the tests
// check that it is up to date and that every answer they see matches it.
// After changing a route, change its entry there and regenerate:
//
//go:generate go test -run ^TestOpenAPIDocumentIsGenerated$ . -args -update-openapi
//go:embed openapi.json
var openAPIDocument []byte

// serveOpenAPI answers GET /api/openapi.json (and its alias
// /api/swagger.json): the document, anonymously.
func serveOpenAPI(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Access-Control-Allow-Origin", "*") // public: let API tools on other origins read it
	_, _ = w.Write(openAPIDocument)
}
