package account

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
)

// Vectors written by Debian's argon2 tool (package argon2,
// 0~20171227-0.3+deb12u1), e.g.
//
//	echo -n 'hunter2!' | argon2 sixteen-byte-slt -id -t 1 -k 64 -p 2 -l 32 -e
//
// The salt is the tool's first argument, taken as raw bytes.
var argon2ToolVectors = []struct {
	name, password, salt, encoded string
}{
	{"argon2id default params", "correct horse battery staple", "myaccount-salt16",
		"$argon2id$v=19$m=19456,t=2,p=1$bXlhY2NvdW50LXNhbHQxNg$jXiL7/rCInox1vJT7H2ztL0hbwP3rP7Let1HZRLQSmI"},
	{"argon2id two lanes", "hunter2!", "sixteen-byte-slt",
		"$argon2id$v=19$m=64,t=1,p=2$c2l4dGVlbi1ieXRlLXNsdA$ABt7gneF4M7s4HAjLmK5hZA2lGvHizKYMSf2nQulS0I"},
	{"argon2id three passes", "hunter2!", "sixteen-byte-slt",
		"$argon2id$v=19$m=32,t=3,p=1$c2l4dGVlbi1ieXRlLXNsdA$W/6Ie5XEAGP/nTDwH22L2BPxhJh6OLvXt5VX81Qq77E"},
	{"argon2id short salt and key", "hunter2!", "eight-bt",
		"$argon2id$v=19$m=64,t=1,p=1$ZWlnaHQtYnQ$Y0WkOFV0s0rUjB+NDsCJwA"},
	{"argon2id non-ASCII password", "pässwörd", "sixteen-byte-slt",
		"$argon2id$v=19$m=64,t=1,p=1$c2l4dGVlbi1ieXRlLXNsdA$/zGA8QEPcKTGbVKMNrK7ivr2axVO8kYgPDkkFYYg5vc"},
	{"argon2i (Logto's legacy form)", "hunter2!", "sixteen-byte-slt",
		"$argon2i$v=19$m=64,t=1,p=1$c2l4dGVlbi1ieXRlLXNsdA$RbOdTs7TL8VcEzuu4Gj6iXk0yHbjzbe45R79HRGYtgY"},
}

// smallParams keep the tests fast; only the default-params vector pays for
// 19 MiB.
var smallParams = Argon2Params{Memory: 64, Time: 1, Parallelism: 1, SaltLength: 16, KeyLength: 32}

func newTestHasher(t *testing.T, opts Argon2idOptions) *Argon2idHasher {
	t.Helper()
	if opts.Params == (Argon2Params{}) {
		opts.Params = smallParams
	}
	h, err := NewArgon2idHasher(opts)
	if err != nil {
		t.Fatalf("NewArgon2idHasher: %v", err)
	}
	return h
}

func TestArgon2idHasherMatchesReferenceTool(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, v := range argon2ToolVectors {
		t.Run(v.name, func(t *testing.T) {
			t.Parallel()
			ph, err := parseArgon2(v.encoded)
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			// Hash with the vector's parameters and salt must write the
			// tool's string byte for byte (argon2id only: we never write argon2i).
			if ph.variant == argon2idName {
				h := newTestHasher(t, Argon2idOptions{Params: ph.params, Rand: strings.NewReader(v.salt)})
				got, err := h.Hash(ctx, v.password)
				if err != nil {
					t.Fatalf("Hash: %v", err)
				}
				if got != v.encoded {
					t.Fatalf("Hash = %s\nwant   %s", got, v.encoded)
				}
				ok, rehash, err := h.Verify(ctx, v.password, v.encoded)
				if !ok || rehash || err != nil {
					t.Fatalf("Verify with the same params = %v, %v, %v; want true, false, nil", ok, rehash, err)
				}
			} else {
				// argon2i with exactly the current parameters still asks
				// for an upgrade to argon2id.
				h := newTestHasher(t, Argon2idOptions{Params: ph.params})
				ok, rehash, err := h.Verify(ctx, v.password, v.encoded)
				if !ok || !rehash || err != nil {
					t.Fatalf("Verify argon2i with the same params = %v, %v, %v; want true, true, nil", ok, rehash, err)
				}
			}
			h := newTestHasher(t, Argon2idOptions{Params: Argon2Params{Memory: 128, Time: 1, Parallelism: 1}})
			ok, rehash, err := h.Verify(ctx, v.password, v.encoded)
			if !ok || !rehash || err != nil {
				t.Fatalf("Verify with other params = %v, %v, %v; want true, true, nil", ok, rehash, err)
			}
			ok, rehash, err = h.Verify(ctx, v.password+"x", v.encoded)
			if ok || rehash || err != nil {
				t.Fatalf("Verify wrong password = %v, %v, %v; want false, false, nil", ok, rehash, err)
			}
		})
	}
}

