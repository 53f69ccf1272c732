package httpadapter

import (
	"context"
	"net/http"

	"github.com/myaccount-go/myaccount"
)

// route is one end-user route: its ServeMux pattern and its code. The table
// below is the one list of routes; tests walk it. A route whose serve is
// nil (an optional feature left unconfigured) is not mounted.
type route struct {
	pattern string
	serve   func(*call) (answer, error)
}

func (h *Handler) routes() []route {
	s := h.svc
	return []route{
		{"GET /api/my-account", answers(http.StatusOK, s.Account.Get)},
		{"PATCH /api/my-account", withBody(h, http.StatusOK, s.Account.Update)},
		{"DELETE /api/my-account", answers(http.StatusNoContent, noBodyNoAnswer(s.Account.Delete))},
		{"PATCH /api/my-account/profile", withBody(h, http.StatusOK, s.Account.UpdateProfile)},
		{"POST /api/my-account/password", withBody(h, http.StatusNoContent, noAnswer(s.Account.ChangePassword))},
		{"POST /api/my-account/primary-email", withBody(h, http.StatusNoContent, noAnswer(s.Account.SetEmail))},
		{"DELETE /api/my-account/primary-email", answers(http.StatusNoContent, noBodyNoAnswer(s.Account.RemoveEmail))},
		{"POST /api/my-account/primary-phone", withBody(h, http.StatusNoContent, noAnswer(s.Account.SetPhone))},
		{"DELETE /api/my-account/primary-phone", answers(http.StatusNoContent, noBodyNoAnswer(s.Account.RemovePhone))},

		{"POST /api/my-account/identities", withBody(h, http.StatusNoContent, noAnswer(s.Account.LinkIdentity))},
		{"PUT /api/my-account/identities", withBody(h, http.StatusNoContent, noAnswer(s.Account.ReplaceIdentity))},
		{"DELETE /api/my-account/identities/{target}", h.deleteIdentity},
		{"GET /api/my-account/identities/{target}/access-token", h.getIdentityAccessToken},
		{"PUT /api/my-account/identities/{target}/access-token", h.updateIdentityAccessToken},
		{"GET /api/my-account/mfa-verifications", answers(http.StatusOK, s.Account.MFAFactors)},
		{"POST /api/my-account/mfa-verifications", withBody(h, http.StatusNoContent, noAnswer(s.Account.AddMFAFactor))},
		{"PUT /api/my-account/mfa-verifications/totp", withBody(h, http.StatusNoContent, noAnswer(s.Account.ReplaceTOTP))},
		{"POST /api/my-account/mfa-verifications/totp-secret/generate", answers(http.StatusOK, s.Account.NewTOTPSecret)},
		{"POST /api/my-account/mfa-verifications/backup-codes/generate", answers(http.StatusOK, s.Account.NewBackupCodes)},
		{"GET /api/my-account/mfa-verifications/backup-codes", answers(http.StatusOK, s.Account.BackupCodes)},
		{"PATCH /api/my-account/mfa-verifications/{verificationId}/name", h.renameMFAVerification},
		{"DELETE /api/my-account/mfa-verifications/{verificationId}", h.deleteMFAVerification},
		{"GET /api/my-account/mfa-settings", answers(http.StatusOK, s.Account.MFASettings)},
		{"PATCH /api/my-account/mfa-settings", withBody(h, http.StatusOK, s.Account.UpdateMFASettings)},
		{"GET /api/my-account/logto-configs", answers(http.StatusOK, s.Account.LogtoConfigs)},
		{"PATCH /api/my-account/logto-configs", withBody(h, http.StatusOK, s.Account.UpdateLogtoConfigs)},
		// Mounted only with a session provider (a nil serve is left out).
		{"GET /api/my-account/sessions", h.ifSessions(answers(http.StatusOK, s.Account.Sessions))},
		{"DELETE /api/my-account/sessions/{sessionId}", h.ifSessions(h.revokeSession)},
		{"GET /api/my-account/grants", h.ifSessions(h.listGrants)},
		{"DELETE /api/my-account/grants/{grantId}", h.ifSessions(h.revokeGrant)},
		// Streams its multipart body instead of decoding JSON.
		{"POST /api/my-account/user-assets/avatar", h.uploadAvatar},

		{"POST /api/verifications/password", withBody(h, http.StatusCreated, s.Account.VerifyPassword)},
		{"POST /api/verifications/verification-code", withBody(h, http.StatusCreated, s.Account.SendCode)},
		{"POST /api/verifications/verification-code/verify", withBody(h, http.StatusOK, s.Account.VerifyCode)},
		{"POST /api/verifications/social", withBody(h, http.StatusCreated, s.Account.StartSocialVerification)},
		{"POST /api/verifications/social/verify", withBody(h, http.StatusOK, s.Account.VerifySocial)},
		{"POST /api/verifications/web-authn/registration", answers(http.StatusOK, s.Account.StartWebAuthnRegistration)},
		{"POST /api/verifications/web-authn/registration/verify", withBody(h, http.StatusOK, s.Account.VerifyWebAuthnRegistration)},
	}
}

// withBody adapts a use case that takes a JSON body: decode it (after the
// gate, on failure), call, answer status with what it returns (nothing for
// 204).
func withBody[In, Out any](h *Handler, status int, useCase func(context.Context, myaccount.Caller, In) (Out, error)) func(*call) (answer, error) {
	return func(c *call) (answer, error) {
		var in In
		if err := h.decode(c, &in); err != nil {
			return answer{}, err
		}
		out, err := useCase(c.r.Context(), c.caller, in)
		return reply(status, out, err)
	}
}

// answers adapts a use case that takes no body.
func answers[Out any](status int, useCase func(context.Context, myaccount.Caller) (Out, error)) func(*call) (answer, error) {
	return func(c *call) (answer, error) {
		out, err := useCase(c.r.Context(), c.caller)
		return reply(status, out, err)
	}
}

func reply(status int, body any, err error) (answer, error) {
	if err != nil {
		return answer{}, err
	}
	if status == http.StatusNoContent {
		body = nil
	}
	return answer{status: status, body: body}, nil
}

// none is the answer of a use case that answers nothing.
type none struct{}

// noAnswer adapts a use case that returns only an error.
func noAnswer[In any](useCase func(context.Context, myaccount.Caller, In) error) func(context.Context, myaccount.Caller, In) (none, error) {
	return func(ctx context.Context, c myaccount.Caller, in In) (none, error) { return none{}, useCase(ctx, c, in) }
}

// noBodyNoAnswer adapts a use case that takes no body and returns only an
// error.
func noBodyNoAnswer(useCase func(context.Context, myaccount.Caller) error) func(context.Context, myaccount.Caller) (none, error) {
	return func(ctx context.Context, c myaccount.Caller) (none, error) { return none{}, useCase(ctx, c) }
}
