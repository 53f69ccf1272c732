// Command bench is the load harness of the example server: it builds the
// server (examples/server) and the floor (bench/floor, the least work each
// route needs in plain net/http), seeds both with the same users on
// identical SQLite files, and runs wrk against both in the same run: per
// route, ours then the floor, each a fresh process warmed up for a second.
// It prints req/s, p50 and p99 latency, the server's peak RSS (VmHWM) and
// the ratio ours/floor per route, and checks the targets of issue 8. Run it
// from the module root:
//
//	go run ./bench                  # 10 s per run, 32 connections, twice
//	go run ./bench -duration 3s     # a quick look
//
// Load goes to 127.0.0.1 only; every wrk run is bounded in time
// (-duration) and in requests (-max-requests per wrk thread). Requests
// carry real RS256 access tokens minted by the server's dev issuer and
// checked by its production JWT verifier; the floor reads the token's
// subject without checking the signature. Needs wrk (Debian: apt-get
// install wrk). The exit status is 2 when a target is missed.
package main

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/bench/internal/seeding"
	"github.com/myaccount-go/myaccount/storage/gormstore"
)

//go:embed wrk/account.lua
var wrkScript []byte

type config struct {
	duration    time.Duration
	conns       int
	passConns   int
	threads     int
	rounds      int
	users       int
	maxRequests int
	floorConns  int
	keep        bool
	routes      string
}

