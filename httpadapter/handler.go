package httpadapter

import (
	"log/slog"
	"net/http"
	"strings"

	"golang.org/x/text/language"

	"github.com/myaccount-go/myaccount"
)

// HeaderVerificationID is the identity-verification header.
const HeaderVerificationID = "logto-verification-id"

// Option configures a handler.
type Option func(*options)

type options struct {
	maxBodyBytes int64
	logger       *slog.Logger
	clientAddr   func(*http.Request) string // nil: PeerAddress
	corsOrigins  []string                   // nil: any origin
	csrf         *csrfGuard                 // nil: off
	public       *publicOrigin              // nil: the request's own
}

// WithMaxBodyBytes bounds request bodies (default 1 MiB); a larger body is
// answered 413 request.body_too_large.
func WithMaxBodyBytes(n int64) Option { return func(o *options) { o.maxBodyBytes = n } }

// WithLogger sets where internal errors are logged (default, and for nil,
// slog.Default()).
func WithLogger(l *slog.Logger) Option { return func(o *options) { o.logger = l } }

func newOptions(opts []Option) options {
	o := options{maxBodyBytes: DefaultMaxBodyBytes, logger: slog.Default()}
	for _, opt := range opts {
		opt(&o)
	}
	if o.logger == nil {
		o.logger = slog.Default()
	}
	return o
}

// Handler serves the end-user routes under /api: the Account API
// (/api/my-account...), the Verification API (/api/verifications/...), the
// anonymous GET /api/.well-known/account-center and GET
// /api/.well-known/sign-in-exp (what Logto's own Account Center reads
// before sign-in), and the OpenAPI 3.1
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
// caller (see Bearer, JWTVerifier, AuthenticatorFunc). It refuses a nil svc,
// a nil auth (or one holding a nil pointer or func) and a nil option.
func NewHandler(svc *myaccount.Service, auth Authenticator, opts ...Option) (*Handler, error) {
	if err := handlerArgs("NewHandler", svc, auth, opts); err != nil {
		return nil, err
	}
	h := &Handler{svc: svc, auth: auth, opts: newOptions(opts), mux: http.NewServeMux()}
	mount(h.mux, &h.opts, h.routes(), h.authenticated)
	mount(h.mux, &h.opts, h.wellKnownRoutes(), h.anonymous)
	h.mux.HandleFunc("GET /api/openapi.json", serveOpenAPI)
	h.mux.HandleFunc("GET /api/swagger.json", serveOpenAPI)
	h.served = etagged(routed(h.mux, h.opts.logger))
	return h, nil
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

// authenticated admits an end user's request: authenticate it and build
// its caller (principal, verification record, the request's facts). No
// cache keeps the answer (noStore). Its calls are gated (see call.decode).
func (h *Handler) authenticated(w http.ResponseWriter, r *http.Request) (*call, error) {
	noStore(w)
	p, err := h.auth.Authenticate(r)
	if err != nil {
		return nil, err
	}
	caller := h.opts.callerOf(r)
	caller.Principal = p
	caller.VerificationID = r.Header.Get(HeaderVerificationID)
	return &call{w: w, r: r, caller: caller, opts: &h.opts, gated: true}, nil
}

// anonymous admits anyone, with no caller: the public account-center
// settings.
func (h *Handler) anonymous(w http.ResponseWriter, r *http.Request) (*call, error) {
	return &call{w: w, r: r, opts: &h.opts}, nil
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

// wellKnownRoutes are the anonymous routes: what a page reads before
// anyone signs in.
func (h *Handler) wellKnownRoutes() []route {
	return []route{
		{"GET /api/.well-known/account-center", noBody(http.StatusOK, h.wellKnownAccountCenter)},
		{"GET /api/.well-known/sign-in-exp", noBody(http.StatusOK, h.wellKnownSignInExperience)},
	}
}

func (h *Handler) wellKnownAccountCenter(c *call) (myaccount.AccountCenterView, error) {
	return h.svc.Account.CenterSettings(c.r.Context())
}

func (h *Handler) wellKnownSignInExperience(c *call) (myaccount.SignInExperienceView, error) {
	return h.svc.Account.SignInExperience(c.r.Context())
}
