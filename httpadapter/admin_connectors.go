package httpadapter

import (
	"net/http"

	"github.com/myaccount-go/myaccount"
)

// The administrator's connector routes (Logto's Management API under
// /api/connectors). Mount the AdminHandler at "/api/connectors/" too to
// serve them.

func (h *AdminHandler) connectorRoutes() []route {
	s := h.svc
	return []route{
		{"POST /api/connectors/{connectorId}/authorization-uri", withBody(http.StatusOK, func(c *call, in myaccount.AuthorizationURIInput) (any, error) {
			return s.Admin.ConnectorAuthorizationURI(c.r.Context(), c.r.PathValue("connectorId"), in)
		})},
	}
}
