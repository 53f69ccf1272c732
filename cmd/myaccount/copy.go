package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// runCopy is "myaccount copy": gormstore.Copy from one DSN to another,
// with progress on stderr and one summary line on stdout.
func runCopy(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("copy", flag.ContinueOnError)
	fs.SetOutput(stderr)
	from := fs.String("from", "", "source: sqlite:PATH or a postgres:// URL")
	to := fs.String("to", "", "target: sqlite:PATH or a postgres:// URL")
	fromPrefix := fs.String("from-prefix", gormstore.DefaultTablePrefix, "table prefix of the source")
	toPrefix := fs.String("to-prefix", gormstore.DefaultTablePrefix, "table prefix of the target")
	resume := fs.Bool("resume", false, "finish an interrupted copy into a target that holds part of the rows")
	batch := fs.Int("batch", gormstore.DefaultCopyBatch, "rows per batch (read, and written in one transaction)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if *from == "" || *to == "" || fs.NArg() > 0 || *batch <= 0 {
		fmt.Fprint(stderr, "myaccount copy: give -from and -to (and a positive -batch)\n"+usage)
		return exitUsage
	}
	src, err := open(*from, *fromPrefix)
	if err != nil {
		fmt.Fprintf(stderr, "myaccount copy: source %s: %v\n", redact(*from), err)
		return exitFailed
	}
	defer src.close()
	dst, err := open(*to, *toPrefix)
	if err != nil {
		fmt.Fprintf(stderr, "myaccount copy: target %s: %v\n", redact(*to), err)
		return exitFailed
	}
	defer dst.close()

	view := newProgressView(stderr)
	start := time.Now()
	res, err := gormstore.Copy(ctx, dst.store, src.store, gormstore.CopyOptions{Batch: *batch, Resume: *resume, Progress: view.update})
	view.finish()
	elapsed := time.Since(start)
	switch {
	case errors.Is(err, gormstore.ErrTargetNotEmpty):
		fmt.Fprintf(stderr, "myaccount copy: refused: %v\n(give -resume to finish an interrupted copy into it)\n", err)
		return exitNotEmpty
	case errors.Is(err, gormstore.ErrCopyMismatch):
		fmt.Fprintf(stderr, "myaccount copy: %v\n", err)
		return exitMismatch
	case err != nil:
		fmt.Fprintf(stderr, "myaccount copy: %v\n", err)
		if *resume || res != nil && res.Copied > 0 {
			fmt.Fprintln(stderr, "(run the same command with -resume to finish the copy)")
		}
		return exitFailed
	}
	var users int64
	for _, t := range res.Tables {
		if t.Table == "users" {
			users = t.Rows
		}
	}
	fmt.Fprintf(stdout, "copied %d users, %d rows in %d tables (%d written now) from %s to %s in %s (%.0f rows/s), counts and checksums verified\n",
		users, res.Rows, len(res.Tables), res.Copied, redact(*from), redact(*to), elapsed.Round(time.Millisecond), float64(res.Copied)/max(elapsed.Seconds(), 1e-3))
	return exitOK
}
