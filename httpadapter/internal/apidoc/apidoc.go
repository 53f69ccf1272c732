// Package apidoc describes every route of package httpadapter as one
// OpenAPI 3.1 document: the Account and Verification APIs, the account
// center and user routes of the administrator, the optional sign-in routes,
// and the well-known routes. httpadapter embeds the JSON it generates
// (openapi.json) and serves it at GET /api/openapi.json; the httpadapter
// tests validate every request and response they exercise against it.
//
// The routes are Go tables (account.go, verification.go, admin.go,
// signin.go, wellknown.go), one entry per route, naming the checks a route
// runs: its authentication, the verification header, the first-party
// guard, its body, and the error codes of its own checks. The codes every
// route of a kind shares (authentication, the account-center gate, a body
// that does not decode) are added from those facts, so they are written
// once. Codes are the account package's constants and their descriptions
// the English messages clients see, so neither can drift from the code.
package apidoc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/messages"
)

// JSON returns the document, indented, ending in a newline.
func JSON() ([]byte, error) {
	doc, err := document()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// authKind is who may call a route, and so which checks run before its
// own.
type authKind int

const (
	// bearer routes are the end-user Handler's: the Authenticator, then the account-center gate and the caller's standing
	// (a deleted or suspended user).
	bearer authKind = iota
	// admin routes are the AdminHandler's: its own Authenticator only.
	admin
	// anonymous routes check nobody.
	anonymous
	// signIn routes are the SignInHandler's: the host's login session
	// names the pending user (SignInHooks.PendingUser).
	signIn
)

// vhUse is how a route uses the logto-verification-id header.
type vhUse int

const (
	noVH vhUse = iota
	// vhRequired: 401 verification_record.permission_denied unless the
	// header proves the caller's identity.
	vhRequired
	// vhConditional: required only for a user with a password, an email or
	// a phone (hasSecurityVerificationMethod).
	vhConditional
	// vhForUsername: required only when the body changes the username.
	vhForUsername
)

// route is one operation of the document.
type route struct {
	method, path string
	id           string // operationId
	tag          string
	summary      string
	// about is the operation's description, before the generated notes on
	// scopes and the verification header.
	about string

	auth authKind
	// scopes are the scopes the token must hold, beyond openid (bearer).
	scopes []string
	// scopeNote tells the scopes a route needs only for some bodies.
	scopeNote  string
	vh         vhUse
	firstParty bool // the first-party guard: 403

	params []param // query parameters; path parameters come from the path
	body   *body   // nil: the route reads no body

	status  int     // the success status
	okDesc  string  // its description
	result  schema  // its body; nil: none
	headers []param // its headers, beside ETag
	// alsoCreated, when set, describes a second success answer: 201, with
	// the same body.
	alsoCreated string

	// fails are the route's own error answers; the shared ones are added.
	fails []fail
	// oauth routes answer their request errors as RFC 6749 §5.2 says
	// (schema OAuthError): 400, and 405 for another method.
	oauth bool
	// unmounted tells why the handler may not mount the route: then the
	// path answers 404 request.not_found, as an unknown path does.
	unmounted string
}

// fail is a status and the codes a route answers with it.
type fail struct {
	status int
	codes  []account.Code
}

func failing(status int, codes ...account.Code) fail { return fail{status, codes} }

// body is a request body.
type body struct {
	mediaType string // "" is application/json
	schema    schema
	required  bool
	// description says what the schema cannot.
	description string
}

// param is a query parameter or a response header.
type param struct {
	name        string
	description string
	schema      schema
	required    bool
}

// schema is a JSON Schema (2020-12, as OpenAPI 3.1 takes it).
type schema = map[string]any

// The codes every route of a kind can answer.
var (
	// bearerFails: Logto's (with the 503 of an identity provider or a
	// token store that cannot be reached), then the gate.
	bearerFails = []fail{
		failing(http.StatusUnauthorized, account.CodeAuthorizationHeaderMissing, account.CodeAuthorizationTokenTypeNotSupported, account.CodeUnauthorized, account.CodeSuspended),
		failing(http.StatusForbidden, account.CodeForbidden),
		failing(http.StatusBadRequest, account.CodeAccountCenterNotEnabled),
		failing(http.StatusServiceUnavailable, account.CodeServiceUnavailable),
	}
	adminFails = []fail{failing(http.StatusUnauthorized, account.CodeUnauthorized)}
	bodyFails  = []fail{
		failing(http.StatusBadRequest, account.CodeGuardInvalidInput),
		failing(http.StatusRequestEntityTooLarge, account.CodeBodyTooLarge),
	}
	internalFail = failing(http.StatusInternalServerError, account.CodeInternal)
	// csrfFail is the CSRF guard's refusal (httpadapter.WithCSRFProtection).
	csrfFail = failing(http.StatusForbidden, account.CodeCrossSiteForbidden)
)

// guarded reports whether the CSRF guard, when the host turns it on,
// checks the route: a state-changing route of a handler that may
// authenticate by cookie.
func (r *route) guarded() bool {
	switch r.method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return r.auth != anonymous
}

// private reports whether the route's answers carry Cache-Control:
// no-store: every route with a caller.
func (r *route) private() bool { return r.auth != anonymous }

// allFails is the route's error answers, shared ones first, merged by
// status.
func (r *route) allFails() []fail {
	var all []fail
	switch r.auth {
	case bearer:
		all = append(all, bearerFails...)
	case admin:
		all = append(all, adminFails...)
	}
	if r.vh != noVH {
		all = append(all, failing(http.StatusUnauthorized, account.CodeRecordPermissionDenied))
	}
	if r.firstParty {
		all = append(all, failing(http.StatusForbidden, account.CodeThirdPartyApplicationForbidden))
	}
	if r.body != nil && r.body.mediaType == "" {
		all = append(all, bodyFails...)
	}
	if r.guarded() {
		all = append(all, csrfFail)
	}
	if r.unmounted != "" {
		all = append(all, failing(http.StatusNotFound, account.CodeRouteNotFound))
	}
	all = append(all, r.fails...)
	all = append(all, internalFail)

	var merged []fail
	for _, f := range all {
		i := slices.IndexFunc(merged, func(m fail) bool { return m.status == f.status })
		if i < 0 {
			merged = append(merged, fail{status: f.status})
			i = len(merged) - 1
		}
		for _, c := range f.codes {
			if !slices.Contains(merged[i].codes, c) {
				merged[i].codes = append(merged[i].codes, c)
			}
		}
	}
	slices.SortStableFunc(merged, func(a, b fail) int { return a.status - b.status })
	return merged
}

// The document's JSON shapes, in the order OpenAPI writes them.
type (
	openAPI struct {
		OpenAPI    string              `json:"openapi"`
		Info       info                `json:"info"`
		Tags       []tag               `json:"tags"`
		Paths      map[string]pathItem `json:"paths"`
		Components components          `json:"components"`
	}
	info struct {
		Title       string  `json:"title"`
		Version     string  `json:"version"`
		Description string  `json:"description"`
		License     license `json:"license"`
	}
	license struct {
		Name string `json:"name"`
		URL  string `json:"url"`
	}
	tag struct {
		Name        string `json:"name"`
		Description string `json:"description"`
	}
	pathItem   map[string]*operation // by lower-case method
	components struct {
		Schemas         map[string]schema         `json:"schemas"`
		Responses       map[string]response       `json:"responses"`
		Parameters      map[string]parameter      `json:"parameters"`
		SecuritySchemes map[string]securityScheme `json:"securitySchemes"`
	}
	securityScheme struct {
		Type        string `json:"type"`
		Scheme      string `json:"scheme"`
		Description string `json:"description"`
	}
	operation struct {
		OperationID string                `json:"operationId"`
		Tags        []string              `json:"tags"`
		Summary     string                `json:"summary"`
		Description string                `json:"description"`
		Security    []map[string][]string `json:"security"`
		Parameters  []parameter           `json:"parameters,omitempty"`
		RequestBody *requestBody          `json:"requestBody,omitempty"`
		Responses   map[string]response   `json:"responses"`
	}
	parameter struct {
		Ref         string `json:"$ref,omitempty"`
		Name        string `json:"name,omitempty"`
		In          string `json:"in,omitempty"`
		Description string `json:"description,omitempty"`
		Required    bool   `json:"required,omitempty"`
		Schema      schema `json:"schema,omitempty"`
	}
	requestBody struct {
		Description string               `json:"description,omitempty"`
		Required    bool                 `json:"required"`
		Content     map[string]mediaType `json:"content"`
	}
	mediaType struct {
		Schema schema `json:"schema"`
	}
	response struct {
		Ref         string               `json:"$ref,omitempty"`
		Description string               `json:"description,omitempty"`
		Headers     map[string]header    `json:"headers,omitempty"`
		Content     map[string]mediaType `json:"content,omitempty"`
	}
	header struct {
		Description string `json:"description,omitempty"`
		Required    bool   `json:"required,omitempty"`
		Schema      schema `json:"schema"`
	}
)

const jsonType = "application/json"

// The tags, in the document's order.
const (
	tagAccount      = "Account"
	tagVerification = "Verification"
	tagMFA          = "MFA"
	tagSessions     = "Sessions"
	tagCenter       = "Account center"
	tagUsers        = "Users"
	tagSignIn       = "Sign-in"
	tagWellKnown    = "Well-known"
)

var tags = []tag{
	{tagAccount, "The end user's own account: profile, identifiers, password, social identities, avatar. Mounted by httpadapter.Handler at /api/."},
	{tagVerification, "Verification records: proofs of identity for ten minutes (or until the password changes), sent as the logto-verification-id header or as a record id in a body."},
	{tagMFA, "The end user's MFA factors and MFA settings."},
	{tagSessions, "The end user's sign-in sessions and the grants of their applications. Mounted only when the app configures a session provider (Config.Sessions)."},
	{tagCenter, "The account-center settings: read and changed by an administrator, read anonymously at the well-known route."},
	{tagUsers, "User management for an administrator (Logto's Management API under /api/users, and its verification codes under /api/verification-codes). Mounted by httpadapter.AdminHandler."},
	{tagSignIn, "Optional sign-in checks a host's login page calls (httpadapter.SignInHandler, mounted at /api/sign-in/). The pending user comes from the host's own login session, never from the request body."},
	{tagWellKnown, "Anonymous documents: the account-center settings, the WebAuthn related origins and this description."},
}

// document builds the whole document.
func document() (*openAPI, error) {
	doc := &openAPI{
		OpenAPI: "3.1.0",
		Info: info{
			Title:   "myaccount",
			Version: "1",
			Description: "The HTTP routes of github.com/myaccount-go/myaccount (package httpadapter): Logto's end-user Account API " +
				"(/api/my-account, /api/verifications), the account-center settings and user management of an administrator, " +
				"optional sign-in checks and the well-known routes.\n\n" +
				"Every error answers `{code, message, data?}` (schema Error): `code` is stable and is what clients compare; " +
				"`message` is in the language of Accept-Language (English, Korean, Japanese, Traditional Chinese, French; English otherwise). " +
				"Each response lists the codes the route answers with its status. An unexpected failure is 500 `internal_server_error`, its detail logged, never shown.\n\n" +
				"Checks run in Logto's order: authentication, the account-center switch and the caller's standing, " +
				"the body, then the route's own checks. Unknown body keys are ignored. A GET answer with a body carries an ETag and answers 304 to a matching If-None-Match. " +
				"Every answer to a caller (each operation with a security requirement, and the sign-in checks) carries `Cache-Control: no-store`. " +
				"A path under /api that no route serves answers 404 `request.not_found`, and a method a path does not take 405 `request.method_not_allowed`, in the same error body. " +
				"The Account and Verification APIs answer CORS for any origin, or only for the origins the app lists (httpadapter.WithCORSOrigins).",
			License: license{Name: "Apache-2.0", URL: "https://www.apache.org/licenses/LICENSE-2.0"},
		},
		Tags:  tags,
		Paths: map[string]pathItem{},
		Components: components{
			Schemas:    withSSOSchemas(componentSchemas()),
			Parameters: componentParameters(),
			SecuritySchemes: map[string]securityScheme{
				schemeBearer: {
					Type: "http", Scheme: "bearer",
					Description: "The end user's access token, checked by the Authenticator the app gives httpadapter.NewHandler: " +
						"an opaque token (introspection), a JWT (JWKS), or a personal access token (pat_...) made by an administrator. " +
						"Every token must hold the openid scope (else 403 auth.forbidden); an operation lists the further scopes it needs, " +
						"and answers 401 or 400 auth.unauthorized (403 auth.forbidden on the token routes) without them.",
				},
				schemeAdmin: {
					Type: "http", Scheme: "bearer",
					Description: "The administrator's credential, checked by the Authenticator the app gives httpadapter.NewAdminHandler " +
						"(StaticToken: one shared secret). Anything it refuses is 401 auth.unauthorized.",
				},
			},
		},
	}
	var all []route
	for _, table := range [][]route{accountRoutes(), mfaRoutes(), sessionRoutes(), verificationRoutes(), centerRoutes(), userRoutes(), connectorRoutes(), verificationCodeRoutes(), userGrantRoutes(), signInRoutes(), wellKnownRoutes(), subjectTokenRoutes(), tokenExchangeRoutes()} {
		all = append(all, table...)
	}
	seen := map[string]bool{}
	var ops []*operation
	for i := range all {
		r := &all[i]
		key := r.method + " " + r.path
		if seen[key] || seen[r.id] {
			return nil, fmt.Errorf("apidoc: %s (%s) is described twice", key, r.id)
		}
		seen[key], seen[r.id] = true, true
		item := doc.Paths[r.path]
		if item == nil {
			item = pathItem{}
			doc.Paths[r.path] = item
		}
		op, err := r.operation()
		if err != nil {
			return nil, fmt.Errorf("apidoc: %s: %w", key, err)
		}
		item[strings.ToLower(r.method)] = op
		ops = append(ops, op)
	}
	doc.Components.Schemas["Error"]["description"] = codeCatalog(doc)
	doc.Components.Responses = shareResponses(ops)
	return doc, nil
}

// shareResponses moves each error answer that several operations give
// alike into the components, named after its status, and refers to it.
func shareResponses(ops []*operation) map[string]response {
	key := func(r response) string {
		b, _ := json.Marshal(r)
		return string(b)
	}
	count := map[string]int{}
	for _, op := range ops {
		for status, res := range op.Responses {
			if status >= "400" {
				count[key(res)]++
			}
		}
	}
	shared := map[string]response{}
	names := map[string]string{} // key -> name
	perStatus := map[string]int{}
	for _, op := range ops {
		statuses := make([]string, 0, len(op.Responses))
		for status := range op.Responses {
			statuses = append(statuses, status)
		}
		slices.Sort(statuses)
		for _, status := range statuses {
			res := op.Responses[status]
			k := key(res)
			if status < "400" || count[k] < 2 {
				continue
			}
			name, ok := names[k]
			if !ok {
				var code int
				fmt.Sscan(status, &code)
				name = strings.ReplaceAll(http.StatusText(code), " ", "")
				if perStatus[status]++; perStatus[status] > 1 {
					name += fmt.Sprint(perStatus[status])
				}
				names[k] = name
				shared[name] = res
			}
			op.Responses[status] = response{Ref: "#/components/responses/" + name}
		}
	}
	return shared
}

// The security schemes.
const (
	schemeBearer = "bearer"
	schemeAdmin  = "admin"
)

func (r *route) operation() (*operation, error) {
	op := &operation{
		OperationID: r.id,
		Tags:        []string{r.tag},
		Summary:     r.summary,
		Description: r.description(),
		Security:    r.security(),
		Responses:   map[string]response{},
	}
	for _, name := range pathParams(r.path) {
		op.Parameters = append(op.Parameters, parameter{Name: name, In: "path", Required: true, Description: pathParamDescriptions[name], Schema: schema{"type": "string"}})
		if pathParamDescriptions[name] == "" {
			return nil, fmt.Errorf("path parameter %s has no description", name)
		}
	}
	for _, p := range r.params {
		op.Parameters = append(op.Parameters, parameter{Name: p.name, In: "query", Description: p.description, Required: p.required, Schema: p.schema})
	}
	switch r.vh {
	case vhRequired:
		op.Parameters = append(op.Parameters, parameter{Ref: "#/components/parameters/VerificationIdRequired"})
	case vhConditional, vhForUsername:
		op.Parameters = append(op.Parameters, parameter{Ref: "#/components/parameters/VerificationId"})
	}
	if r.method == http.MethodGet {
		op.Parameters = append(op.Parameters, parameter{Ref: "#/components/parameters/IfNoneMatch"})
	}
	op.Parameters = append(op.Parameters, parameter{Ref: "#/components/parameters/AcceptLanguage"})

	if b := r.body; b != nil {
		mt := b.mediaType
		if mt == "" {
			mt = jsonType
		}
		op.RequestBody = &requestBody{Description: b.description, Required: b.required, Content: map[string]mediaType{mt: {Schema: b.schema}}}
	}

	ok := response{Description: r.okDesc}
	if r.result != nil {
		ok.Content = map[string]mediaType{jsonType: {Schema: r.result}}
	}
	if len(r.headers) > 0 || (r.etagged() && r.result != nil) || r.private() {
		ok.Headers = map[string]header{}
	}
	if r.private() {
		ok.Headers["Cache-Control"] = noStoreHeader
	}
	if r.etagged() && r.result != nil {
		ok.Headers["ETag"] = header{Description: "A strong tag of the body, for If-None-Match.", Required: true, Schema: schema{"type": "string"}}
	}
	for _, h := range r.headers {
		ok.Headers[h.name] = header{Description: h.description, Required: h.required, Schema: h.schema}
	}
	if r.okDesc == "" {
		return nil, fmt.Errorf("no description of the success answer")
	}
	op.Responses[fmt.Sprint(r.status)] = ok
	if r.alsoCreated != "" {
		created := ok
		created.Description = r.alsoCreated
		op.Responses["201"] = created
	}
	if r.etagged() && r.result != nil {
		op.Responses["304"] = response{Description: "Not Modified: If-None-Match named the current ETag. No body."}
	}
	if r.oauth {
		oauthError := response{Content: map[string]mediaType{jsonType: {Schema: ref("OAuthError")}}}
		oauthError.Description = "Bad Request: invalid_request (a malformed form), unsupported_grant_type, invalid_grant (an unknown, used or expired subject token)."
		op.Responses["400"] = oauthError
		oauthError.Description = "Method Not Allowed: invalid_request; only POST."
		op.Responses["405"] = oauthError
	}
	for _, f := range r.allFails() {
		res := errorResponse(f)
		if f.status == http.StatusNotFound && r.unmounted != "" {
			res.Description += "\n\nWhen " + r.unmounted + ", the route is not mounted: it answers `request.not_found`, as an unknown path does."
		}
		op.Responses[fmt.Sprint(f.status)] = res
	}
	return op, nil
}

// noStoreHeader is the Cache-Control of every answer to a caller.
var noStoreHeader = header{
	Description: "`no-store`: answers to a caller may carry secrets (TOTP secrets and QR codes, backup codes, access tokens) and personal data, so no cache may keep them.",
	Required:    true,
	Schema:      schema{"type": "string", "enum": []any{"no-store"}},
}

// etagged reports whether the route's answers pass the ETag layer: the GET
// routes of the Handler and the AdminHandler.
func (r *route) etagged() bool {
	return r.method == http.MethodGet && r.auth != signIn && !strings.HasPrefix(r.path, "/.well-known/")
}

func (r *route) security() []map[string][]string {
	switch r.auth {
	case bearer:
		return []map[string][]string{{schemeBearer: append([]string{"openid"}, r.scopes...)}}
	case admin:
		return []map[string][]string{{schemeAdmin: {}}}
	}
	return []map[string][]string{} // anonymous, or the host's own session
}

// description is the route's text with its access rules spelled out.
func (r *route) description() string {
	var b strings.Builder
	b.WriteString(r.about)
	note := func(s string) {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(s)
	}
	switch r.auth {
	case bearer:
		scopes := "Scopes: `openid`"
		for _, s := range r.scopes {
			scopes += ", `" + s + "`"
		}
		scopes += "."
		if r.scopeNote != "" {
			scopes += " " + r.scopeNote
		}
		note(scopes)
	case admin:
		note("Administrator only.")
	case anonymous:
		note("Anonymous.")
	case signIn:
		note("No token: the host's login session names the pending user (SignInHooks.PendingUser); without one the code steps answer 401 auth.unauthorized. " +
			"A successful step calls SignInHooks.SignedIn, whose own answer, if it writes one, replaces the default.")
	}
	switch r.vh {
	case vhRequired:
		note("Verification header: required (401 `verification_record.permission_denied` unless it names an unexpired, verified password record of the caller, or a code record sent to their own email or phone with template UserPermissionValidation).")
	case vhConditional:
		note("Verification header: required only when the user has a password, an email or a phone (hasSecurityVerificationMethod); a user with none may do this without it.")
	case vhForUsername:
		note("Verification header: required only when the body changes `username`.")
	}
	if r.auth == bearer {
		if r.firstParty {
			note("First-party applications only (403 `auth.third_party_application_forbidden`).")
		} else {
			note("Third-party applications may call it.")
		}
	}
	return b.String()
}

// errorResponse is the answer of one error status: the Error body with
// the status's codes as the only values of code. What each code means is
// said once, in the Error schema (codeCatalog).
func errorResponse(f fail) response {
	codes := make([]any, len(f.codes))
	names := make([]string, len(f.codes))
	for i, c := range f.codes {
		codes[i] = string(c)
		names[i] = "`" + string(c) + "`"
	}
	return response{
		Description: http.StatusText(f.status) + ": " + strings.Join(names, ", ") + ".",
		Content: map[string]mediaType{jsonType: {Schema: schema{
			"allOf": []any{ref("Error"), schema{"properties": schema{"code": schema{"enum": codes}}}},
		}}},
	}
}

// codeCatalog describes every code the document names: its English
// message, and what the message does not say.
func codeCatalog(doc *openAPI) string {
	seen := map[string]bool{}
	var codes []string
	for _, item := range doc.Paths {
		for _, op := range item {
			for _, res := range op.Responses {
				mt, ok := res.Content[jsonType]
				if !ok {
					continue
				}
				all, ok := mt.Schema["allOf"].([]any)
				if !ok {
					continue
				}
				for _, c := range all[1].(schema)["properties"].(schema)["code"].(schema)["enum"].([]any) {
					if code := c.(string); !seen[code] {
						seen[code] = true
						codes = append(codes, code)
					}
				}
			}
		}
	}
	slices.Sort(codes)
	var b strings.Builder
	b.WriteString("Every error answer. Each response lists the codes it may carry; they mean:\n")
	for _, c := range codes {
		fmt.Fprintf(&b, "\n- `%s`: %s", c, messages.Lookup(account.Code(c), "en", nil))
		if note := codeNotes[account.Code(c)]; note != "" {
			b.WriteString(" " + note)
		}
	}
	return b.String()
}

// codeNotes add what a code's message does not say: its data, or when a
// shared code answers.
var codeNotes = map[account.Code]string{
	account.CodeAuthorizationTokenTypeNotSupported: "(data: `{supportedTypes: [\"Bearer\"]}`)",
	account.CodeUnauthorized:                       "(an unknown or expired token, a token without a subject, a user that no longer exists, or a missing scope where the route says so)",
	account.CodeSuspended:                          "(an administrator suspended the user)",
	account.CodeServiceUnavailable:                 "(the identity provider or the token store cannot be reached)",
	account.CodePasswordRejected:                   "(data: the issues, `[{code: \"password_rejected.<issue>\", interpolation?}]`)",
	account.CodeVerificationBlocked:                "(data: `{retryAfterSeconds}`)",
	account.CodeSocialVerificationInvalidTarget:    "(data: `{expected, actual}`)",
	account.CodeWebAuthnVerificationFailed:         "(data: `{message}`, the WebAuthn library's reason, when there is one)",
	account.CodeEmailNotAllowed:                    "(data: `{email}`)",
	account.CodeInternal:                           "(an unexpected failure; the detail is logged, never shown)",
	account.CodeRouteNotFound:                      "(a path no route serves, or an optional route the app did not configure; a path the handlers do serve with a method it does not take answers 405 `request.method_not_allowed` with Allow)",
	account.CodeCrossSiteForbidden:                 "(only when the app turned on the CSRF guard, httpadapter.WithCSRFProtection, as a host that authenticates by cookie must: a state-changing request from another site, or with a body not declared application/json)",
}

// pathParams lists the {name} segments of a path.
func pathParams(path string) []string {
	var names []string
	for _, seg := range strings.Split(path, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			names = append(names, seg[1:len(seg)-1])
		}
	}
	return names
}

