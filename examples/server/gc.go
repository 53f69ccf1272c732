package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
)

// The server's garbage-collector settings, unless GOMEMLIMIT and GOGC set
// them (tuneGC).
//
// Each password check (argon2id) allocates 19 MiB that is garbage right
// after. At GOGC 100 without a limit the heap grows to twice its live size
// before a collection, and 64 concurrent checks peak at 150-170 MB
// resident. A soft limit alone (100 MiB) holds the peak near 130 MB, but the
// heap then lives at the limit: the runtime hands the freed blocks back to
// the OS and the next check faults them in again (zeroing memory was 11% of
// the CPU profile against 4% without the limit), for 0.87 of the floor's
// checks per second. GOGC 50 under a 120 MiB limit keeps the heap goal
// below the limit (0.96-0.97 of the floor, peaks 125-134 MB) but collects
// twice as often on every other route, where the live heap is small: GET
// and PATCH ran at 0.88 and 0.84 of the floor against 0.96 and 0.94 at
// GOGC 100 (bench/, SQLite, 4 runs each).
//
// So the server runs at GOGC 100 while the live heap is small and lowers
// GOGC as it grows (gcTuner), keeping the next heap goal near heapTarget;
// the soft limit stays as the bound when the live heap itself is large.
// Measured the same way (12 rounds): 0.93 of the floor's checks per
// second, peaks 131-138 MB; the gap to a fixed GOGC 50 is within the
// rounds' spread (0.75-1.09 tuned, 0.83-1.21 fixed).
const (
	defaultMemoryLimit = 120 << 20
	heapTarget         = 64 << 20
	maxGCPercent       = 100
	minGCPercent       = 40
)

// tuneGC sets the soft memory limit unless GOMEMLIMIT is set, and starts
// the process's gcTuner unless GOGC is set (the runtime has read the one
// that is set itself). The tuner starts once per process.
func tuneGC(getenv func(string) string) {
	if getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(defaultMemoryLimit)
	}
	if getenv("GOGC") == "" {
		processTuner.Do(func() { newGCTuner(heapTarget, minGCPercent, maxGCPercent).start() })
	}
}

var processTuner sync.Once

// A gcTuner sets GOGC after every collection from the live heap that
// collection found: the percentage that makes the next heap goal target,
// within [minPercent, maxPercent]. It learns of each collection from a
// finalizer, which the runtime runs once the collection has found its
// sentinel object unreachable.
type gcTuner struct {
	target                 uint64
	minPercent, maxPercent int
	live                   []metrics.Sample
	percent                atomic.Int64 // the GOGC it set last
	stopped                atomic.Bool
}

func newGCTuner(target uint64, minPercent, maxPercent int) *gcTuner {
	return &gcTuner{
		target: target, minPercent: minPercent, maxPercent: maxPercent,
		live: []metrics.Sample{{Name: "/gc/heap/live:bytes"}},
	}
}

// percentFor is the GOGC that puts the heap goal of a live heap at the
// target: the goal is live * (1 + GOGC/100).
func (t *gcTuner) percentFor(live uint64) int {
	if live == 0 || live*uint64(t.maxPercent+100)/100 <= t.target {
		return t.maxPercent
	}
	if live >= t.target {
		return t.minPercent
	}
	return max(t.minPercent, int((t.target-live)*100/live))
}

// start sets GOGC to maxPercent and tunes it after every collection from
// then on, until stop.
func (t *gcTuner) start() {
	t.set(t.maxPercent)
	t.arm()
}

// stop ends the tuning after the next collection; GOGC stays as it is.
func (t *gcTuner) stop() { t.stopped.Store(true) }

// gcSentinel is the object whose finalizer tells of a collection: large
// enough that the runtime does not pack it with other small objects.
type gcSentinel struct{ _ [64]byte }

func (t *gcTuner) arm() {
	runtime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) {
		if t.stopped.Load() {
			return
		}
		t.tune()
		t.arm()
	})
}

func (t *gcTuner) tune() {
	metrics.Read(t.live)
	if t.live[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	if p := t.percentFor(t.live[0].Value.Uint64()); int64(p) != t.percent.Load() {
		t.set(p)
	}
}

func (t *gcTuner) set(percent int) {
	debug.SetGCPercent(percent)
	t.percent.Store(int64(percent))
}