func main() {
	var cfg config
	flag.DurationVar(&cfg.duration, "duration", 10*time.Second, "length of each wrk run")
	flag.IntVar(&cfg.conns, "connections", 32, "wrk connections for every route")
	flag.IntVar(&cfg.passConns, "password-connections", 64, "wrk connections of the extra password run (0: skip it)")
	flag.IntVar(&cfg.threads, "threads", 2, "wrk threads")
	flag.IntVar(&cfg.rounds, "rounds", 2, "how many times to run the whole set")
	flag.IntVar(&cfg.users, "users", 1000, "seeded users (requests go round robin over them)")
	flag.IntVar(&cfg.maxRequests, "max-requests", 1_000_000, "requests per wrk thread at most, per run")
	flag.IntVar(&cfg.floorConns, "floor-conns", 4, "SQLite pool size of the floor")
	flag.BoolVar(&cfg.keep, "keep", false, "keep the temporary directory (databases, binaries, server logs)")
	flag.StringVar(&cfg.routes, "routes", "GET,PATCH,password", "routes to run, comma-separated")
	flag.Parse()

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		if errors.Is(err, errTargetsMissed) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// route is one benchmarked route.
type route struct {
	name, method, path, body string
}

var routes = []route{
	{"GET", "GET", "/api/my-account", "none"},
	{"PATCH", "PATCH", "/api/my-account", "name"},
	{"password", "POST", "/api/verifications/password", "password"},
}

// result is one wrk run against one server.
type result struct {
	round      int
	route      string
	conns      int
	server     string
	reqPerSec  float64
	p50, p99   time.Duration
	peakRSSKiB int64
	failed     int64 // socket errors, timeouts and non-2xx answers
}

func run(ctx context.Context, cfg config) error {
	if _, err := exec.LookPath("wrk"); err != nil {
		return errors.New("wrk not found: apt-get install wrk")
	}
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "myaccount-bench-")
	if err != nil {
		return err
	}
	if cfg.keep {
		fmt.Println("working directory:", dir)
	} else {
		defer os.RemoveAll(dir)
	}

	step("building the example server and the floor")
	for name, pkg := range map[string]string{"server": "./examples/server", "floor": "./bench/floor"} {
		build := exec.CommandContext(ctx, "go", "build", "-o", filepath.Join(dir, name), pkg)
		build.Dir, build.Stdout, build.Stderr = root, os.Stdout, os.Stderr
		if err := build.Run(); err != nil {
			return fmt.Errorf("go build %s: %w", pkg, err)
		}
	}

	step(fmt.Sprintf("seeding %d users", cfg.users))
	oursDB, floorDB := filepath.Join(dir, "ours.db"), filepath.Join(dir, "floor.db")
	if err := seed(ctx, oursDB, cfg.users); err != nil {
		return fmt.Errorf("seed: %w", err)
	}
	if err := copyFile(oursDB, floorDB); err != nil {
		return err
	}

	script := filepath.Join(dir, "account.lua")
	if err := os.WriteFile(script, wrkScript, 0o600); err != nil {
		return err
	}
	tokenFile := filepath.Join(dir, "tokens.txt")
	w := &wrk{cfg: cfg, script: script, tokens: tokenFile}

	// launch starts a fresh process of a server, so that its peak RSS is
	// that of one route. Ours makes its dev issuer's key at start: its
	// tokens are minted again each time (the floor reads them unverified).
	launch := func(name string) (*server, error) {
		if name == "floor" {
			return start(ctx, dir, name, filepath.Join(dir, "floor"), "-addr", "127.0.0.1:0", "-db", floorDB,
				"-conns", strconv.Itoa(cfg.floorConns))
		}
		s, err := start(ctx, dir, name, filepath.Join(dir, "server"), "-addr", "127.0.0.1:0", "-db", oursDB)
		if err != nil {
			return nil, err
		}
		tokens, err := mintTokens(ctx, s.url, cfg.users)
		if err == nil {
			err = os.WriteFile(tokenFile, []byte(strings.Join(tokens, "\n")+"\n"), 0o600)
		}
		if err != nil {
			s.stop()
			return nil, fmt.Errorf("minting tokens through POST /dev/tokens: %w", err)
		}
		return s, nil
	}

	type runSpec struct {
		rt    route
		conns int
	}
	var specs []runSpec
	selected := strings.Split(cfg.routes, ",")
	for _, rt := range routes {
		if slices.Contains(selected, rt.name) {
			specs = append(specs, runSpec{rt, cfg.conns})
		}
	}
	if cfg.passConns > 0 && slices.Contains(selected, "password") {
		specs = append(specs, runSpec{routes[2], cfg.passConns})
	}
	var results []result
	for round := 1; round <= cfg.rounds; round++ {
		for _, sp := range specs {
			for _, name := range []string{"ours", "floor"} {
				step(fmt.Sprintf("round %d: %s %s, %d connections, %s (after a 1 s warm-up)", round, name, sp.rt.name, sp.conns, cfg.duration))
				s, err := launch(name)
				if err != nil {
					return err
				}
				r, err := w.measure(ctx, s, sp.rt, sp.conns, round)
				if err == nil && s.exited() {
					err = fmt.Errorf("%s exited during the run; see %s.log (-keep)", name, name)
				}
				s.stop()
				if err != nil {
					return err
				}
				results = append(results, r)
			}
		}
	}
	if !report(os.Stdout, cfg, results) {
		return errTargetsMissed
	}
	return nil
}

// errTargetsMissed makes the harness exit with status 2.
var errTargetsMissed = errors.New("some targets missed")

func step(s string) { fmt.Fprintf(os.Stderr, "== %s\n", s) }

// moduleRoot is the directory of go.mod.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("run the harness inside the module (go run ./bench from its root)")
	}
	return filepath.Dir(gomod), nil
}

// seed creates the store's tables in a SQLite file and loads the users,
// each with the password seeding.Password under one default argon2id hash.
func seed(ctx context.Context, path string, users int) error {
	hasher, err := account.NewArgon2idHasher(account.Argon2idOptions{})
	if err != nil {
		return err
	}
	hash, err := hasher.Hash(ctx, seeding.Password)
	if err != nil {
		return err
	}
	db, err := gorm.Open(sqlite.Open(gormstore.SQLiteDSN(path)), &gorm.Config{TranslateError: true, Logger: logger.Discard})
	if err != nil {
		return err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	defer sqlDB.Close()
	return seeding.Seed(ctx, db, seeding.Options{Users: users, PasswordHash: hash})
}

// copyFile copies a closed SQLite database (its WAL checkpointed on close).
func copyFile(from, to string) error {
	if _, err := os.Stat(from + "-wal"); err == nil {
		return fmt.Errorf("%s still has a WAL file", from)
	}
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o600)
}

