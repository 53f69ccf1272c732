package myaccount_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/blob/localdir"
	"github.com/myaccount-go/myaccount/connector"
	"github.com/myaccount-go/myaccount/connector/oauth"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/secret"
	"github.com/myaccount-go/myaccount/smtpsender"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// Types whose nil pointers satisfy the port interfaces, as an app's own
// implementations would.
type (
	appSessions   struct{ myaccount.SessionProvider }
	appDisposable struct{ account.DisposableChecker }
)

// A typed nil passes a plain nil check and panics on first use (a nil
// *secret.KeyRing on the first TOTP bind): New refuses each one, naming the
// field.
func TestNewRefusesTypedNils(t *testing.T) {
	for _, tc := range []struct {
		field string
		set   func(*myaccount.Config)
	}{
		{"Store", func(c *myaccount.Config) { c.Store = (*memory.Store)(nil) }},
		{"Random", func(c *myaccount.Config) { c.Random = (*bytes.Reader)(nil) }},
		{"Hasher", func(c *myaccount.Config) { c.Hasher = (*account.Argon2idHasher)(nil) }},
		{"EmailPolicy.Disposable", func(c *myaccount.Config) { c.EmailPolicy.Disposable = (*appDisposable)(nil) }},
		{"EmailSender", func(c *myaccount.Config) { c.EmailSender = (*smtpsender.Sender)(nil) }},
		{"SMSSender", func(c *myaccount.Config) { c.SMSSender = myaccount.SenderFunc(nil) }},
		{"Cipher", func(c *myaccount.Config) { c.Cipher = (*secret.KeyRing)(nil) }},
		{"Sessions", func(c *myaccount.Config) { c.Sessions = (*appSessions)(nil) }},
		{"Avatars", func(c *myaccount.Config) { c.Avatars = (*localdir.Dir)(nil) }},
		{"Connectors[1]", func(c *myaccount.Config) {
			c.Connectors = []connector.Connector{connector.Static{IDValue: "e", TargetValue: "e", KindValue: connector.KindEmail}, (*oauth.Connector)(nil)}
		}},
		{"Connectors[0]", func(c *myaccount.Config) { c.Connectors = []connector.Connector{nil} }},
	} {
		t.Run(tc.field, func(t *testing.T) {
			cfg := myaccount.Config{Store: memory.New()}
			tc.set(&cfg)
			svc, err := myaccount.New(cfg)
			if err == nil || svc != nil {
				t.Fatalf("New = %v, %v; want an error", svc, err)
			}
			if !strings.Contains(err.Error(), "Config."+tc.field+" ") {
				t.Fatalf("error %q does not name Config.%s", err, tc.field)
			}
		})
	}
}

func TestNewNamesEveryTypedNilAtOnce(t *testing.T) {
	_, err := myaccount.New(myaccount.Config{
		Store:       memory.New(),
		EmailSender: myaccount.SenderFunc(nil),
		Cipher:      (*secret.KeyRing)(nil),
	})
	if err == nil || !strings.Contains(err.Error(), "Config.EmailSender") || !strings.Contains(err.Error(), "Config.Cipher") {
		t.Fatalf("New: %v; want both fields named", err)
	}
}

// The README's first mistake: with MYACCOUNT_SECRET_KEYS unset, ParseKeys
// and NewKeyRing fail and the ring is nil. A Service built with it would
// panic on the first TOTP bind; New refuses it, and a KeyRing made without
// NewKeyRing too.
func TestNewRefusesAKeyRingWithoutKeys(t *testing.T) {
	keys, _ := secret.ParseKeys("") // the variable unset
	ring, ringErr := secret.NewKeyRing(keys...)
	if ringErr == nil {
		t.Fatal("NewKeyRing with no keys: no error")
	}
	totp := myaccount.MFAPolicy{Factors: []mfa.FactorType{mfa.TypeTOTP}}
	for name, cipher := range map[string]secret.Cipher{
		"the ring NewKeyRing returned with its error": ring,
		"a KeyRing made without NewKeyRing":           &secret.KeyRing{},
	} {
		t.Run(name, func(t *testing.T) {
			svc, err := myaccount.New(myaccount.Config{Store: memory.New(), Cipher: cipher, MFA: totp})
			if err == nil || svc != nil || !strings.Contains(err.Error(), "Config.Cipher") {
				t.Fatalf("New = %v, %v; want an error naming Config.Cipher", svc, err)
			}
		})
	}
}
