package account

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/bcrypt"
)

// PasswordHasher turns passwords into stored hashes and checks passwords
// against them. Implementations must be safe for
// concurrent use.
type PasswordHasher interface {
	// Hash returns the encoded hash of password, ready to store.
	Hash(ctx context.Context, password string) (string, error)

	// Verify reports whether password matches encoded. rehash is true when
	// the password matched but encoded is not what Hash would produce today
	// (a legacy algorithm or older parameters): the caller should store a
	// fresh Hash. A malformed or unsupported encoding is an error, never a
	// panic and never a plain mismatch.
	Verify(ctx context.Context, password, encoded string) (ok bool, rehash bool, err error)
}

// DecoyVerifier is an optional interface of a PasswordHasher: VerifyDecoy
// spends the time a real Verify of a current hash would, and checks nothing.
// The password route runs it for a user without a password so that the
// answer's timing does not tell who has one.
type DecoyVerifier interface {
	VerifyDecoy(ctx context.Context, password string) error
}

// VerifyDecoy runs h's decoy check when h has one (DecoyVerifier); otherwise
// it hashes password and throws the result away, which costs about as much
// as a verify with h's current parameters.
func VerifyDecoy(ctx context.Context, h PasswordHasher, password string) error {
	if d, ok := h.(DecoyVerifier); ok {
		return d.VerifyDecoy(ctx, password)
	}
	_, err := h.Hash(ctx, password)
	return err
}

// Argon2Params are the cost parameters of an argon2id hash. A zero field
// takes its default from DefaultArgon2Params.
type Argon2Params struct {
	// Memory is in KiB.
	Memory uint32
	// Time is the number of passes over the memory.
	Time uint32
	// Parallelism is the number of lanes (and goroutines) per hash.
	Parallelism uint8
	// SaltLength and KeyLength are in bytes.
	SaltLength uint32
	KeyLength  uint32
}

// DefaultArgon2Params returns OWASP's argon2id setting: 19 MiB, 2 passes, 1
// lane, a 16-byte salt and a 32-byte key (about 80 ms on one core).
func DefaultArgon2Params() Argon2Params {
	return Argon2Params{Memory: 19456, Time: 2, Parallelism: 1, SaltLength: 16, KeyLength: 32}
}

// Limits on argon2 parameters, for configured ones and for those read from a
// stored hash: a corrupted or hostile row must not make one check allocate
// gigabytes or run for minutes.
const (
	maxArgon2Memory     = 256 << 10 // KiB: 256 MiB
	maxArgon2Time       = 64
	maxArgon2Work       = 2 << 20 // Memory*Time, in KiB passes: 2 GiB of memory traffic
	maxArgon2Lanes      = 64
	minArgon2SaltLength = 8 // the reference implementation's floor
	maxArgon2SaltLength = 256
	minArgon2KeyLength  = 4 // the reference implementation's floor
	maxArgon2KeyLength  = 256
	// bcrypt doubles its work per cost step; 2^16 rounds take seconds.
	maxBcryptCost = 16
)

func (p Argon2Params) withDefaults() Argon2Params {
	d := DefaultArgon2Params()
	if p.Memory == 0 {
		p.Memory = d.Memory
	}
	if p.Time == 0 {
		p.Time = d.Time
	}
	if p.Parallelism == 0 {
		p.Parallelism = d.Parallelism
	}
	if p.SaltLength == 0 {
		p.SaltLength = d.SaltLength
	}
	if p.KeyLength == 0 {
		p.KeyLength = d.KeyLength
	}
	return p
}

// check refuses parameters x/crypto/argon2 would panic on or silently
// change (memory below 8 KiB per lane is raised there, which would not match
// the m= of the encoding), and parameters beyond the limits above.
func (p Argon2Params) check() error {
	switch {
	case p.Time < 1 || p.Time > maxArgon2Time:
		return fmt.Errorf("argon2 time %d outside 1..%d", p.Time, maxArgon2Time)
	case p.Parallelism < 1 || p.Parallelism > maxArgon2Lanes:
		return fmt.Errorf("argon2 parallelism %d outside 1..%d", p.Parallelism, maxArgon2Lanes)
	case p.Memory < 8*uint32(p.Parallelism) || p.Memory > maxArgon2Memory:
		return fmt.Errorf("argon2 memory %d KiB outside %d..%d", p.Memory, 8*uint32(p.Parallelism), maxArgon2Memory)
	case uint64(p.Memory)*uint64(p.Time) > maxArgon2Work:
		return fmt.Errorf("argon2 memory*time %d above %d", uint64(p.Memory)*uint64(p.Time), maxArgon2Work)
	case p.SaltLength < minArgon2SaltLength || p.SaltLength > maxArgon2SaltLength:
		return fmt.Errorf("argon2 salt length %d outside %d..%d", p.SaltLength, minArgon2SaltLength, maxArgon2SaltLength)
	case p.KeyLength < minArgon2KeyLength || p.KeyLength > maxArgon2KeyLength:
		return fmt.Errorf("argon2 key length %d outside %d..%d", p.KeyLength, minArgon2KeyLength, maxArgon2KeyLength)
	}
	return nil
}

