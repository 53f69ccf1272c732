// Command server is the runnable example of myaccount: a complete account
// center on an embedded SQLite file (or Postgres with -dsn), with dev routes
// that create users, mint access tokens and show the codes that were sent.
// Run it with -h for every flag and environment variable; ../../README.md
// walks through it.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// maxHeaderBytes bounds a request's header block (LIMITS.md).
const maxHeaderBytes = 64 << 10

func main() {
	os.Exit(serve(os.Args[1:], os.Stdout, os.Stderr))
}

// serve is the command: it parses args, checks the whole configuration
// before anything is opened or made, and runs until SIGTERM or SIGINT. It
// returns the exit status: 0 after a shutdown, 2 for bad flags, 1 for any
// other failure.
func serve(args []string, stdout, stderr io.Writer) int {
	var cfg serverConfig
	fs := newFlagSet(&cfg)
	fs.SetOutput(stderr)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "unexpected arguments: %q (see -h)\n", fs.Args())
		return 2
	}
	log, err := newLogger(cfg.logFormat, stderr)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	// Everything that logs through the standard library's log package
	// (net/http's own messages included) comes out in the same format.
	slog.SetDefault(log)
	// Its warnings come again when newApp prepares, so they are not said twice.
	if _, err := prepare(cfg, os.Getenv, slog.New(slog.DiscardHandler)); err != nil {
		log.Error("configuration refused", "error", err)
		return 1
	}
	tuneGC(os.Getenv)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		stop() // a second signal ends the process at once
	}()
	if err := run(ctx, cfg, log, stdout); err != nil {
		log.Error("server failed", "error", err)
		return 1
	}
	return 0
}

// newLogger is the one logger of the server: slog on w, as text or JSON.
func newLogger(format string, w io.Writer) (*slog.Logger, error) {
	switch format {
	case "text", "":
		return slog.New(slog.NewTextHandler(w, nil)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, nil)), nil
	}
	return nil, fmt.Errorf("-log-format %q: want text or json", format)
}

// run serves until ctx ends, then shuts down: it stops taking connections,
// lets requests in progress finish within cfg.shutdownGrace, closes the
// connections of those that do not, and returns nil either way. It prints
// "listening on URL" to stdout once the routes are mounted.
func run(ctx context.Context, cfg serverConfig, log *slog.Logger, stdout io.Writer) error {
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	// Headers beyond 64 KiB are answered 431 by net/http (its default
	// allows 1 MiB); a bearer token and the verification header need far
	// less.
	srv := &http.Server{
		Handler: mux, ReadHeaderTimeout: 10 * time.Second, MaxHeaderBytes: maxHeaderBytes,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()

	url := "http://" + ln.Addr().String()
	app, err := newApp(ctx, cfg, url, mux, log)
	if err != nil {
		_ = srv.Close()
		return err
	}
	defer app.close()
	if err := servePprof(ctx, cfg.pprofAddr, log); err != nil {
		_ = srv.Close()
		return err
	}
	log.Info("listening", "url", url)
	fmt.Fprintf(stdout, "listening on %s\n", url)

	select {
	case err := <-serveErr:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "grace", cfg.shutdownGrace.String())
	shutdown, cancel := context.WithTimeout(context.Background(), cfg.shutdownGrace)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil {
		log.Warn("requests outlived the shutdown grace period; closing their connections", "grace", cfg.shutdownGrace.String(), "error", err)
		_ = srv.Close()
	}
	log.Info("stopped")
	return nil
}
