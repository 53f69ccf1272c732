package mfa_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/descope/virtualwebauthn"
	"github.com/go-webauthn/webauthn/protocol/webauthncbor"
	"github.com/go-webauthn/webauthn/webauthn"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/mfa"
)

// A relying party as the use case builds it from a request, and the same
// party as the virtual browser sees it.
type party struct {
	rp  mfa.RelyingParty
	vrp virtualwebauthn.RelyingParty
}

var (
	exampleCom = party{
		rp:  mfa.RelyingParty{ID: "example.com", Origins: []string{"https://example.com", "https://accounts.example.net"}},
		vrp: virtualwebauthn.RelyingParty{ID: "example.com", Name: "example.com", Origin: "https://example.com"},
	}
	localhost = party{
		rp:  mfa.RelyingParty{ID: "localhost", Origins: []string{"http://localhost:3001"}},
		vrp: virtualwebauthn.RelyingParty{ID: "localhost", Name: "localhost", Origin: "http://localhost:3001"},
	}
)

// newCredential is virtualwebauthn.NewCredential, minus a flake: it writes
// an EC2 key's coordinates without their leading zero bytes (big.Int.Bytes),
// which go-webauthn v0.18 rightly refuses ("EC2 key x or y coordinate has
// invalid length") for about one key in 128. Real authenticators always
// send 32 bytes, so EC2 test keys are drawn until both are full length.
func newCredential(keyType virtualwebauthn.KeyType) virtualwebauthn.Credential {
	if keyType != virtualwebauthn.KeyTypeEC2 {
		return virtualwebauthn.NewCredential(keyType)
	}
	for {
		k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			panic(err)
		}
		point, err := k.PublicKey.Bytes() // 0x04 || X || Y, 32 bytes each
		if err != nil {
			panic(err)
		}
		if point[1] == 0 || point[33] == 0 {
			continue
		}
		der, err := x509.MarshalPKCS8PrivateKey(k)
		if err != nil {
			panic(err)
		}
		return virtualwebauthn.NewCredentialWithImportedKey(keyType, der)
	}
}

func newUser(id string) mfa.WebAuthnUser {
	return mfa.WebAuthnUser{ID: id, Name: id + "@example.com", DisplayName: "User " + id}
}

// jsonEdit decodes a JSON object, lets edit change it, and encodes it again.
func jsonEdit(t *testing.T, raw []byte, edit func(m map[string]any)) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	out, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func b64(s any) []byte {
	b, err := base64.RawURLEncoding.DecodeString(s.(string))
	if err != nil {
		panic(err)
	}
	return b
}