// Argon2idOptions configure NewArgon2idHasher. The zero value gives the
// defaults.
type Argon2idOptions struct {
	// Params are the parameters of new hashes; zero fields take defaults.
	Params Argon2Params
	// MaxConcurrent bounds how many hashes and verifies run at once, so
	// memory stays flat under load (8 parallel default hashes are 150 MiB).
	// Zero or less means runtime.GOMAXPROCS(0).
	MaxConcurrent int
	// Rand is the source of salts; nil means crypto/rand.Reader.
	Rand io.Reader
}

// Argon2idHasher is the default PasswordHasher: it writes argon2id
// PHC strings ($argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>, unpadded standard
// base64, byte-identical to the reference argon2 tool) and reads argon2id,
// argon2i (what Logto stores) and bcrypt ($2a$, $2b$, $2y$), asking for a
// rehash of anything that is not argon2id with its current parameters.
//
// Create one with NewArgon2idHasher; it is safe for concurrent use.
type Argon2idHasher struct {
	params Argon2Params
	sem    chan struct{}
	rand   io.Reader

	// decoySalt and decoyKey give VerifyDecoy the exact work of a real
	// verify. They are zeros: the decoy's result is thrown away, so nothing
	// about them needs to be secret, and Rand serves salts alone.
	decoySalt []byte
	decoyKey  []byte
}

// NewArgon2idHasher returns a hasher with opts, or an error when the
// parameters are outside the limits this package accepts (at most 256 MiB,
// 64 passes, 64 lanes, memory*passes at most 2 GiB; salt 8..256 bytes, key
// 4..256 bytes).
func NewArgon2idHasher(opts Argon2idOptions) (*Argon2idHasher, error) {
	p := opts.Params.withDefaults()
	if err := p.check(); err != nil {
		return nil, fmt.Errorf("myaccount: argon2id params: %w", err)
	}
	n := opts.MaxConcurrent
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	r := opts.Rand
	if r == nil {
		r = rand.Reader
	}
	return &Argon2idHasher{
		params:    p,
		sem:       make(chan struct{}, n),
		rand:      r,
		decoySalt: make([]byte, p.SaltLength),
		decoyKey:  make([]byte, p.KeyLength),
	}, nil
}

// Params returns the parameters of new hashes.
func (h *Argon2idHasher) Params() Argon2Params { return h.params }

