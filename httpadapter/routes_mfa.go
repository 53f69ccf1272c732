package httpadapter

import (
	"github.com/myaccount-go/myaccount"
)

// The two MFA routes with a path parameter.

func (h *Handler) renameMFAVerification(c *call, in myaccount.RenameMFAInput) (*myaccount.FactorView, error) {
	return h.svc.Account.RenameMFAFactor(c.r.Context(), c.caller, c.r.PathValue("verificationId"), in)
}

func (h *Handler) deleteMFAVerification(c *call) (none, error) {
	return none{}, h.svc.Account.RemoveMFAFactor(c.r.Context(), c.caller, c.r.PathValue("verificationId"))
}