func enc(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// browserLike makes virtualwebauthn's response look like a browser's
// RegistrationResponseJSON as Logto's body carries it: the "WebAuthn" type,
// transports, attachment, algorithm, authenticator data and extension
// results.
func browserLike(t *testing.T, resp string) []byte {
	t.Helper()
	return jsonEdit(t, []byte(resp), func(m map[string]any) {
		m["type"] = "WebAuthn"
		m["authenticatorAttachment"] = "platform"
		m["clientExtensionResults"] = map[string]any{"credProps": map[string]any{"rk": true}}
		r := m["response"].(map[string]any)
		var att map[string]any
		if err := webauthncbor.Unmarshal(b64(r["attestationObject"]), &att); err != nil {
			t.Fatal(err)
		}
		r["authenticatorData"] = enc(att["authData"].([]byte))
		r["transports"] = []string{"internal", "hybrid"}
		r["publicKeyAlgorithm"] = -7
	})
}

// register runs a whole registration of cred on auth for u and returns
// the stored passkey.
func register(t *testing.T, p party, u mfa.WebAuthnUser, auth virtualwebauthn.Authenticator, cred virtualwebauthn.Credential) *mfa.WebAuthnCredential {
	t.Helper()
	options, session, err := mfa.BeginRegistration(p.rp, u)
	if err != nil {
		t.Fatal(err)
	}
	resp := attest(t, p.vrp, auth, cred, options)
	c, err := mfa.FinishRegistration(p.rp, u, session, resp, "Test/1.0")
	if err != nil {
		t.Fatalf("FinishRegistration: %v", err)
	}
	return c
}

func attest(t *testing.T, vrp virtualwebauthn.RelyingParty, auth virtualwebauthn.Authenticator, cred virtualwebauthn.Credential, options []byte) []byte {
	t.Helper()
	opts, err := virtualwebauthn.ParseAttestationOptions(string(options))
	if err != nil {
		t.Fatal(err)
	}
	return []byte(virtualwebauthn.CreateAttestationResponse(vrp, auth, cred, *opts))
}

func assertion(t *testing.T, vrp virtualwebauthn.RelyingParty, auth virtualwebauthn.Authenticator, cred virtualwebauthn.Credential, options []byte) []byte {
	t.Helper()
	opts, err := virtualwebauthn.ParseAssertionOptions(string(options))
	if err != nil {
		t.Fatal(err)
	}
	return []byte(virtualwebauthn.CreateAssertionResponse(vrp, auth, cred, *opts))
}

func wantVerificationError(t *testing.T, err error, contains string) {
	t.Helper()
	if err == nil {
		t.Fatal("verification succeeded; want ErrWebAuthnVerification")
	}
	if !errors.Is(err, mfa.ErrWebAuthnVerification) {
		t.Fatalf("error %v does not wrap ErrWebAuthnVerification", err)
	}
	if !strings.Contains(err.Error(), contains) {
		t.Fatalf("error %q does not say %q", err, contains)
	}
}

func TestBeginRegistrationOptions(t *testing.T) {
	t.Parallel()
	u := newUser("u1")
	options, session, err := mfa.BeginRegistration(exampleCom.rp, u)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		RP   map[string]any `json:"rp"`
		User struct {
			ID, Name, DisplayName string
		} `json:"user"`
		Challenge              string
		PubKeyCredParams       []map[string]any
		Timeout                float64
		ExcludeCredentials     []any
		AuthenticatorSelection map[string]any
		Attestation            string
		PublicKey              any `json:"publicKey"`
	}
	var members map[string]json.RawMessage
	if err := json.Unmarshal(options, &got); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(options, &members); err != nil {
		t.Fatal(err)
	}
	if got.PublicKey != nil {
		t.Error("options are wrapped in publicKey")
	}
	if !reflect.DeepEqual(got.RP, map[string]any{"id": "example.com", "name": "example.com"}) {
		t.Errorf("rp = %v", got.RP)
	}
	if got.User.ID != enc([]byte("u1")) || got.User.Name != "u1@example.com" || got.User.DisplayName != "User u1" {
		t.Errorf("user = %+v", got.User)
	}
	if c, err := base64.RawURLEncoding.DecodeString(got.Challenge); err != nil || len(c) < 16 {
		t.Errorf("challenge %q: %d bytes, %v", got.Challenge, len(c), err)
	}
	wantParams := []map[string]any{{"type": "public-key", "alg": -7.0}, {"type": "public-key", "alg": -257.0}}
	if !reflect.DeepEqual(got.PubKeyCredParams, wantParams) {
		t.Errorf("pubKeyCredParams = %v", got.PubKeyCredParams)
	}
	if got.Timeout != 60000 {
		t.Errorf("timeout = %v", got.Timeout)
	}
	if got.ExcludeCredentials == nil || len(got.ExcludeCredentials) != 0 {
		t.Errorf("excludeCredentials = %s, want []", members["excludeCredentials"])
	}
	wantSel := map[string]any{"residentKey": "required", "requireResidentKey": true, "userVerification": "required"}
	if !reflect.DeepEqual(got.AuthenticatorSelection, wantSel) {
		t.Errorf("authenticatorSelection = %v", got.AuthenticatorSelection)
	}
	if got.Attestation != "none" {
		t.Errorf("attestation = %q", got.Attestation)
	}
	if ext := string(members["extensions"]); ext != `{"credProps":true}` {
		t.Errorf("extensions = %s", ext)
	}

	var sd webauthn.SessionData
	if err := json.Unmarshal(session, &sd); err != nil {
		t.Fatal(err)
	}
	if sd.Challenge != got.Challenge || string(sd.UserID) != "u1" || sd.RelyingPartyID != "example.com" || sd.UserVerification != "required" {
		t.Errorf("session = %+v", sd)
	}

	t.Run("the user's credentials are excluded", func(t *testing.T) {
		auth := virtualwebauthn.NewAuthenticator()
		cred := newCredential(virtualwebauthn.KeyTypeEC2)
		u := newUser("u1")
		c := register(t, exampleCom, u, auth, cred)
		c.Transports = []string{"internal", "hybrid"}
		u.Credentials = append(u.Credentials, *c)
		options, _, err := mfa.BeginRegistration(exampleCom.rp, u)
		if err != nil {
			t.Fatal(err)
		}
		opts, err := virtualwebauthn.ParseAttestationOptions(string(options))
		if err != nil {
			t.Fatal(err)
		}
		if !cred.IsExcludedForAttestation(*opts) {
			t.Fatalf("credential not in excludeCredentials: %s", options)
		}
		if !strings.Contains(string(options), `"transports":["internal","hybrid"]`) {
			t.Errorf("excluded credential without its transports: %s", options)
		}
	})
}

