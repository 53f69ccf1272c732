package httpadapter

import (
	"context"
	"net/http"

	"github.com/myaccount-go/myaccount"
)

// The end user's routes: the Handler's table. Each is withBody or noBody
// (adapt.go) over an Account use case, most through asCaller and its
// kin, which hand the use case the call's context and caller.

func (h *Handler) routes() []route {
	s := h.svc
	return []route{
		{"GET /api/my-account", noBody(http.StatusOK, asCallerNoBody(s.Account.Get))},
		{"PATCH /api/my-account", withBody(http.StatusOK, asCaller(s.Account.Update))},
		{"DELETE /api/my-account", noBody(http.StatusNoContent, asCallerNoBodyNoAnswer(s.Account.Delete))},
		{"PATCH /api/my-account/profile", withBody(http.StatusOK, asCaller(s.Account.UpdateProfile))},
		{"POST /api/my-account/password", withBody(http.StatusNoContent, asCallerNoAnswer(s.Account.ChangePassword))},
		{"POST /api/my-account/primary-email", withBody(http.StatusNoContent, asCallerNoAnswer(s.Account.SetEmail))},
		{"DELETE /api/my-account/primary-email", noBody(http.StatusNoContent, asCallerNoBodyNoAnswer(s.Account.RemoveEmail))},
		{"POST /api/my-account/primary-phone", withBody(http.StatusNoContent, asCallerNoAnswer(s.Account.SetPhone))},
		{"DELETE /api/my-account/primary-phone", noBody(http.StatusNoContent, asCallerNoBodyNoAnswer(s.Account.RemovePhone))},

		{"POST /api/my-account/identities", withBody(http.StatusNoContent, asCallerNoAnswer(s.Account.LinkIdentity))},
		{"PUT /api/my-account/identities", withBody(http.StatusNoContent, asCallerNoAnswer(s.Account.ReplaceIdentity))},
		{"DELETE /api/my-account/identities/{target}", noBody(http.StatusNoContent, h.deleteIdentity)},
		{"GET /api/my-account/identities/{target}/access-token", noBody(http.StatusOK, h.getIdentityAccessToken)},
		{"PUT /api/my-account/identities/{target}/access-token", withBody(http.StatusOK, h.updateIdentityAccessToken)},
		{"GET /api/my-account/mfa-verifications", noBody(http.StatusOK, asCallerNoBody(s.Account.MFAFactors))},
		{"POST /api/my-account/mfa-verifications", withBody(http.StatusNoContent, asCallerNoAnswer(s.Account.AddMFAFactor))},
		{"PUT /api/my-account/mfa-verifications/totp", withBody(http.StatusNoContent, asCallerNoAnswer(s.Account.ReplaceTOTP))},
		{"POST /api/my-account/mfa-verifications/totp-secret/generate", noBody(http.StatusOK, asCallerNoBody(s.Account.NewTOTPSecret))},
		{"POST /api/my-account/mfa-verifications/backup-codes/generate", noBody(http.StatusOK, asCallerNoBody(s.Account.NewBackupCodes))},
		{"GET /api/my-account/mfa-verifications/backup-codes", noBody(http.StatusOK, asCallerNoBody(s.Account.BackupCodes))},
		{"PATCH /api/my-account/mfa-verifications/{verificationId}/name", withBody(http.StatusOK, h.renameMFAVerification)},
		{"DELETE /api/my-account/mfa-verifications/{verificationId}", noBody(http.StatusNoContent, h.deleteMFAVerification)},
		{"GET /api/my-account/mfa-settings", noBody(http.StatusOK, asCallerNoBody(s.Account.MFASettings))},
		{"PATCH /api/my-account/mfa-settings", withBody(http.StatusOK, asCaller(s.Account.UpdateMFASettings))},
		{"GET /api/my-account/logto-configs", noBody(http.StatusOK, asCallerNoBody(s.Account.LogtoConfigs))},
		{"PATCH /api/my-account/logto-configs", withBody(http.StatusOK, asCaller(s.Account.UpdateLogtoConfigs))},
		// Mounted only with a session provider (a nil serve is left out).
		{"GET /api/my-account/sessions", h.ifSessions(noBody(http.StatusOK, asCallerNoBody(s.Account.Sessions)))},
		{"DELETE /api/my-account/sessions/{sessionId}", h.ifSessions(noBody(http.StatusNoContent, h.revokeSession))},
		{"GET /api/my-account/grants", h.ifSessions(noBody(http.StatusOK, h.listGrants))},
		{"DELETE /api/my-account/grants/{grantId}", h.ifSessions(noBody(http.StatusNoContent, h.revokeGrant))},
		// Streams its multipart body instead of decoding JSON.
		{"POST /api/my-account/user-assets/avatar", noBody(http.StatusOK, h.uploadAvatar)},

		{"POST /api/verifications/password", withBody(http.StatusCreated, asCaller(s.Account.VerifyPassword))},
		{"POST /api/verifications/verification-code", withBody(http.StatusCreated, asCaller(s.Account.SendCode))},
		{"POST /api/verifications/verification-code/verify", withBody(http.StatusOK, asCaller(s.Account.VerifyCode))},
		{"POST /api/verifications/social", withBody(http.StatusCreated, asCaller(s.Account.StartSocialVerification))},
		{"POST /api/verifications/social/verify", withBody(http.StatusOK, asCaller(s.Account.VerifySocial))},
		{"POST /api/verifications/web-authn/registration", noBody(http.StatusOK, asCallerNoBody(s.Account.StartWebAuthnRegistration))},
		{"POST /api/verifications/web-authn/registration/verify", withBody(http.StatusOK, asCaller(s.Account.VerifyWebAuthnRegistration))},
	}
}

// asCaller adapts an end-user use case that takes an input.
func asCaller[In, Out any](useCase func(context.Context, myaccount.Caller, In) (Out, error)) func(*call, In) (Out, error) {
	return func(c *call, in In) (Out, error) { return useCase(c.r.Context(), c.caller, in) }
}

// asCallerNoBody adapts an end-user use case that takes no input.
func asCallerNoBody[Out any](useCase func(context.Context, myaccount.Caller) (Out, error)) func(*call) (Out, error) {
	return func(c *call) (Out, error) { return useCase(c.r.Context(), c.caller) }
}

// asCallerNoAnswer adapts an end-user use case that takes an input and
// returns only an error.
func asCallerNoAnswer[In any](useCase func(context.Context, myaccount.Caller, In) error) func(*call, In) (none, error) {
	return func(c *call, in In) (none, error) { return none{}, useCase(c.r.Context(), c.caller, in) }
}

// asCallerNoBodyNoAnswer adapts an end-user use case that takes no input
// and returns only an error.
func asCallerNoBodyNoAnswer(useCase func(context.Context, myaccount.Caller) error) func(*call) (none, error) {
	return func(c *call) (none, error) { return none{}, useCase(c.r.Context(), c.caller) }
}
