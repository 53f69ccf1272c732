package main

import (
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// serverConfig is every setting of the server: its flags (newFlagSet) and,
// read where they are used, the environment variables of envVars.
type serverConfig struct {
	addr, db, dsn     string
	dev               bool
	adminToken        string
	adminTokenFile    string
	secretKeysFile    string
	issuer, jwksURL   string
	audience          string
	firstPartyClients string         // comma-separated client ids
	trustedProxy      string         // HEADER=PEER,... (parseTrustedProxy)
	corsOriginList    string         // comma-separated origins, or *
	publicURL         string         // the origin clients reach; "" is the listen address
	signInExpFile     string         // JSON of myaccount.SignInExperience; "" is Logto's defaults
	pool              gormstore.Pool // the Postgres connection pool (-db-max-open, ...); zero: gormstore.PostgresPool()

	smtpURL             string // smtp[s]://[USER@]HOST:PORT[?tls=...] (parseSMTPURL)
	smtpFrom            string
	smtpPasswordFile    string
	smsWebhook          string // URL that takes {to, text} (smsWebhook)
	smsWebhookTokenFile string

	logFormat     string // text or json
	shutdownGrace time.Duration
	pprofAddr     string // loopback address of the runtime profiles; "" is none
}

// Defaults that tests and the usage text share.
const (
	defaultShutdownGrace = 30 * time.Second
	defaultLogFormat     = "text"
)

// newFlagSet defines every flag of the server on a new flag set that
// writes into cfg. All flags live here, so that -h lists them all.
func newFlagSet(cfg *serverConfig) *flag.FlagSet {
	fs := flag.NewFlagSet("server", flag.ContinueOnError)
	fs.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "address to listen on")
	fs.StringVar(&cfg.db, "db", "./myaccount.db", "SQLite database file; made on first start, in a folder that must exist and be writable")
	fs.StringVar(&cfg.dsn, "dsn", "", "Postgres DSN (postgres://USER@HOST:PORT/DB?sslmode=...); overrides -db. Put the password in PGPASSWORD or ~/.pgpass rather than here, where ps shows it")
	fs.BoolVar(&cfg.dev, "dev", true, "dev mode: serve the /dev/* routes, issue dev tokens, keep sent codes in the dev outbox, enable every account-center field; never in production")

	fs.StringVar(&cfg.issuer, "issuer", "", "issuer of access tokens (required with -dev=false)")
	fs.StringVar(&cfg.jwksURL, "jwks-url", "", "JWKS URL of the token issuer (required with -dev=false)")
	fs.StringVar(&cfg.audience, "audience", "", "audience access tokens must be issued for, e.g. the API resource indicator (required with -dev=false)")
	fs.StringVar(&cfg.firstPartyClients, "first-party-clients", "", "comma-separated client ids of your own applications (with -dev=false); a client not listed, and every client when none is listed, is third-party")
	fs.StringVar(&cfg.trustedProxy, "trusted-proxy", "", "believe a forwarded client address from these proxies only: HEADER=PEER,..., e.g. 'X-Forwarded-For=10.0.0.0/8,127.0.0.1' (headers: X-Forwarded-For, X-Real-IP, Forwarded); default: the connection's peer")
	pool := gormstore.PostgresPool()
	fs.IntVar(&cfg.pool.MaxOpen, "db-max-open", pool.MaxOpen, "Postgres connections open at most (0: no bound)")
	fs.IntVar(&cfg.pool.MaxIdle, "db-max-idle", pool.MaxIdle, "Postgres connections kept open while idle")
	fs.DurationVar(&cfg.pool.MaxIdleTime, "db-max-idle-time", pool.MaxIdleTime, "close a Postgres connection idle this long (0: never)")
	fs.StringVar(&cfg.publicURL, "public-url", "", "origin clients reach the server at behind a proxy, scheme://host[:port] (e.g. https://accounts.example.com): avatar URLs and the passkey relying party use it (default: the request's own origin; avatar URLs: the listen address)")
	fs.StringVar(&cfg.signInExpFile, "sign-in-exp", "", "JSON file of the sign-in experience's branding, in Logto's field names: color, branding, hideLogtoBranding, languageInfo, termsOfUseUrl, privacyPolicyUrl, supportEmail, supportWebsiteUrl, customProfileFields")
	fs.StringVar(&cfg.corsOriginList, "cors-origins", "", "comma-separated origins whose pages may call the Account API, beside the server's own; * for any (default: * in dev mode, none with -dev=false)")

	fs.StringVar(&cfg.adminToken, "admin-token", "", "bearer token of the admin routes (dev default: dev-admin-token); visible in ps, so prefer -admin-token-file or $"+adminTokenEnv)
	fs.StringVar(&cfg.adminTokenFile, "admin-token-file", "", "file holding the bearer token of the admin routes (else -admin-token, else $"+adminTokenEnv+")")
	fs.StringVar(&cfg.secretKeysFile, "secret-keys-file", "", "file holding the key ring that seals secrets at rest, as $"+keysEnv+" takes it (else $"+keysEnv+"; in dev mode, else <db>.keys, made on first start)")

	fs.StringVar(&cfg.smtpURL, "smtp-url", "", "deliver email codes through this SMTP relay: smtp://[USER@]HOST:PORT (STARTTLS required), smtps://[USER@]HOST:PORT (TLS from the start); add ?tls=opportunistic or ?tls=none (no password then, unless the host is localhost). Without it, email codes are refused (501 connector.not_found) outside dev mode")
	fs.StringVar(&cfg.smtpFrom, "smtp-from", "", "From address of the code emails, e.g. 'Example <no-reply@example.com>' (required with -smtp-url)")
	fs.StringVar(&cfg.smtpPasswordFile, "smtp-password-file", "", "file holding the SMTP password of the -smtp-url user (else $"+smtpPasswordEnv+")")
	fs.StringVar(&cfg.smsWebhook, "sms-webhook", "", "deliver SMS codes by POSTing {\"to\": PHONE, \"text\": MESSAGE} as JSON to this http(s) URL; any 2xx answer means sent. Without it, SMS codes are refused (501 connector.not_found) outside dev mode")
	fs.StringVar(&cfg.smsWebhookTokenFile, "sms-webhook-token-file", "", "file holding a bearer token sent to -sms-webhook (else $"+smsWebhookTokenEnv+"; none if neither)")

	fs.StringVar(&cfg.logFormat, "log-format", defaultLogFormat, "log format on stderr: text or json")
	fs.DurationVar(&cfg.shutdownGrace, "shutdown-grace", defaultShutdownGrace, "on SIGTERM or SIGINT, how long requests in progress may take before their connections are closed")
	fs.StringVar(&cfg.pprofAddr, "pprof-addr", "", "serve Go's runtime profiles (net/http/pprof, without cmdline) on this loopback address, e.g. 127.0.0.1:6060; off by default")
	fs.Usage = func() { usage(fs.Output(), fs) }
	return fs
}