func TestBeginRegistrationRefusesBadRelyingParty(t *testing.T) {
	t.Parallel()
	for name, rp := range map[string]mfa.RelyingParty{
		"IP address":    {ID: "127.0.0.1", Origins: []string{"http://127.0.0.1:3001"}},
		"no origins":    {ID: "example.com"},
		"empty origins": {ID: "example.com", Origins: []string{""}},
		"no RP ID":      {Origins: []string{"https://example.com"}},
	} {
		t.Run(name, func(t *testing.T) {
			// The relying party is the request's: its failure is a
			// verification failure (a 400), in every step of a ceremony.
			_, _, err := mfa.BeginRegistration(rp, newUser("u1"))
			wantVerificationError(t, err, "relying party")
			_, _, err = mfa.BeginLogin(rp, nil)
			wantVerificationError(t, err, "relying party")
		})
	}
}

// Issue 14 item 8: options made on one host and verified on another that
// cannot be a relying party (an IP address) fail verification: the client's
// doing, not the server's.
func TestFinishRefusesBadRelyingParty(t *testing.T) {
	t.Parallel()
	p := localhost
	ip := mfa.RelyingParty{ID: "127.0.0.1", Origins: []string{"http://127.0.0.1:3001"}}
	u := newUser("u1")
	auth := virtualwebauthn.NewAuthenticatorWithOptions(virtualwebauthn.AuthenticatorOptions{UserHandle: []byte(u.ID)})
	cred := newCredential(virtualwebauthn.KeyTypeRSA)
	options, session, err := mfa.BeginRegistration(p.rp, u)
	if err != nil {
		t.Fatal(err)
	}
	_, err = mfa.FinishRegistration(ip, u, session, attest(t, p.vrp, auth, cred, options), "agent")
	wantVerificationError(t, err, "IP address")

	s := signUp(t, p, "u2", virtualwebauthn.KeyTypeRSA, virtualwebauthn.AuthenticatorOptions{})
	options, session, err = mfa.BeginLogin(p.rp, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = mfa.FinishLogin(ip, session, assertion(t, p.vrp, s.auth, s.cred, options), only(&s.user))
	wantVerificationError(t, err, "IP address")
}

func TestFinishRegistration(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		p       party
		keyType virtualwebauthn.KeyType
	}{
		{"ES256 on example.com", exampleCom, virtualwebauthn.KeyTypeEC2},
		{"ES256 on localhost", localhost, virtualwebauthn.KeyTypeEC2},
		{"RS256 on example.com", exampleCom, virtualwebauthn.KeyTypeRSA},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			u := newUser("u1")
			auth := virtualwebauthn.NewAuthenticatorWithOptions(virtualwebauthn.AuthenticatorOptions{BackupEligible: true, BackupState: true})
			cred := newCredential(tc.keyType)
			cred.Counter = 7
			options, session, err := mfa.BeginRegistration(tc.p.rp, u)
			if err != nil {
				t.Fatal(err)
			}
			resp := browserLike(t, string(attest(t, tc.p.vrp, auth, cred, options)))
			c, err := mfa.FinishRegistration(tc.p.rp, u, session, resp, "Test/1.0")
			if err != nil {
				t.Fatal(err)
			}
			var r struct {
				Response struct{ ClientDataJSON, AttestationObject, AuthenticatorData string }
			}
			if err := json.Unmarshal(resp, &r); err != nil {
				t.Fatal(err)
			}
			clientData := b64(r.Response.ClientDataJSON)
			hash := sha256.Sum256(clientData)
			for _, f := range []struct {
				name string
				ok   bool
			}{
				{"CredentialID", bytes.Equal(c.CredentialID, cred.ID)},
				{"PublicKey", len(c.PublicKey) > 0},
				{"AttestationType", c.AttestationType != ""},
				{"AttestationFormat", c.AttestationFormat == "packed"},
				{"Transports", reflect.DeepEqual(c.Transports, []string{"internal", "hybrid"})},
				{"UserPresent", c.UserPresent},
				{"UserVerified", c.UserVerified},
				{"BackupEligible", c.BackupEligible},
				{"BackupState", c.BackupState},
				{"AAGUID", bytes.Equal(c.AAGUID, auth.Aaguid[:])},
				{"SignCount", c.SignCount == 7},
				{"CloneWarning", !c.CloneWarning},
				{"Attachment", c.Attachment == "platform"},
				{"AttestationClientDataJSON", bytes.Equal(c.AttestationClientDataJSON, clientData)},
				{"AttestationClientDataHash", bytes.Equal(c.AttestationClientDataHash, hash[:])},
				{"AttestationAuthenticatorData", len(c.AttestationAuthenticatorData) > 37 && bytes.Equal(c.AttestationAuthenticatorData, b64(r.Response.AuthenticatorData))},
				{"AttestationPublicKeyAlg", c.AttestationPublicKeyAlg == -7},
				{"AttestationObject", bytes.Equal(c.AttestationObject, b64(r.Response.AttestationObject))},
				{"Extensions", string(c.Extensions) == `{"rk":true}`},
				{"RPID", c.RPID == tc.p.rp.ID},
				{"Agent", c.Agent == "Test/1.0"},
				{"Name", c.Name == ""},
			} {
				if !f.ok {
					t.Errorf("%s: got %+v", f.name, c)
				}
			}
		})
	}

	t.Run("a bare virtualwebauthn response (type public-key, nothing optional)", func(t *testing.T) {
		t.Parallel()
		auth := virtualwebauthn.NewAuthenticator()
		c := register(t, exampleCom, newUser("u1"), auth, newCredential(virtualwebauthn.KeyTypeEC2))
		if c.Transports == nil || len(c.Transports) != 0 {
			t.Errorf("Transports = %#v, want empty, not nil", c.Transports)
		}
		if c.BackupEligible || c.BackupState || !c.UserVerified || string(c.Extensions) != "{}" {
			t.Errorf("got %+v", c)
		}
	})
}

