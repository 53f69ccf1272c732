// Command bench is the load harness of the example server: it builds the
// server (examples/server) and the floor (bench/floor, the least work each
// route needs in plain net/http and database/sql), seeds the same users for
// both, and runs wrk against both in the same run: per route, ours then the
// floor, each a fresh process warmed up for a second. It prints req/s, p50
// and p99 latency, the server's peak RSS (VmHWM) and the ratio ours/floor
// per route in one table, and checks the targets. Run it from the module
// root:
//
//	go run ./bench                                  # SQLite, about 6 minutes
//	go run ./bench -postgres "$POSTGRES_URL"         # Postgres
//	go run ./bench -duration 3s -rounds 1           # a quick look
//	go run ./bench -routes PATCH,PATCH-hot          # some routes only
//	go run ./bench -profile /tmp/prof               # CPU profiles of ours
//
// The routes: GET and PATCH /api/my-account (PATCH spread round robin over
// -users users, PATCH-hot every request for the first one), POST
// /api/verifications/password (at -connections and again at
// -password-connections, where peak RSS counts), and mixed: 90% GET, 8%
// PATCH and 2% password checks round robin over -mixed-users users.
//
// On SQLite ours and the floor each get a copy of one seeded file. With
// -postgres URL the harness creates a database of its own on that server
// (the URL's role must be allowed to), seeds it once for both, and drops
// it at the end (unless -keep).
//
// Load goes to 127.0.0.1 only; every wrk run is bounded in time
// (-duration) and in requests (-max-requests per wrk thread). Requests
// carry real RS256 access tokens minted once by the server's dev issuer
// (its key kept in a file for the run) and checked by its production JWT
// verifier in every process; the floor reads the token's subject without
// checking the signature. Needs wrk (Debian: apt-get install wrk). The exit
// status is 2 when a target is missed.
package main

import (
	"cmp"
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"gorm.io/driver/postgres"
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
	mixedUsers  int
	maxRequests int
	floorConns  int
	keep        bool
	routes      string
	postgres    string
	profile     string
}

func main() {
	var cfg config
	flag.DurationVar(&cfg.duration, "duration", 10*time.Second, "length of each wrk run")
	flag.IntVar(&cfg.conns, "connections", 32, "wrk connections for every route")
	flag.IntVar(&cfg.passConns, "password-connections", 64, "wrk connections of the extra password run (0: skip it)")
	flag.IntVar(&cfg.threads, "threads", 2, "wrk threads")
	flag.IntVar(&cfg.rounds, "rounds", 2, "how many times to run the whole set")
	flag.IntVar(&cfg.users, "users", 1000, "users the GET, PATCH and password requests go round robin over")
	flag.IntVar(&cfg.mixedUsers, "mixed-users", 10_000, "users the mixed requests go round robin over (the seeded users: the larger of the two)")
	flag.IntVar(&cfg.maxRequests, "max-requests", 1_000_000, "requests per wrk thread at most, per run")
	flag.IntVar(&cfg.floorConns, "floor-conns", 0, "connection pool size of the floor (0: the example server's own, 2 per core on SQLite, gormstore.PostgresPool on Postgres)")
	flag.BoolVar(&cfg.keep, "keep", false, "keep the temporary directory (databases, binaries, server logs) and the Postgres database")
	flag.StringVar(&cfg.routes, "routes", strings.Join(routeNames(), ","), "routes to run, comma-separated")
	flag.StringVar(&cfg.postgres, "postgres", "", "run on Postgres: a postgres:// URL of a server where the harness may create (and drop) a database")
	flag.StringVar(&cfg.profile, "profile", "", "write a CPU profile of ours per run into this directory (the example server's -pprof-addr); read one with go tool pprof DIR/FILE")
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
	// hot sends every request for the first seeded user; mixed goes
	// round robin over -mixed-users instead of -users.
	hot, mixed bool
	// target is the least ratio ours/floor (0: none).
	target float64
}

var routes = []route{
	{name: "GET", method: "GET", path: "/api/my-account", body: "none", target: 0.8},
	{name: "PATCH", method: "PATCH", path: "/api/my-account", body: "name", target: 0.7},
	{name: "PATCH-hot", method: "PATCH", path: "/api/my-account", body: "name", hot: true, target: 0.6},
	{name: "password", method: "POST", path: "/api/verifications/password", body: "password", target: 0.85},
	// The script picks each request's route (wrk/account.lua).
	{name: "mixed", method: "GET", path: "/api/my-account", body: "mixed", mixed: true},
}

func routeNames() []string {
	var names []string
	for _, rt := range routes {
		names = append(names, rt.name)
	}
	return names
}

// maxPeakRSSMiB bounds the example server's peak RSS on the password route
// at -password-connections.
const maxPeakRSSMiB = 150

// result is one wrk run against one server.
type result struct {
	round      int
	route      string
	conns      int
	server     string
	reqPerSec  float64
	p50, p99   time.Duration
	cpuPerReq  time.Duration // the server's CPU time (user + system) per request
	peakRSSKiB int64
	failed     int64 // socket errors, timeouts and non-2xx answers
}

// setup is where a run's servers find their data.
type setup struct {
	database string // what the report says about it
	// oursArgs and floorArgs are the servers' flags naming the database.
	oursArgs, floorArgs []string
}

