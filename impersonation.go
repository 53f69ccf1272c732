package myaccount

import (
	"net/http"

	"github.com/myaccount-go/myaccount/account"
)

// What an impersonated session (Principal.Impersonated) may do: read the
// account, its sessions, grants, MFA factors and settings, and change the
// profile (name, avatar, profile, custom data, logto configs). It may not
// change what proves the user is the user: the password, the username,
// email and phone, the social identities and their tokens, MFA factors,
// backup codes and MFA settings; it may not make verification records, end
// the user's sessions or delete the account. Each of those use cases
// calls refuseImpersonated right after its gate, so a suspended user or a
// disabled account center answers as for anyone.

// ErrImpersonated refuses an impersonated session a route it may not use:
// 403 auth.forbidden.
var ErrImpersonated = account.NewError(http.StatusForbidden, account.CodeForbidden).
	WithData(map[string]any{"details": "An impersonated session may not change credentials, identifiers or MFA factors."})

// refuseImpersonated is ErrImpersonated for an impersonated caller.
func refuseImpersonated(c Caller) error {
	if c.Impersonated {
		return ErrImpersonated
	}
	return nil
}

// actor is the administrator client an event of c's records.
func (c Caller) actor() string { return c.ActorClientID }