func TestFinishRegistrationRejects(t *testing.T) {
	t.Parallel()
	p := exampleCom
	u := newUser("u1")
	auth := virtualwebauthn.NewAuthenticator()
	cred := newCredential(virtualwebauthn.KeyTypeEC2)
	options, session, err := mfa.BeginRegistration(p.rp, u)
	if err != nil {
		t.Fatal(err)
	}
	good := string(attest(t, p.vrp, auth, cred, options))

	for _, tc := range []struct {
		name     string
		vrp      virtualwebauthn.RelyingParty
		auth     virtualwebauthn.AuthenticatorOptions
		user     mfa.WebAuthnUser
		edit     func(m map[string]any)
		contains string
	}{
		{name: "wrong origin", vrp: virtualwebauthn.RelyingParty{ID: "example.com", Origin: "https://evil.example"}, contains: "origin"},
		{name: "origin of another scheme", vrp: virtualwebauthn.RelyingParty{ID: "example.com", Origin: "http://example.com"}, contains: "origin"},
		{name: "wrong RP ID", vrp: virtualwebauthn.RelyingParty{ID: "evil.example", Origin: "https://example.com"}, contains: "RP Hash"},
		{name: "RP ID of a subdomain", vrp: virtualwebauthn.RelyingParty{ID: "a.example.com", Origin: "https://example.com"}, contains: "RP Hash"},
		{name: "user not verified", auth: virtualwebauthn.AuthenticatorOptions{UserNotVerified: true}, contains: "verif"},
		{name: "user not present", auth: virtualwebauthn.AuthenticatorOptions{UserNotPresent: true}, contains: "presence"},
		{name: "backup state without backup eligibility", auth: virtualwebauthn.AuthenticatorOptions{BackupState: true}, contains: "Backup"},
		{name: "session of another user", user: newUser("u2"), contains: "ID mismatch"},
		{name: "unknown type", edit: func(m map[string]any) { m["type"] = "password" }, contains: "Parse error"},
		{name: "id and rawId differ", edit: func(m map[string]any) { m["id"] = enc([]byte("other")) }, contains: "Parse error"},
		{name: "unsolicited client extension output", edit: func(m map[string]any) {
			m["clientExtensionResults"] = map[string]any{"prf": map[string]any{"enabled": true}}
		}, contains: "xtension"},
		{name: "get instead of create", edit: func(m map[string]any) {
			r := m["response"].(map[string]any)
			r["clientDataJSON"] = enc(bytes.Replace(b64(r["clientDataJSON"]), []byte("webauthn.create"), []byte("webauthn.get"), 1))
		}, contains: ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vrp := p.vrp
			if tc.vrp.ID != "" {
				vrp = tc.vrp
			}
			resp := good
			if tc.vrp.ID != "" || !reflect.DeepEqual(tc.auth, virtualwebauthn.AuthenticatorOptions{}) {
				a := virtualwebauthn.NewAuthenticatorWithOptions(tc.auth)
				resp = string(attest(t, vrp, a, cred, options))
			}
			body := []byte(resp)
			if tc.edit != nil {
				body = jsonEdit(t, body, tc.edit)
			}
			user := u
			if tc.user.ID != "" {
				user = tc.user
			}
			_, err := mfa.FinishRegistration(p.rp, user, session, body, "")
			wantVerificationError(t, err, tc.contains)
		})
	}

	t.Run("a related origin is accepted", func(t *testing.T) {
		vrp := p.vrp
		vrp.Origin = "https://accounts.example.net"
		if _, err := mfa.FinishRegistration(p.rp, u, session, attest(t, vrp, auth, cred, options), ""); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("another session's challenge", func(t *testing.T) {
		_, other, err := mfa.BeginRegistration(p.rp, u)
		if err != nil {
			t.Fatal(err)
		}
		_, err = mfa.FinishRegistration(p.rp, u, other, []byte(good), "")
		wantVerificationError(t, err, "challenge")
	})

	t.Run("a credential the user already has", func(t *testing.T) {
		c, err := mfa.FinishRegistration(p.rp, u, session, []byte(good), "")
		if err != nil {
			t.Fatal(err)
		}
		has := u
		has.Credentials = []mfa.WebAuthnCredential{*c}
		_, err = mfa.FinishRegistration(p.rp, has, session, []byte(good), "")
		wantVerificationError(t, err, "already registered")
	})

	t.Run("not JSON", func(t *testing.T) {
		for _, body := range []string{"", "null", "[]", `"x"`, "{"} {
			_, err := mfa.FinishRegistration(p.rp, u, session, []byte(body), "")
			wantVerificationError(t, err, "")
		}
	})

	t.Run("a session that does not decode is the server's error", func(t *testing.T) {
		for _, s := range []string{"", "{}", "not json"} {
			_, err := mfa.FinishRegistration(p.rp, u, []byte(s), []byte(good), "")
			if err == nil || errors.Is(err, mfa.ErrWebAuthnVerification) {
				t.Fatalf("session %q: got %v", s, err)
			}
		}
	})

	// Every single-bit change of the signed material must be caught, by
	// the parser or by the signature.
	for _, member := range []string{"clientDataJSON", "attestationObject"} {
		t.Run("tampered "+member, func(t *testing.T) {
			var m map[string]any
			if err := json.Unmarshal([]byte(good), &m); err != nil {
				t.Fatal(err)
			}
			raw := b64(m["response"].(map[string]any)[member])
			for i := range raw {
				for _, bit := range []byte{0x01, 0x80} {
					flipped := bytes.Clone(raw)
					flipped[i] ^= bit
					body := jsonEdit(t, []byte(good), func(m map[string]any) {
						m["response"].(map[string]any)[member] = enc(flipped)
					})
					if _, err := mfa.FinishRegistration(p.rp, u, session, body, ""); err == nil || !errors.Is(err, mfa.ErrWebAuthnVerification) {
						t.Fatalf("byte %d ^ %#x of %d: got %v", i, bit, len(raw), err)
					}
				}
			}
		})
	}

	t.Run("extra member in clientDataJSON breaks the signature", func(t *testing.T) {
		body := jsonEdit(t, []byte(good), func(m map[string]any) {
			r := m["response"].(map[string]any)
			cd := b64(r["clientDataJSON"])
			r["clientDataJSON"] = enc(append(cd[:len(cd)-1], []byte(`,"x":1}`)...))
		})
		_, err := mfa.FinishRegistration(p.rp, u, session, body, "")
		wantVerificationError(t, err, "")
	})
}

// TestFinishRegistrationDoesNotConsumeTheSession pins a fact of
// go-webauthn: verifying the same response twice against the same session
// succeeds twice. Nothing in this package makes a registration single-use;
// the store's TakeSession (take and delete in one step) does, and nobody
// may rely on go-webauthn for it.
func TestFinishRegistrationDoesNotConsumeTheSession(t *testing.T) {
	t.Parallel()
	u := newUser("u1")
	auth := virtualwebauthn.NewAuthenticator()
	cred := newCredential(virtualwebauthn.KeyTypeEC2)
	options, session, err := mfa.BeginRegistration(exampleCom.rp, u)
	if err != nil {
		t.Fatal(err)
	}
	resp := attest(t, exampleCom.vrp, auth, cred, options)
	for i := range 2 {
		if _, err := mfa.FinishRegistration(exampleCom.rp, u, session, resp, ""); err != nil {
			t.Fatalf("verification %d: %v", i+1, err)
		}
	}
}

// signedUp is a user with one registered passkey, and the virtual
// authenticator holding it.
type signedUp struct {
	user mfa.WebAuthnUser
	auth virtualwebauthn.Authenticator
	cred virtualwebauthn.Credential
}

func signUp(t *testing.T, p party, id string, keyType virtualwebauthn.KeyType, opts virtualwebauthn.AuthenticatorOptions) *signedUp {
	t.Helper()
	s := &signedUp{user: newUser(id), cred: newCredential(keyType)}
	opts.UserHandle = []byte(id)
	s.auth = virtualwebauthn.NewAuthenticatorWithOptions(opts)
	c := register(t, p, s.user, s.auth, s.cred)
	// Keep it as the use case does: as JSON.
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var stored mfa.WebAuthnCredential
	if err := json.Unmarshal(b, &stored); err != nil {
		t.Fatal(err)
	}
	s.user.Credentials = []mfa.WebAuthnCredential{stored}
	s.auth.AddCredential(s.cred)
	return s
}

// findIn is a find function over some users, recording its calls.
func findIn(calls *[][2][]byte, users ...*mfa.WebAuthnUser) func(credentialID, userHandle []byte) (*mfa.WebAuthnUser, error) {
	return func(credentialID, userHandle []byte) (*mfa.WebAuthnUser, error) {
		if calls != nil {
			*calls = append(*calls, [2][]byte{credentialID, userHandle})
		}
		for _, u := range users {
			if u.ID == string(userHandle) {
				return u, nil
			}
		}
		return nil, account.ErrNotFound
	}
}

// only always answers u, as the use case does for a session begun with a
// known user.
func only(u *mfa.WebAuthnUser) func([]byte, []byte) (*mfa.WebAuthnUser, error) {
	return func([]byte, []byte) (*mfa.WebAuthnUser, error) { return u, nil }
}

func TestBeginLoginOptions(t *testing.T) {
	t.Parallel()
	s := signUp(t, exampleCom, "u1", virtualwebauthn.KeyTypeEC2, virtualwebauthn.AuthenticatorOptions{})
	for _, tc := range []struct {
		name  string
		user  *mfa.WebAuthnUser
		allow []string
	}{
		{"known user", &s.user, []string{enc(s.cred.ID)}},
		{"discoverable", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			options, session, err := mfa.BeginLogin(exampleCom.rp, tc.user)
			if err != nil {
				t.Fatal(err)
			}
			var got struct {
				Challenge        string
				Timeout          float64
				RPID             string `json:"rpId"`
				AllowCredentials []struct{ Type, ID string }
				UserVerification string
				PublicKey        any `json:"publicKey"`
			}
			if err := json.Unmarshal(options, &got); err != nil {
				t.Fatal(err)
			}
			var allow []string
			for _, a := range got.AllowCredentials {
				if a.Type != "public-key" {
					t.Errorf("allowCredentials type %q", a.Type)
				}
				allow = append(allow, a.ID)
			}
			if got.PublicKey != nil || got.Timeout != 60000 || got.RPID != "example.com" || got.UserVerification != "required" ||
				!reflect.DeepEqual(allow, tc.allow) || len(b64(got.Challenge)) < 16 {
				t.Errorf("options %s", options)
			}
			var sd webauthn.SessionData
			if err := json.Unmarshal(session, &sd); err != nil {
				t.Fatal(err)
			}
			wantUser := ""
			if tc.user != nil {
				wantUser = tc.user.ID
			}
			if sd.Challenge != got.Challenge || string(sd.UserID) != wantUser {
				t.Errorf("session %s", session)
			}
		})
	}
	t.Run("a user without passkeys", func(t *testing.T) {
		u := newUser("u2")
		if _, _, err := mfa.BeginLogin(exampleCom.rp, &u); err == nil {
			t.Fatal("want an error")
		}
	})
}

