package httpadapter

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"

	"github.com/myaccount-go/myaccount/account"
)

// DefaultMaxBodyBytes bounds request bodies unless an Option says otherwise.
const DefaultMaxBodyBytes = 1 << 20

var (
	errInvalidInput = account.NewError(http.StatusBadRequest, account.CodeGuardInvalidInput)
	errBodyTooLarge = account.NewError(http.StatusRequestEntityTooLarge, account.CodeBodyTooLarge)
)

// readBody reads the request body up to limit bytes: 413 beyond it.
func readBody(r *http.Request, limit int64) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return nil, errInvalidInput
	}
	if int64(len(body)) > limit {
		return nil, errBodyTooLarge
	}
	return body, nil
}

// decodeJSON decodes a JSON object body into v. Unknown keys are dropped
// (the original strips them); an empty body is an empty object; anything
// that is not one JSON object of the right types is guard.invalid_input.
func decodeJSON(body []byte, v any) error {
	body = bytes.TrimSpace(body)
	if len(body) == 0 {
		body = []byte("{}")
	}
	if body[0] != '{' {
		return errInvalidInput
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(v); err != nil {
		return errInvalidInput
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errInvalidInput
	}
	return nil
}
