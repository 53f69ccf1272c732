package httpadapter

import (
	"net/http"

	"github.com/myaccount-go/myaccount"
)

// The two MFA routes with a path parameter.

func (h *Handler) renameMFAVerification(c *call) (answer, error) {
	var in myaccount.RenameMFAInput
	if err := h.decode(c, &in); err != nil {
		return answer{}, err
	}
	v, err := h.svc.Account.RenameMFAFactor(c.r.Context(), c.caller, c.r.PathValue("verificationId"), in)
	return reply(http.StatusOK, v, err)
}

func (h *Handler) deleteMFAVerification(c *call) (answer, error) {
	err := h.svc.Account.RemoveMFAFactor(c.r.Context(), c.caller, c.r.PathValue("verificationId"))
	return reply(http.StatusNoContent, nil, err)
}
