package main

import (
	"log/slog"
	"slices"
	"strings"
)

// firstParty is the -first-party-clients check: only the listed client
// ids are first-party, and with an empty list none is (the server says so
// at start). The library's own default, every client first-party when the
// verifier is given no list, suits a provider that serves the host's app
// alone; this example cannot know that, so it denies by default.
func (cfg serverConfig) firstParty(log *slog.Logger) func(clientID string) bool {
	var clients []string
	for _, id := range strings.Split(cfg.firstPartyClients, ",") {
		if id = strings.TrimSpace(id); id != "" {
			clients = append(clients, id)
		}
	}
	if len(clients) == 0 {
		log.Warn("no -first-party-clients: every application's token counts as third-party, so the Account API refuses its changes (403 auth.third_party_application_forbidden); personal access tokens stay first-party")
	}
	return func(clientID string) bool { return clientID != "" && slices.Contains(clients, clientID) }
}

// corsOrigins is -cors-origins: nil for any origin ("*", the default in
// dev mode), else the listed origins (the server's own is always allowed).
func (cfg serverConfig) corsOrigins() []string {
	list := strings.TrimSpace(cfg.corsOriginList)
	if list == "*" || (list == "" && cfg.dev) {
		return nil
	}
	origins := []string{}
	for _, o := range strings.Split(list, ",") {
		if o = strings.TrimSpace(o); o != "" {
			origins = append(origins, o)
		}
	}
	return origins
}
