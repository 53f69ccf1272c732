package main

import (
	"html/template"
	"net/http"
	"net/url"
)

// devAuthorizePage is the mock social provider's "sign-in" page: it asks
// which social user to be and sends the browser back to the app's redirect
// URI with state and that user, which the app passes on as connectorData.
var devAuthorizePage = template.Must(template.New("authorize").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mock-social sign-in</title></head>
<body>
<h1>mock-social</h1>
<p>Pretend to sign in at a social provider.</p>
<form method="get" action="/dev/social/callback">
<input type="hidden" name="redirect_uri" value="{{.RedirectURI}}">
<input type="hidden" name="state" value="{{.State}}">
<label>Social user id <input name="userId" required value="social-user-1"></label>
<label>Email <input name="email" type="email"></label>
<label>Name <input name="name"></label>
<button type="submit">Continue</button>
</form>
</body></html>
`))

// registerDevSocial mounts the mock social provider's pages.
func registerDevSocial(mux *http.ServeMux) {
	mux.HandleFunc("GET /dev/social/authorize", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_ = devAuthorizePage.Execute(w, struct{ RedirectURI, State string }{q.Get("redirect_uri"), q.Get("state")})
	})
	mux.HandleFunc("GET /dev/social/callback", func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		back, err := url.Parse(q.Get("redirect_uri"))
		if err != nil || (back.Scheme != "http" && back.Scheme != "https") {
			http.Error(w, "bad redirect_uri", http.StatusBadRequest)
			return
		}
		out := back.Query()
		for _, k := range []string{"state", "userId", "email", "name"} {
			if v := q.Get(k); v != "" {
				out.Set(k, v)
			}
		}
		back.RawQuery = out.Encode()
		http.Redirect(w, r, back.String(), http.StatusFound)
	})
}
