package main

import (
	"bytes"
	"context"
	"encoding/json"
	"image"
	"image/png"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// startDev runs the app in process in dev mode with change applied.
func startDev(t *testing.T, change func(*serverConfig)) client {
	t.Helper()
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	cfg := serverConfig{db: filepath.Join(t.TempDir(), "x.db"), dev: true}
	if change != nil {
		change(&cfg)
	}
	a, err := newApp(context.Background(), cfg, srv.URL, mux, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.close)
	return client{t: t, base: srv.URL}
}

// -public-url is the origin the browser sees behind a proxy: links it
// follows (avatars, the mock provider) and the passkey relying party name
// it, not the listen address.
func TestPublicURLFlag(t *testing.T) {
	const public = "https://accounts.example"
	c := startDev(t, func(cfg *serverConfig) { cfg.publicURL = public + "/" })
	var user struct{ ID, AccessToken string }
	c.do("POST", "/dev/users", "", nil, map[string]any{"username": "behind", "password": "correct-horse-9"}, 201, &user)
	tok := user.AccessToken

	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, _ := w.CreateFormFile("file", "me.png")
	_, _ = part.Write(img.Bytes())
	_ = w.Close()
	var up struct{ URL string }
	c.do("POST", "/api/my-account/user-assets/avatar", tok, map[string]string{"Content-Type": w.FormDataContentType()}, body.String(), 200, &up)
	if !strings.HasPrefix(up.URL, public+"/assets/"+user.ID+"/") {
		t.Errorf("avatar URL %s, want it under %s", up.URL, public)
	}

	var reg struct {
		RegistrationOptions struct{ RP struct{ ID, Name string } }
	}
	c.do("POST", "/api/verifications/web-authn/registration", tok, nil, nil, 200, &reg)
	if reg.RegistrationOptions.RP.ID != "accounts.example" {
		t.Errorf("rp = %+v, want accounts.example", reg.RegistrationOptions.RP)
	}

	var social struct{ AuthorizationURI string }
	c.do("POST", "/api/verifications/social", tok, nil, map[string]any{
		"connectorId": "mock-social", "state": "s", "redirectUri": public + "/callback",
	}, 201, &social)
	if !strings.HasPrefix(social.AuthorizationURI, public+"/dev/social/authorize?") {
		t.Errorf("authorizationUri %s", social.AuthorizationURI)
	}

	for _, bad := range []string{"accounts.example", "https://accounts.example/app", "ftp://x.example"} {
		mux := http.NewServeMux()
		cfg := serverConfig{db: filepath.Join(t.TempDir(), "x.db"), dev: true, publicURL: bad}
		if _, err := newApp(context.Background(), cfg, "http://127.0.0.1:1", mux, slog.New(slog.DiscardHandler)); err == nil || !strings.Contains(err.Error(), "-public-url") {
			t.Errorf("-public-url %q: %v", bad, err)
		}
	}
}

// -sign-in-exp gives the host's branding in Logto's field names; a key it
// does not know, or a value pages could not use, stops the start.
func TestSignInExpFlag(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "sign-in-exp.json")
	write := func(s string) {
		if err := os.WriteFile(file, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(`{"color": {"primaryColor": "#0a7", "darkPrimaryColor": "#0c9", "isDarkModeEnabled": true},
		"branding": {"logoUrl": "https://acme.example/logo.svg"}, "supportEmail": "help@acme.example",
		"customProfileFields": [{"name": "team", "type": "Text", "label": "Team"}]}`)
	c := startDev(t, func(cfg *serverConfig) { cfg.signInExpFile = file })
	var doc struct {
		Color                     map[string]any
		Branding                  map[string]any
		SupportEmail              string
		CustomProfileFieldCatalog []struct{ Name, Type string }
		SocialConnectors          []struct{ ID string }
		MFA                       struct{ Factors []string } `json:"mfa"`
	}
	c.do("GET", "/api/.well-known/sign-in-exp", "", nil, nil, 200, &doc)
	if doc.Color["primaryColor"] != "#0a7" || doc.Branding["logoUrl"] != "https://acme.example/logo.svg" || doc.SupportEmail != "help@acme.example" ||
		len(doc.CustomProfileFieldCatalog) != 1 || doc.CustomProfileFieldCatalog[0].Type != "Text" {
		t.Errorf("document: %+v", doc)
	}
	if len(doc.SocialConnectors) != 1 || doc.SocialConnectors[0].ID != "mock-social" || len(doc.MFA.Factors) != 3 {
		t.Errorf("the server's own settings: %+v", doc)
	}

	for _, bad := range []string{`{"colour": {}}`, `{"branding": {"logoUrl": "logo.svg"}}`, `not json`} {
		write(bad)
		cfg := serverConfig{db: filepath.Join(t.TempDir(), "x.db"), dev: true, signInExpFile: file}
		if _, err := newApp(context.Background(), cfg, "http://127.0.0.1:1", http.NewServeMux(), slog.New(slog.DiscardHandler)); err == nil {
			t.Errorf("-sign-in-exp %s was accepted", bad)
		}
	}
}

// With -dev=false there is no session provider and no social connector:
// the public account center says session and social are Off whatever the
// administrator set, so Logto's Account Center shows no tab it cannot
// load. The administrator's answer keeps what was set.
func TestPublicAccountCenterOffersOnlyWhatIsServed(t *testing.T) {
	prod, admin, _ := startProduction(t, outsideProvider(t), nil)
	fields := map[string]any{"session": "Edit", "social": "Edit", "name": "Edit", "avatar": "Edit"}
	prod.do("PATCH", "/api/account-center", admin, nil, map[string]any{"enabled": true, "fields": fields}, 200, nil)
	var public, stored struct{ Fields map[string]string }
	prod.do("GET", "/api/.well-known/account-center", "", nil, nil, 200, &public)
	if public.Fields["session"] != "Off" || public.Fields["social"] != "Off" || public.Fields["name"] != "Edit" || public.Fields["avatar"] != "Edit" {
		t.Errorf("public fields %v", public.Fields)
	}
	prod.do("GET", "/api/account-center", admin, nil, nil, 200, &stored)
	if stored.Fields["session"] != "Edit" || stored.Fields["social"] != "Edit" {
		t.Errorf("administrator's fields %v", stored.Fields)
	}
	// The routes themselves are not there: like every /api path no
	// handler serves, JSON 404 in the caller's language.
	// The administrator's paths first check the administrator.
	for path, token := range map[string]string{
		"/api/my-account/sessions": "", "/api/my-account/grants": "", "/api/.well-known/phrases": "", "/api/sign-in/password": "",
		"/api/connectors": admin, "/api/subject-tokens/x": "", "/api/verification-codes/x/y": admin, "/api/users/x/y/z": admin,
	} {
		req, _ := http.NewRequest("GET", prod.base+path, nil)
		req.Header.Set("Accept-Language", "fr-CA,fr;q=0.9")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var body struct{ Code, Message string }
		err = json.NewDecoder(res.Body).Decode(&body)
		res.Body.Close()
		if err != nil || res.StatusCode != 404 || body.Code != "request.not_found" || body.Message != "La route demandée n'existe pas." ||
			!strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
			t.Errorf("GET %s: %d %s %+v (%v)", path, res.StatusCode, res.Header.Get("Content-Type"), body, err)
		}
	}
}