// server is a running server process.
type server struct {
	name string
	url  string
	cmd  *exec.Cmd
	done chan struct{}
}

// start runs a server that prints "listening on http://ADDR" when ready;
// its output goes to DIR/NAME.log.
func start(ctx context.Context, dir, name, bin string, args ...string) (*server, error) {
	logFile, err := os.OpenFile(filepath.Join(dir, name+".log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, args...)
	cmd.Stderr = logFile
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{name: name, cmd: cmd, done: make(chan struct{})}
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(logFile, line)
			if u, ok := strings.CutPrefix(line, "listening on "); ok {
				select {
				case addr <- u:
				default:
				}
			}
		}
		_, _ = io.Copy(logFile, stdout)
	}()
	go func() {
		_ = cmd.Wait()
		logFile.Close()
		close(s.done)
	}()
	select {
	case s.url = <-addr:
		return s, nil
	case <-s.done:
		return nil, fmt.Errorf("%s exited at start; see %s.log (-keep)", name, name)
	case <-time.After(60 * time.Second):
		s.stop()
		return nil, fmt.Errorf("%s did not start within 60 s", name)
	case <-ctx.Done():
		s.stop()
		return nil, ctx.Err()
	}
}

func (s *server) exited() bool {
	select {
	case <-s.done:
		return true
	default:
		return false
	}
}

// stop ends the server: SIGTERM, then SIGKILL after 10 s.
func (s *server) stop() {
	if s.exited() {
		return
	}
	_ = s.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// peakRSS is VmHWM, the most resident memory the process has had, in KiB.
func (s *server) peakRSS() (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			return strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
		}
	}
	return 0, errors.New("no VmHWM in /proc status")
}

// mintTokens asks the server's dev issuer for a token per seeded user.
func mintTokens(ctx context.Context, base string, users int) ([]string, error) {
	tokens := make([]string, users)
	errs := make(chan error, 4)
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := w; i < users; i += 4 {
				body, _ := json.Marshal(map[string]string{"userId": seeding.UserAt(i).ID})
				req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/dev/tokens", bytes.NewReader(body))
				if err != nil {
					errs <- err
					return
				}
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					errs <- err
					return
				}
				var out struct {
					AccessToken string `json:"accessToken"`
				}
				err = json.NewDecoder(res.Body).Decode(&out)
				res.Body.Close()
				if err != nil || res.StatusCode != http.StatusCreated || out.AccessToken == "" {
					errs <- fmt.Errorf("POST /dev/tokens for user %d: status %d, %v", i, res.StatusCode, err)
					return
				}
				tokens[i] = out.AccessToken
			}
		})
	}
	wg.Wait()
	close(errs)
	return tokens, <-errs
}

// wrk runs wrk with the harness's script.
type wrk struct {
	cfg            config
	script, tokens string
}

// measure warms s up on rt for a second, then runs wrk for the configured
// duration and reads the process's peak RSS.
func (w *wrk) measure(ctx context.Context, s *server, rt route, conns, round int) (result, error) {
	if _, err := w.run(ctx, s, rt, conns, time.Second); err != nil {
		return result{}, err
	}
	raw, err := w.run(ctx, s, rt, conns, w.cfg.duration)
	if err != nil {
		return result{}, err
	}
	rss, err := s.peakRSS()
	if err != nil {
		return result{}, err
	}
	return result{
		round: round, route: rt.name, conns: conns, server: s.name,
		reqPerSec:  float64(raw["requests"]) / (float64(raw["duration_us"]) / 1e6),
		p50:        time.Duration(raw["p50_us"]) * time.Microsecond,
		p99:        time.Duration(raw["p99_us"]) * time.Microsecond,
		peakRSSKiB: rss,
		failed:     raw["connect"] + raw["read"] + raw["write"] + raw["status"] + raw["timeout"],
	}, nil
}

