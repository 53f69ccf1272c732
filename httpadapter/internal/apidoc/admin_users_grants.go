package apidoc

import (
	"net/http"

	"github.com/myaccount-go/myaccount/account"
)

// The user's app connections for an administrator (Logto's
// /api/users/{userId}/grants): mounted only with a session provider.
func userGrantRoutes() []route {
	const noProvider = "the app configured no session provider (Config.Sessions)"
	return []route{
		{
			method: "GET", path: "/api/users/{userId}/grants", id: "listUserGrants", tag: tagUsers,
			summary: "List a user's application grants",
			about:   "The user's grants that have not expired, as the session provider lists them. As in Logto, an unknown user has none (200, an empty list).",
			auth:    admin,
			params: []param{{name: "appType", description: "Keep the grants of first-party or third-party applications only. Absent: all.",
				schema: enum("firstParty", "thirdParty")}},
			status: http.StatusOK, okDesc: "The grants.", result: ref("Grants"),
			fails:     []fail{failing(http.StatusBadRequest, account.CodeGuardInvalidInput)},
			unmounted: noProvider,
		},
		{
			method: "DELETE", path: "/api/users/{userId}/grants/{grantId}", id: "revokeUserGrant", tag: tagUsers,
			summary: "Revoke a user's application grant",
			about: "Revokes the grant with every token issued under it. A grant that does not exist or is another user's is 404; " +
				"an expired one is left alone and answers 204, as in Logto.",
			auth: admin, status: http.StatusNoContent, okDesc: "Revoked, or already expired.",
			fails:     []fail{failing(http.StatusNotFound, account.CodeInvalidGrant)},
			unmounted: noProvider,
		},
	}
}
