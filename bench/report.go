package main

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"
)

// report prints the conditions, the table and the targets, and tells
// whether every target was met.
func report(out io.Writer, cfg config, database string, results []result) bool {
	wrkVersion := "wrk"
	// wrk -v prints its version, then the usage, and exits 1.
	if b, _ := exec.Command("wrk", "-v").CombinedOutput(); len(b) > 0 {
		wrkVersion = strings.TrimSpace(strings.SplitN(string(b), "[", 2)[0])
	}
	host, _ := os.Hostname()
	fmt.Fprintf(out, "\nconditions: %s, %d CPUs, %s %s/%s; %s -t%d; %s per run, %d rounds; requests round robin over %d users (mixed: %d); %s; load on 127.0.0.1; %s\n",
		host, runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH, wrkVersion, cfg.threads,
		cfg.duration, cfg.rounds, cfg.users, cfg.mixedUsers, database, time.Now().UTC().Format(time.RFC3339))
	fmt.Fprintln(out, "ours = examples/server (RS256 dev tokens through its production JWT verifier, a verified token cached for a minute);")
	fmt.Fprintln(out, "floor = bench/floor (plain net/http + database/sql on the same tables, one statement per request, JWT-free); each run a fresh process after a 1 s warm-up")
	fmt.Fprintln(out, "PATCH spreads over the users, PATCH-hot writes the first user only; mixed = 90% GET, 8% PATCH, 2% password")
	fmt.Fprintln(out, "CPU/req = the server process's CPU time (user + system) during the run per request; on SQLite the database's work is in it, on Postgres it is not")
	fmt.Fprintln(out)

	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "round\troute\tconns\tserver\treq/s\tp50\tp99\tCPU/req\tpeak RSS\tfailed\tours/floor\t")
	floorOf := func(r result) (result, bool) {
		for _, f := range results {
			if f.server == "floor" && f.round == r.round && f.route == r.route && f.conns == r.conns {
				return f, true
			}
		}
		return result{}, false
	}
	for _, r := range results {
		ratio := ""
		if f, ok := floorOf(r); ok && r.server == "ours" && f.reqPerSec > 0 {
			ratio = fmt.Sprintf("%.2f", r.reqPerSec/f.reqPerSec)
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%.0f\t%s\t%s\t%.0f µs\t%.1f MB\t%d\t%s\t\n", r.round, r.route, r.conns, r.server,
			r.reqPerSec, ms(r.p50), ms(r.p99), float64(r.cpuPerReq)/float64(time.Microsecond), float64(r.peakRSSKiB)/1024, r.failed, ratio)
	}
	tw.Flush()

	fmt.Fprintln(out, "\ntargets (each round on its own):")
	allMet := true
	check := func(ok bool, format string, args ...any) {
		mark := "ok  "
		if !ok {
			mark, allMet = "MISS", false
		}
		fmt.Fprintf(out, "  %s %s\n", mark, fmt.Sprintf(format, args...))
	}
	for _, r := range results {
		if r.server != "ours" {
			continue
		}
		if r.route == "password" && r.conns == cfg.passConns {
			check(r.peakRSSKiB < maxPeakRSSMiB*1024, "round %d password  %2d conns: peak RSS %.1f MB < %d MB", r.round, r.conns, float64(r.peakRSSKiB)/1024, maxPeakRSSMiB)
		}
		target := targetOf(r.route)
		f, ok := floorOf(r)
		if target == 0 || !ok || f.reqPerSec == 0 {
			continue
		}
		ratio := r.reqPerSec / f.reqPerSec
		check(ratio >= target, "round %d %-9s %2d conns: ours/floor %.2f >= %.2f", r.round, r.route, r.conns, ratio, target)
	}
	var failed int64
	for _, r := range results {
		failed += r.failed
	}
	check(failed == 0, "no request failed (%d failed)", failed)
	if allMet {
		fmt.Fprintln(out, "all targets met")
	} else {
		fmt.Fprintln(out, "some targets missed")
	}
	return allMet
}

// targetOf is the named route's least ratio ours/floor (0: none).
func targetOf(name string) float64 {
	for _, rt := range routes {
		if rt.name == name {
			return rt.target
		}
	}
	return 0
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }
