package seeding

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// bar draws a progress bar on one terminal line, at most ten times a
// second.
type bar struct {
	w      io.Writer
	label  string
	total  int
	start  time.Time
	drawn  time.Time
	last   int
	active bool
}

func newBar(w io.Writer, label string, total int) *bar {
	b := &bar{w: w, label: label, total: total, start: time.Now(), active: w != nil && total > 0}
	b.draw(0)
	return b
}

// set moves the bar to n done.
func (b *bar) set(n int) {
	b.last = n
	if time.Since(b.drawn) >= 100*time.Millisecond {
		b.draw(n)
	}
}

// done draws the final state and ends the line.
func (b *bar) done() {
	if !b.active {
		return
	}
	b.draw(b.last)
	fmt.Fprintln(b.w)
}

func (b *bar) draw(n int) {
	if !b.active {
		return
	}
	b.drawn = time.Now()
	const width = 30
	filled := width * n / b.total
	elapsed := time.Since(b.start)
	rate := float64(n) / max(elapsed.Seconds(), 1e-3)
	eta := "?"
	if n > 0 {
		eta = (time.Duration(float64(b.total-n)/rate) * time.Second).Round(time.Second).String()
	}
	fmt.Fprintf(b.w, "\r%s [%s%s] %3d%% %d/%d users  %.0f/s  elapsed %s  eta %s   ",
		b.label, strings.Repeat("=", filled), strings.Repeat(" ", width-filled),
		100*n/b.total, n, b.total, rate, elapsed.Round(time.Second), eta)
}
