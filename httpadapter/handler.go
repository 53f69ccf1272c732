package httpadapter

import (
	"log/slog"
	"net/http"
	"strings"

	"golang.org/x/text/language"

	"github.com/myaccount-go/myaccount"
)

// HeaderVerificationID is the identity-verification header (spec §1.3).
const HeaderVerificationID = "logto-verification-id"

// Option configures a handler.
type Option func(*options)

type options struct {
	maxBodyBytes int64
	logger       *slog.Logger
	clientAddr   func(*http.Request) string // nil: PeerAddress
	corsOrigins  []string                   // nil: any origin
	csrf         *csrfGuard                 // nil: off
}

// WithMaxBodyBytes bounds request bodies (default 1 MiB); a larger body is
// answered 413 request.body_too_large.
func WithMaxBodyBytes(n int64) Option { return func(o *options) { o.maxBodyBytes = n } }

// WithLogger sets where internal errors are logged (default slog.Default()).
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.logger = l } }

func newOptions(opts []Option) options {
	o := options{maxBodyBytes: DefaultMaxBodyBytes, logger: slog.Default()}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// Handler serves the end-user routes under /api: the Account API
// (/api/my-account...), the Verification API (/api/verifications/...), the
// anonymous GET /api/.well-known/account-center, and the OpenAPI 3.1
// description of every route of this package at GET /api/openapi.json
// (alias /api/swagger.json). Mount it on any mux or router at "/api/"; it
// needs the paths unstripped.
type Handler struct {
	svc  *myaccount.Service
	auth Authenticator
	opts options
	mux  *http.ServeMux
	// served routes on mux, answering unknown paths in JSON.
	served http.Handler
}

// NewHandler returns the end-user handler: auth turns each request into the
// caller (see Bearer, JWTVerifier, AuthenticatorFunc).
func NewHandler(svc *myaccount.Service, auth Authenticator, opts ...Option) *Handler {
	h := &Handler{svc: svc, auth: auth, opts: newOptions(opts), mux: http.NewServeMux()}
	for _, rt := range h.routes() {
		if rt.serve == nil {
			continue // an optional feature the app did not configure: not mounted
		}
		h.mux.Handle(rt.pattern, h.authenticated(rt.serve))
	}
	h.mux.HandleFunc("GET /api/.well-known/account-center", h.wellKnownAccountCenter)
	h.mux.HandleFunc("GET /api/openapi.json", serveOpenAPI)
	h.mux.HandleFunc("GET /api/swagger.json", serveOpenAPI)
	h.served = etagged(routed(h.mux, h.opts.logger))
	return h
}

// ServeHTTP answers CORS for the API paths, then routes.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	r, ok := h.opts.front(w, r, false)
	if !ok {
		return
	}
	if corsPath(r.URL.Path) {
		if preflight := h.opts.cors(w, r); preflight {
			return
		}
	}
	h.served.ServeHTTP(w, r)
}

// call is one request after authentication: its caller. The body is read
// by the route (decode, or a streaming route such as the avatar upload).
type call struct {
	r      *http.Request
	caller myaccount.Caller
}

// answer is what a route returns: a status and a JSON body (nil: none).
type answer struct {
	status int
	body   any
}

// authenticated wraps a route: authenticate, run, answer. No cache keeps
// the answer (noStore).
func (h *Handler) authenticated(serve func(*call) (answer, error)) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		noStore(w)
		p, err := h.auth.Authenticate(r)
		if err != nil {
			writeError(w, r, h.opts.logger, err)
			return
		}
		caller := callerOf(r)
		caller.Principal = p
		caller.VerificationID = r.Header.Get(HeaderVerificationID)
		c := &call{r: r, caller: caller}
		a, err := serve(c)
		if err != nil {
			writeError(w, r, h.opts.logger, err)
			return
		}
		if a.body == nil {
			w.WriteHeader(a.status)
			return
		}
		writeJSON(w, a.status, a.body)
	})
}

// decode reads the call's body (413 beyond the limit) and decodes it into
// v. A body that does not decode is the caller's RequestError: the use
// case, called with the zero input, answers it after its gate, as the spec
// orders them (§1.4).
func (h *Handler) decode(c *call, v any) error {
	body, err := readBody(c.r, h.opts.maxBodyBytes)
	if err != nil {
		return err
	}
	if err := decodeJSON(body, v); err != nil {
		c.refuse(err)
	}
	return nil
}

// refuse makes err the call's RequestError, for the use case to answer.
func (c *call) refuse(err error) {
	if c.caller.RequestError == nil {
		c.caller.RequestError = err
	}
}

// requestLocale is the first language of Accept-Language, "en" without one.
func requestLocale(r *http.Request) string {
	tags, _, err := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if err != nil || len(tags) == 0 {
		return "en"
	}
	return tags[0].String()
}

// requestHost is the request's host name without the port.
func requestHost(r *http.Request) string {
	host := r.Host
	if i := strings.LastIndexByte(host, ':'); i >= 0 && !strings.HasSuffix(host, "]") {
		host = host[:i]
	}
	return strings.Trim(host, "[]")
}

// requestOrigin is the server's own origin as this request reached it:
// scheme and Host. Never the Origin header: WebAuthn checks the browser's
// origin against it, so the client must not choose it.
func requestOrigin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func (h *Handler) wellKnownAccountCenter(w http.ResponseWriter, r *http.Request) {
	v, err := h.svc.Account.CenterSettings(r.Context())
	if err != nil {
		writeError(w, r, h.opts.logger, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}
