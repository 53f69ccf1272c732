package httpadapter

import (
	"net/http"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/internal/adapter"
)

// The user's app connections (Logto's /api/users/:userId/grants). Like the
// Account API's grants routes, they exist only when the service has a
// SessionProvider: otherwise they are not mounted and answer 404 like any
// unknown path.

func (h *AdminHandler) grantRoutes() []route {
	routes := []route{
		{"GET /api/users/{userId}/grants", noBody(http.StatusOK, h.listUserGrants)},
		{"DELETE /api/users/{userId}/grants/{grantId}", noBody(http.StatusNoContent, func(c *call) (any, error) {
			return nil, h.svc.Admin.RevokeUserGrant(c.r.Context(), c.r.PathValue("userId"), c.r.PathValue("grantId"))
		})},
	}
	if !adapter.HasSessionProvider(h.svc.Account) {
		for i := range routes {
			routes[i].serve = nil
		}
	}
	return routes
}

func (h *AdminHandler) listUserGrants(c *call) (*myaccount.GrantsView, error) {
	appType := c.query("appType")
	if c.caller.RequestError != nil {
		return nil, c.caller.RequestError
	}
	return h.svc.Admin.UserGrants(c.r.Context(), c.r.PathValue("userId"), myaccount.ListGrantsInput{AppType: myaccount.AppType(appType)})
}
