// Command myaccount moves and upgrades the tables of myaccount's gormstore:
//
//	myaccount copy -from sqlite:PATH -to 'postgres://...' [-from-prefix P] [-to-prefix Q] [-resume] [-batch N]
//	myaccount migrate -dsn DSN [-prefix P]
//
// A DSN is sqlite:PATH (a SQLite file, opened as gormstore.SQLiteDSN
// says) or a postgres:// (postgresql://) URL. Install it with
//
//	go install github.com/myaccount-go/myaccount/cmd/myaccount@latest
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit codes.
const (
	exitOK       = 0
	exitFailed   = 1 // any other failure
	exitUsage    = 2 // bad command line
	exitNotEmpty = 3 // copy: the target holds data and -resume was not given
	exitMismatch = 4 // copy: the target does not match the source after the copy
)

const usage = `usage:
  myaccount copy -from DSN -to DSN [-from-prefix P] [-to-prefix Q] [-resume] [-batch N]
  myaccount migrate -dsn DSN [-prefix P]

DSN: sqlite:PATH or postgres://user@host:port/database?sslmode=...
Exit codes: 0 done, 1 failed, 2 usage, 3 target not empty (copy without -resume),
4 the copy does not match the source.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

// run runs one subcommand and returns its exit code: the summary goes to
// stdout, progress and errors to stderr.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "copy":
		return runCopy(ctx, args[1:], stdout, stderr)
	case "migrate":
		return runMigrate(ctx, args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "myaccount: unknown command %q\n%s", args[0], usage)
	return exitUsage
}