// run runs wrk once and returns the summary its script prints.
func (w *wrk) run(ctx context.Context, s *server, rt route, conns int, duration time.Duration) (map[string]int64, error) {
	ctx, cancel := context.WithTimeout(ctx, duration+30*time.Second)
	defer cancel()
	threads := min(w.cfg.threads, conns)
	cmd := exec.CommandContext(ctx, "wrk",
		"-t", strconv.Itoa(threads), "-c", strconv.Itoa(conns), "-d", duration.String(),
		"--timeout", "10s", "-s", w.script, s.url+rt.path,
		"--", w.tokens, rt.method, rt.body, strconv.Itoa(w.cfg.maxRequests))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("wrk %s %s: %w: %s", s.name, rt.name, err, stderr.String())
	}
	var line []byte
	for l := range bytes.SplitSeq(out, []byte("\n")) {
		if bytes.HasPrefix(l, []byte("{")) {
			line = l
		}
	}
	var raw map[string]int64
	if err := json.Unmarshal(line, &raw); err != nil {
		return nil, fmt.Errorf("wrk %s %s: unreadable summary %q: %w", s.name, rt.name, out, err)
	}
	return raw, nil
}

// report prints the conditions, the table and the targets, and tells
// whether every target was met.
func report(out io.Writer, cfg config, results []result) bool {
	wrkVersion := "wrk"
	// wrk -v prints its version, then the usage, and exits 1.
	if b, _ := exec.Command("wrk", "-v").CombinedOutput(); len(b) > 0 {
		wrkVersion = strings.TrimSpace(strings.SplitN(string(b), "[", 2)[0])
	}
	host, _ := os.Hostname()
	fmt.Fprintf(out, "\nconditions: %s, %d CPUs, %s %s/%s; %s -t%d; %s per run, %d rounds; %d seeded users; SQLite files in a temp dir; load on 127.0.0.1; %s\n",
		host, runtime.NumCPU(), runtime.Version(), runtime.GOOS, runtime.GOARCH, wrkVersion, cfg.threads,
		cfg.duration, cfg.rounds, cfg.users, time.Now().UTC().Format(time.RFC3339))
	fmt.Fprintln(out, "ours = examples/server (RS256 dev tokens through its production JWT verifier, a verified token cached for a minute);")
	fmt.Fprintln(out, "floor = bench/floor (plain net/http + database/sql on the same SQLite layout, JWT-free); each run a fresh process after a 1 s warm-up")
	fmt.Fprintln(out)

	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "round\troute\tconns\tserver\treq/s\tp50\tp99\tpeak RSS\tfailed\tours/floor\t")
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
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%.0f\t%s\t%s\t%.1f MB\t%d\t%s\t\n", r.round, r.route, r.conns, r.server,
			r.reqPerSec, ms(r.p50), ms(r.p99), float64(r.peakRSSKiB)/1024, r.failed, ratio)
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
	minRatio := map[string]float64{"GET": 0.7, "PATCH": 0.5, "password": 0.8}
	for _, r := range results {
		if r.server != "ours" {
			continue
		}
		f, ok := floorOf(r)
		if !ok || f.reqPerSec == 0 {
			continue
		}
		ratio := r.reqPerSec / f.reqPerSec
		check(ratio >= minRatio[r.route], "round %d %-8s %2d conns: ours/floor %.2f >= %.2f", r.round, r.route, r.conns, ratio, minRatio[r.route])
		if r.route == "password" && r.conns == cfg.passConns {
			check(r.peakRSSKiB < 150*1024, "round %d password %2d conns: peak RSS %.1f MB < 150 MB", r.round, r.conns, float64(r.peakRSSKiB)/1024)
		}
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

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }
