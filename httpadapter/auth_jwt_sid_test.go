package httpadapter

import "testing"

// A string sid claim names the token's session (Principal.SessionID); a
// token without one, or with a non-string one, is not session-backed.
func TestJWTVerifierSessionID(t *testing.T) {
	t.Parallel()
	keys := testKeys()
	srv := newJWKSServer(t, keys.rsa1)
	v := newTestJWTVerifier(t, srv, nil)
	for _, c := range []struct {
		name string
		sid  any
		want string
	}{
		{"sid claim", "session-uid-1", "session-uid-1"},
		{"no sid claim", nil, ""},
		{"a non-string sid", 42, ""},
	} {
		claims := validClaims()
		if c.sid != nil {
			claims = with(claims, "sid", c.sid)
		}
		p, err := authenticate(v, keys.rsa1.sign(t, claims))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if p.SessionID != c.want {
			t.Errorf("%s: SessionID %q, want %q", c.name, p.SessionID, c.want)
		}
	}
}
