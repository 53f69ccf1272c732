package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

// keepGCSettings restores the process's memory limit and GC percentage
// when the test ends.
func keepGCSettings(t *testing.T) {
	limit, percent := debug.SetMemoryLimit(-1), debug.SetGCPercent(100)
	debug.SetGCPercent(percent)
	t.Cleanup(func() {
		debug.SetMemoryLimit(limit)
		debug.SetGCPercent(percent)
	})
}

// TestTuneGCKeepsWhatTheEnvironmentSets: the server sets its memory limit
// only without GOMEMLIMIT, and leaves GOGC alone when it is set.
func TestTuneGCKeepsWhatTheEnvironmentSets(t *testing.T) {
	keepGCSettings(t)
	const otherLimit, otherPercent = 300 << 20, 150
	for name, tc := range map[string]struct {
		env       map[string]string
		wantLimit int64
	}{
		"GOMEMLIMIT unset": {map[string]string{"GOGC": "150"}, defaultMemoryLimit},
		"both set":         {map[string]string{"GOMEMLIMIT": "300MiB", "GOGC": "150"}, otherLimit},
	} {
		t.Run(name, func(t *testing.T) {
			// What the runtime would have read from the environment.
			debug.SetMemoryLimit(otherLimit)
			debug.SetGCPercent(otherPercent)
			tuneGC(func(k string) string { return tc.env[k] })
			runtime.GC()
			if got := debug.SetMemoryLimit(-1); got != tc.wantLimit {
				t.Errorf("memory limit %d, want %d", got, tc.wantLimit)
			}
			if got := debug.SetGCPercent(otherPercent); got != otherPercent {
				t.Errorf("GC percent %d, want GOGC's %d", got, otherPercent)
			}
		})
	}
}

func TestGCTunerPercentFor(t *testing.T) {
	const MiB = 1 << 20
	tuner := newGCTuner(64*MiB, 40, 100)
	for _, tc := range []struct {
		live uint64
		want int
	}{
		{0, 100},
		{10 * MiB, 100}, // goal 20 MiB
		{32 * MiB, 100}, // goal 64 MiB exactly
		{40 * MiB, 60},  // 40 * 1.6 = 64
		{48 * MiB, 40},  // 48 * 1.33 = 64, below the least percentage
		{64 * MiB, 40},  // at the target
		{500 * MiB, 40}, // far above it: the memory limit bounds the heap
	} {
		if got := tuner.percentFor(tc.live); got != tc.want {
			t.Errorf("live %d MiB: GOGC %d, want %d", tc.live/MiB, got, tc.want)
		}
	}
}

// TestGCTunerFollowsTheLiveHeap: after the collections that find more
// live memory the tuner lowers GOGC, and raises it again once that memory
// is garbage.
func TestGCTunerFollowsTheLiveHeap(t *testing.T) {
	keepGCSettings(t)
	runtime.GC()
	base := liveHeap()
	tuner := newGCTuner(base+24<<20, 10, 100)
	tuner.start()
	t.Cleanup(tuner.stop)

	held := make([]byte, 16<<20)
	for i := range held {
		held[i] = byte(i)
	}
	if p := waitForPercent(tuner, func(p int64) bool { return p < 100 }); p >= 100 || p < 10 {
		t.Fatalf("with 16 MiB more live: GOGC %d, want in [10, 100)", p)
	}
	if got := debug.SetGCPercent(int(tuner.percent.Load())); int64(got) != tuner.percent.Load() {
		t.Errorf("the runtime's GOGC is %d, the tuner's %d", got, tuner.percent.Load())
	}
	runtime.KeepAlive(held)
	held = nil
	if p := waitForPercent(tuner, func(p int64) bool { return p == 100 }); p != 100 {
		t.Fatalf("with that memory garbage: GOGC %d, want 100", p)
	}
}

// waitForPercent collects until the tuner's GOGC satisfies ok (or 5 s
// have passed: the finalizer runs after each collection, not during it)
// and returns the tuner's GOGC.
func waitForPercent(tuner *gcTuner, ok func(int64) bool) int64 {
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
		if p := tuner.percent.Load(); ok(p) {
			return p
		}
	}
	return tuner.percent.Load()
}

func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
