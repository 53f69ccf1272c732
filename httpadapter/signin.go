package httpadapter

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
)

// SignInHooks connect the sign-in handler to the host's own login session.
type SignInHooks struct {
	// PendingUser returns the user whose second factor is being checked:
	// the one the host's session says passed the first step. The handler
	// never takes a user id from the request body, so nobody can try
	// codes for a user of their choosing. Required.
	//
	// The passkey verify step asks too: with a pending user the passkey
	// must be that user's, even when the ceremony was begun as
	// discoverable; "" (and no error) makes it a passwordless sign-in by
	// whoever the passkey belongs to. An error is answered as it is, on
	// every step.
	PendingUser func(r *http.Request) (userID string, err error)
	// SignedIn is called when a step succeeds (method "password", "totp",
	// "backupCode" or "webauthn"): the host records it in its session
	// (and, once the login is complete, calls Service.SignIn.Complete).
	// Required. Anything it writes to w replaces the default answer.
	SignedIn func(w http.ResponseWriter, r *http.Request, userID, method string) error
}

// SignInHandler serves an optional set of sign-in routes a host's login
// page can call, built on the Service's sign-in checks:
//
//	POST /api/sign-in/password          {identifier:{type,value}, password} -> 204
//	POST /api/sign-in/totp              {code} -> 204
//	POST /api/sign-in/backup-code       {code} -> 204
//	POST /api/sign-in/webauthn/options  {discoverable?: bool} -> 200 {ceremonyId, options, expiresAt}
//	POST /api/sign-in/webauthn/verify   {ceremonyId, response} -> 204
//
// Errors have the Account API's {code, message, data?} shape. A host whose
// login session is a cookie passes WithCSRFProtection.
type SignInHandler struct {
	svc   *myaccount.Service
	hooks SignInHooks
	opts  options
	mux   *http.ServeMux
}

// NewSignInHandler returns the sign-in handler. It refuses a nil svc, a
// hook left nil and a nil option.
func NewSignInHandler(svc *myaccount.Service, hooks SignInHooks, opts ...Option) (*SignInHandler, error) {
	if err := signInArgs(svc, hooks, opts); err != nil {
		return nil, err
	}
	h := &SignInHandler{svc: svc, hooks: hooks, opts: newOptions(opts), mux: http.NewServeMux()}
	mount(h.mux, &h.opts, []route{
		{"POST /api/sign-in/password", withBody(http.StatusNoContent, h.password)},
		{"POST /api/sign-in/totp", withBody(http.StatusNoContent, h.codeStep("totp", svc.SignIn.TOTP))},
		{"POST /api/sign-in/backup-code", withBody(http.StatusNoContent, h.codeStep("backupCode", svc.SignIn.BackupCode))},
		{"POST /api/sign-in/webauthn/options", withBody(http.StatusOK, h.webAuthnOptions)},
		{"POST /api/sign-in/webauthn/verify", withBody(http.StatusNoContent, h.webAuthnVerify)},
	}, h.anyone)
	return h, nil
}

// signInArgs is handlerArgs for the sign-in handler, whose hooks stand
// where the others' Authenticator does.
func signInArgs(svc *myaccount.Service, hooks SignInHooks, opts []Option) error {
	errs := serviceArgs("NewSignInHandler", svc, opts)
	if hooks.PendingUser == nil {
		errs = append(errs, errors.New("httpadapter: NewSignInHandler: SignInHooks.PendingUser is required"))
	}
	if hooks.SignedIn == nil {
		errs = append(errs, errors.New("httpadapter: NewSignInHandler: SignInHooks.SignedIn is required"))
	}
	return errors.Join(errs...)
}

// ServeHTTP routes (see front); no cache keeps an answer.
func (h *SignInHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r, ok := h.opts.front(w, r, true); ok {
		routed(h.mux, h.opts.logger).ServeHTTP(w, r)
	}
}

