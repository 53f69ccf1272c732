package myaccount_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/httpadapter"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/secret"
	"github.com/myaccount-go/myaccount/storage/gormstore"
	"github.com/myaccount-go/myaccount/storage/memory"
)

// An app embeds the account center: a store on SQLite, a key ring for the
// secrets at rest, a sender for codes, the Service, the account center
// switched on for the fields the app offers, and the handler under /api/,
// behind the app's own sign-in.
func Example() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "myaccount-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	// Storage: GORM on SQLite (the cgo driver mattn/go-sqlite3); Migrate
	// creates or upgrades the tables.
	db, err := gorm.Open(sqlite.Open(gormstore.SQLiteDSN(filepath.Join(dir, "myaccount.db"))),
		&gorm.Config{Logger: logger.Discard})
	if err != nil {
		log.Fatal(err)
	}
	store, err := gormstore.New(db)
	if err != nil {
		log.Fatal(err)
	}
	if err := store.Migrate(ctx); err != nil {
		log.Fatal(err)
	}

	// The keys that seal TOTP secrets, backup codes and provider tokens:
	// "1:<base64 of 32 bytes>,2:...", newest last. Keep them secret and
	// keep every key that sealed something.
	keyConfig := os.Getenv("MYACCOUNT_SECRET_KEYS")
	if keyConfig == "" {
		keyConfig = "1:SMtCkeqlgAgAukrTmQdE3o19LZzWlVR0aYUvsbb0z2c=" // this example's only
	}
	keys, err := secret.ParseKeys(keyConfig)
	if err != nil {
		log.Fatal(err)
	}
	ring, err := secret.NewKeyRing(keys...)
	if err != nil {
		log.Fatal(err)
	}

	// Codes go out through the app's mailer; here they are printed.
	mailer := myaccount.SenderFunc(func(_ context.Context, m myaccount.Message) error {
		fmt.Println("mail to", m.To)
		return nil
	})

	svc, err := myaccount.New(myaccount.Config{
		Store:       store,
		Cipher:      ring,
		EmailSender: mailer,
		MFA:         myaccount.MFAPolicy{Factors: []mfa.FactorType{mfa.TypeTOTP, mfa.TypeWebAuthn, mfa.TypeBackupCode}},
		// Without this the account center starts disabled, every field Off:
		// each Account API route answers 400 account_center.not_enabled
		// until an administrator turns it on (PATCH /api/account-center).
		AccountCenter: &account.AccountCenter{Enabled: true, Fields: map[account.Field]account.FieldMode{
			account.FieldName: account.Edit, account.FieldAvatar: account.Edit,
			account.FieldUsername: account.Edit, account.FieldEmail: account.Edit,
			account.FieldPassword: account.Edit, account.FieldMFA: account.Edit,
		}},
	})
	if err != nil {
		log.Fatal(err)
	}

	// The app's own sign-in: here a session cookie names the user. A
	// cookie needs the CSRF guard and a CORS list of the app's origins.
	user, err := svc.Admin.AddUser(ctx, myaccount.CreateUserInput{Username: "alice"})
	if err != nil {
		log.Fatal(err)
	}
	sessions := map[string]string{"session-of-alice": user.ID}
	auth := httpadapter.AuthenticatorFunc(func(r *http.Request) (myaccount.Principal, error) {
		c, err := r.Cookie("session")
		if err != nil || sessions[c.Value] == "" {
			return myaccount.Principal{}, account.NewError(http.StatusUnauthorized, account.CodeUnauthorized)
		}
		return myaccount.Principal{UserID: sessions[c.Value], Scopes: myaccount.DefaultAccessTokenScopes, FirstParty: true}, nil
	})
	handler, err := httpadapter.NewHandler(svc, auth,
		httpadapter.WithCSRFProtection("https://app.example.com"),
		httpadapter.WithCORSOrigins("https://app.example.com"))
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("/api/", handler)

	// The user changes their name.
	req := httptest.NewRequest(http.MethodPatch, "https://app.example.com/api/my-account", strings.NewReader(`{"name":"Alice"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Origin", "https://app.example.com")
	req.AddCookie(&http.Cookie{Name: "session", Value: "session-of-alice"})
	rec := httptest.NewRecorder()
	mux.ServeHTTP(rec, req)
	fmt.Println(rec.Code, strings.Contains(rec.Body.String(), `"name":"Alice"`))
	// Output: 200 true
}

// The use cases answer *account.Error values: errors.Is matches the
// exported sentinels by code, errors.As gives the status, code and data an
// HTTP client would see.
func Example_errors() {
	ctx := context.Background()
	svc, err := myaccount.New(myaccount.Config{Store: memory.New()})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := svc.Admin.AddUser(ctx, myaccount.CreateUserInput{Username: "alice"}); err != nil {
		log.Fatal(err)
	}
	_, err = svc.Admin.AddUser(ctx, myaccount.CreateUserInput{Username: "alice"})

	fmt.Println(errors.Is(err, myaccount.ErrUsernameInUse))
	var apiErr *account.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.Status, apiErr.Code)
	}
	// Output:
	// true
	// 422 user.username_already_in_use
}

// A SenderFunc delivers codes through whatever the app already uses. The
// message's To is the address in the one form the limits counted; its
// Template says which message to send (a code to sign in, to verify an
// identifier, ...). Never log m.Code.
func ExampleSenderFunc() {
	ctx := context.Background()
	sms := myaccount.SenderFunc(func(_ context.Context, m myaccount.Message) error {
		fmt.Println("SMS to", m.To, "template", m.Template)
		return nil
	})
	svc, err := myaccount.New(myaccount.Config{Store: memory.New(), SMSSender: sms})
	if err != nil {
		log.Fatal(err)
	}
	if err := svc.Admin.SendVerificationCode(ctx, myaccount.VerificationCodeInput{Phone: "64211234567"}, ""); err != nil {
		log.Fatal(err)
	}
	// Output: SMS to 64211234567 template Generic
}