func TestFinishLogin(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name    string
		p       party
		keyType virtualwebauthn.KeyType
	}{
		{"ES256", exampleCom, virtualwebauthn.KeyTypeEC2},
		{"ES256 on localhost", localhost, virtualwebauthn.KeyTypeEC2},
		{"RS256", exampleCom, virtualwebauthn.KeyTypeRSA},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := signUp(t, tc.p, "u1", tc.keyType, virtualwebauthn.AuthenticatorOptions{})
			other := signUp(t, tc.p, "u2", tc.keyType, virtualwebauthn.AuthenticatorOptions{})

			t.Run("known user", func(t *testing.T) {
				options, session, err := mfa.BeginLogin(tc.p.rp, &s.user)
				if err != nil {
					t.Fatal(err)
				}
				s.cred.Counter = 1
				var calls [][2][]byte
				res, err := mfa.FinishLogin(tc.p.rp, session, assertion(t, tc.p.vrp, s.auth, s.cred, options), findIn(&calls, &s.user, &other.user))
				if err != nil {
					t.Fatal(err)
				}
				want := &mfa.LoginResult{UserID: "u1", CredentialID: s.cred.ID, SignCount: 1}
				if !reflect.DeepEqual(res, want) {
					t.Fatalf("got %+v, want %+v", res, want)
				}
				if len(calls) != 1 || !bytes.Equal(calls[0][0], s.cred.ID) || string(calls[0][1]) != "u1" {
					t.Fatalf("find called with %q", calls)
				}
			})

			t.Run("discoverable", func(t *testing.T) {
				options, session, err := mfa.BeginLogin(tc.p.rp, nil)
				if err != nil {
					t.Fatal(err)
				}
				other.cred.Counter = 4
				var calls [][2][]byte
				res, err := mfa.FinishLogin(tc.p.rp, session, assertion(t, tc.p.vrp, other.auth, other.cred, options), findIn(&calls, &s.user, &other.user))
				if err != nil {
					t.Fatal(err)
				}
				want := &mfa.LoginResult{UserID: "u2", CredentialID: other.cred.ID, SignCount: 4}
				if !reflect.DeepEqual(res, want) {
					t.Fatalf("got %+v, want %+v", res, want)
				}
				if len(calls) != 1 || !bytes.Equal(calls[0][0], other.cred.ID) || string(calls[0][1]) != "u2" {
					t.Fatalf("find called with %q", calls)
				}
			})
		})
	}
}

