// Command server is the runnable example of myaccount: a complete account
// center on an embedded SQLite file (or Postgres with -dsn), with dev routes
// that create users, mint access tokens and show the codes that were sent.
// See ../../README.md and the contract in spec/example-server.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// defaultMemoryLimit is the Go runtime's soft memory limit unless
// GOMEMLIMIT sets one. Each password check (argon2id) allocates 19 MiB that
// is garbage right after, and without a limit the collector lets the heap
// grow to twice its live size before it runs: the limit keeps the peak
// resident memory of many concurrent password checks well under 150 MB
// (bench/ measures it). The collector works harder only near the limit.
const defaultMemoryLimit = 100 << 20

// maxHeaderBytes bounds a request's header block (LIMITS.md).
const maxHeaderBytes = 64 << 10

func main() {
	var cfg serverConfig
	flag.StringVar(&cfg.addr, "addr", "127.0.0.1:8080", "address to listen on")
	flag.StringVar(&cfg.db, "db", "./myaccount.db", "SQLite database file")
	flag.StringVar(&cfg.dsn, "dsn", "", "Postgres DSN (postgres://...); overrides -db")
	flag.BoolVar(&cfg.dev, "dev", true, "serve the /dev/* routes and issue dev tokens")
	flag.StringVar(&cfg.adminToken, "admin-token", "", "bearer token of the admin routes (dev default: dev-admin-token); visible in ps, so prefer -admin-token-file or $"+adminTokenEnv)
	flag.StringVar(&cfg.adminTokenFile, "admin-token-file", "", "file holding the bearer token of the admin routes (else -admin-token, else $"+adminTokenEnv+")")
	flag.StringVar(&cfg.issuer, "issuer", "", "issuer of access tokens (required with -dev=false)")
	flag.StringVar(&cfg.jwksURL, "jwks-url", "", "JWKS URL of the token issuer (required with -dev=false)")
	flag.StringVar(&cfg.audience, "audience", "", "audience access tokens must be issued for, e.g. the API resource indicator (required with -dev=false)")
	flag.StringVar(&cfg.firstPartyClients, "first-party-clients", "", "comma-separated client ids of your own applications (with -dev=false); a client not listed, and every client when none is listed, is third-party")
	flag.StringVar(&cfg.trustedProxy, "trusted-proxy", "", "believe a forwarded client address from these proxies only: HEADER=PEER,..., e.g. 'X-Forwarded-For=10.0.0.0/8,127.0.0.1' (headers: X-Forwarded-For, X-Real-IP, Forwarded); default: the connection's peer")
	flag.StringVar(&cfg.corsOriginList, "cors-origins", "", "comma-separated origins whose pages may call the Account API, beside the server's own; * for any (default: * in dev mode, none with -dev=false)")
	pool := gormstore.PostgresPool()
	flag.IntVar(&cfg.pool.MaxOpen, "db-max-open", pool.MaxOpen, "Postgres connections open at most (0: no bound)")
	flag.IntVar(&cfg.pool.MaxIdle, "db-max-idle", pool.MaxIdle, "Postgres connections kept open while idle")
	flag.DurationVar(&cfg.pool.MaxIdleTime, "db-max-idle-time", pool.MaxIdleTime, "close a Postgres connection idle this long (0: never)")
	flag.Parse()
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}

	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg, log); err != nil {
		log.Error("server failed", "error", err)
		os.Exit(1)
	}
}

// run serves until ctx ends.
func run(ctx context.Context, cfg serverConfig, log *slog.Logger) error {
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	// Headers beyond 64 KiB are answered 431 by net/http (its default
	// allows 1 MiB); a bearer token and the verification header need far
	// less.
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: maxHeaderBytes}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	app, err := newApp(ctx, cfg, "http://"+ln.Addr().String(), mux, log)
	if err != nil {
		_ = srv.Close()
		return err
	}
	defer app.close()
	fmt.Printf("listening on http://%s\n", ln.Addr())

	select {
	case err := <-serveErr:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(shutdown)
	}
}
