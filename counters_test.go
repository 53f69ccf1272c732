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
