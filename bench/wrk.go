package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os/exec"
	"strconv"
	"sync"
	"time"

	"github.com/myaccount-go/myaccount/bench/internal/seeding"
)

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
	cfg    config
	script string
	// tokens, mixed and hot are files of access tokens, one a line: of
	// -users users, of -mixed-users users, and of the first user alone.
	tokens, mixed, hot string
}

// measure warms s up on rt for a second, then runs wrk for the configured
// duration and reads the process's peak RSS and the CPU time it used per
// request during the run (wrk shares the machine: the fewer CPU seconds a
// server needs per request, the more requests fit). With a profile file, it
// fetches a CPU profile of the run (but its last second) from pprofAddr.
func (w *wrk) measure(ctx context.Context, s *server, rt route, conns, round int, pprofAddr, profile string) (result, error) {
	if _, err := w.run(ctx, s, rt, conns, time.Second); err != nil {
		return result{}, err
	}
	profiled := make(chan error, 1)
	if profile != "" {
		go func() { profiled <- cpuProfile(ctx, pprofAddr, max(1, int(w.cfg.duration/time.Second)-1), profile) }()
	} else {
		profiled <- nil
	}
	cpuBefore, err := s.cpuTime()
	if err != nil {
		return result{}, err
	}
	raw, err := w.run(ctx, s, rt, conns, w.cfg.duration)
	cpuAfter, cerr := s.cpuTime()
	if err == nil {
		err = cerr
	}
	if perr := <-profiled; err == nil && perr != nil {
		err = fmt.Errorf("profiling %s %s: %w", s.name, rt.name, perr)
	}
	if err != nil {
		return result{}, err
	}
	rss, err := s.peakRSS()
	if err != nil {
		return result{}, err
	}
	var cpuPerReq time.Duration
	if raw["requests"] > 0 {
		cpuPerReq = (cpuAfter - cpuBefore) / time.Duration(raw["requests"])
	}
	return result{
		round: round, route: rt.name, conns: conns, server: s.name,
		cpuPerReq:  cpuPerReq,
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
	tokens := w.tokens
	switch {
	case rt.hot:
		tokens = w.hot
	case rt.mixed:
		tokens = w.mixed
	}
	cmd := exec.CommandContext(ctx, "wrk",
		"-t", strconv.Itoa(threads), "-c", strconv.Itoa(conns), "-d", duration.String(),
		"--timeout", "10s", "-s", w.script, s.url+rt.path,
		"--", tokens, rt.method, rt.body, strconv.Itoa(w.cfg.maxRequests))
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
