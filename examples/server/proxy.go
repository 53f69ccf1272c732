package main

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/myaccount-go/myaccount/httpadapter"
)

// parseTrustedProxy reads -trusted-proxy: HEADER=PEER,PEER,... where HEADER
// is the forwarded header to believe (X-Forwarded-For, X-Real-IP or
// Forwarded) and each PEER an address or a CIDR prefix of a proxy that
// sets it, e.g. "X-Forwarded-For=10.0.0.0/8,127.0.0.1".
func parseTrustedProxy(s string) (httpadapter.TrustedProxy, error) {
	header, list, ok := strings.Cut(s, "=")
	header = strings.TrimSpace(header)
	if !ok || header == "" || strings.ContainsAny(header, " \t,:") {
		return httpadapter.TrustedProxy{}, fmt.Errorf("-trusted-proxy %q: want HEADER=PEER[,PEER...], e.g. X-Forwarded-For=10.0.0.0/8,127.0.0.1", s)
	}
	p := httpadapter.TrustedProxy{Header: header}
	for _, peer := range strings.Split(list, ",") {
		peer = strings.TrimSpace(peer)
		if peer == "" {
			continue
		}
		prefix, err := netip.ParsePrefix(peer)
		if err != nil {
			addr, addrErr := netip.ParseAddr(peer)
			if addrErr != nil {
				return httpadapter.TrustedProxy{}, fmt.Errorf("-trusted-proxy: %q is neither an IP address nor a CIDR prefix", peer)
			}
			addr = addr.Unmap()
			prefix = netip.PrefixFrom(addr, addr.BitLen())
		}
		p.Peers = append(p.Peers, prefix.Masked())
	}
	if len(p.Peers) == 0 {
		return httpadapter.TrustedProxy{}, fmt.Errorf("-trusted-proxy %q: name at least one proxy address", s)
	}
	return p, nil
}
