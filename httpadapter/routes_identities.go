package httpadapter

import (
	"net/http"

	"github.com/myaccount-go/myaccount"
)

// The identity routes with a path parameter.

func (h *Handler) deleteIdentity(c *call) (answer, error) {
	err := h.svc.Account.UnlinkIdentity(c.r.Context(), c.caller, c.r.PathValue("target"))
	return reply(http.StatusNoContent, nil, err)
}

func (h *Handler) getIdentityAccessToken(c *call) (answer, error) {
	t, err := h.svc.Account.IdentityToken(c.r.Context(), c.caller, c.r.PathValue("target"))
	return reply(http.StatusOK, t, err)
}

func (h *Handler) updateIdentityAccessToken(c *call) (answer, error) {
	var in myaccount.UpdateAccessTokenInput
	if err := h.decode(c, &in); err != nil {
		return answer{}, err
	}
	t, err := h.svc.Account.ReplaceIdentityToken(c.r.Context(), c.caller, c.r.PathValue("target"), in)
	return reply(http.StatusOK, t, err)
}