func TestFinishLoginRejects(t *testing.T) {
	t.Parallel()
	p := exampleCom
	alice := signUp(t, p, "alice", virtualwebauthn.KeyTypeEC2, virtualwebauthn.AuthenticatorOptions{})
	bob := signUp(t, p, "bob", virtualwebauthn.KeyTypeEC2, virtualwebauthn.AuthenticatorOptions{})
	users := findIn(nil, &alice.user, &bob.user)

	begin := func(t *testing.T, u *mfa.WebAuthnUser) ([]byte, []byte) {
		t.Helper()
		options, session, err := mfa.BeginLogin(p.rp, u)
		if err != nil {
			t.Fatal(err)
		}
		return options, session
	}

	t.Run("known user, another user's passkey", func(t *testing.T) {
		options, session := begin(t, &alice.user)
		// bob's authenticator answers alice's options with bob's key (a
		// browser would not offer it; an attacker can).
		resp := assertion(t, p.vrp, bob.auth, bob.cred, options)
		_, err := mfa.FinishLogin(p.rp, session, resp, only(&alice.user))
		wantVerificationError(t, err, "")
		// and if find answers bob, the session's user decides.
		_, err = mfa.FinishLogin(p.rp, session, resp, users)
		wantVerificationError(t, err, "ID mismatch")
	})

	t.Run("discoverable, another user's handle", func(t *testing.T) {
		options, session := begin(t, nil)
		lying := bob.auth
		lying.Options.UserHandle = []byte("alice") // the user handle is not signed
		_, err := mfa.FinishLogin(p.rp, session, assertion(t, p.vrp, lying, bob.cred, options), users)
		wantVerificationError(t, err, "")
	})

	t.Run("discoverable, no user handle", func(t *testing.T) {
		options, session := begin(t, nil)
		silent := bob.auth
		silent.Options.UserHandle = nil
		_, err := mfa.FinishLogin(p.rp, session, assertion(t, p.vrp, silent, bob.cred, options), users)
		wantVerificationError(t, err, "User Handle")
	})

	t.Run("discoverable, unknown user", func(t *testing.T) {
		options, session := begin(t, nil)
		stranger := bob.auth
		stranger.Options.UserHandle = []byte("carol")
		_, err := mfa.FinishLogin(p.rp, session, assertion(t, p.vrp, stranger, bob.cred, options), users)
		wantVerificationError(t, err, "")
	})

	t.Run("find answers nil", func(t *testing.T) {
		options, session := begin(t, nil)
		_, err := mfa.FinishLogin(p.rp, session, assertion(t, p.vrp, bob.auth, bob.cred, options),
			func([]byte, []byte) (*mfa.WebAuthnUser, error) { return nil, nil })
		wantVerificationError(t, err, "")
	})

	t.Run("a store failure in find is not a verification failure", func(t *testing.T) {
		boom := errors.New("database is on fire")
		fail := func([]byte, []byte) (*mfa.WebAuthnUser, error) { return nil, boom }
		for _, u := range []*mfa.WebAuthnUser{&bob.user, nil} {
			options, session := begin(t, u)
			_, err := mfa.FinishLogin(p.rp, session, assertion(t, p.vrp, bob.auth, bob.cred, options), fail)
			if !errors.Is(err, boom) || errors.Is(err, mfa.ErrWebAuthnVerification) {
				t.Fatalf("got %v", err)
			}
		}
	})

	t.Run("wrong origin", func(t *testing.T) {
		options, session := begin(t, &bob.user)
		vrp := p.vrp
		vrp.Origin = "https://evil.example"
		_, err := mfa.FinishLogin(p.rp, session, assertion(t, vrp, bob.auth, bob.cred, options), users)
		wantVerificationError(t, err, "origin")
	})

	t.Run("wrong RP ID", func(t *testing.T) {
		options, session := begin(t, &bob.user)
		vrp := p.vrp
		vrp.ID = "evil.example"
		_, err := mfa.FinishLogin(p.rp, session, assertion(t, vrp, bob.auth, bob.cred, options), users)
		wantVerificationError(t, err, "")
	})

	t.Run("user not verified", func(t *testing.T) {
		options, session := begin(t, &bob.user)
		a := bob.auth
		a.Options.UserNotVerified = true
		_, err := mfa.FinishLogin(p.rp, session, assertion(t, p.vrp, a, bob.cred, options), users)
		wantVerificationError(t, err, "verif")
	})

	t.Run("backup eligibility changed", func(t *testing.T) {
		options, session := begin(t, &bob.user)
		a := bob.auth
		a.Options.BackupEligible = true
		_, err := mfa.FinishLogin(p.rp, session, assertion(t, p.vrp, a, bob.cred, options), users)
		wantVerificationError(t, err, "Backup Eligible")
	})

	t.Run("another session's challenge", func(t *testing.T) {
		options, _ := begin(t, &bob.user)
		_, session := begin(t, &bob.user)
		_, err := mfa.FinishLogin(p.rp, session, assertion(t, p.vrp, bob.auth, bob.cred, options), users)
		wantVerificationError(t, err, "")
	})

	t.Run("a registration session", func(t *testing.T) {
		options, _ := begin(t, &bob.user)
		_, session, err := mfa.BeginRegistration(p.rp, bob.user)
		if err != nil {
			t.Fatal(err)
		}
		_, err = mfa.FinishLogin(p.rp, session, assertion(t, p.vrp, bob.auth, bob.cred, options), users)
		wantVerificationError(t, err, "")
	})

	t.Run("tampered signature", func(t *testing.T) {
		options, session := begin(t, &bob.user)
		resp := jsonEdit(t, assertion(t, p.vrp, bob.auth, bob.cred, options), func(m map[string]any) {
			r := m["response"].(map[string]any)
			sig := b64(r["signature"])
			sig[len(sig)-1] ^= 1
			r["signature"] = enc(sig)
		})
		_, err := mfa.FinishLogin(p.rp, session, resp, users)
		wantVerificationError(t, err, "")
	})

	t.Run("Logto's type WebAuthn is accepted", func(t *testing.T) {
		options, session := begin(t, &bob.user)
		resp := jsonEdit(t, assertion(t, p.vrp, bob.auth, bob.cred, options), func(m map[string]any) { m["type"] = "WebAuthn" })
		if _, err := mfa.FinishLogin(p.rp, session, resp, users); err != nil {
			t.Fatal(err)
		}
	})
}

