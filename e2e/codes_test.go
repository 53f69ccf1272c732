package e2e

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"image/color"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/boombuler/barcode/qr"
)

// totpCode is the RFC 6238 code of a base32 secret at time at: HMAC-SHA1,
// 30-second steps, six digits (what an authenticator app shows).
func totpCode(secret string, at time.Time) (string, error) {
	key, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(strings.TrimRight(strings.ToUpper(secret), "="))
	if err != nil {
		return "", err
	}
	return hotp(key, uint64(at.Unix()/30), 1_000_000), nil
}

func hotp(key []byte, counter uint64, modulo uint32) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], counter)
	mac := hmac.New(sha1.New, key)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	width := len(strconv.Itoa(int(modulo))) - 1
	return fmt.Sprintf("%0*d", width, v%modulo)
}

// TestTOTPCode checks the test's own TOTP against RFC 6238 appendix B
// (SHA-1 key "12345678901234567890", eight digits) and six-digit truncation.
func TestTOTPCode(t *testing.T) {
	key := []byte("12345678901234567890")
	for _, c := range []struct {
		unix int64
		want string
	}{
		{59, "94287082"}, {1111111109, "07081804"}, {1111111111, "14050471"},
		{1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
	} {
		if got := hotp(key, uint64(c.unix/30), 100_000_000); got != c.want {
			t.Errorf("T=%d: %s, want %s", c.unix, got, c.want)
		}
	}
	secret := base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(key)
	if got, err := totpCode(secret, time.Unix(59, 0)); err != nil || got != "287082" {
		t.Errorf("six digits at T=59: %s, %v; want 287082", got, err)
	}
}

// matrix is a QR symbol's modules, [y][x], true for dark, without the
// quiet zone.
type matrix [][]bool

// referenceQR is text encoded by an independent encoder (boombuler/barcode)
// in byte mode at level M.
func referenceQR(t *testing.T, text string) matrix {
	t.Helper()
	code, err := qr.Encode(text, qr.M, qr.Unicode)
	if err != nil {
		t.Fatal(err)
	}
	b := code.Bounds()
	m := make(matrix, b.Dy())
	for y := range m {
		m[y] = make([]bool, b.Dx())
		for x := range m[y] {
			m[y][x] = color.GrayModel.Convert(code.At(b.Min.X+x, b.Min.Y+y)).(color.Gray).Y < 128
		}
	}
	return m
}

// svgModule is one dark module of the page's QR path, "M{x} {y}h1v1h-1z",
// offset by the four-module quiet zone.
var svgModule = regexp.MustCompile(`M(\d+) (\d+)h1v1h-1z`)

// parseSVGPath reads the page's QR code back from its SVG path.
func parseSVGPath(t *testing.T, d string, size int) matrix {
	t.Helper()
	m := make(matrix, size)
	for y := range m {
		m[y] = make([]bool, size)
	}
	for _, g := range svgModule.FindAllStringSubmatch(d, -1) {
		x, _ := strconv.Atoi(g[1])
		y, _ := strconv.Atoi(g[2])
		x, y = x-4, y-4
		if x < 0 || y < 0 || x >= size || y >= size {
			t.Fatalf("QR module (%d,%d) outside a %d-module symbol", x, y, size)
		}
		m[y][x] = true
	}
	return m
}

// formatInfo reads the level and mask of a symbol from its first copy of
// the format information (ISO/IEC 18004 §7.9), checking the BCH code.
func formatInfo(t *testing.T, m matrix) (level, mask int) {
	t.Helper()
	pos := [][2]int{}
	for i := 0; i <= 5; i++ {
		pos = append(pos, [2]int{8, i})
	}
	pos = append(pos, [2]int{8, 7}, [2]int{8, 8}, [2]int{7, 8})
	for i := 9; i < 15; i++ {
		pos = append(pos, [2]int{14 - i, 8})
	}
	bits := 0
	for i, p := range pos {
		if m[p[1]][p[0]] {
			bits |= 1 << i
		}
	}
	bits ^= 0x5412
	data := bits >> 10
	rem := data
	for range 10 {
		rem = (rem << 1) ^ ((rem >> 9) * 0x537)
	}
	if (data<<10 | rem) != bits {
		t.Fatalf("format information %015b fails its BCH check", bits)
	}
	return data >> 3, data & 7
}

func (m matrix) String() string {
	var b strings.Builder
	for _, row := range m {
		for _, dark := range row {
			if dark {
				b.WriteString("##")
			} else {
				b.WriteString("  ")
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func equal(a, b matrix) bool {
	if len(a) != len(b) {
		return false
	}
	for y := range a {
		if len(a[y]) != len(b[y]) {
			return false
		}
		for x := range a[y] {
			if a[y][x] != b[y][x] {
				return false
			}
		}
	}
	return true
}
