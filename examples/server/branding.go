package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/myaccount-go/myaccount"
)

// signInExperience reads -sign-in-exp: a JSON object in Logto's field
// names (myaccount.SignInExperience). A key it does not know is an error,
// so a misspelled one is not silently ignored. No file: Logto's defaults.
func (cfg serverConfig) signInExperience() (myaccount.SignInExperience, error) {
	var x myaccount.SignInExperience
	if cfg.signInExpFile == "" {
		return x, nil
	}
	raw, err := os.ReadFile(cfg.signInExpFile)
	if err != nil {
		return x, fmt.Errorf("-sign-in-exp: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&x); err != nil {
		return x, fmt.Errorf("-sign-in-exp %s: %w", cfg.signInExpFile, err)
	}
	return x, nil
}

// checkPublicURL refuses a -public-url that is not scheme://host[:port].
func (cfg serverConfig) checkPublicURL() error {
	if cfg.publicURL == "" {
		return nil
	}
	u, err := url.Parse(cfg.publicURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
		strings.TrimSuffix(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return fmt.Errorf("-public-url %q is not an origin: want scheme://host[:port], e.g. https://accounts.example.com", cfg.publicURL)
	}
	return nil
}
