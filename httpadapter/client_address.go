package httpadapter

import (
	"context"
	"net/http"
	"net/netip"
	"strings"
)

// The client's address (myaccount.Caller.ClientAddr), on which the
// per-client limits count: by default the peer of the connection; behind
// a reverse proxy, the address the proxy forwards, believed only from a
// proxy the host names.

// WithClientAddress sets how a request's client address is found (default
// PeerAddress: the connection's peer). Behind a reverse proxy the peer is
// the proxy, so every client would share one address and one limit: give
// TrustedProxy{...}.ClientAddress instead. An address f returns that parses
// as an IP is normalized as PeerAddress normalizes; "" means unknown (the
// per-client limits are then off for the request).
func WithClientAddress(f func(*http.Request) string) Option {
	return func(o *options) { o.clientAddr = f }
}

// PeerAddress is the IP address of the connection's peer (r.RemoteAddr)
// without its port, normalized: IPv6 in its canonical form (RFC 5952) with
// no zone, an IPv4-mapped IPv6 address as IPv4. "" when RemoteAddr holds
// no IP address (say, a Unix socket).
func PeerAddress(r *http.Request) string {
	if ap, err := netip.ParseAddrPort(r.RemoteAddr); err == nil {
		return normalAddr(ap.Addr()).String()
	}
	if a, ok := parseAddr(r.RemoteAddr); ok {
		return a.String()
	}
	return ""
}

// TrustedProxy finds the client address behind reverse proxies the host
// trusts. A forwarded header is believed only when the peer is one of
// Peers; anything else (a client that sends the header itself) gets its
// peer address, so the header cannot be spoofed past the proxy.
//
// Header names the header the proxy sets:
//
//   - "X-Forwarded-For" (or any list header): comma-separated addresses,
//     each proxy appending its own peer. It is read from the right,
//     skipping addresses in Peers (a chain of trusted proxies); the first
//     other address is the client. Addresses further left were written by
//     the client and are never used.
//   - "Forwarded" (RFC 7239): the for= parameter of each element, read the
//     same way; an obfuscated or "unknown" node stops the walk.
//   - "X-Real-IP" (or another single-address header): its value, when the
//     peer is trusted.
//
// When an entry does not parse, the nearest address already passed (a
// trusted proxy) is the answer: the request is limited as the proxy's,
// never as an address of the client's choosing.
type TrustedProxy struct {
	// Header is the forwarded header to believe (case-insensitive).
	Header string
	// Peers are the proxies' addresses (a single address is a /32 or
	// /128 prefix).
	Peers []netip.Prefix
}

// ClientAddress is the client address of r, for WithClientAddress.
func (p TrustedProxy) ClientAddress(r *http.Request) string {
	peer, ok := parseAddr(PeerAddress(r))
	if !ok || !p.trusted(peer) {
		return PeerAddress(r)
	}
	var hops []string
	if strings.EqualFold(p.Header, "Forwarded") {
		hops = forwardedFor(r.Header.Values("Forwarded"))
	} else {
		for _, v := range r.Header.Values(p.Header) {
			hops = append(hops, strings.Split(v, ",")...)
		}
	}
	client := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := parseHop(hops[i])
		if !ok {
			break
		}
		client = a
		if !p.trusted(a) {
			break
		}
	}
	return client.String()
}

func (p TrustedProxy) trusted(a netip.Addr) bool {
	for _, pfx := range p.Peers {
		if pfx.Contains(a) {
			return true
		}
	}
	return false
}

// forwardedFor lists the for= values of RFC 7239 Forwarded headers, in
// order; an element without for= gives "" (which stops the walk).
func forwardedFor(values []string) []string {
	var hops []string
	for _, v := range values {
		for _, element := range strings.Split(v, ",") {
			hop := ""
			for _, pair := range strings.Split(element, ";") {
				name, value, _ := strings.Cut(strings.TrimSpace(pair), "=")
				if strings.EqualFold(name, "for") {
					hop = strings.Trim(value, `"`)
				}
			}
			hops = append(hops, hop)
		}
	}
	return hops
}

// parseHop reads one forwarded address: an IP, an IP with a port, or a
// bracketed IPv6 address with or without a port (Forwarded's form).
func parseHop(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return normalAddr(ap.Addr()), true
	}
	return parseAddr(strings.TrimSuffix(strings.TrimPrefix(s, "["), "]"))
}

// parseAddr parses a bare IP address, normalized.
func parseAddr(s string) (netip.Addr, bool) {
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Addr{}, false
	}
	return normalAddr(a), true
}

// normalAddr is the one form of an address: an IPv4-mapped IPv6 address
// as IPv4, no zone, so one client cannot count as several.
func normalAddr(a netip.Addr) netip.Addr { return a.Unmap().WithZone("") }

// clientAddrKey holds the client address a handler's WithClientAddress
// found, for callerOf.
type clientAddrKey struct{}

// withClientAddress resolves r's client address once, when the host gave
// a way to find it (the default needs no work: clientAddrOf reads the
// peer).
func (o *options) withClientAddress(r *http.Request) *http.Request {
	if o.clientAddr == nil {
		return r
	}
	addr := o.clientAddr(r)
	if a, ok := parseAddr(addr); ok {
		addr = a.String()
	}
	return r.WithContext(context.WithValue(r.Context(), clientAddrKey{}, addr))
}

// clientAddrOf is r's client address: the one withClientAddress found, or
// the peer's.
func clientAddrOf(r *http.Request) string {
	if addr, ok := r.Context().Value(clientAddrKey{}).(string); ok {
		return addr
	}
	return PeerAddress(r)
}
