package main

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// The dev token issuer's fixed names.
const (
	devAudience         = "myaccount-dev"
	devFirstPartyClient = "dev-app"
	devThirdPartyClient = "dev-third-party-app"
	devTokenLifetime    = time.Hour
)

// allScopes are the scopes a dev token carries by default.
var allScopes = []string{"openid", "profile", "email", "phone", "address", "custom_data", "identities", "urn:logto:scope:sessions"}

// devIssuer signs dev access tokens with a key made at start. The server
// checks them with the same JWT verifier a production deployment uses, by
// way of the JWKS it serves.
type devIssuer struct {
	issuer string
	kid    string
	key    *rsa.PrivateKey
}

// devKeyFileEnv names a PEM file holding the dev signing key, made on
// first use. Instances started with the same file (and database) accept
// each other's dev tokens: their issuer is then devSharedIssuer instead of
// their own URL.
const devKeyFileEnv = "MYACCOUNT_DEV_SIGNING_KEY_FILE"

const devSharedIssuer = "myaccount-example-dev"

func newDevIssuer(baseURL string) (*devIssuer, error) {
	if file := os.Getenv(devKeyFileEnv); file != "" {
		key, err := loadOrMakeKey(file)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(key.N.Bytes())
		return &devIssuer{issuer: devSharedIssuer, kid: base64.RawURLEncoding.EncodeToString(sum[:9]), key: key}, nil
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	var kid [9]byte
	if _, err := rand.Read(kid[:]); err != nil {
		return nil, err
	}
	return &devIssuer{issuer: baseURL + "/dev", kid: base64.RawURLEncoding.EncodeToString(kid[:]), key: key}, nil
}

// mint signs an access token for userID with scopes, from the first-party
// dev app or a third-party one, issued in the session sid.
func (d *devIssuer) mint(userID string, scopes []string, thirdParty bool, sid string) (string, error) {
	client := devFirstPartyClient
	if thirdParty {
		client = devThirdPartyClient
	}
	var jti [12]byte
	if _, err := rand.Read(jti[:]); err != nil {
		return "", err
	}
	now := time.Now()
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims{
		"iss":       d.issuer,
		"sub":       userID,
		"aud":       devAudience,
		"iat":       now.Unix(),
		"exp":       now.Add(devTokenLifetime).Unix(),
		"jti":       base64.RawURLEncoding.EncodeToString(jti[:]),
		"scope":     strings.Join(scopes, " "),
		"client_id": client,
		"sid":       sid,
	})
	tok.Header["kid"] = d.kid
	return tok.SignedString(d.key)
}

// serveJWKS answers the public key as a JSON Web Key Set.
func (d *devIssuer) serveJWKS(w http.ResponseWriter, _ *http.Request) {
	pub := d.key.PublicKey
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"keys": []map[string]string{{
		"kty": "RSA",
		"use": "sig",
		"alg": "RS256",
		"kid": d.kid,
		"n":   base64.RawURLEncoding.EncodeToString(pub.N.Bytes()),
		"e":   base64.RawURLEncoding.EncodeToString(big.NewInt(int64(pub.E)).Bytes()),
	}}})
}

// loadOrMakeKey reads an RSA key (PKCS#1 PEM) from file, or makes one and
// writes it there (0600) when the file does not exist.
func loadOrMakeKey(file string) (*rsa.PrivateKey, error) {
	b, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			return nil, err
		}
		pemBytes := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
		if err := os.WriteFile(file, pemBytes, 0o600); err != nil {
			return nil, err
		}
		return key, nil
	}
	if err != nil {
		return nil, err
	}
	block, _ := pem.Decode(b)
	if block == nil {
		return nil, fmt.Errorf("%s: no PEM block", file)
	}
	return x509.ParsePKCS1PrivateKey(block.Bytes)
}
