package httpadapter

import (
	"log/slog"
	"net/http"

	"github.com/myaccount-go/myaccount/account"
)

var (
	errRouteNotFound    = account.NewError(http.StatusNotFound, account.CodeRouteNotFound)
	errMethodNotAllowed = account.NewError(http.StatusMethodNotAllowed, account.CodeMethodNotAllowed)
)

// routed serves r with mux, where every handler of the package routes: a
// path no pattern of mux matches is answered 404 request.not_found and a
// method the path does not take 405 request.method_not_allowed (with
// Allow), in the error body of every other answer, instead of ServeMux's
// plain text. So an unknown path, or an optional route the host did not
// configure, answers like a known one.
func routed(mux *http.ServeMux, log *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := mux.Handler(r); pattern != "" {
			mux.ServeHTTP(w, r)
			return
		}
		// ServeMux's own answer: 404, 405, or a redirect to a cleaned
		// path. Keep its status and headers (Allow, Location); give the
		// errors the JSON body.
		own := &bufferedWriter{header: http.Header{}, status: http.StatusOK}
		mux.ServeHTTP(own, r)
		switch own.status {
		case http.StatusNotFound:
			writeError(w, r, log, errRouteNotFound)
		case http.StatusMethodNotAllowed:
			if allow := own.header.Get("Allow"); allow != "" {
				w.Header().Set("Allow", allow)
			}
			writeError(w, r, log, errMethodNotAllowed)
		default:
			for k, v := range own.header {
				w.Header()[k] = v
			}
			w.WriteHeader(own.status)
			_, _ = w.Write(own.body.Bytes())
		}
	})
}