// anyone admits every request, before anyone is signed in: its caller is
// the request's facts, and a body that does not decode is answered at
// once. The steps that check a second factor take the pending user from
// the hooks.
func (h *SignInHandler) anyone(w http.ResponseWriter, r *http.Request) (*call, error) {
	return &call{w: w, r: r, caller: h.opts.callerOf(r), opts: &h.opts}, nil
}

// pending returns the host's pending user: 401 without one.
func (h *SignInHandler) pending(r *http.Request) (string, error) {
	id, err := h.hooks.PendingUser(r)
	if err == nil && id == "" {
		err = account.NewError(http.StatusUnauthorized, account.CodeUnauthorized)
	}
	return id, err
}

// signedIn reports a successful step to the host: the answer is the one
// the host wrote, else 204.
func (h *SignInHandler) signedIn(c *call, userID, method string) (answer, error) {
	rec := &answerWatcher{ResponseWriter: c.w}
	if err := h.hooks.SignedIn(rec, c.r, userID, method); err != nil {
		return answer{}, err
	}
	if rec.wrote {
		return answer{}, nil // status 0: answered
	}
	return answer{status: http.StatusNoContent}, nil
}

// passwordBody is the body of the password step.
type passwordBody struct {
	Identifier struct {
		Type  string `json:"type"`
		Value string `json:"value"`
	} `json:"identifier"`
	Password string `json:"password"`
}

func (h *SignInHandler) password(c *call, in passwordBody) (answer, error) {
	id := myaccount.SignInIdentifier{Kind: account.IdentifierKind(in.Identifier.Type), Value: in.Identifier.Value}
	res, err := h.svc.SignIn.Password(c.r.Context(), c.caller, id, in.Password)
	if err != nil {
		return answer{}, err
	}
	return h.signedIn(c, res.UserID, "password")
}

// codeBody is the body of the code steps.
type codeBody struct {
	Code string `json:"code"`
}

// codeStep is a second-factor step that checks a code for the pending
// user.
func (h *SignInHandler) codeStep(method string, check func(ctx context.Context, c myaccount.Caller, userID, code string) error) func(*call, codeBody) (answer, error) {
	return func(c *call, in codeBody) (answer, error) {
		userID, err := h.pending(c.r)
		if err != nil {
			return answer{}, err
		}
		if err := check(c.r.Context(), c.caller, userID, in.Code); err != nil {
			return answer{}, err
		}
		return h.signedIn(c, userID, method)
	}
}

// webAuthnOptionsBody is the body of the passkey options step.
type webAuthnOptionsBody struct {
	Discoverable bool `json:"discoverable"`
}

func (h *SignInHandler) webAuthnOptions(c *call, in webAuthnOptionsBody) (*myaccount.WebAuthnSignIn, error) {
	userID := ""
	if !in.Discoverable {
		id, err := h.pending(c.r)
		if err != nil {
			return nil, err
		}
		userID = id
	}
	return h.svc.SignIn.BeginPasskey(c.r.Context(), c.caller, userID)
}

// webAuthnVerifyBody is the body of the passkey verify step.
type webAuthnVerifyBody struct {
	CeremonyID string          `json:"ceremonyId"`
	Response   json.RawMessage `json:"response"`
}

func (h *SignInHandler) webAuthnVerify(c *call, in webAuthnVerifyBody) (answer, error) {
	// With a pending user the passkey is their second factor and must be
	// theirs; without one it is a passwordless sign-in.
	pending, err := h.hooks.PendingUser(c.r)
	if err != nil {
		return answer{}, err
	}
	userID, err := h.svc.SignIn.FinishPasskey(c.r.Context(), c.caller, pending, in.CeremonyID, in.Response)
	if err != nil {
		return answer{}, err
	}
	return h.signedIn(c, userID, "webauthn")
}

// answerWatcher notes whether the host wrote an answer.
type answerWatcher struct {
	http.ResponseWriter
	wrote bool
}

func (a *answerWatcher) WriteHeader(status int) { a.wrote = true; a.ResponseWriter.WriteHeader(status) }
func (a *answerWatcher) Write(p []byte) (int, error) {
	a.wrote = true
	return a.ResponseWriter.Write(p)
}