func TestArgon2idHasherDefaults(t *testing.T) {
	t.Parallel()
	h, err := NewArgon2idHasher(Argon2idOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := h.Params(), DefaultArgon2Params(); got != want {
		t.Fatalf("Params() = %+v, want %+v", got, want)
	}
	if cap(h.sem) < 1 {
		t.Fatalf("semaphore capacity %d", cap(h.sem))
	}
	enc, err := h.Hash(context.Background(), "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("default hash %q lacks the default parameters", enc)
	}
	ph, err := parseArgon2(enc)
	if err != nil {
		t.Fatal(err)
	}
	if len(ph.salt) != 16 || len(ph.key) != 32 {
		t.Fatalf("salt %d bytes, key %d bytes; want 16 and 32", len(ph.salt), len(ph.key))
	}
}

func TestArgon2idHasherRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	h := newTestHasher(t, Argon2idOptions{})
	for _, pw := range []string{"", "a", "correct horse battery staple", "pässwörd 🔑", strings.Repeat("x", 1000)} {
		enc, err := h.Hash(ctx, pw)
		if err != nil {
			t.Fatal(err)
		}
		ok, rehash, err := h.Verify(ctx, pw, enc)
		if !ok || rehash || err != nil {
			t.Errorf("Verify(%q) = %v, %v, %v; want true, false, nil", pw, ok, rehash, err)
		}
		ok, _, err = h.Verify(ctx, pw+"!", enc)
		if ok || err != nil {
			t.Errorf("Verify(%q+\"!\") = %v, %v; want false, nil", pw, ok, err)
		}
	}
	a, _ := h.Hash(ctx, "same")
	b, _ := h.Hash(ctx, "same")
	if a == b {
		t.Fatal("two hashes of one password are equal: salts are not fresh")
	}
}

