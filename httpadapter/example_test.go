package httpadapter_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/httpadapter"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// An app with its own sign-in session (a cookie) authenticates the Account
// API with an AuthenticatorFunc. It grants the scopes of the routes it
// offers (DefaultAccessTokenScopes: all of them) and FirstParty, since the
// app's own pages call the API. Browsers attach the cookie to requests that
// other sites' pages make, so the handler gets the CSRF guard and a CORS
// list of the app's origins.
func ExampleAuthenticatorFunc() {
	ctx := context.Background()
	svc, err := myaccount.New(myaccount.Config{
		Store: memory.New(),
		AccountCenter: &account.AccountCenter{Enabled: true, Fields: map[account.Field]account.FieldMode{
			account.FieldName: account.Edit,
		}},
	})
	if err != nil {
		log.Fatal(err)
	}
	alice, err := svc.Admin.AddUser(ctx, myaccount.CreateUserInput{Username: "alice"})
	if err != nil {
		log.Fatal(err)
	}

	sessions := map[string]string{"s3cr3t-session-id": alice.ID} // the app's session store
	auth := httpadapter.AuthenticatorFunc(func(r *http.Request) (myaccount.Principal, error) {
		c, err := r.Cookie("session")
		if err != nil || sessions[c.Value] == "" {
			return myaccount.Principal{}, account.NewError(http.StatusUnauthorized, account.CodeUnauthorized)
		}
		return myaccount.Principal{
			UserID:     sessions[c.Value],
			Scopes:     myaccount.DefaultAccessTokenScopes,
			FirstParty: true,
		}, nil
	})
	const origin = "https://app.example.com"
	handler, err := httpadapter.NewHandler(svc, auth,
		httpadapter.WithCSRFProtection(origin),
		httpadapter.WithCORSOrigins(origin))
	if err != nil {
		log.Fatal(err)
	}

	rename := func(from string) {
		req := httptest.NewRequest(http.MethodPatch, origin+"/api/my-account", strings.NewReader(`{"name":"Alice"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Origin", from)
		req.AddCookie(&http.Cookie{Name: "session", Value: "s3cr3t-session-id"})
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, req)
		fmt.Println(from, rec.Code)
	}
	rename(origin)                 // the app's own page
	rename("https://evil.example") // another site's page, with the visitor's cookie
	// Output:
	// https://app.example.com 200
	// https://evil.example 403
}

// WriteError answers an error as the Account API does, for an app's own
// routes beside the library's: an *account.Error with its status and
// {code, message} in the request's language; anything else is a 500 whose
// detail is logged, never shown.
func ExampleWriteError() {
	http.HandleFunc("/app/rename", func(w http.ResponseWriter, r *http.Request) {
		httpadapter.WriteError(w, r, myaccount.ErrUsernameInUse)
	})
	req := httptest.NewRequest(http.MethodPost, "/app/rename", nil)
	req.Header.Set("Accept-Language", "fr")
	rec := httptest.NewRecorder()
	http.DefaultServeMux.ServeHTTP(rec, req)
	fmt.Println(rec.Code, rec.Body.String())
	// Output: 422 {"code":"user.username_already_in_use","message":"Ce nom d'utilisateur est déjà utilisé."}
}
