package httpadapter

import (
	"context"
	"encoding/json"
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

// NewSignInHandler returns the sign-in handler.
func NewSignInHandler(svc *myaccount.Service, hooks SignInHooks, opts ...Option) *SignInHandler {
	h := &SignInHandler{svc: svc, hooks: hooks, opts: newOptions(opts), mux: http.NewServeMux()}
	h.mux.HandleFunc("POST /api/sign-in/password", h.password)
	h.mux.HandleFunc("POST /api/sign-in/totp", h.codeStep("totp", svc.SignIn.TOTP))
	h.mux.HandleFunc("POST /api/sign-in/backup-code", h.codeStep("backupCode", svc.SignIn.BackupCode))
	h.mux.HandleFunc("POST /api/sign-in/webauthn/options", h.webAuthnOptions)
	h.mux.HandleFunc("POST /api/sign-in/webauthn/verify", h.webAuthnVerify)
	return h
}

// ServeHTTP routes (see front); no cache keeps an answer.
func (h *SignInHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r, ok := h.opts.front(w, r, true); ok {
		routed(h.mux, h.opts.logger).ServeHTTP(w, r)
	}
}

// body decodes the request body into v, answering the error itself.
func (h *SignInHandler) body(w http.ResponseWriter, r *http.Request, v any) bool {
	body, err := readBody(r, h.opts.maxBodyBytes)
	if err == nil {
		err = decodeJSON(body, v)
	}
	if err != nil {
		writeError(w, r, h.opts.logger, err)
		return false
	}
	return true
}

// pending returns the host's pending user, answering the error itself.
func (h *SignInHandler) pending(w http.ResponseWriter, r *http.Request) (string, bool) {
	id, err := h.hooks.PendingUser(r)
	if err == nil && id == "" {
		err = account.NewError(http.StatusUnauthorized, account.CodeUnauthorized)
	}
	if err != nil {
		writeError(w, r, h.opts.logger, err)
		return "", false
	}
	return id, true
}

// done reports a successful step to the host, then answers 204 unless the
// host answered.
func (h *SignInHandler) done(w http.ResponseWriter, r *http.Request, userID, method string) {
	rec := &answerWatcher{ResponseWriter: w}
	if err := h.hooks.SignedIn(rec, r, userID, method); err != nil {
		writeError(w, r, h.opts.logger, err)
		return
	}
	if !rec.wrote {
		w.WriteHeader(http.StatusNoContent)
	}
}

func (h *SignInHandler) fail(w http.ResponseWriter, r *http.Request, err error) {
	writeError(w, r, h.opts.logger, err)
}

func (h *SignInHandler) password(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Identifier struct {
			Type  string `json:"type"`
			Value string `json:"value"`
		} `json:"identifier"`
		Password string `json:"password"`
	}
	if !h.body(w, r, &in) {
		return
	}
	res, err := h.svc.SignIn.Password(r.Context(), callerOf(r), myaccount.SignInIdentifier{Kind: account.IdentifierKind(in.Identifier.Type), Value: in.Identifier.Value}, in.Password)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.done(w, r, res.UserID, "password")
}

// codeBody is the body of the code steps.
type codeBody struct {
	Code string `json:"code"`
}

// codeStep serves a second-factor step that checks a code for the pending
// user.
func (h *SignInHandler) codeStep(method string, check func(ctx context.Context, c myaccount.Caller, userID, code string) error) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var in codeBody
		if !h.body(w, r, &in) {
			return
		}
		userID, ok := h.pending(w, r)
		if !ok {
			return
		}
		if err := check(r.Context(), callerOf(r), userID, in.Code); err != nil {
			h.fail(w, r, err)
			return
		}
		h.done(w, r, userID, method)
	}
}

func (h *SignInHandler) webAuthnOptions(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Discoverable bool `json:"discoverable"`
	}
	if !h.body(w, r, &in) {
		return
	}
	userID := ""
	if !in.Discoverable {
		id, ok := h.pending(w, r)
		if !ok {
			return
		}
		userID = id
	}
	res, err := h.svc.SignIn.BeginPasskey(r.Context(), callerOf(r), userID)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, res)
}

func (h *SignInHandler) webAuthnVerify(w http.ResponseWriter, r *http.Request) {
	var in struct {
		CeremonyID string          `json:"ceremonyId"`
		Response   json.RawMessage `json:"response"`
	}
	if !h.body(w, r, &in) {
		return
	}
	// With a pending user the passkey is their second factor and must be
	// theirs; without one it is a passwordless sign-in.
	pending, err := h.hooks.PendingUser(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	userID, err := h.svc.SignIn.FinishPasskey(r.Context(), callerOf(r), pending, in.CeremonyID, in.Response)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.done(w, r, userID, "webauthn")
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