// acquire takes a slot of the semaphore, or gives up when ctx ends first.
func (h *Argon2idHasher) acquire(ctx context.Context) error {
	if h.sem == nil {
		return errors.New("myaccount: Argon2idHasher not created with NewArgon2idHasher")
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	select {
	case h.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *Argon2idHasher) release() { <-h.sem }

// Hash returns the argon2id PHC string of password with a fresh salt.
func (h *Argon2idHasher) Hash(ctx context.Context, password string) (string, error) {
	salt := make([]byte, h.params.SaltLength)
	if _, err := io.ReadFull(h.rand, salt); err != nil {
		return "", fmt.Errorf("myaccount: password salt: %w", err)
	}
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	p := h.params
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Parallelism, p.KeyLength)
	return encodeArgon2(argon2idName, p, salt, key), nil
}

// Verify checks password against an argon2id, argon2i or bcrypt hash, in
// constant time. rehash is true only together with ok, when encoded is not
// an argon2id hash with the current parameters, salt and key lengths.
func (h *Argon2idHasher) Verify(ctx context.Context, password, encoded string) (ok, rehash bool, err error) {
	if isBcrypt(encoded) {
		return h.verifyBcrypt(ctx, password, encoded)
	}
	ph, err := parseArgon2(encoded)
	if err != nil {
		return false, false, err
	}
	if err := h.acquire(ctx); err != nil {
		return false, false, err
	}
	defer h.release()
	kdf := argon2.IDKey
	if ph.variant == argon2iName {
		kdf = argon2.Key
	}
	p := ph.params
	key := kdf([]byte(password), ph.salt, p.Time, p.Memory, p.Parallelism, p.KeyLength)
	if subtle.ConstantTimeCompare(key, ph.key) != 1 {
		return false, false, nil
	}
	return true, ph.variant != argon2idName || p != h.params, nil
}

// VerifyDecoy does the work of verifying password against a current argon2id
// hash, through the same semaphore, and always fails the check. Its only
// error is ctx's.
func (h *Argon2idHasher) VerifyDecoy(ctx context.Context, password string) error {
	if err := h.acquire(ctx); err != nil {
		return err
	}
	defer h.release()
	p := h.params
	key := argon2.IDKey([]byte(password), h.decoySalt, p.Time, p.Memory, p.Parallelism, p.KeyLength)
	subtle.ConstantTimeCompare(key, h.decoyKey)
	return nil
}

func isBcrypt(encoded string) bool {
	return strings.HasPrefix(encoded, "$2a$") || strings.HasPrefix(encoded, "$2b$") ||
		strings.HasPrefix(encoded, "$2y$")
}

func (h *Argon2idHasher) verifyBcrypt(ctx context.Context, password, encoded string) (ok, rehash bool, err error) {
	cost, err := bcrypt.Cost([]byte(encoded))
	if err != nil {
		return false, false, fmt.Errorf("%w: bcrypt: %w", ErrMalformedHash, err)
	}
	if cost > maxBcryptCost {
		return false, false, fmt.Errorf("%w: bcrypt cost %d above %d", ErrMalformedHash, cost, maxBcryptCost)
	}
	if err := h.acquire(ctx); err != nil {
		return false, false, err
	}
	defer h.release()
	// CompareHashAndPassword compares in constant time.
	switch err := bcrypt.CompareHashAndPassword([]byte(encoded), []byte(password)); {
	case err == nil:
		return true, true, nil
	case errors.Is(err, bcrypt.ErrMismatchedHashAndPassword):
		return false, false, nil
	default:
		return false, false, fmt.Errorf("%w: bcrypt: %w", ErrMalformedHash, err)
	}
}

const (
	argon2idName = "argon2id"
	argon2iName  = "argon2i"
	// argon2Version is 0x13, the only version x/crypto/argon2 computes.
	argon2Version = 19
)

// phcArgon2 is a parsed argon2 PHC string.
type phcArgon2 struct {
	variant   string
	params    Argon2Params
	salt, key []byte
}

func encodeArgon2(variant string, p Argon2Params, salt, key []byte) string {
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$%s$v=%d$m=%d,t=%d,p=%d$%s$%s",
		variant, argon2Version, p.Memory, p.Time, p.Parallelism,
		b64.EncodeToString(salt), b64.EncodeToString(key))
}

// parseArgon2 reads $argon2{id,i}$v=19$m=M,t=T,p=P$salt$key, the form the
// reference implementation writes, and refuses everything else: other
// variants and versions, extra parameters, and parameters beyond the limits.
func parseArgon2(encoded string) (phcArgon2, error) {
	bad := func(why string) (phcArgon2, error) {
		return phcArgon2{}, fmt.Errorf("%w: %s", ErrMalformedHash, why)
	}
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" {
		return bad("not a PHC string with version, parameters, salt and hash")
	}
	var ph phcArgon2
	switch parts[1] {
	case argon2idName, argon2iName:
		ph.variant = parts[1]
	default:
		return bad("unsupported algorithm")
	}
	if parts[2] != "v="+strconv.Itoa(argon2Version) {
		return bad("unsupported argon2 version")
	}
	kv := strings.Split(parts[3], ",")
	if len(kv) != 3 {
		return bad("parameters are not m,t,p")
	}
	var nums [3]uint64
	for i, name := range []string{"m=", "t=", "p="} {
		v, ok := strings.CutPrefix(kv[i], name)
		if !ok {
			return bad("parameters are not m,t,p")
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return bad("parameter " + name + " is not a number in range")
		}
		nums[i] = n
	}
	if nums[2] > 255 {
		return bad("parallelism out of range")
	}
	var err error
	if ph.salt, err = decodeB64(parts[4]); err != nil {
		return bad("salt is not base64")
	}
	if ph.key, err = decodeB64(parts[5]); err != nil {
		return bad("hash is not base64")
	}
	ph.params = Argon2Params{
		Memory: uint32(nums[0]), Time: uint32(nums[1]), Parallelism: uint8(nums[2]),
		SaltLength: uint32(len(ph.salt)), KeyLength: uint32(len(ph.key)),
	}
	if err := ph.params.check(); err != nil {
		return bad(err.Error())
	}
	return ph, nil
}

// decodeB64 reads unpadded standard base64 (the PHC form), tolerating the
// padding some encoders add.
func decodeB64(s string) ([]byte, error) {
	return base64.RawStdEncoding.DecodeString(strings.TrimRight(s, "="))
}
