package httpadapter_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/MicahParks/jwkset"
	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/httpadapter"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// appAuth is an app's own Authenticator type, whose nil pointer is a typed
// nil.
type appAuth struct{ httpadapter.Authenticator }

// The handler constructors refuse what would panic on the first request,
// naming it.
func TestHandlerConstructorsRefuseNils(t *testing.T) {
	svc, err := myaccount.New(myaccount.Config{Store: memory.New()})
	if err != nil {
		t.Fatal(err)
	}
	ok := httpadapter.StaticToken("t")
	hooks := httpadapter.SignInHooks{
		PendingUser: func(*http.Request) (string, error) { return "", nil },
		SignedIn:    func(http.ResponseWriter, *http.Request, string, string) error { return nil },
	}
	handler := func(svc *myaccount.Service, auth httpadapter.Authenticator, opts ...httpadapter.Option) error {
		_, err := httpadapter.NewHandler(svc, auth, opts...)
		return err
	}
	admin := func(svc *myaccount.Service, auth httpadapter.Authenticator, opts ...httpadapter.Option) error {
		_, err := httpadapter.NewAdminHandler(svc, auth, opts...)
		return err
	}
	for _, tc := range []struct {
		name, want string
		err        error
	}{
		{"NewHandler/no service", "nil *myaccount.Service", handler(nil, ok)},
		{"NewHandler/no authenticator", "nil Authenticator", handler(svc, nil)},
		{"NewHandler/a nil AuthenticatorFunc", "nil httpadapter.AuthenticatorFunc", handler(svc, httpadapter.AuthenticatorFunc(nil))},
		{"NewHandler/a nil pointer authenticator", "nil *httpadapter_test.appAuth", handler(svc, (*appAuth)(nil))},
		{"NewHandler/a nil option", "option 1 is nil", handler(svc, ok, httpadapter.WithMaxBodyBytes(1), nil)},
		{"NewAdminHandler/no service", "nil *myaccount.Service", admin(nil, ok)},
		{"NewAdminHandler/a nil pointer authenticator", "nil *httpadapter_test.appAuth", admin(svc, (*appAuth)(nil))},
		{"NewAdminHandler/a nil option", "option 0 is nil", admin(svc, ok, nil)},
		{"NewSignInHandler/no service", "nil *myaccount.Service", func() error { _, err := httpadapter.NewSignInHandler(nil, hooks); return err }()},
		{"NewSignInHandler/no PendingUser", "SignInHooks.PendingUser is required", func() error {
			_, err := httpadapter.NewSignInHandler(svc, httpadapter.SignInHooks{SignedIn: hooks.SignedIn})
			return err
		}()},
		{"NewSignInHandler/no SignedIn", "SignInHooks.SignedIn is required", func() error {
			_, err := httpadapter.NewSignInHandler(svc, httpadapter.SignInHooks{PendingUser: hooks.PendingUser})
			return err
		}()},
		{"NewJWTVerifier/a nil key set", "JWTConfig.Keys is a nil", func() error {
			var keys keyfunc.Keyfunc = (*nilKeys)(nil)
			_, err := httpadapter.NewJWTVerifier(context.Background(), httpadapter.JWTConfig{Issuer: "https://id.example", Keys: keys})
			return err
		}()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.err == nil || !strings.Contains(tc.err.Error(), tc.want) {
				t.Fatalf("error %v; want one saying %q", tc.err, tc.want)
			}
		})
	}
	t.Run("the same arguments without the nils are accepted", func(t *testing.T) {
		if err := handler(svc, ok, httpadapter.WithLogger(nil)); err != nil {
			t.Fatal(err)
		}
		if err := admin(svc, ok); err != nil {
			t.Fatal(err)
		}
		if _, err := httpadapter.NewSignInHandler(svc, hooks); err != nil {
			t.Fatal(err)
		}
	})
}

// nilKeys is a key set type of the app's, for a typed nil keyfunc.Keyfunc.
type nilKeys struct{ keys keyfunc.Keyfunc }

func (k *nilKeys) Keyfunc(t *jwt.Token) (any, error) { return k.keys.Keyfunc(t) }

func (k *nilKeys) KeyfuncCtx(ctx context.Context) jwt.Keyfunc { return k.keys.KeyfuncCtx(ctx) }

func (k *nilKeys) Storage() jwkset.Storage { return k.keys.Storage() }

func (k *nilKeys) VerificationKeySet(ctx context.Context) (jwt.VerificationKeySet, error) {
	return k.keys.VerificationKeySet(ctx)
}