func TestArgon2idHasherRehash(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	old := newTestHasher(t, Argon2idOptions{Params: Argon2Params{Memory: 32, Time: 1, Parallelism: 1}})
	enc, err := old.Hash(ctx, "pw")
	if err != nil {
		t.Fatal(err)
	}
	bc, err := bcrypt.GenerateFromPassword([]byte("pw"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	bcrypt2a := string(bc)
	if !strings.HasPrefix(bcrypt2a, "$2a$") {
		t.Fatalf("bcrypt wrote %q", bcrypt2a)
	}
	h := newTestHasher(t, Argon2idOptions{})
	tests := []struct {
		name       string
		password   string
		encoded    string
		ok, rehash bool
	}{
		{"argon2id with older memory", "pw", enc, true, true},
		{"argon2id with older memory, wrong password", "px", enc, false, false},
		{"bcrypt $2a$", "pw", bcrypt2a, true, true},
		{"bcrypt $2b$", "pw", "$2b$" + bcrypt2a[4:], true, true},
		{"bcrypt $2y$", "pw", "$2y$" + bcrypt2a[4:], true, true},
		{"bcrypt wrong password", "px", bcrypt2a, false, false},
		// Written by glibc's crypt(3) (libxcrypt), an independent bcrypt.
		{"bcrypt libxcrypt $2b$", "password", "$2b$04$MM1FSxUligUjy1WyxMJgbuc6s74/zWvL8QS0QCwqbME/K8MLQwjSi", true, true},
		{"bcrypt libxcrypt $2y$", "password", "$2y$04$MM1FSxUligUjy1WyxMJgbuc6s74/zWvL8QS0QCwqbME/K8MLQwjSi", true, true},
		{"bcrypt libxcrypt wrong password", "Password", "$2b$04$MM1FSxUligUjy1WyxMJgbuc6s74/zWvL8QS0QCwqbME/K8MLQwjSi", false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ok, rehash, err := h.Verify(ctx, tt.password, tt.encoded)
			if err != nil || ok != tt.ok || rehash != tt.rehash {
				t.Fatalf("Verify = %v, %v, %v; want %v, %v, nil", ok, rehash, err, tt.ok, tt.rehash)
			}
		})
	}
}

func TestArgon2idHasherMalformed(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	h := newTestHasher(t, Argon2idOptions{})
	const salt, key = "c2l4dGVlbi1ieXRlLXNsdA", "RbOdTs7TL8VcEzuu4Gj6iXk0yHbjzbe45R79HRGYtgY"
	tests := []struct{ name, encoded string }{
		{"empty", ""},
		{"plain text", "hunter2"},
		{"dollars only", "$$$$$"},
		{"argon2d", "$argon2d$v=19$m=64,t=1,p=1$" + salt + "$" + key},
		{"version 16", "$argon2id$v=16$m=64,t=1,p=1$" + salt + "$" + key},
		{"no version", "$argon2id$m=64,t=1,p=1$" + salt + "$" + key},
		{"params out of order", "$argon2id$v=19$t=1,m=64,p=1$" + salt + "$" + key},
		{"extra param", "$argon2id$v=19$m=64,t=1,p=1,keyid=x$" + salt + "$" + key},
		{"negative memory", "$argon2id$v=19$m=-64,t=1,p=1$" + salt + "$" + key},
		{"memory overflows uint32", "$argon2id$v=19$m=4294967296,t=1,p=1$" + salt + "$" + key},
		{"huge memory", "$argon2id$v=19$m=4194304,t=1,p=1$" + salt + "$" + key},
		{"huge time", "$argon2id$v=19$m=64,t=100000,p=1$" + salt + "$" + key},
		{"huge work", "$argon2id$v=19$m=262144,t=64,p=1$" + salt + "$" + key},
		{"huge parallelism", "$argon2id$v=19$m=65536,t=1,p=255$" + salt + "$" + key},
		{"parallelism overflows uint8", "$argon2id$v=19$m=65536,t=1,p=257$" + salt + "$" + key},
		{"zero time (would panic in x/crypto)", "$argon2id$v=19$m=64,t=0,p=1$" + salt + "$" + key},
		{"zero lanes (would panic in x/crypto)", "$argon2id$v=19$m=64,t=1,p=0$" + salt + "$" + key},
		{"memory below 8 per lane", "$argon2id$v=19$m=8,t=1,p=2$" + salt + "$" + key},
		{"salt not base64", "$argon2id$v=19$m=64,t=1,p=1$!!!!$" + key},
		{"hash not base64", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$***"},
		{"empty salt", "$argon2id$v=19$m=64,t=1,p=1$$" + key},
		{"short salt", "$argon2id$v=19$m=64,t=1,p=1$YWJj$" + key},
		{"empty hash", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$"},
		{"trailing field", "$argon2id$v=19$m=64,t=1,p=1$" + salt + "$" + key + "$"},
		{"bcrypt truncated", "$2a$04$abc"},
		{"bcrypt huge cost", "$2b$31$MM1FSxUligUjy1WyxMJgbuc6s74/zWvL8QS0QCwqbME/K8MLQwjSi"},
		{"bcrypt $2x$", "$2x$04$MM1FSxUligUjy1WyxMJgbuc6s74/zWvL8QS0QCwqbME/K8MLQwjSi"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ok, rehash, err := h.Verify(ctx, "hunter2!", tt.encoded)
			if err == nil || ok || rehash {
				t.Fatalf("Verify(%q) = %v, %v, %v; want an error", tt.encoded, ok, rehash, err)
			}
			if !errors.Is(err, ErrMalformedHash) {
				t.Fatalf("error %v is not ErrMalformedHash", err)
			}
		})
	}
}

func TestNewArgon2idHasherRejectsBadParams(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		p    Argon2Params
	}{
		{"memory above the limit", Argon2Params{Memory: 1 << 20}},
		{"time above the limit", Argon2Params{Time: 1000}},
		{"memory below 8 per lane", Argon2Params{Memory: 16, Parallelism: 4}},
		{"short salt", Argon2Params{SaltLength: 4}},
		{"short key", Argon2Params{KeyLength: 2}},
		{"huge key", Argon2Params{KeyLength: 1 << 20}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if _, err := NewArgon2idHasher(Argon2idOptions{Params: tt.p}); err == nil {
				t.Fatalf("NewArgon2idHasher(%+v) accepted", tt.p)
			}
		})
	}
}

func TestArgon2idHasherRandFailure(t *testing.T) {
	t.Parallel()
	h := newTestHasher(t, Argon2idOptions{Rand: bytes.NewReader(make([]byte, 4))})
	if _, err := h.Hash(context.Background(), "pw"); err == nil {
		t.Fatal("Hash with an exhausted random source succeeded")
	}
}

func TestArgon2idHasherZeroValue(t *testing.T) {
	t.Parallel()
	var h Argon2idHasher
	if _, err := h.Hash(context.Background(), "pw"); err == nil {
		t.Fatal("zero Argon2idHasher hashed")
	}
}

