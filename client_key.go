package myaccount

import "net/netip"

// clientKey is the form of a client address (Caller.ClientAddr) that the
// per-client limits count on. An IPv4 address counts by itself (an IPv4
// address mapped into IPv6 is the IPv4 address); an IPv6 address counts by
// its /64, the smallest prefix a site is given, so a client cannot step
// around a limit by rotating addresses within its own network. A value
// that is not an IP address counts as given.
func clientKey(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return addr
	}
	ip = ip.Unmap().WithZone("")
	if ip.Is4() {
		return ip.String()
	}
	return netip.PrefixFrom(ip, 64).Masked().String()
}
