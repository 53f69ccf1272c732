package httpadapter_test

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/myaccount-go/myaccount/httpadapter"
)

// Issue 14 item 3: the client address the per-client limits count on is
// the peer's, normalized, unless the peer is a proxy the host trusts; a
// forwarded header from anyone else is ignored, and the part of a trusted
// header the client wrote is never believed.
func TestClientAddress(t *testing.T) {
	proxies := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("fd00::/8")}
	xff := httpadapter.TrustedProxy{Header: "X-Forwarded-For", Peers: proxies}
	realIP := httpadapter.TrustedProxy{Header: "X-Real-IP", Peers: proxies}
	forwarded := httpadapter.TrustedProxy{Header: "Forwarded", Peers: proxies}
	tests := []struct {
		name    string
		resolve func(*http.Request) string
		remote  string
		header  map[string][]string
		want    string
	}{
		{"peer IPv4", httpadapter.PeerAddress, "203.0.113.7:4711", nil, "203.0.113.7"},
		{"peer IPv6 in canonical form", httpadapter.PeerAddress, "[2001:DB8:0:0::1]:4711", nil, "2001:db8::1"},
		{"peer IPv4-mapped IPv6 as IPv4", httpadapter.PeerAddress, "[::ffff:203.0.113.7]:4711", nil, "203.0.113.7"},
		{"peer with a zone", httpadapter.PeerAddress, "[fe80::1%eth0]:4711", nil, "fe80::1"},
		{"peer without a port", httpadapter.PeerAddress, "203.0.113.7", nil, "203.0.113.7"},
		{"no IP (a Unix socket)", httpadapter.PeerAddress, "@", nil, ""},
		{"the default ignores forwarded headers", httpadapter.PeerAddress, "203.0.113.7:1", map[string][]string{"X-Forwarded-For": {"198.51.100.1"}}, "203.0.113.7"},

		{"X-Forwarded-For from a trusted proxy", xff.ClientAddress, "10.0.0.2:1", map[string][]string{"X-Forwarded-For": {"198.51.100.1"}}, "198.51.100.1"},
		{"X-Forwarded-For spoofed by an untrusted peer", xff.ClientAddress, "203.0.113.7:1", map[string][]string{"X-Forwarded-For": {"198.51.100.1"}}, "203.0.113.7"},
		{"X-Forwarded-For: the client's own entries on the left are ignored", xff.ClientAddress, "10.0.0.2:1", map[string][]string{"X-Forwarded-For": {"1.1.1.1, 2.2.2.2, 198.51.100.1"}}, "198.51.100.1"},
		{"X-Forwarded-For: a chain of trusted proxies is skipped", xff.ClientAddress, "127.0.0.1:1", map[string][]string{"X-Forwarded-For": {"1.1.1.1, 198.51.100.1, 10.1.1.1", "10.2.2.2"}}, "198.51.100.1"},
		{"X-Forwarded-For: a garbage entry stops at the nearest proxy", xff.ClientAddress, "10.0.0.2:1", map[string][]string{"X-Forwarded-For": {"198.51.100.1, not-an-ip, 10.9.9.9"}}, "10.9.9.9"},
		{"X-Forwarded-For: entries with ports and IPv6", xff.ClientAddress, "[fd00::1]:1", map[string][]string{"X-Forwarded-For": {"[2001:db8::0:1]:80"}}, "2001:db8::1"},
		{"X-Forwarded-For: a mapped address is one client", xff.ClientAddress, "10.0.0.2:1", map[string][]string{"X-Forwarded-For": {"::ffff:198.51.100.1"}}, "198.51.100.1"},
		{"X-Forwarded-For absent: the proxy itself", xff.ClientAddress, "10.0.0.2:1", nil, "10.0.0.2"},
		{"X-Forwarded-For: everyone trusted gives the leftmost", xff.ClientAddress, "10.0.0.2:1", map[string][]string{"X-Forwarded-For": {"10.3.3.3, 10.4.4.4"}}, "10.3.3.3"},

		{"X-Real-IP from a trusted proxy", realIP.ClientAddress, "10.0.0.2:1", map[string][]string{"X-Real-Ip": {"198.51.100.1"}}, "198.51.100.1"},
		{"X-Real-IP spoofed by an untrusted peer", realIP.ClientAddress, "203.0.113.7:1", map[string][]string{"X-Real-Ip": {"198.51.100.1"}}, "203.0.113.7"},
		{"X-Real-IP: a spoofed X-Forwarded-For is not the header believed", realIP.ClientAddress, "10.0.0.2:1", map[string][]string{"X-Real-Ip": {"198.51.100.1"}, "X-Forwarded-For": {"1.1.1.1"}}, "198.51.100.1"},

		{"Forwarded from a trusted proxy", forwarded.ClientAddress, "10.0.0.2:1", map[string][]string{"Forwarded": {`for=198.51.100.1;proto=https;by=10.0.0.2`}}, "198.51.100.1"},
		{"Forwarded: quoted IPv6 with a port", forwarded.ClientAddress, "10.0.0.2:1", map[string][]string{"Forwarded": {`for="[2001:db8:cafe::17]:4711"`}}, "2001:db8:cafe::17"},
		{"Forwarded: the client's own elements are ignored", forwarded.ClientAddress, "10.0.0.2:1", map[string][]string{"Forwarded": {`for=1.1.1.1, For=198.51.100.1`, `for=10.5.5.5`}}, "198.51.100.1"},
		{"Forwarded: an obfuscated node stops at the nearest proxy", forwarded.ClientAddress, "10.0.0.2:1", map[string][]string{"Forwarded": {`for=1.1.1.1, for=_hidden, for=10.5.5.5`}}, "10.5.5.5"},
		{"Forwarded spoofed by an untrusted peer", forwarded.ClientAddress, "203.0.113.7:1", map[string][]string{"Forwarded": {`for=198.51.100.1`}}, "203.0.113.7"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/api/my-account", nil)
			r.RemoteAddr = tc.remote
			for k, vs := range tc.header {
				for _, v := range vs {
					r.Header.Add(k, v)
				}
			}
			if got := tc.resolve(r); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
