package main

import (
	"embed"
	"io/fs"
	"net/http"
)

// webFiles is the account settings page: web/index.html, its styles and
// its JavaScript modules, served as they are (no build step).
//
//go:embed web
var webFiles embed.FS

// pageCSP keeps the page to its own scripts and to the server's API. Images
// may come from elsewhere (avatar URLs); styles may be inline because the
// account center's customCss is applied in a <style> element.
const pageCSP = "default-src 'self'; script-src 'self'; connect-src 'self'; " +
	"img-src 'self' data: blob: http: https:; style-src 'self' 'unsafe-inline'; " +
	"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// registerPage mounts the settings page at / and its assets under /app/,
// clear of /api, /dev, /assets and /.well-known. The page talks to the
// server only through the public routes, as an app's own front end would.
func registerPage(mux *http.ServeMux) {
	web, err := fs.Sub(webFiles, "web")
	if err != nil {
		panic(err) // the embedded tree always has web/
	}
	index, err := fs.ReadFile(web, "index.html")
	if err != nil {
		panic(err)
	}
	assets := http.StripPrefix("/app/", http.FileServerFS(web))
	mux.Handle("GET /app/", noCache(assets))
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Security-Policy", pageCSP)
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Cache-Control", "no-cache")
		_, _ = w.Write(index)
	})
}

// noCache makes the browser revalidate the page's files: they change with
// the binary, and embedded files carry no modification time.
func noCache(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		w.Header().Set("X-Content-Type-Options", "nosniff")
		next.ServeHTTP(w, r)
	})
}
