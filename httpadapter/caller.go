package httpadapter

import (
	"net/http"

	"github.com/myaccount-go/myaccount"
)

// callerOf is the facts of a request that every route's rules read: the
// relying party of the WebAuthn ceremonies (origin, host), the user agent,
// the language and the client address (the per-client limits). It has no
// principal: the handler that authenticates adds it, and at sign-in nobody
// is signed in yet.
func (o *options) callerOf(r *http.Request) myaccount.Caller {
	return myaccount.Caller{Origin: o.ownOrigin(r), Host: o.ownHost(r), UserAgent: r.UserAgent(), Locale: requestLocale(r), ClientAddr: clientAddrOf(r)}
}