// envVars are the environment variables the server reads, for -h. A test
// holds every MYACCOUNT_ name in the package's code to this list.
var envVars = []struct{ name, usage string }{
	{keysEnv, "the key ring that seals TOTP secrets, backup codes and provider tokens at rest: ID:BASE64,... (32 random bytes each, newest last), e.g. 1:" + "$(head -c32 /dev/urandom | base64); every instance sharing a database needs the same. Required with -dev=false unless -secret-keys-file gives it"},
	{adminTokenEnv, "the admin routes' bearer token, when neither -admin-token-file nor -admin-token gives it"},
	{smtpPasswordEnv, "the SMTP password, when -smtp-password-file does not give it"},
	{smsWebhookTokenEnv, "the bearer token for -sms-webhook, when -sms-webhook-token-file does not give it"},
	{devKeyFileEnv, "dev mode: a PEM file holding the dev token signing key, made on first use; instances started with the same file accept each other's dev tokens"},
	{"GOMEMLIMIT", "the Go runtime's soft memory limit (default here 120MiB)"},
	{"GOGC", "the Go runtime's GC percentage; unset, the server tunes it after each collection (100 while the live heap is small, lower as it grows)"},
	{"PGPASSWORD, PGSSLMODE, ...", "read by the Postgres driver for what -dsn leaves out"},
}

// usage prints how to run the server: what it is, its flags, the
// environment it reads and what it writes.
func usage(w io.Writer, fs *flag.FlagSet) {
	fmt.Fprint(w, `Usage: server [flags]

The runnable example of myaccount: Logto's Account API, Verification API and
user management routes on an SQLite file (-db) or Postgres (-dsn), with an
account settings page at /.

Dev mode (the default) adds /dev/* routes that create users, mint access
tokens and show the codes that were "sent". With -dev=false the server takes
tokens of your OIDC provider (-issuer, -jwks-url, -audience) and delivers
codes through -smtp-url and -sms-webhook only; a kind of code with no
delivery configured is refused, never pretended sent.

Flags:
`)
	fs.PrintDefaults()
	fmt.Fprint(w, "\nEnvironment:\n")
	for _, v := range envVars {
		fmt.Fprintf(w, "  %s\n    \t%s\n", v.name, v.usage)
	}
	fmt.Fprint(w, `
Output:
  stdout gets one line when the server is ready, "listening on http://ADDR",
  for scripts to wait on; every log line goes to stderr in the -log-format.
  Configuration errors are all reported together, before any file is made.
  On SIGTERM or SIGINT the server logs "shutting down", lets requests finish
  within -shutdown-grace, closes what is left and exits with status 0.
`)
}
