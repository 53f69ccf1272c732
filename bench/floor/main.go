// Command floor is the bench harness's floor: the least work a server can
// do for each benchmarked route, in plain net/http and database/sql on the
// same tables as the example server (gormstore's schema): a SQLite file
// opened with gormstore.SQLiteDSN, or with -postgres a Postgres database
// through pgx's database/sql driver. The harness measures the example
// server against it in the same run.
//
//	GET   /api/my-account              one primary-key read of the user, encoded as JSON
//	PATCH /api/my-account {name}       one UPDATE of the user's name and update time
//	POST  /api/verifications/password  one primary-key read of the hash, one argon2id verify
//
// It is JWT-free: the user id is the "sub" of the bearer token's payload,
// read without checking the signature (the example server checks it, RS256
// through its JWKS). Argon2id verifies use the stored hash's parameters (the
// library's defaults, m=19456 t=2 p=1) and run at most GOMAXPROCS at a
// time, the library's default bound. Statements are prepared once.
package main

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the driver gorm.io/driver/postgres uses
	_ "github.com/mattn/go-sqlite3"    // the driver gorm.io/driver/sqlite uses
	"golang.org/x/crypto/argon2"

	"github.com/myaccount-go/myaccount/storage/gormstore"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8090", "address to listen on")
	path := flag.String("db", "./floor.db", "SQLite file with gormstore's tables (see bench/seed)")
	dsn := flag.String("postgres", "", "Postgres DSN of a database with gormstore's tables; overrides -db")
	prefix := flag.String("prefix", gormstore.DefaultTablePrefix, "table prefix")
	conns := flag.Int("conns", 4, "connections in the pool, all kept open")
	flag.Parse()

	driver, source := "sqlite3", gormstore.SQLiteDSN(*path)
	if *dsn != "" {
		driver, source = "pgx", *dsn
	}
	db, err := sql.Open(driver, source)
	if err != nil {
		log.Fatal(err)
	}
	db.SetMaxOpenConns(*conns)
	db.SetMaxIdleConns(*conns)
	f, err := newFloor(db, *prefix, driver == "pgx")
	if err != nil {
		log.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/my-account", f.get)
	mux.HandleFunc("PATCH /api/my-account", f.patch)
	mux.HandleFunc("POST /api/verifications/password", f.password)

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatal(err)
	}
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	fmt.Printf("listening on http://%s\n", ln.Addr())
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatal(err)
	}
	_ = db.Close()
}

type floor struct {
	getUser, updateName, getHash *sql.Stmt
	sem                          chan struct{}
}

func newFloor(db *sql.DB, prefix string, postgres bool) (*floor, error) {
	users, p1, p2, p3 := "`"+prefix+"users`", "?", "?", "?"
	if postgres {
		users, p1, p2, p3 = `"`+prefix+`users"`, "$1", "$2", "$3"
	}
	f := &floor{sem: make(chan struct{}, runtime.GOMAXPROCS(0))}
	var err error
	if f.getUser, err = db.Prepare(`SELECT id, username, primary_email, primary_phone, name, avatar, custom_data,
		profile, application_id, is_suspended, password_hash IS NOT NULL, last_sign_in_at, created_at, updated_at
		FROM ` + users + ` WHERE id = ` + p1); err != nil {
		return nil, err
	}
	if f.updateName, err = db.Prepare(`UPDATE ` + users + ` SET name = ` + p1 + `, updated_at = ` + p2 + ` WHERE id = ` + p3); err != nil {
		return nil, err
	}
	if f.getHash, err = db.Prepare(`SELECT password_hash FROM ` + users + ` WHERE id = ` + p1); err != nil {
		return nil, err
	}
	return f, nil
}

// account is the GET answer: the user's columns as the Account API names
// them.
type account struct {
	ID            string          `json:"id"`
	Username      *string         `json:"username"`
	PrimaryEmail  *string         `json:"primaryEmail"`
	PrimaryPhone  *string         `json:"primaryPhone"`
	Name          *string         `json:"name"`
	Avatar        *string         `json:"avatar"`
	CustomData    json.RawMessage `json:"customData"`
	Profile       json.RawMessage `json:"profile"`
	ApplicationID *string         `json:"applicationId"`
	IsSuspended   bool            `json:"isSuspended"`
	HasPassword   bool            `json:"hasPassword"`
	LastSignInAt  *int64          `json:"lastSignInAt"`
	CreatedAt     *int64          `json:"createdAt"`
	UpdatedAt     *int64          `json:"updatedAt"`
}

func (f *floor) get(w http.ResponseWriter, r *http.Request) {
	id, ok := subject(r)
	if !ok {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	var a account
	var customData, profile *string
	err := f.getUser.QueryRowContext(r.Context(), id).Scan(&a.ID, &a.Username, &a.PrimaryEmail, &a.PrimaryPhone,
		&a.Name, &a.Avatar, &customData, &profile, &a.ApplicationID, &a.IsSuspended, &a.HasPassword,
		&a.LastSignInAt, &a.CreatedAt, &a.UpdatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	a.CustomData = rawJSON(customData, "{}")
	a.Profile = rawJSON(profile, "{}")
	writeJSON(w, http.StatusOK, &a)
}

func (f *floor) patch(w http.ResponseWriter, r *http.Request) {
	id, ok := subject(r)
	if !ok {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	var in struct {
		Name *string `json:"name"`
	}
	if err := decode(r, &in); err != nil {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	res, err := f.updateName.ExecContext(r.Context(), in.Name, time.Now().UnixMicro(), id)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if n, _ := res.RowsAffected(); n == 0 {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"id": id, "name": in.Name})
}

func (f *floor) password(w http.ResponseWriter, r *http.Request) {
	id, ok := subject(r)
	if !ok {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	var in struct {
		Password string `json:"password"`
	}
	if err := decode(r, &in); err != nil || in.Password == "" {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	var hash sql.NullString
	if err := f.getHash.QueryRowContext(r.Context(), id).Scan(&hash); err != nil {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	ok, err := f.verify(r.Context(), in.Password, hash.String)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	if !ok {
		http.Error(w, "invalid credentials", http.StatusUnprocessableEntity)
		return
	}
	var rid [16]byte
	_, _ = rand.Read(rid[:])
	writeJSON(w, http.StatusCreated, map[string]any{
		"verificationRecordId": base64.RawURLEncoding.EncodeToString(rid[:]),
		"expiresAt":            time.Now().Add(10 * time.Minute),
	})
}

// verify checks password against an argon2id PHC string, at most
// GOMAXPROCS at a time.
func (f *floor) verify(ctx context.Context, password, encoded string) (bool, error) {
	var m, t uint32
	var p uint8
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("not an argon2id hash")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false, err
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return false, err
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil {
		return false, err
	}
	select {
	case f.sem <- struct{}{}:
	case <-ctx.Done():
		return false, ctx.Err()
	}
	defer func() { <-f.sem }()
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// subject is the "sub" of the bearer token's payload, unverified.
func subject(r *http.Request) (string, bool) {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if !ok {
		return "", false
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return "", false
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return "", false
	}
	var claims struct {
		Sub string `json:"sub"`
	}
	if json.Unmarshal(payload, &claims) != nil || claims.Sub == "" {
		return "", false
	}
	return claims.Sub, true
}

func decode(r *http.Request, v any) error {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return err
	}
	return json.Unmarshal(body, v)
}

func rawJSON(s *string, empty string) json.RawMessage {
	if s == nil || *s == "" || *s == "null" {
		return json.RawMessage(empty)
	}
	return json.RawMessage(*s)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
