package smtpsender_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// serverOptions shape the in-process relay a test talks to.
type serverOptions struct {
	// tls, when set, is offered with STARTTLS (or used from the first byte
	// with implicit).
	tls      *tls.Config
	implicit bool
	// user and pass, when set, make AUTH PLAIN mandatory with exactly these.
	user, pass string
	// rejectRcpt answers every RCPT with 550.
	rejectRcpt bool
}

// received is one accepted mail as the relay saw it.
type received struct {
	From     string
	To       []string
	Data     []byte
	TLS      bool   // the transaction ran over TLS
	AuthUser string // who authenticated, "" if nobody
	Helo     string
}

// testServer is a real SMTP server (emersion/go-smtp) on 127.0.0.1 that
// records what it accepts.
type testServer struct {
	Addr string
	opts serverOptions

	mu    sync.Mutex
	mails []received
}

// startServer runs a relay for the length of the test.
func startServer(t *testing.T, opts serverOptions) *testServer {
	t.Helper()
	ts := &testServer{opts: opts}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := smtp.NewServer(ts)
	s.Domain = "localhost"
	s.ReadTimeout = 5 * time.Second
	s.WriteTimeout = 5 * time.Second
	s.ErrorLog = log.New(io.Discard, "", 0)
	if opts.implicit {
		l = tls.NewListener(l, opts.tls)
	} else {
		s.TLSConfig = opts.tls
	}
	ts.Addr = l.Addr().String()
	go func() { _ = s.Serve(l) }()
	t.Cleanup(func() { _ = s.Close() })
	return ts
}

// Mails returns a copy of what the server accepted so far.
func (ts *testServer) Mails() []received {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]received(nil), ts.mails...)
}

// NewSession implements smtp.Backend.
func (ts *testServer) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &session{srv: ts, conn: c}, nil
}

type session struct {
	srv      *testServer
	conn     *smtp.Conn
	authUser string
	from     string
	to       []string
}

var errRcptRejected = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "mailbox unavailable"}

// AuthMechanisms offers PLAIN only when the test configured credentials;
// go-smtp then advertises AUTH only over TLS (AllowInsecureAuth is false),
// like a careful production relay.
func (s *session) AuthMechanisms() []string {
	if s.srv.opts.user == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != s.srv.opts.user || password != s.srv.opts.pass {
			return smtp.ErrAuthFailed
		}
		s.authUser = username
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.srv.opts.user != "" && s.authUser == "" {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.srv.opts.rejectRcpt {
		return errRcptRejected
	}
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	_, isTLS := s.conn.TLSConnectionState()
	s.srv.mu.Lock()
	defer s.srv.mu.Unlock()
	s.srv.mails = append(s.srv.mails, received{
		From: s.from, To: s.to, Data: b, TLS: isTLS, AuthUser: s.authUser, Helo: s.conn.Hostname(),
	})
	return nil
}

func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }

// selfSigned makes a throw-away certificate for 127.0.0.1 and localhost and
// returns the server's TLS config and a pool that trusts it.
func selfSigned(t *testing.T) (*tls.Config, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "smtpsender test relay"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{
		Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key, Leaf: cert}},
		MinVersion:   tls.VersionTLS12,
	}, pool
}

// stallingServer greets and then never answers: the relay that hangs. Each
// accepted connection is announced on the returned channel.
func stallingServer(t *testing.T) (addr string, accepted <-chan struct{}) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan struct{}, 16)
	var (
		mu    sync.Mutex
		conns []net.Conn
		wg    sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			conns = append(conns, c)
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _ = io.WriteString(c, "220 localhost ESMTP stalling\r\n")
				ch <- struct{}{}
				_, _ = io.Copy(io.Discard, c) // read EHLO and more, answer nothing
			}()
		}
	}()
	t.Cleanup(func() {
		_ = l.Close()
		mu.Lock()
		for _, c := range conns {
			_ = c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	return l.Addr().String(), ch
}

// silentListener listens but never accepts, so a test can prove afterwards
// that nobody connected (see assertNoConnection).
func silentListener(t *testing.T) *net.TCPListener {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = l.Close() })
	return l.(*net.TCPListener)
}

// assertNoConnection fails if a connection reached l. A completed dial sits
// in the accept queue, so Accept returns it at once; only an empty queue
// waits for the (short) deadline.
func assertNoConnection(t *testing.T, l *net.TCPListener) {
	t.Helper()
	if err := l.SetDeadline(time.Now().Add(50 * time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	c, err := l.Accept()
	if err == nil {
		_ = c.Close()
		t.Fatal("the sender connected to the relay; want it to refuse before connecting")
	}
	if !errors.Is(err, net.ErrClosed) {
		var ne net.Error
		if !errors.As(err, &ne) || !ne.Timeout() {
			t.Fatalf("accept: %v", err)
		}
	}
}