var pathParamDescriptions = map[string]string{
	"target":         "The social connector target (e.g. github).",
	"verificationId": "The MFA factor's id, as GET .../mfa-verifications lists it.",
	"sessionId":      "The session's uid (payload.uid in GET /api/my-account/sessions).",
	"grantId":        "The grant's id, as GET /api/my-account/grants (or GET /api/users/{userId}/grants) lists it.",
	"userId":         "The user's id.",
	"connectorId":    "A connector's id (Config.Connectors).",
	"name":           "The personal access token's name.",
}

func componentParameters() map[string]parameter {
	vh := "The id of a verification record that proves the caller's identity: an unexpired, verified password record of the caller " +
		"(POST /api/verifications/password), or a verified code record sent to their own email or phone with template UserPermissionValidation. " +
		"Records are reusable until they expire (10 minutes) or the user's password changes, whichever comes first. A missing, unknown, expired or foreign id is no error by itself: routes that need a proof answer 401 verification_record.permission_denied."
	return map[string]parameter{
		"VerificationIdRequired": {Name: "logto-verification-id", In: "header", Required: true, Description: vh, Schema: schema{"type": "string"}},
		"VerificationId":         {Name: "logto-verification-id", In: "header", Description: vh, Schema: schema{"type": "string"}},
		"AcceptLanguage":         {Name: "Accept-Language", In: "header", Description: "The language of error messages: English, Korean, Japanese, Traditional Chinese or French; English otherwise.", Schema: schema{"type": "string"}},
		"IfNoneMatch":            {Name: "If-None-Match", In: "header", Description: "An ETag of an earlier answer: 304 with no body while the answer is unchanged.", Schema: schema{"type": "string"}},
	}
}