// TestFinishLoginCloneWarning: go-webauthn only flags a counter that does
// not move forward; FinishLogin reports it against the stored count.
func TestFinishLoginCloneWarning(t *testing.T) {
	t.Parallel()
	p := exampleCom
	for _, tc := range []struct {
		stored, sent uint32
		warn         bool
	}{
		{0, 0, false}, // an authenticator without a counter
		{0, 1, false},
		{5, 6, false},
		{5, 5, true},
		{5, 3, true},
		{5, 0, true},
	} {
		t.Run(fmt.Sprintf("stored %d, sent %d", tc.stored, tc.sent), func(t *testing.T) {
			t.Parallel()
			s := signUp(t, p, "u1", virtualwebauthn.KeyTypeEC2, virtualwebauthn.AuthenticatorOptions{})
			s.user.Credentials[0].SignCount = tc.stored
			// A warning of an earlier sign-in must not stick.
			s.user.Credentials[0].CloneWarning = true
			for _, u := range []*mfa.WebAuthnUser{&s.user, nil} {
				options, session, err := mfa.BeginLogin(p.rp, u)
				if err != nil {
					t.Fatal(err)
				}
				s.cred.Counter = tc.sent
				res, err := mfa.FinishLogin(p.rp, session, assertion(t, p.vrp, s.auth, s.cred, options), findIn(nil, &s.user))
				if err != nil {
					t.Fatal(err)
				}
				if res.CloneWarning != tc.warn || res.SignCount != tc.sent {
					t.Fatalf("got %+v", res)
				}
			}
		})
	}
}

