package main

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDevSessionsAndAvatars runs the example app in process (dev mode, a
// fresh SQLite file): dev tokens carry a session the sessions routes list
// and revoke, and an uploaded avatar is served back from the directory
// beside the database.
func TestDevSessionsAndAvatars(t *testing.T) {
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	a, err := newApp(context.Background(), serverConfig{db: db, dev: true}, srv.URL, mux, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(a.close)
	c := client{t: t, base: srv.URL}

	var user struct{ ID, AccessToken string }
	c.do("POST", "/dev/users", "", nil, map[string]any{"username": "grace", "password": "correct-horse-9"}, 201, &user)
	tok := user.AccessToken
	var third struct{ AccessToken string }
	c.do("POST", "/dev/tokens", "", nil, map[string]any{"userId": user.ID, "thirdParty": true}, 201, &third)
	var rec struct{ VerificationRecordID string }
	c.do("POST", "/api/verifications/password", tok, nil, map[string]any{"password": "correct-horse-9"}, 201, &rec)
	vh := map[string]string{"logto-verification-id": rec.VerificationRecordID}

	type sessionList struct {
		Sessions []struct {
			Payload   map[string]any
			ClientID  string
			IsCurrent bool
		}
	}
	var l sessionList
	c.do("GET", "/api/my-account/sessions", tok, vh, nil, 200, &l)
	if len(l.Sessions) != 2 {
		t.Fatalf("sessions: %+v", l)
	}
	var thirdUID string
	current := 0
	for _, s := range l.Sessions {
		if s.IsCurrent {
			current++
			if s.ClientID != devFirstPartyClient {
				t.Fatalf("current session of %s", s.ClientID)
			}
		} else {
			thirdUID = s.Payload["uid"].(string)
		}
	}
	if current != 1 || thirdUID == "" {
		t.Fatalf("sessions: %+v", l)
	}

	var grants struct{ Grants []struct{ ID string } }
	c.do("GET", "/api/my-account/grants", tok, vh, nil, 200, &grants)
	if len(grants.Grants) != 2 {
		t.Fatalf("grants: %+v", grants)
	}
	c.do("GET", "/api/my-account/grants?appType=thirdParty", tok, vh, nil, 200, &grants)
	if len(grants.Grants) != 1 {
		t.Fatalf("third-party grants: %+v", grants)
	}
	c.do("DELETE", "/api/my-account/sessions/"+thirdUID+"?revokeGrantsTarget=all", tok, vh, nil, 204, nil)
	c.do("GET", "/api/my-account/grants?appType=thirdParty", tok, vh, nil, 200, &grants)
	if len(grants.Grants) != 0 {
		t.Fatalf("third-party grant kept: %+v", grants)
	}
	c.do("DELETE", "/api/my-account/sessions/"+thirdUID, tok, vh, nil, 404, nil)
	// Dev tokens outlive their session, as access tokens do in Logto.
	c.do("GET", "/api/my-account", third.AccessToken, nil, nil, 200, nil)

	// Upload an avatar, fetch it back, set it.
	var img bytes.Buffer
	if err := png.Encode(&img, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	part, _ := w.CreateFormFile("file", "../me.png")
	_, _ = part.Write(img.Bytes())
	_ = w.Close()
	var up struct{ URL string }
	c.do("POST", "/api/my-account/user-assets/avatar", tok, map[string]string{"Content-Type": w.FormDataContentType()}, body.String(), 200, &up)
	if !strings.HasPrefix(up.URL, srv.URL+"/assets/"+user.ID+"/") || !strings.HasSuffix(up.URL, "-me.png") {
		t.Fatalf("url %s", up.URL)
	}
	res, err := http.Get(up.URL)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !bytes.Equal(got, img.Bytes()) || res.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("served %d %s, %d bytes", res.StatusCode, res.Header.Get("Content-Type"), len(got))
	}
	if _, err := os.Stat(db + ".avatars"); err != nil {
		t.Fatalf("avatar directory: %v", err)
	}
	c.do("PATCH", "/api/my-account", tok, nil, map[string]any{"avatar": up.URL}, 200, nil)
}