func run(ctx context.Context, cfg config) error {
	if _, err := exec.LookPath("wrk"); err != nil {
		return errors.New("wrk not found: apt-get install wrk")
	}
	var selected []route
	for _, name := range strings.Split(cfg.routes, ",") {
		i := slices.IndexFunc(routes, func(rt route) bool { return rt.name == name })
		if i < 0 {
			return fmt.Errorf("unknown route %q (routes: %s)", name, strings.Join(routeNames(), ", "))
		}
		selected = append(selected, routes[i])
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

	seeded := max(cfg.users, cfg.mixedUsers)
	step(fmt.Sprintf("seeding %d users", seeded))
	var su setup
	if cfg.postgres != "" {
		bdb, err := createBenchDatabase(ctx, cfg.postgres)
		if err != nil {
			return err
		}
		if cfg.keep {
			fmt.Println("Postgres database:", bdb.name)
		} else {
			defer func() {
				if err := bdb.drop(context.WithoutCancel(ctx)); err != nil {
					fmt.Fprintf(os.Stderr, "bench: dropping the database %s: %v\n", bdb.name, err)
				}
			}()
		}
		if err := seed(ctx, postgres.Open(bdb.dsn), seeded); err != nil {
			return fmt.Errorf("seed: %w", err)
		}
		floorConns := cmp.Or(cfg.floorConns, gormstore.PostgresPool().MaxOpen)
		su = setup{
			database:  bdb.server + ", one database for both",
			oursArgs:  []string{"-dsn", bdb.dsn},
			floorArgs: []string{"-postgres", bdb.dsn, "-conns", strconv.Itoa(floorConns)},
		}
	} else {
		oursDB, floorDB := filepath.Join(dir, "ours.db"), filepath.Join(dir, "floor.db")
		if err := seed(ctx, sqlite.Open(gormstore.SQLiteDSN(oursDB)), seeded); err != nil {
			return fmt.Errorf("seed: %w", err)
		}
		if err := copyFile(oursDB, floorDB); err != nil {
			return err
		}
		// The example server's SQLite pool: 2 connections per core.
		floorConns := cmp.Or(cfg.floorConns, 2*runtime.GOMAXPROCS(0))
		su = setup{
			database:  "SQLite, a copy of one file each",
			oursArgs:  []string{"-db", oursDB},
			floorArgs: []string{"-db", floorDB, "-conns", strconv.Itoa(floorConns)},
		}
	}

	script := filepath.Join(dir, "account.lua")
	if err := os.WriteFile(script, wrkScript, 0o600); err != nil {
		return err
	}
	w := &wrk{cfg: cfg, script: script, tokens: filepath.Join(dir, "tokens.txt"),
		mixed: filepath.Join(dir, "tokens-mixed.txt"), hot: filepath.Join(dir, "tokens-hot.txt")}
	// Every process of ours signs and checks with this key, so the tokens
	// are minted once, and each process still verifies each one itself.
	oursEnv := []string{"MYACCOUNT_DEV_SIGNING_KEY_FILE=" + filepath.Join(dir, "dev-signing-key.pem")}
	var pprofAddr string
	if cfg.profile != "" {
		if err := os.MkdirAll(cfg.profile, 0o755); err != nil {
			return err
		}
		if pprofAddr, err = freeLoopbackAddr(); err != nil {
			return err
		}
	}
	launch := func(name string) (*server, error) {
		if name == "floor" {
			return start(ctx, dir, name, nil, filepath.Join(dir, "floor"), append([]string{"-addr", "127.0.0.1:0"}, su.floorArgs...)...)
		}
		args := append([]string{"-addr", "127.0.0.1:0"}, su.oursArgs...)
		if cfg.profile != "" {
			args = append(args, "-pprof-addr", pprofAddr)
		}
		return start(ctx, dir, name, oursEnv, filepath.Join(dir, "server"), args...)
	}

	step(fmt.Sprintf("minting %d access tokens", seeded))
	if err := mintTokenFiles(ctx, launch, w, seeded, cfg.users, cfg.mixedUsers); err != nil {
		return err
	}

	type runSpec struct {
		rt    route
		conns int
	}
	var specs []runSpec
	for _, rt := range selected {
		specs = append(specs, runSpec{rt, cfg.conns})
		if rt.name == "password" && cfg.passConns > 0 {
			specs = append(specs, runSpec{rt, cfg.passConns})
		}
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
				var profile string
				if name == "ours" && cfg.profile != "" {
					profile = profileFile(cfg.profile, round, sp.rt, sp.conns)
				}
				r, err := w.measure(ctx, s, sp.rt, sp.conns, round, pprofAddr, profile)
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
	if !report(os.Stdout, cfg, su.database, results) {
		return errTargetsMissed
	}
	return nil
}

// mintTokenFiles starts ours once to mint a token per seeded user, and
// writes the first users' to w.tokens, the first mixedUsers' to w.mixed,
// and the first user's to w.hot.
func mintTokenFiles(ctx context.Context, launch func(string) (*server, error), w *wrk, seeded, users, mixedUsers int) error {
	s, err := launch("ours")
	if err != nil {
		return err
	}
	defer s.stop()
	tokens, err := mintTokens(ctx, s.url, seeded)
	if err != nil {
		return fmt.Errorf("minting tokens through POST /dev/tokens: %w", err)
	}
	for file, n := range map[string]int{w.tokens: users, w.mixed: mixedUsers, w.hot: 1} {
		if err := os.WriteFile(file, []byte(strings.Join(tokens[:n], "\n")+"\n"), 0o600); err != nil {
			return err
		}
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

// seed creates the store's tables and loads the users, each with the
// password seeding.Password under one default argon2id hash.
func seed(ctx context.Context, dialector gorm.Dialector, users int) error {
	hasher, err := account.NewArgon2idHasher(account.Argon2idOptions{})
	if err != nil {
		return err
	}
	hash, err := hasher.Hash(ctx, seeding.Password)
	if err != nil {
		return err
	}
	db, err := gorm.Open(dialector, &gorm.Config{TranslateError: true, Logger: logger.Discard})
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
