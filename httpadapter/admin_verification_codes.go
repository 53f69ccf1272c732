package httpadapter

import (
	"net/http"

	"github.com/myaccount-go/myaccount"
)

// The Management API's verification codes (Logto's POST
// /api/verification-codes and .../verify). Mount the AdminHandler at
// "/api/verification-codes" and "/api/verification-codes/" too. The send
// counts on the client address WithClientAddress finds (by default the
// peer: for a Management API called by the host's own server, that
// server); see Admin.SendVerificationCode.

func (h *AdminHandler) verificationCodeRoutes() []route {
	s := h.svc
	return []route{
		{"POST /api/verification-codes", withBody(http.StatusNoContent, func(c *call, in myaccount.VerificationCodeInput) (any, error) {
			return nil, s.Admin.SendVerificationCode(c.r.Context(), in, clientAddrOf(c.r))
		})},
		{"POST /api/verification-codes/verify", withBody(http.StatusNoContent, func(c *call, in myaccount.VerifyVerificationCodeInput) (any, error) {
			return nil, s.Admin.VerifyVerificationCode(c.r.Context(), in)
		})},
	}
}
