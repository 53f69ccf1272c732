// Package e2e holds the browser tests of the example server's account
// settings page: they build and start the real server, drive the page in
// headless Chromium through the Chrome DevTools Protocol, and check what a
// person would see. It is a module of its own so the library does not
// depend on the browser driver. Run it with `cd e2e && go test ./...`.
package e2e
