package main

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/myaccount-go/myaccount"
	"github.com/myaccount-go/myaccount/account"
	"github.com/myaccount-go/myaccount/httpadapter"
)

var (
	errInvalidInput = account.NewError(http.StatusBadRequest, account.CodeGuardInvalidInput)
	errUserNotFound = account.NewError(http.StatusNotFound, account.CodeUserNotFound)
	errNoMessage    = account.NewError(http.StatusNotFound, account.CodeEntityNotFound)
)

// registerDevRoutes mounts the dev routes (/dev/*) that let tests and demos
// sign in without an identity provider.
func registerDevRoutes(mux *http.ServeMux, svc *myaccount.Service, issuer *devIssuer, box *outbox, sessions *devSessions) {
	mux.HandleFunc("POST /dev/users", func(w http.ResponseWriter, r *http.Request) {
		var in myaccount.CreateUserInput
		if err := decodeBody(r, &in); err != nil {
			httpadapter.WriteError(w, r, err)
			return
		}
		u, err := svc.Admin.AddUser(r.Context(), in)
		if err != nil {
			httpadapter.WriteError(w, r, err)
			return
		}
		token, err := mintInSession(issuer, sessions, u.ID, allScopes, false)
		if err != nil {
			httpadapter.WriteError(w, r, err)
			return
		}
		writeJSON(w, http.StatusCreated, map[string]string{"id": u.ID, "accessToken": token})
	})

	mux.HandleFunc("POST /dev/tokens", func(w http.ResponseWriter, r *http.Request) {
		var in struct {
			UserID     string    `json:"userId"`
			Scopes     *[]string `json:"scopes"`
			ThirdParty bool      `json:"thirdParty"`
		}
		if err := decodeBody(r, &in); err != nil || in.UserID == "" {
			httpadapter.WriteError(w, r, errInvalidInput)
			return
		}
		if _, err := svc.Admin.User(r.Context(), in.UserID); err != nil {
			if errors.Is(err, account.NewError(http.StatusNotFound, account.CodeEntityNotFound)) {
				err = errUserNotFound
			}
			httpadapter.WriteError(w, r, err)
			return
		}
		scopes := allScopes
		if in.Scopes != nil {
			scopes = *in.Scopes
		}
		token, err := mintInSession(issuer, sessions, in.UserID, scopes, in.ThirdParty)
		if err != nil {
			httpadapter.WriteError(w, r, err)
			return
		}
		writeJSON(w, http.StatusCreated, map[string]string{"accessToken": token})
	})

	mux.HandleFunc("GET /dev/outbox", func(w http.ResponseWriter, r *http.Request) {
		m, ok := box.find(r.URL.Query().Get("to"))
		if !ok {
			httpadapter.WriteError(w, r, errNoMessage)
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"to": m.To, "code": m.Code, "template": string(m.Template), "locale": m.Locale})
	})
}

// mintInSession starts a dev session and mints a token issued in it.
func mintInSession(issuer *devIssuer, sessions *devSessions, userID string, scopes []string, thirdParty bool) (string, error) {
	sid, err := sessions.start(userID, scopes, thirdParty)
	if err != nil {
		return "", err
	}
	return issuer.mint(userID, scopes, thirdParty, sid)
}

// decodeBody decodes a JSON object of at most 64 KiB.
func decodeBody(r *http.Request, v any) error {
	body, err := io.ReadAll(io.LimitReader(r.Body, 64<<10))
	if err != nil || json.Unmarshal(body, v) != nil {
		return errInvalidInput
	}
	return nil
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
