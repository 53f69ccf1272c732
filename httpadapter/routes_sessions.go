package httpadapter

import (
	"net/url"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/internal/adapter"
)

// The sessions and grants routes. They exist only when
// the service has a SessionProvider: ifSessions leaves them out of the mux
// otherwise, so they answer 404 like any unknown path.

// ifSessions is serve when the service has a session provider, else nil
// (not mounted).
func (h *Handler) ifSessions(serve func(*call) (answer, error)) func(*call) (answer, error) {
	if !adapter.HasSessionProvider(h.svc.Account) {
		return nil
	}
	return serve
}

func (h *Handler) revokeSession(c *call) (none, error) {
	in := myaccount.RevokeSessionInput{RevokeGrantsTarget: myaccount.RevokeGrantsTarget(c.query("revokeGrantsTarget"))}
	return none{}, h.svc.Account.RevokeSession(c.r.Context(), c.caller, c.r.PathValue("sessionId"), in)
}

func (h *Handler) listGrants(c *call) (*myaccount.GrantsView, error) {
	in := myaccount.ListGrantsInput{AppType: myaccount.AppType(c.query("appType"))}
	return h.svc.Account.Grants(c.r.Context(), c.caller, in)
}

func (h *Handler) revokeGrant(c *call) (none, error) {
	return none{}, h.svc.Account.RevokeGrant(c.r.Context(), c.caller, c.r.PathValue("grantId"))
}

// query returns the optional query parameter name: "" when absent. A
// query that does not parse, a repeated parameter or an empty value is
// guard.invalid_input (the original's enums refuse all three), the call's
// RequestError, which the use case answers after its gate. The use case
// checks the value itself.
func (c *call) query(name string) string {
	q, err := url.ParseQuery(c.r.URL.RawQuery)
	if err != nil {
		c.refuse(errInvalidInput)
		return ""
	}
	values, ok := q[name]
	if !ok {
		return ""
	}
	if len(values) != 1 || values[0] == "" {
		c.refuse(errInvalidInput)
		return ""
	}
	return values[0]
}