// TestArgon2idHasherSemaphore holds every slot and checks that each kind of
// call waits for one (so at most MaxConcurrent run at once) and gives up
// with its context; then that calls under load release their slots.
func TestArgon2idHasherSemaphore(t *testing.T) {
	t.Parallel()
	h := newTestHasher(t, Argon2idOptions{MaxConcurrent: 2})
	h.sem <- struct{}{}
	h.sem <- struct{}{}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	for name, call := range map[string]func() error{
		"Hash":        func() error { _, err := h.Hash(ctx, "pw"); return err },
		"Verify":      func() error { _, _, err := h.Verify(ctx, "pw", argon2ToolVectors[1].encoded); return err },
		"VerifyDecoy": func() error { return h.VerifyDecoy(ctx, "pw") },
	} {
		if err := call(); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s while the semaphore is full = %v; want context.DeadlineExceeded", name, err)
		}
	}
	cancelled, cancel2 := context.WithCancel(context.Background())
	cancel2()
	<-h.sem
	if _, err := h.Hash(cancelled, "pw"); !errors.Is(err, context.Canceled) {
		t.Errorf("Hash with a cancelled context and a free slot = %v; want context.Canceled", err)
	}
	<-h.sem

	// Under load every call finishes and gives its slot back.
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			enc, err := h.Hash(context.Background(), "pw")
			if err != nil {
				t.Error(err)
				return
			}
			if ok, _, err := h.Verify(context.Background(), "pw", enc); !ok || err != nil {
				t.Errorf("Verify = %v, %v", ok, err)
			}
		})
	}
	wg.Wait()
	if n := len(h.sem); n != 0 {
		t.Fatalf("%d slots still held after every call returned", n)
	}
}

func TestVerifyDecoy(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	h := newTestHasher(t, Argon2idOptions{})
	if err := h.VerifyDecoy(ctx, "anything"); err != nil {
		t.Fatal(err)
	}
	if err := VerifyDecoy(ctx, h, "anything"); err != nil {
		t.Fatal(err)
	}
	// A hasher without VerifyDecoy gets a throwaway Hash instead.
	f := &countingHasher{}
	if err := VerifyDecoy(ctx, f, "anything"); err != nil {
		t.Fatal(err)
	}
	if f.hashes != 1 {
		t.Fatalf("fallback decoy hashed %d times, want 1", f.hashes)
	}
}

// TestVerifyDecoyTakesAsLongAsVerify compares the decoy with a real verify
// at the default parameters: a decoy much faster than a verify would tell
// an attacker which users have no password.
func TestVerifyDecoyTakesAsLongAsVerify(t *testing.T) {
	if testing.Short() {
		t.Skip("timing test")
	}
	ctx := context.Background()
	h, err := NewArgon2idHasher(Argon2idOptions{MaxConcurrent: 1})
	if err != nil {
		t.Fatal(err)
	}
	enc, err := h.Hash(ctx, "pw")
	if err != nil {
		t.Fatal(err)
	}
	measure := func(f func()) time.Duration {
		best := time.Duration(1 << 62)
		for range 3 {
			start := time.Now()
			f()
			best = min(best, time.Since(start))
		}
		return best
	}
	verify := measure(func() { _, _, _ = h.Verify(ctx, "wrong", enc) })
	decoy := measure(func() { _ = h.VerifyDecoy(ctx, "wrong") })
	if decoy < verify/3 || decoy > verify*3 {
		t.Fatalf("decoy took %v, verify %v: not comparable", decoy, verify)
	}
}

type countingHasher struct{ hashes int }

func (c *countingHasher) Hash(context.Context, string) (string, error) {
	c.hashes++
	return "x", nil
}

func (c *countingHasher) Verify(context.Context, string, string) (bool, bool, error) {
	return false, false, nil
}

// FuzzArgon2idHasherVerify feeds Verify arbitrary stored strings: it may
// answer an error, never panic, and never accept a string it cannot read.
func FuzzArgon2idHasherVerify(f *testing.F) {
	for _, v := range argon2ToolVectors[1:] {
		f.Add(v.password, v.encoded)
	}
	f.Add("password", "$2b$04$MM1FSxUligUjy1WyxMJgbuc6s74/zWvL8QS0QCwqbME/K8MLQwjSi")
	f.Add("x", "$argon2id$v=19$m=64,t=1,p=1$$")
	h, err := NewArgon2idHasher(Argon2idOptions{Params: smallParams})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, password, encoded string) {
		ok, rehash, err := h.Verify(context.Background(), password, encoded)
		if err != nil && (ok || rehash) {
			t.Fatalf("Verify = %v, %v, %v: an error with a result", ok, rehash, err)
		}
		if rehash && !ok {
			t.Fatal("rehash without a match")
		}
	})
}
