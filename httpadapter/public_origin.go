package httpadapter

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// WithPublicOrigin names the server's own origin as clients reach it,
// scheme://host[:port], for a server behind a proxy or a TLS terminator,
// where a request's scheme and Host are the proxy's hop, not what the
// browser sees. It is then the WebAuthn relying party of every route
// (the RP ID its host name, the expected origin itself, beside the account
// center's webauthnRelatedOrigins) and the own origin that CORS allows,
// instead of the request's. It panics when origin is not
// scheme://host[:port] with scheme http or https: a mistyped origin would
// quietly fail every passkey ceremony.
func WithPublicOrigin(origin string) Option {
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		strings.TrimSuffix(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		panic(fmt.Sprintf("httpadapter.WithPublicOrigin: %q is not scheme://host[:port]", origin))
	}
	public := &publicOrigin{origin: u.Scheme + "://" + strings.ToLower(u.Host), host: strings.ToLower(u.Hostname())}
	return func(o *options) { o.public = public }
}

// publicOrigin is what WithPublicOrigin configures.
type publicOrigin struct {
	origin string // scheme://host[:port]
	host   string // the host name, no port: the RP ID
}

// ownOrigin is the server's origin for r: the public one when configured,
// else the request's scheme and Host.
func (o *options) ownOrigin(r *http.Request) string {
	if o.public != nil {
		return o.public.origin
	}
	return requestOrigin(r)
}

// ownHost is the server's host name for r, without the port.
func (o *options) ownHost(r *http.Request) string {
	if o.public != nil {
		return o.public.host
	}
	return requestHost(r)
}
