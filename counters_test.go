package myaccount

import "testing"

// Keys of different pools or subjects never collide, whatever the value:
// the input of one kind cannot spell another's key.
func TestCounterKeysDoNotCollide(t *testing.T) {
	const id = "u1"
	keys := map[string]counterKey{}
	for _, k := range []counterKey{
		{poolCredential, subjectUser, id},
		{poolCredential, subjectUsername, id},
		{poolCredential, subjectUsername, "totp:" + id},
		{poolCredential, subjectUsername, "backup-code:" + id},
		{poolTOTP, subjectUser, id},
		{poolBackupCode, subjectUser, id},
		{poolClientFailures, subjectClient, id},
		{poolSend, subjectUser, id},
		{poolSend, subjectEmail, id},
		{poolSend, subjectPhone, id},
	} {
		s := k.String()
		if prev, ok := keys[s]; ok {
			t.Fatalf("%+v and %+v share the key %q", prev, k, s)
		}
		keys[s] = k
	}
}

// A client is counted by its address, an IPv6 client by its /64, so one
// subscriber cannot step through its addresses.
func TestClientCounterValue(t *testing.T) {
	for in, want := range map[string]string{
		"192.0.2.1":            "192.0.2.1",
		"::ffff:192.0.2.1":     "192.0.2.1",
		"2001:db8:1:2:3:4:5:6": "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff::1": "2001:db8:1:2::/64",
		"fe80::1%eth0":         "fe80::/64",
		"not an address":       "not an address",
	} {
		if got := clientCounterValue(in); got != want {
			t.Errorf("clientCounterValue(%q) = %q, want %q", in, got, want)
		}
	}
}
