package httpadapter

import (
	"context"
	"errors"
	"log/slog"
	"mime"
	"net/http"
	"strings"

	"github.com/myaccount-go/myaccount"
)

// Impersonation: POST /api/subject-tokens on the AdminHandler (mount it at
// "/api/subject-tokens" too), and TokenExchange, the token endpoint the
// host mounts where its OAuth clients expect one.

// adminPrincipalKey holds, in a request's context, the Principal the
// AdminHandler's Authenticator returned.
type adminPrincipalKey struct{}

// adminActor is the administrator client of an admitted request: its
// Principal's ClientID, or its UserID when it has no client.
func adminActor(r *http.Request) string {
	p, _ := r.Context().Value(adminPrincipalKey{}).(myaccount.Principal)
	if p.ClientID != "" {
		return p.ClientID
	}
	return p.UserID
}

func (h *AdminHandler) subjectTokenRoutes() []route {
	s := h.svc
	return []route{
		{"POST /api/subject-tokens", withBody(http.StatusCreated, func(c *call, in myaccount.SubjectTokenInput) (any, error) {
			return s.Admin.NewSubjectToken(c.r.Context(), adminActor(c.r), in)
		})},
	}
}

// maxTokenRequestBytes bounds a token exchange request's form.
const maxTokenRequestBytes = 16 << 10

// TokenExchange returns the RFC 8693 token endpoint for subject tokens:
// POST, application/x-www-form-urlencoded, with grant_type
// urn:ietf:params:oauth:grant-type:token-exchange, subject_token and
// subject_token_type urn:ietf:params:oauth:token-type:access_token. It
// answers 200 {access_token, issued_token_type, token_type, expires_in}
// (Service.ExchangeSubjectToken) and refuses with 400 {error,
// error_description} as RFC 6749 §5.2 says; another method is 405. The
// access token it issues is accepted by WithAccessTokens. It
// authenticates no client: the subject token is the credential.
func TokenExchange(svc *myaccount.Service, opts ...Option) http.Handler {
	o := newOptions(opts)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			writeJSON(w, http.StatusMethodNotAllowed, &myaccount.OAuthError{Code: myaccount.OAuthInvalidRequest, Description: "use POST"})
			return
		}
		in, err := tokenExchangeForm(w, r)
		if err != nil {
			writeOAuthError(w, r, o.logger, err)
			return
		}
		out, err := svc.ExchangeSubjectToken(r.Context(), in)
		if err != nil {
			writeOAuthError(w, r, o.logger, err)
			return
		}
		writeJSON(w, http.StatusOK, out)
	})
}

// tokenExchangeForm reads the form of a token exchange request.
func tokenExchangeForm(w http.ResponseWriter, r *http.Request) (myaccount.TokenExchangeInput, error) {
	bad := func(d string) error {
		return &myaccount.OAuthError{Code: myaccount.OAuthInvalidRequest, Description: d}
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/x-www-form-urlencoded" {
		return myaccount.TokenExchangeInput{}, bad("the body must be application/x-www-form-urlencoded")
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxTokenRequestBytes)
	if err := r.ParseForm(); err != nil {
		return myaccount.TokenExchangeInput{}, bad("the form does not parse")
	}
	// RFC 6749 §3.2: parameters must not repeat.
	for _, k := range []string{"grant_type", "subject_token", "subject_token_type"} {
		if len(r.PostForm[k]) > 1 {
			return myaccount.TokenExchangeInput{}, bad(k + " is repeated")
		}
	}
	return myaccount.TokenExchangeInput{
		GrantType:        strings.TrimSpace(r.PostForm.Get("grant_type")),
		SubjectToken:     r.PostForm.Get("subject_token"),
		SubjectTokenType: r.PostForm.Get("subject_token_type"),
	}, nil
}

// writeOAuthError answers an *myaccount.OAuthError with 400 and its JSON;
// anything else as writeError does.
func writeOAuthError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	var oe *myaccount.OAuthError
	if errors.As(err, &oe) {
		writeJSON(w, http.StatusBadRequest, oe)
		return
	}
	writeError(w, r, log, err)
}

// withAdminPrincipal keeps p in r's context for the routes that record the
// administrator.
func withAdminPrincipal(r *http.Request, p myaccount.Principal) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), adminPrincipalKey{}, p))
}
