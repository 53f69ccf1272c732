package httpadapter

import (
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// AdminHandler serves the administrator routes under /api: GET and PATCH
// /api/account-center; the user management routes under /api/users
// (Logto's Management API: users, search, suspension, password, custom data,
// profile, identities, MFA factors, grants, personal access tokens); POST
// /api/connectors/{connectorId}/authorization-uri; the Management API's
// verification codes; and POST /api/subject-tokens (impersonation). Mount it
// at "/api/account-center", "/api/users", "/api/users/", "/api/connectors/",
// "/api/verification-codes", "/api/verification-codes/" and
// "/api/subject-tokens". Every request must pass its own Authenticator; a
// failure is 401.
type AdminHandler struct {
	svc  *myaccount.Service
	auth Authenticator
	opts options
	mux  *http.ServeMux
	// served routes on mux, answering unknown paths in JSON.
	served http.Handler
}

// NewAdminHandler returns the administrator handler. auth decides who is
// an administrator (StaticToken for a shared secret, or the app's own). It
// refuses a nil svc, a nil auth (or one holding a nil pointer or func) and
// a nil option.
func NewAdminHandler(svc *myaccount.Service, auth Authenticator, opts ...Option) (*AdminHandler, error) {
	if err := handlerArgs("NewAdminHandler", svc, auth, opts); err != nil {
		return nil, err
	}
	h := &AdminHandler{svc: svc, auth: auth, opts: newOptions(opts), mux: http.NewServeMux()}
	s := h.svc
	mount(h.mux, &h.opts, []route{
		{"GET /api/account-center", noBody(http.StatusOK, func(c *call) (myaccount.AccountCenterView, error) {
			return s.Admin.AccountCenter(c.r.Context())
		})},
		{"PATCH /api/account-center", withBody(http.StatusOK, func(c *call, in myaccount.UpdateAccountCenterInput) (myaccount.AccountCenterView, error) {
			return s.Admin.SetAccountCenter(c.r.Context(), in)
		})},
	}, h.admitted)
	mount(h.mux, &h.opts, h.userRoutes(), h.admitted)
	mount(h.mux, &h.opts, h.connectorRoutes(), h.admitted)
	mount(h.mux, &h.opts, h.verificationCodeRoutes(), h.admitted)
	mount(h.mux, &h.opts, h.grantRoutes(), h.admitted)
	mount(h.mux, &h.opts, h.subjectTokenRoutes(), h.admitted)
	h.served = etagged(routed(h.mux, h.opts.logger))
	return h, nil
}

// ServeHTTP authenticates, then routes. No cache keeps an answer.
func (h *AdminHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	r, ok := h.opts.front(w, r, true)
	if !ok {
		return
	}
	p, err := h.auth.Authenticate(r)
	if err != nil {
		var apiErr *account.Error
		if !errors.As(err, &apiErr) || apiErr.Status != http.StatusUnauthorized {
			err = errAdminUnauthorized
		}
		writeError(w, r, h.opts.logger, err)
		return
	}
	h.served.ServeHTTP(w, withAdminPrincipal(r, p))
}

var errAdminUnauthorized = account.NewError(http.StatusUnauthorized, account.CodeUnauthorized)

// admitted is the call of a request ServeHTTP has let through: the
// administrator has no caller, and a body that does not decode is
// answered at once (no gate to come first).
func (h *AdminHandler) admitted(w http.ResponseWriter, r *http.Request) (*call, error) {
	return &call{w: w, r: r, opts: &h.opts}, nil
}

// StaticToken is an Authenticator that accepts exactly one bearer token,
// compared in constant time: enough for an admin token from the
// environment. The principal it returns has no user.
func StaticToken(token string) Authenticator {
	want := sha256.Sum256([]byte(token))
	return AuthenticatorFunc(func(r *http.Request) (myaccount.Principal, error) {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		sum := sha256.Sum256([]byte(got))
		if !ok || token == "" || subtle.ConstantTimeCompare(sum[:], want[:]) != 1 {
			return myaccount.Principal{}, errAdminUnauthorized
		}
		return myaccount.Principal{FirstParty: true}, nil
	})
}
