package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/myaccount-go/myaccount/storage/gormstore"
)

// progressView shows a copy's progress: a bar redrawn on one line on a
// terminal, a plain line every few seconds elsewhere (a log, a pipe).
type progressView struct {
	w        io.Writer
	terminal bool
	every    time.Duration

	phase      gormstore.CopyPhase
	table      string
	phaseStart time.Time
	startDone  int64
	shown      time.Time
	last       gormstore.CopyProgress
	drawn      bool
}

func newProgressView(w io.Writer) *progressView {
	v := &progressView{w: w, terminal: isTerminal(w), every: 5 * time.Second}
	if v.terminal {
		v.every = 100 * time.Millisecond
	}
	return v
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// update takes a progress report (gormstore.CopyOptions.Progress).
func (v *progressView) update(p gormstore.CopyProgress) {
	now := time.Now()
	if p.Phase != v.phase {
		if v.drawn {
			v.show(now, true)
		}
		v.phase, v.phaseStart, v.startDone = p.Phase, now, p.Done
	}
	tableChanged := p.Table != v.table
	v.table, v.last = p.Table, p
	if now.Sub(v.shown) >= v.every || (!v.terminal && tableChanged) {
		v.show(now, false)
	}
}

// finish shows the last report and ends the bar's line.
func (v *progressView) finish() {
	if v.drawn {
		v.show(time.Now(), true)
	}
}

func (v *progressView) show(now time.Time, final bool) {
	v.shown, v.drawn = now, true
	p := v.last
	elapsed := now.Sub(v.phaseStart)
	rate := float64(p.Done-v.startDone) / max(elapsed.Seconds(), 1e-3)
	eta := "?"
	if rate > 0 {
		eta = (time.Duration(float64(p.Total-p.Done)/rate) * time.Second).Round(time.Second).String()
	}
	pct := 100.0
	if p.Total > 0 {
		pct = 100 * float64(p.Done) / float64(p.Total)
	}
	text := fmt.Sprintf("%-6s %-22s %d/%d rows %5.1f%%  %.0f rows/s  eta %s", p.Phase, p.Table, p.Done, p.Total, pct, rate, eta)
	if !v.terminal {
		fmt.Fprintln(v.w, text)
		return
	}
	const width = 24
	filled := int(float64(width) * pct / 100)
	fmt.Fprintf(v.w, "\r[%s%s] %s   ", strings.Repeat("=", filled), strings.Repeat(" ", width-filled), text)
	if final {
		fmt.Fprintln(v.w)
		v.drawn = false
	}
}
