package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// actionTimeout bounds one step of the page (a click and what it waits for).
const actionTimeout = 20 * time.Second

// chromePath finds Chromium or Chrome. Without one the test is skipped,
// unless MYACCOUNT_TEST_REQUIRE_TOOLS is set (as in CI): then it fails.
func chromePath(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("CHROME_PATH"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("MYACCOUNT_TEST_REQUIRE_TOOLS") != "" {
		t.Fatal("no Chromium found (install Debian's chromium, or set CHROME_PATH)")
	}
	t.Skip("no Chromium found: install Debian's chromium (or set CHROME_PATH) to run the browser tests")
	return ""
}

// screenshotDir is where each step's screenshot goes: $E2E_SCREENSHOTS, or
// a folder of the test's temporary directory.
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("E2E_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join(t.TempDir(), "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots: %s", abs)
	return abs
}

// tab is one headless Chromium tab, with every console error and
// uncaught exception of the page collected.
type tab struct {
	t     *testing.T
	ctx   context.Context
	shots string
	n     int

	mu       sync.Mutex
	problems []string
}

func newBrowser(t *testing.T, chrome, shots string) *tab {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chrome),
		chromedp.NoSandbox,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("lang", "en-US"),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1200, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	b := &tab{t: t, ctx: ctx, shots: shots}
	// The first action starts the browser; it gets no timeout of its own,
	// or the timeout would end the browser (chromedp docs, example 21).
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	if _, err := chromedp.Call(ctx, log.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	b.watch()
	return b
}

// watch collects console.error calls, uncaught exceptions and the
// browser's own error entries (a blocked script, a CSP violation). Failed
// requests are left out: the page shows the server's 4xx answers itself.
func (b *tab) watch() {
	console := chromedp.Events(b.ctx, runtime.ConsoleAPICalled)
	exceptions := chromedp.Events(b.ctx, runtime.ExceptionThrown)
	entries := chromedp.Events(b.ctx, log.EntryAdded)
	go func() {
		for ev, err := range console {
			if err != nil {
				return
			}
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var args []string
				for _, a := range ev.Args {
					if a.Value != nil {
						args = append(args, string(a.Value))
					} else {
						args = append(args, a.Description)
					}
				}
				b.problem("console.%s: %s", ev.Type, strings.Join(args, " "))
			}
		}
	}()
	go func() {
		for ev, err := range exceptions {
			if err != nil {
				return
			}
			d := ev.ExceptionDetails
			text := d.Text
			if d.Exception != nil && d.Exception.Description != "" {
				text += " " + d.Exception.Description
			}
			b.problem("uncaught exception at %s:%d: %s", d.URL, d.LineNumber, text)
		}
	}()
	go func() {
		for ev, err := range entries {
			if err != nil {
				return
			}
			e := ev.Entry
			if e.Level == log.EntryLevelError && e.Source != log.EntrySourceNetwork {
				b.problem("browser %s error: %s (%s)", e.Source, e.Text, e.URL)
			}
		}
	}()
}

func (b *tab) problem(format string, args ...any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.problems = append(b.problems, fmt.Sprintf(format, args...))
}

// checkConsole fails the test when the page wrote an error.
func (b *tab) checkConsole(step string) {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.problems) > 0 {
		b.t.Fatalf("%s: the page reported errors:\n%s", step, strings.Join(b.problems, "\n"))
	}
}

// do runs actions with a timeout; on failure it keeps a screenshot of the
// page as it was.
func (b *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.failShot(what)
		b.t.Fatalf("%s: %v", what, err)
	}
}

// eval evaluates a JavaScript expression (awaiting a promise) and decodes
// its value into T.
func eval[T any](b *tab, what, expr string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, func(p *runtime.EvaluateParams) {
		yes := true
		p.AwaitPromise = &yes
	}))
	if err != nil {
		b.failShot(what)
		b.t.Fatalf("%s: %v", what, err)
	}
	return v
}

// waitFor waits until the JavaScript expression is true.
func (b *tab) waitFor(what, expr string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	defer cancel()
	for {
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](expr, chromedp.WithPollingInterval(50*time.Millisecond)))
		if err == nil {
			return
		}
		// A navigation under way ends the poll with the old document: poll
		// the new one.
		if ctx.Err() == nil && (strings.Contains(err.Error(), "navigated") || strings.Contains(err.Error(), "context")) {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		b.failShot(what)
		b.t.Fatalf("%s: waited for %s: %v", what, expr, err)
	}
}

// waitText waits until the element's text contains want.
func (b *tab) waitText(what, selector, want string) {
	b.t.Helper()
	b.waitFor(what, fmt.Sprintf(`(document.querySelector(%s)?.textContent || '').includes(%s)`, js(selector), js(want)))
}

// text is the element's text.
func (b *tab) text(selector string) string {
	b.t.Helper()
	return eval[string](b, "read "+selector, fmt.Sprintf(`document.querySelector(%s)?.textContent ?? ''`, js(selector)))
}

// exists reports whether an element matches the selector.
func (b *tab) exists(selector string) bool {
	b.t.Helper()
	return eval[bool](b, "look for "+selector, fmt.Sprintf(`document.querySelector(%s) !== null`, js(selector)))
}

// shot saves a screenshot of the whole page as NN-name.png.
func (b *tab) shot(name string) string {
	b.t.Helper()
	b.n++
	ctx, cancel := context.WithTimeout(b.ctx, actionTimeout)
	defer cancel()
	png, err := b.fullPage(ctx)
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	path := filepath.Join(b.shots, fmt.Sprintf("%02d-%s.png", b.n, name))
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	return path
}

// fullPage takes a PNG of the whole page. The window is made as tall as the
// page for the picture: capturing beyond the viewport would draw the
// sticky header where the viewport happens to be.
func (b *tab) fullPage(ctx context.Context) ([]byte, error) {
	// After the toast's transition.
	height, err := chromedp.Run(ctx, chromedp.Evaluate[int64](`(async () => {
		await new Promise((r) => setTimeout(r, 300));
		return Math.ceil(document.documentElement.scrollHeight);
	})()`, func(p *runtime.EvaluateParams) {
		yes := true
		p.AwaitPromise = &yes
	}))
	if err != nil {
		return nil, err
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1200, max(height, 900))); err != nil {
		return nil, err
	}
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if rerr := chromedp.Do(ctx, chromedp.ResetViewport()); err == nil {
		err = rerr
	}
	return png, err
}

// failShot keeps the page as it was when a step failed.
func (b *tab) failShot(what string) {
	ctx, cancel := context.WithTimeout(b.ctx, 5*time.Second)
	defer cancel()
	png, err := b.fullPage(ctx)
	if err != nil {
		return
	}
	name := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return '-'
	}, strings.ToLower(what))
	path := filepath.Join(b.shots, "failed-"+name+".png")
	if os.WriteFile(path, png, 0o644) == nil {
		b.t.Logf("screenshot of the failure: %s", path)
	}
}

// clear empties an input, as selecting its text and deleting it would.
func clear(selector string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`document.querySelector(%s).value = ''`, js(selector)))
}

// js quotes s as a JavaScript string literal.
func js(s string) string {
	out, _ := json.Marshal(s)
	return string(out)
}
