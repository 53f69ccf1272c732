package main

import (
	"runtime/debug"
	"testing"
)

// TestTuneGC: the server sets its memory limit and GC percentage only
// where GOMEMLIMIT and GOGC leave them to it.
func TestTuneGC(t *testing.T) {
	limit, percent := debug.SetMemoryLimit(-1), debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	t.Cleanup(func() {
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(percent)
	})
	const otherLimit, otherPercent = 300 << 20, 150
	for name, tc := range map[string]struct {
		env                    map[string]string
		wantLimit, wantPercent int
	}{
		"neither set":    {nil, defaultMemoryLimit, defaultGCPercent},
		"GOMEMLIMIT set": {map[string]string{"GOMEMLIMIT": "300MiB"}, otherLimit, defaultGCPercent},
		"GOGC set":       {map[string]string{"GOGC": "150"}, defaultMemoryLimit, otherPercent},
		"both set":       {map[string]string{"GOMEMLIMIT": "300MiB", "GOGC": "150"}, otherLimit, otherPercent},
	} {
		t.Run(name, func(t *testing.T) {
			// What the runtime would have read from the environment.
			debug.SetMemoryLimit(otherLimit)
			debug.SetGCPercent(otherPercent)
			tuneGC(func(k string) string { return tc.env[k] })
			if got := debug.SetMemoryLimit(-1); got != int64(tc.wantLimit) {
				t.Errorf("memory limit %d, want %d", got, tc.wantLimit)
			}
			got := debug.SetGCPercent(otherPercent)
			if got != tc.wantPercent {
				t.Errorf("GC percent %d, want %d", got, tc.wantPercent)
			}
		})
	}
}
