package myaccount

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/myaccount-go/myaccount/account"
)

// CreateUserInput is the body of POST /api/users (Logto's Management API):
// a new user, as an administrator (or a dev route) gives it. Every field is
// optional.
type CreateUserInput struct {
	Username string `json:"username"`
	// Password is the new user's password; "" makes a user without one. A
	// JSON body that gives "password": "" is refused (400
	// guard.invalid_input), as Logto's guard does: an empty password never
	// makes a user without one.
	Password     string `json:"password"`
	PrimaryEmail string `json:"primaryEmail"`
	PrimaryPhone string `json:"primaryPhone"`
	Name         string `json:"name"`
	// Avatar is a URL; "" or null leaves it unset.
	Avatar *string `json:"avatar"`
	// CustomData is a JSON object.
	CustomData map[string]any `json:"customData"`
	// Profile holds the OpenID Connect claims, as PATCH .../profile takes
	// them.
	Profile *UpdateProfileInput `json:"profile"`
	// PasswordDigest imports an existing hash instead of a password, for
	// moving users in; PasswordAlgorithm names its kind: "Argon2i",
	// "Argon2id" or "Bcrypt" (PHC or modular-crypt strings the Hasher
	// reads), "MD5", "SHA1" or "SHA256" (the hex of the unsalted digest), or
	// "Legacy" (Logto's JSON array [algorithm, args, encryptedPassword]; see
	// account.ImportDigest). A right password replaces any of them with a
	// fresh argon2id hash at its first check.
	PasswordDigest    string `json:"passwordDigest"`
	PasswordAlgorithm string `json:"passwordAlgorithm"`

	// emptyPassword is set when the JSON body gave "password": "".
	emptyPassword bool
}

// UnmarshalJSON decodes the body, noting a password given as "" (absent
// and null are no password).
func (in *CreateUserInput) UnmarshalJSON(b []byte) error {
	type plain CreateUserInput
	var probe struct {
		Password *string `json:"password"`
	}
	if err := json.Unmarshal(b, (*plain)(in)); err != nil {
		return err
	}
	if err := json.Unmarshal(b, &probe); err != nil {
		return err
	}
	in.emptyPassword = probe.Password != nil && *probe.Password == ""
	return nil
}

// digestPrefixes are the PHC prefixes of each importable algorithm.
var digestPrefixes = map[string][]string{
	"Argon2i":  {"$argon2i$"},
	"Argon2id": {"$argon2id$"},
	"Bcrypt":   {"$2a$", "$2b$", "$2y$"},
	// The weak digests are checked by account.ImportDigest, not by prefix.
	"MD5": nil, "SHA1": nil, "SHA256": nil, "Legacy": nil,
}

func (in *CreateUserInput) validate() error {
	if in.emptyPassword || !validIdentifiers(in.Username, in.PrimaryEmail, in.PrimaryPhone) {
		return ErrInvalidInput
	}
	if !validText(in.Name, in.PasswordDigest, in.PasswordAlgorithm) || !validTextPtr(in.Avatar) {
		return ErrInvalidInput
	}
	if in.Avatar != nil && *in.Avatar != "" && !isHTTPURL(*in.Avatar) {
		return ErrInvalidInput
	}
	if !withinLength(MaxNameLength, &in.Name) || in.Avatar != nil && len(*in.Avatar) > MaxAvatarURLLength || !validCustomData(in.CustomData) {
		return ErrInvalidInput
	}
	if in.Profile != nil {
		if err := in.Profile.validate(); err != nil {
			return err
		}
	}
	if len(in.PasswordDigest) > 256 {
		return ErrInvalidInput
	}
	if in.PasswordAlgorithm != "" {
		if _, ok := digestPrefixes[in.PasswordAlgorithm]; !ok {
			return ErrInvalidInput
		}
	}
	if in.Password != "" && in.PasswordDigest != "" {
		return ErrPasswordAndDigest
	}
	if in.PasswordDigest != "" && in.PasswordAlgorithm == "" {
		return ErrPasswordAlgorithmRequired
	}
	return nil
}

// AddUser answers POST /api/users (200, the new user): identifiers
// checked for shape, normalized and claimed uniquely (422
// user.<kind>_already_in_use), the password hashed or the digest checked
// (it must be of the named algorithm and readable by the Hasher, else 400
// guard.invalid_input). The password policy does not apply: an
// administrator sets what they choose. It emits User.Created.
func (s *Admin) AddUser(ctx context.Context, in CreateUserInput) (*UserView, error) {
	if err := in.validate(); err != nil {
		return nil, err
	}
	email, err := s.normalizedEmail(in.PrimaryEmail)
	if err != nil {
		return nil, err
	}
	usernameKey, err := s.usernameKey(in.Username)
	if err != nil {
		return nil, err
	}
	phone, err := normalizedPhone(in.PrimaryPhone)
	if err != nil {
		return nil, err
	}
	now := s.now()
	u := &account.User{
		ID:       s.cfg.NewID(),
		Username: in.Username, UsernameKey: usernameKey,
		PrimaryEmail: email, EmailKey: account.EmailKey(email),
		PrimaryPhone: phone,
		CustomData:   in.CustomData,
		CreatedAt:    now,
		UpdatedAt:    now,
	}
	if in.Name != "" {
		name := in.Name
		u.Name = &name
	}
	if in.Avatar != nil && *in.Avatar != "" {
		avatar := *in.Avatar
		u.Avatar = &avatar
	}
	if in.Profile != nil {
		in.Profile.merge(&u.Profile)
	}
	switch {
	case in.Password != "":
		hash, err := s.cfg.Hasher.Hash(ctx, in.Password)
		if err != nil {
			return nil, fmt.Errorf("hash password: %w", err)
		}
		u.PasswordHash, u.PasswordUpdatedAt = hash, now
	case in.PasswordDigest != "":
		hash, err := s.checkDigest(ctx, in.PasswordDigest, in.PasswordAlgorithm)
		if err != nil {
			return nil, err
		}
		u.PasswordHash, u.PasswordUpdatedAt = hash, now
	}
	if err := s.cfg.Store.CreateUser(ctx, u); err != nil {
		return nil, userWriteError(s.nameConflict(ctx, err, claimsOf(u)), "")
	}
	s.emit(ctx, Event{Type: EventUserCreated, UserID: u.ID, User: u})
	return userView(u), nil
}

// checkDigest accepts an imported hash of the named algorithm and returns
// the form to store: a weak digest (MD5, SHA1, SHA256, Legacy) in the
// account package's own encoding, checked by its shape; any other as given,
// when the Hasher can read it: one check of a throwaway password must run
// without error (a wrong password is no error; a malformed hash is).
func (s *core) checkDigest(ctx context.Context, digest, algorithm string) (string, error) {
	if stored, weak, err := account.ImportDigest(algorithm, digest); weak {
		if err != nil {
			return "", ErrInvalidInput
		}
		return stored, nil
	}
	prefixed := false
	for _, p := range digestPrefixes[algorithm] {
		prefixed = prefixed || strings.HasPrefix(digest, p)
	}
	if !prefixed {
		return "", ErrInvalidInput
	}
	if _, _, err := s.cfg.Hasher.Verify(ctx, "myaccount: digest check", digest); err != nil {
		return "", ErrInvalidInput
	}
	return digest, nil
}
