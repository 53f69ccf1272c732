package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// freeLoopbackAddr is a loopback address with a port free a moment ago,
// for the example server's -pprof-addr.
func freeLoopbackAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// cpuProfile fetches a CPU profile of seconds from the pprof server at
// addr into file; it is started as the measured wrk run starts.
func cpuProfile(ctx context.Context, addr string, seconds int, file string) error {
	ctx, cancel := context.WithTimeout(ctx, time.Duration(seconds)*time.Second+30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", addr, seconds), nil)
	if err != nil {
		return err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("CPU profile: status %d", res.StatusCode)
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, res.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// profileFile names the CPU profile of one run of ours in dir.
func profileFile(dir string, round int, rt route, conns int) string {
	return filepath.Join(dir, fmt.Sprintf("ours-%s-c%d-round%d.pprof", rt.name, conns, round))
}