func TestFinishLoginBackupState(t *testing.T) {
	t.Parallel()
	s := signUp(t, exampleCom, "u1", virtualwebauthn.KeyTypeEC2, virtualwebauthn.AuthenticatorOptions{BackupEligible: true})
	for _, state := range []bool{true, false} {
		options, session, err := mfa.BeginLogin(exampleCom.rp, &s.user)
		if err != nil {
			t.Fatal(err)
		}
		s.auth.Options.BackupState = state
		res, err := mfa.FinishLogin(exampleCom.rp, session, assertion(t, exampleCom.vrp, s.auth, s.cred, options), only(&s.user))
		if err != nil {
			t.Fatal(err)
		}
		if res.BackupState != state {
			t.Fatalf("BackupState = %v, want %v", res.BackupState, state)
		}
	}
}

// TestFinishLoginDoesNotConsumeTheSession: as for registration, replay is
// the store's to stop (TakeSession), not go-webauthn's.
func TestFinishLoginDoesNotConsumeTheSession(t *testing.T) {
	t.Parallel()
	s := signUp(t, exampleCom, "u1", virtualwebauthn.KeyTypeEC2, virtualwebauthn.AuthenticatorOptions{})
	options, session, err := mfa.BeginLogin(exampleCom.rp, &s.user)
	if err != nil {
		t.Fatal(err)
	}
	s.cred.Counter = 1
	resp := assertion(t, exampleCom.vrp, s.auth, s.cred, options)
	for i := range 2 {
		if _, err := mfa.FinishLogin(exampleCom.rp, session, resp, only(&s.user)); err != nil {
			t.Fatalf("verification %d: %v", i+1, err)
		}
	}
}
