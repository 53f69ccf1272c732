package main

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/mail"
	"net/url"
	"strings"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/httpadapter"
	"github.com/myaccount-go/myaccount/secret"
	"github.com/myaccount-go/myaccount/smtpsender"
)

// plan is a checked configuration: what newApp builds the server from.
type plan struct {
	adminToken string // "" when none is given
	keys       string // the key ring as MYACCOUNT_SECRET_KEYS spells it; "" for the dev key file
	keyFile    string // dev mode: where the key ring is kept when keys is ""
	proxy      *httpadapter.TrustedProxy
	email, sms myaccount.Sender // nil: no delivery of that kind
	signInExp  myaccount.SignInExperience
}

// prepare checks every setting of cfg and of the environment (getenv) and
// returns them as a plan, or every problem at once (errors.Join), each
// naming the flag, path or DSN it is about. It creates nothing: files it
// would make (the SQLite database, the dev key file, the avatar folder)
// are checked to be makeable, secrets' files are only read.
func prepare(cfg serverConfig, getenv func(string) string, log *slog.Logger) (*plan, error) {
	var (
		p    plan
		errs []error
		err  error
	)
	fail := func(err error) { errs = append(errs, err) }

	switch cfg.logFormat {
	case "text", "json", "":
	default:
		fail(fmt.Errorf("-log-format %q: want text or json", cfg.logFormat))
	}
	if cfg.shutdownGrace < 0 {
		fail(fmt.Errorf("-shutdown-grace %s is negative", cfg.shutdownGrace))
	}
	if err := checkPprofAddr(cfg.pprofAddr); err != nil {
		fail(err)
	}

	// Where the data lives.
	if cfg.dsn != "" {
		if err := checkDSN(cfg.dsn); err != nil {
			fail(err)
		}
	} else {
		if err := checkMakeable("-db", cfg.db); err != nil {
			fail(err)
		}
	}
	if err := checkMakeable("the avatar folder", avatarDir(cfg)); err != nil {
		fail(err)
	}

	// What clients see.
	if err := cfg.checkPublicURL(); err != nil {
		fail(err)
	}
	if p.signInExp, err = cfg.signInExperience(); err != nil {
		fail(err)
	}

	// Tokens.
	if cfg.adminToken != "" && cfg.adminTokenFile != "" {
		fail(errors.New("give the admin token once: -admin-token or -admin-token-file"))
	}
	if cfg.adminToken != "" {
		p.adminToken = cfg.adminToken
		if !cfg.dev {
			log.Warn("-admin-token on the command line is visible to other users of this machine; prefer -admin-token-file or " + adminTokenEnv)
		}
	} else if p.adminToken, err = secretFrom("admin-token-file", cfg.adminTokenFile, adminTokenEnv, getenv); err != nil {
		fail(err)
	}
	if !cfg.dev {
		if cfg.issuer == "" || cfg.jwksURL == "" {
			fail(errors.New("with -dev=false, -issuer and -jwks-url are required"))
		}
		if cfg.audience == "" {
			// Without an audience, any token of the provider passes: an ID
			// token, or an access token for another API.
			fail(errors.New("with -dev=false, -audience is required: the API resource the access tokens must be issued for"))
		}
	}
	if cfg.jwksURL != "" && !isHTTPURL(cfg.jwksURL) {
		fail(fmt.Errorf("-jwks-url %q is not an http(s) URL", cfg.jwksURL))
	}
	if cfg.trustedProxy != "" {
		proxy, err := parseTrustedProxy(cfg.trustedProxy)
		if err != nil {
			fail(err)
		} else {
			p.proxy = &proxy
		}
	}
	for _, o := range cfg.corsOrigins() {
		if !isHTTPURL(o) {
			fail(fmt.Errorf("-cors-origins: %q is not an http(s) origin", o))
		}
	}

	// The key ring.
	if p.keys, err = secretFrom("secret-keys-file", cfg.secretKeysFile, keysEnv, getenv); err != nil {
		fail(err)
	} else if p.keys != "" {
		if _, err := secret.ParseKeys(p.keys); err != nil {
			fail(fmt.Errorf("%s: %w", keySource(cfg), err))
		}
	} else if !cfg.dev {
		fail(fmt.Errorf("with -dev=false, set %s or -secret-keys-file (e.g. 1:<base64 of 32 random bytes>)", keysEnv))
	} else {
		p.keyFile = devKeyFile(cfg)
		if err := checkMakeable("the dev key file", p.keyFile); err != nil {
			fail(err)
		}
	}
	if file := getenv(devKeyFileEnv); cfg.dev && file != "" {
		if err := checkMakeable(devKeyFileEnv, file); err != nil {
			fail(err)
		}
	}

	// Delivery of codes.
	if p.email, err = emailSender(cfg, getenv); err != nil {
		fail(err)
	}
	if p.sms, err = smsSender(cfg, getenv); err != nil {
		fail(err)
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return &p, nil
}

// emailSender is the -smtp-url relay; nil without one.
func emailSender(cfg serverConfig, getenv func(string) string) (myaccount.Sender, error) {
	if cfg.smtpURL == "" {
		if cfg.smtpFrom != "" || cfg.smtpPasswordFile != "" {
			return nil, errors.New("-smtp-from and -smtp-password-file need -smtp-url")
		}
		return nil, nil
	}
	var errs []error
	sc, err := parseSMTPURL(cfg.smtpURL)
	if err != nil {
		errs = append(errs, err)
	}
	if cfg.smtpFrom == "" {
		errs = append(errs, errors.New("-smtp-url needs -smtp-from, the From address of the code emails"))
	} else if _, err := mail.ParseAddress(cfg.smtpFrom); err != nil {
		errs = append(errs, fmt.Errorf("-smtp-from %q: %w", cfg.smtpFrom, err))
	}
	password, err := secretFrom("smtp-password-file", cfg.smtpPasswordFile, smtpPasswordEnv, getenv)
	if err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sc.From, sc.Password = cfg.smtpFrom, password
	if sc.Password != "" && sc.Username == "" {
		return nil, fmt.Errorf("-smtp-url %s has no user for the SMTP password", cfg.smtpURL)
	}
	s, err := smtpsender.New(sc)
	if err != nil {
		return nil, fmt.Errorf("-smtp-url %s: %w", cfg.smtpURL, err)
	}
	return s, nil
}

// smsSender is the -sms-webhook; nil without one.
func smsSender(cfg serverConfig, getenv func(string) string) (myaccount.Sender, error) {
	if cfg.smsWebhook == "" {
		if cfg.smsWebhookTokenFile != "" {
			return nil, errors.New("-sms-webhook-token-file needs -sms-webhook")
		}
		return nil, nil
	}
	var errs []error
	if !isHTTPURL(cfg.smsWebhook) {
		errs = append(errs, fmt.Errorf("-sms-webhook %q is not an http(s) URL", cfg.smsWebhook))
	} else if u, _ := url.Parse(cfg.smsWebhook); u.User != nil {
		errs = append(errs, fmt.Errorf("-sms-webhook %s: give credentials in -sms-webhook-token-file or $%s, not in the URL", u.Redacted(), smsWebhookTokenEnv))
	}
	token, err := secretFrom("sms-webhook-token-file", cfg.smsWebhookTokenFile, smsWebhookTokenEnv, getenv)
	if err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return &smsWebhook{url: cfg.smsWebhook, token: token, client: &http.Client{Timeout: smsWebhookTimeout}}, nil
}

// checkDSN refuses a -dsn that is not a Postgres URL; the message shows
// the DSN without its password.
func checkDSN(dsn string) error {
	u, err := url.Parse(dsn)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") || u.Host == "" {
		shown := dsn
		if err == nil {
			shown = u.Redacted()
		} else if strings.Contains(dsn, "@") {
			shown = "(not shown: it may hold a password)"
		}
		return fmt.Errorf("-dsn %s: want a postgres://USER@HOST:PORT/DB URL", shown)
	}
	return nil
}

// isHTTPURL reports whether s is an absolute http(s) URL with a host.
func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != ""
}

// keySource names where the key ring came from, for messages.
func keySource(cfg serverConfig) string {
	if cfg.secretKeysFile != "" {
		return "-secret-keys-file " + cfg.secretKeysFile
	}
	return keysEnv
}

// devKeyFile is where dev mode keeps its key ring: beside the SQLite file,
// or in the working folder with -dsn.
func devKeyFile(cfg serverConfig) string {
	if cfg.dsn != "" {
		return "myaccount.keys"
	}
	return cfg.db + ".keys"
}

// avatarDir is where uploaded avatars are kept: beside the SQLite file, or
// in the working folder with -dsn.
func avatarDir(cfg serverConfig) string {
	if cfg.dsn != "" {
		return "myaccount.avatars"
	}
	return cfg.db + ".avatars"
}
