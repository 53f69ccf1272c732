package httpadapter

import (
	"github.com/myaccount-go/myaccount"
)

// The identity routes with a path parameter.

func (h *Handler) deleteIdentity(c *call) (none, error) {
	return none{}, h.svc.Account.UnlinkIdentity(c.r.Context(), c.caller, c.r.PathValue("target"))
}

func (h *Handler) getIdentityAccessToken(c *call) (*myaccount.AccessToken, error) {
	return h.svc.Account.IdentityToken(c.r.Context(), c.caller, c.r.PathValue("target"))
}

func (h *Handler) updateIdentityAccessToken(c *call, in myaccount.UpdateAccessTokenInput) (*myaccount.AccessToken, error) {
	return h.svc.Account.ReplaceIdentityToken(c.r.Context(), c.caller, c.r.PathValue("target"), in)
}
