package main

import (
	"bytes"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// noEnv is an empty environment.
func noEnv(string) string { return "" }

// dirEntries lists what is in dir.
func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

// Every configuration error is reported in one go, before anything is
// made on disk, each naming the flag and the path or DSN it is about.
func TestConfigurationErrorsComeTogether(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir) // -dsn keeps its dev files in the working folder
	missing := filepath.Join(dir, "no-such-file")
	args := []string{
		"-dev=false",
		"-db", filepath.Join(dir, "app.db"),
		"-jwks-url", "not a url",
		"-trusted-proxy", "X-Forwarded-For=proxy.internal",
		"-admin-token-file", missing,
		"-smtp-url", "smtp://mailer:hunter2@mail.example.com:587",
		"-sms-webhook", "ftp://sms.example.com/send",
		"-log-format", "json",
	}
	var stdout, stderr bytes.Buffer
	if status := serve(args, &stdout, &stderr); status != 1 {
		t.Fatalf("exit status %d, want 1; stderr: %s", status, stderr.String())
	}
	logs := stderr.String()
	for _, want := range []string{
		"-issuer and -jwks-url are required",
		"-audience is required",
		`-jwks-url \"not a url\" is not an http(s) URL`,
		"-trusted-proxy",
		"-admin-token-file " + missing,
		"MYACCOUNT_SECRET_KEYS",
		"-smtp-url smtp://mailer:xxxxx@mail.example.com:587: give the password in -smtp-password-file",
		"-smtp-url needs -smtp-from",
		`-sms-webhook \"ftp://sms.example.com/send\" is not an http(s) URL`,
	} {
		if !strings.Contains(logs, want) {
			t.Errorf("the report misses %q:\n%s", want, logs)
		}
	}
	if strings.Contains(logs, "hunter2") {
		t.Errorf("the report shows the SMTP password: %s", logs)
	}
	if n := strings.Count(strings.TrimSpace(logs), "\n"); n != 0 {
		t.Errorf("the report is %d lines, want one log record:\n%s", n+1, logs)
	}
	if stdout.Len() != 0 {
		t.Errorf("stdout: %q", stdout.String())
	}
	if got := dirEntries(t, dir); len(got) != 0 {
		t.Errorf("files were made before the configuration was checked: %v", got)
	}

	t.Run("a Postgres DSN is named without its password", func(t *testing.T) {
		_, err := prepare(serverConfig{dev: true, dsn: "mysql://root:s3cret@db:3306/app"}, noEnv, slog.New(slog.DiscardHandler))
		if err == nil || !strings.Contains(err.Error(), "-dsn mysql://root:xxxxx@db:3306/app") || strings.Contains(err.Error(), "s3cret") {
			t.Fatalf("prepare: %v", err)
		}
	})
}

// A new database is made only in a folder that exists and that the server
// may write; otherwise the report says which folder, and why.
func TestNewDatabaseFolderIsChecked(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "plain-file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ db, want string }{
		{filepath.Join(dir, "missing", "app.db"), "the folder " + filepath.Join(dir, "missing") + " does not exist"},
		{filepath.Join(file, "app.db"), file + " is not a folder"},
	} {
		_, err := prepare(serverConfig{dev: true, db: tc.db}, noEnv, slog.New(slog.DiscardHandler))
		if err == nil || !strings.Contains(err.Error(), "-db "+tc.db+": "+tc.want) {
			t.Errorf("-db %s: %v; want %q", tc.db, err, tc.want)
		}
	}

	t.Run("a folder this user may not write", func(t *testing.T) {
		open := openTempDir(t)
		locked := filepath.Join(open, "locked")
		if err := os.Mkdir(locked, 0o555); err != nil {
			t.Fatal(err)
		}
		db := filepath.Join(locked, "app.db")
		want := "-db " + db + ": the folder " + locked + " is not writable by this user"
		if os.Geteuid() != 0 {
			_, err := prepare(serverConfig{dev: true, db: db}, noEnv, slog.New(slog.DiscardHandler))
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Fatalf("prepare: %v; want %q", err, want)
			}
			return
		}
		// root writes anywhere: run the server as nobody, who may not
		// write in a folder of root's.
		runuser, err := exec.LookPath("runuser")
		if err != nil {
			t.Skip("running as root without runuser")
		}
		cmd := exec.Command(runuser, "-u", "nobody", "--", serverBinary(t), "-db", db)
		cmd.Dir = open
		out, err := cmd.CombinedOutput()
		if err == nil || !strings.Contains(string(out), want) {
			t.Fatalf("as nobody: %v\n%s\nwant %q", err, out, want)
		}
		if got := dirEntries(t, locked); len(got) != 0 {
			t.Errorf("files were made: %v", got)
		}
	})
}
