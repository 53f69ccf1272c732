package main

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"slices"
	"strings"
)

// adminTokenEnv holds the admin token when neither -admin-token nor
// -admin-token-file gives it: unlike argv, the environment is not visible
// to other users of the machine.
const adminTokenEnv = "MYACCOUNT_ADMIN_TOKEN"

// check refuses a configuration that would run without the protections
// production needs, before anything is opened.
func (cfg serverConfig) check() error {
	if cfg.adminToken != "" && cfg.adminTokenFile != "" {
		return errors.New("give the admin token once: -admin-token or -admin-token-file")
	}
	if err := cfg.checkPublicURL(); err != nil {
		return err
	}
	if cfg.dev {
		return nil
	}
	if cfg.issuer == "" || cfg.jwksURL == "" {
		return errors.New("with -dev=false, -issuer and -jwks-url are required")
	}
	if cfg.audience == "" {
		// Without an audience, any token of the provider passes: an ID
		// token, or an access token for another API.
		return errors.New("with -dev=false, -audience is required: the API resource the access tokens must be issued for")
	}
	return nil
}

// resolveAdminToken is the admin token: from -admin-token-file, else
// -admin-token, else MYACCOUNT_ADMIN_TOKEN; "" when none gives one.
func (cfg serverConfig) resolveAdminToken(log *slog.Logger) (string, error) {
	if cfg.adminTokenFile != "" {
		b, err := os.ReadFile(cfg.adminTokenFile)
		if err != nil {
			return "", fmt.Errorf("-admin-token-file: %w", err)
		}
		token := strings.TrimSpace(string(b))
		if token == "" {
			return "", fmt.Errorf("-admin-token-file %s is empty", cfg.adminTokenFile)
		}
		return token, nil
	}
	if cfg.adminToken != "" {
		if !cfg.dev {
			log.Warn("-admin-token on the command line is visible to other users of this machine; prefer -admin-token-file or " + adminTokenEnv)
		}
		return cfg.adminToken, nil
	}
	return os.Getenv(adminTokenEnv), nil
}

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
