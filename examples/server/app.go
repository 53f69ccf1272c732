package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strings"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/blob/localdir"
	"github.com/myaccount-go/myaccount/connector"
	"github.com/myaccount-go/myaccount/connector/mock"
	"github.com/myaccount-go/myaccount/httpadapter"
	"github.com/myaccount-go/myaccount/mfa"
	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// jwtCacheTTL is how long a verified access token is trusted without
// checking its signature again (httpadapter.JWTConfig.CacheTTL): a client
// sends one token many times, and an RS256 check costs more than the rest
// of a GET /api/my-account.
const jwtCacheTTL = time.Minute

// app is the wired example: store, service, handlers.
type app struct {
	sqlDB  interface{ Close() error }
	assets *localdir.Dir
}

func (a *app) close() {
	_ = a.sqlDB.Close()
	if a.assets != nil {
		_ = a.assets.Close()
	}
}

// newApp checks cfg (prepare), opens the database, builds the account
// center and mounts its routes (and, in dev mode, the dev routes) on mux.
// baseURL is where the server listens: the dev token issuer and its JWKS
// live there.
func newApp(ctx context.Context, cfg serverConfig, baseURL string, mux *http.ServeMux, log *slog.Logger) (*app, error) {
	p, err := prepare(cfg, os.Getenv, log)
	if err != nil {
		return nil, err
	}
	adminToken := p.adminToken
	opts := []httpadapter.Option{httpadapter.WithLogger(log)}
	if p.proxy != nil {
		opts = append(opts, httpadapter.WithClientAddress(p.proxy.ClientAddress))
	}
	// Links the browser follows (avatars, the mock provider's page) and the
	// passkey relying party name the public origin; the dev issuer and its
	// JWKS stay at the listen address, which only this process fetches.
	publicURL := baseURL
	if cfg.publicURL != "" {
		publicURL = strings.TrimSuffix(cfg.publicURL, "/")
		opts = append(opts, httpadapter.WithPublicOrigin(publicURL))
	}
	db, err := openDB(cfg)
	if err != nil {
		return nil, err
	}
	if cfg.dsn == "" {
		log.Info("database", "sqlite", cfg.db, "driver", sqliteDriver)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	a := &app{sqlDB: sqlDB}
	store, err := gormstore.New(db)
	if err != nil {
		a.close()
		return nil, err
	}
	if err := store.Migrate(ctx); err != nil {
		a.close()
		return nil, fmt.Errorf("migrate: %w", err)
	}

	keys, err := loadKeys(p.keys, p.keyFile, log)
	if err != nil {
		a.close()
		return nil, err
	}
	if a.assets, err = openAssets(cfg, publicURL, mux); err != nil {
		a.close()
		return nil, err
	}
	// Codes go where the flags say; in dev mode the outbox takes the kinds
	// with no delivery configured. Otherwise a kind without one has no
	// Sender, and the library refuses its codes (501 connector.not_found).
	outbox := newOutbox(log)
	email, sms := p.email, p.sms
	if cfg.dev && email == nil {
		email = outbox
	}
	if cfg.dev && sms == nil {
		sms = outbox
	}
	logDelivery(log, "email", email)
	logDelivery(log, "sms", sms)
	mcfg := myaccount.Config{
		Store:       store,
		Avatars:     a.assets,
		Connectors:  connectors(cfg.dev, publicURL),
		EmailSender: email,
		SMSSender:   sms,
		Logger:      log,
		Cipher:      keys,
		MFA: myaccount.MFAPolicy{
			Factors: []mfa.FactorType{mfa.TypeTOTP, mfa.TypeWebAuthn, mfa.TypeBackupCode},
			Issuer:  "myaccount example",
		},
		SignInExperience: p.signInExp,
	}
	// Dev tokens carry a session id; production brings its own provider.
	sessions := newDevSessions(time.Now)
	if cfg.dev {
		mcfg.Sessions = sessions
		// A new database starts with every field editable; settings an
		// administrator changed are kept.
		mcfg.AccountCenter = devAccountCenter()
	}
	svc, err := myaccount.New(mcfg)
	if err != nil {
		a.close()
		return nil, err
	}
	if center, err := svc.Admin.AccountCenter(ctx); err == nil && !center.Enabled {
		log.Warn("the account center is disabled: every Account API route answers 400 account_center.not_enabled until an administrator enables it (PATCH /api/account-center)")
	}

	var verifier httpadapter.TokenVerifier
	if cfg.dev {
		log.Warn("dev mode is on: /dev routes create users and mint tokens; run with -dev=false in production")
		issuer, err := newDevIssuer(baseURL)
		if err != nil {
			a.close()
			return nil, err
		}
		mux.HandleFunc("GET /dev/jwks.json", issuer.serveJWKS)
		verifier, err = httpadapter.NewJWTVerifier(ctx, httpadapter.JWTConfig{
			JWKSURL:           baseURL + "/dev/jwks.json",
			Issuer:            issuer.issuer,
			Audience:          []string{devAudience},
			FirstPartyClients: []string{devFirstPartyClient},
			CacheTTL:          jwtCacheTTL,
		})
		if err != nil {
			a.close()
			return nil, err
		}
		registerDevRoutes(mux, svc, issuer, outbox, sessions)
		// The library's sign-in checks (password, TOTP, backup code,
		// passkey) for a host's login page. A real host takes the pending
		// user from its own login session; dev mode takes it from the
		// X-Dev-Pending-User header, so the checks can be tried with curl.
		signIn, err := httpadapter.NewSignInHandler(svc, httpadapter.SignInHooks{
			PendingUser: func(r *http.Request) (string, error) { return r.Header.Get("X-Dev-Pending-User"), nil },
			SignedIn:    func(http.ResponseWriter, *http.Request, string, string) error { return nil },
		}, opts...)
		if err != nil {
			a.close()
			return nil, err
		}
		mux.Handle("/api/sign-in/", signIn)
		registerDevSocial(mux)
		if adminToken == "" {
			adminToken = "dev-admin-token"
		}
	} else {
		verifier, err = httpadapter.NewJWTVerifier(ctx, httpadapter.JWTConfig{
			JWKSURL:    cfg.jwksURL,
			Issuer:     cfg.issuer,
			Audience:   []string{cfg.audience},
			FirstParty: cfg.firstParty(log),
			CacheTTL:   jwtCacheTTL,
		})
		if err != nil {
			a.close()
			return nil, err
		}
	}
	if adminToken == "" {
		log.Warn("no admin token (-admin-token-file, -admin-token or $" + adminTokenEnv + "): the admin routes refuse every request")
	}
	admin, err := httpadapter.NewAdminHandler(svc, httpadapter.StaticToken(adminToken), opts...)
	if err != nil {
		a.close()
		return nil, err
	}
	for _, path := range []string{"/api/account-center", "/api/users", "/api/users/", "/api/connectors", "/api/connectors/", "/api/verification-codes", "/api/verification-codes/", "/api/subject-tokens"} {
		mux.Handle(path, admin)
	}
	endUserOpts := opts
	if origins := cfg.corsOrigins(); origins != nil {
		endUserOpts = append(slices.Clip(opts), httpadapter.WithCORSOrigins(origins...))
	}
	endUser, err := httpadapter.NewHandler(svc, httpadapter.Bearer(httpadapter.WithAccessTokens(svc, verifier)), endUserOpts...)
	if err != nil {
		a.close()
		return nil, err
	}
	mux.Handle("/api/", endUser)
	mux.Handle("GET /.well-known/webauthn", httpadapter.WellKnownWebAuthn(svc))
	// Impersonation: a subject token from POST /api/subject-tokens is traded
	// here (RFC 8693) for an access token the Account API accepts, at the
	// path of Logto's token endpoint.
	mux.Handle("/oidc/token", httpadapter.TokenExchange(svc))
	registerPage(mux)
	return a, nil
}

// connectors are the example's: the dev outbox as email and SMS connectors
// and, in dev mode, the mock social connector.
func connectors(dev bool, baseURL string) []connector.Connector {
	list := []connector.Connector{
		connector.Static{IDValue: "mock-email", TargetValue: "mock-email", KindValue: connector.KindEmail},
		connector.Static{IDValue: "mock-sms", TargetValue: "mock-sms", KindValue: connector.KindSMS},
	}
	if dev {
		list = append(list, mock.Social{IDValue: "mock-social", TargetValue: "mock-social", BaseURL: baseURL})
	}
	return list
}

// openDB opens Postgres when a DSN is given, else the SQLite file in WAL
// mode with a busy timeout and immediate transactions.
func openDB(cfg serverConfig) (*gorm.DB, error) {
	gcfg := &gorm.Config{TranslateError: true, Logger: logger.Discard}
	if cfg.dsn != "" {
		if !strings.HasPrefix(cfg.dsn, "postgres://") && !strings.HasPrefix(cfg.dsn, "postgresql://") {
			return nil, errors.New("-dsn must be a postgres:// URL")
		}
		db, err := gorm.Open(postgres.Open(cfg.dsn), gcfg)
		if err != nil {
			return nil, err
		}
		sqlDB, err := db.DB()
		if err != nil {
			return nil, err
		}
		// Without a pool of its own the server would open and close
		// Postgres connections all the time under load (gormstore.Pool).
		pool := cfg.pool
		if pool == (gormstore.Pool{}) {
			pool = gormstore.PostgresPool()
		}
		pool.Apply(sqlDB)
		return db, nil
	}
	// Statements prepared once per connection instead of parsed per query
	// (pgx already caches them on Postgres); bounded, though the store has
	// only a few dozen query shapes.
	gcfg.PrepareStmt, gcfg.PrepareStmtMaxSize = true, 512
	db, err := gorm.Open(sqliteFile(cfg.db), gcfg)
	if err != nil {
		return nil, err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	// A small pool, all of it kept open: database/sql keeps two idle
	// connections by default, so under load it would open and close SQLite
	// connections (each one reading the schema) all the time, and more
	// connections than a few per core only wait for each other.
	sqlDB.SetMaxOpenConns(sqlitePoolSize())
	sqlDB.SetMaxIdleConns(sqlitePoolSize())
	return db, nil
}

// sqlitePoolSize is the SQLite connection pool's size: two per core.
func sqlitePoolSize() int { return 2 * runtime.GOMAXPROCS(0) }

// devAccountCenter is the dev-mode account center: enabled, every field
// Edit except passkey, which stays unset so it follows mfa.
func devAccountCenter() *account.AccountCenter {
	fields := map[account.Field]account.FieldMode{}
	for _, f := range account.Fields {
		if f != account.FieldPasskey && f != account.FieldTrustedDevice {
			fields[f] = account.Edit
		}
	}
	return &account.AccountCenter{Enabled: true, Fields: fields}
}

// logDelivery says at start where codes of a kind go.
func logDelivery(log *slog.Logger, kind string, s myaccount.Sender) {
	switch s := s.(type) {
	case nil:
		log.Warn("no delivery for "+kind+" codes: they are refused (501 connector.not_found)", "kind", kind)
	case *outbox:
		log.Info(kind+" codes go to the dev outbox (GET /dev/outbox)", "kind", kind)
	case *smsWebhook:
		log.Info(kind+" codes are POSTed to the SMS webhook", "kind", kind, "url", s.url)
	default:
		log.Info(kind+" codes are sent by SMTP", "kind", kind)
	}
}
