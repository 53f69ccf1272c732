package httpadapter

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/messages"
)

// errorBody is the error answer of every route: {code, message, data?}.
type errorBody struct {
	Code    account.Code `json:"code"`
	Message string       `json:"message"`
	Data    any          `json:"data,omitempty"`
}

// writeError answers err: an *account.Error with its status, code, data and
// the message in the request's language; anything else as a 500 whose
// detail goes to the log only.
func writeError(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) {
	var apiErr *account.Error
	if !errors.As(err, &apiErr) {
		if errors.Is(err, context.Canceled) {
			// The client went away: nobody reads the answer.
			return
		}
		if errors.Is(err, account.ErrUnavailable) {
			// The store is down or restarting: worth another try soon.
			log.WarnContext(r.Context(), "myaccount: store unavailable", "method", r.Method, "path", r.URL.Path, "error", err)
			w.Header().Set("Retry-After", retryAfterSeconds)
			apiErr = account.NewError(http.StatusServiceUnavailable, account.CodeServiceUnavailable)
		} else {
			log.ErrorContext(r.Context(), "myaccount: internal error", "method", r.Method, "path", r.URL.Path, "error", err)
			apiErr = account.NewError(http.StatusInternalServerError, account.CodeInternal)
		}
	}
	if apiErr.Status == http.StatusTooManyRequests {
		if d, ok := apiErr.Data.(map[string]any); ok {
			if secs, ok := d["retryAfterSeconds"].(int64); ok {
				w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
			}
		}
	}
	lang := r.Header.Get("Accept-Language")
	writeJSON(w, apiErr.Status, errorBody{
		Code:    apiErr.Code,
		Message: messages.Lookup(apiErr.Code, lang, apiErr.Data),
		Data:    apiErr.Data,
	})
}

// retryAfterSeconds is the Retry-After of a 503 for an unavailable store.
const retryAfterSeconds = "5"

// writeJSON answers status with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var (
		body []byte
		err  error
	)
	if m, ok := v.(json.Marshaler); ok {
		// The library's own views write compact JSON (the account view is
		// fuzzed against encoding/json): skip encoding/json's second pass
		// over it.
		body, err = m.MarshalJSON()
	} else {
		body, err = json.Marshal(v)
	}
	if err != nil {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(`{"code":"internal_server_error","message":"Internal server error."}`))
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// WriteError answers err as the Account API does: an *account.Error with
// its status and {code, message, data?} in the request's language, anything
// else as 500 (logged to slog.Default, not shown). For an app's own routes
// beside the library's.
func WriteError(w http.ResponseWriter, r *http.Request, err error) {
	writeError(w, r, slog.Default(), err)
}
