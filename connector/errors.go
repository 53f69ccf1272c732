package connector

import (
	"net/http"

	"github.com/myaccount-go/myaccount/account"
)

// The connector error codes, Logto's ConnectorErrorCodes
// (packages/toolkit/connector-kit/src/types/error.ts) with the "connector."
// prefix its error handler adds. Each constructor below gives its code the
// status Logto's handler answers it with
// (packages/core/src/middleware/koa-connector-error-handler.ts).
const (
	// CodeGeneral is any other failure: 400 (the handler's default branch).
	CodeGeneral = account.CodeConnectorGeneral
	// CodeInvalidResponse is a provider answer the connector cannot read: 400.
	CodeInvalidResponse = account.CodeConnectorInvalidResponse
	// CodeInvalidRequestParameters is callback data that is wrong: 400.
	CodeInvalidRequestParameters = account.CodeConnectorInvalidRequestParameters
	// CodeInsufficientRequestParameters is callback data that lacks something: 400.
	CodeInsufficientRequestParameters = account.CodeConnectorInsufficientRequestParameters
	// CodeInvalidConfig is a connector configured wrongly: 400.
	CodeInvalidConfig = account.CodeConnectorInvalidConfig
	// CodeAuthorizationFailed is an authorization the user or the flow did
	// not complete (denied consent, a foreign state): 401.
	CodeAuthorizationFailed = account.CodeConnectorAuthorizationFailed
	// CodeSocialAuthCodeInvalid is an authorization code the provider
	// would not exchange: 401.
	CodeSocialAuthCodeInvalid = account.CodeConnectorSocialAuthCodeInvalid
	// CodeSocialAccessTokenInvalid is an access token the provider
	// refused: 401.
	CodeSocialAccessTokenInvalid = account.CodeConnectorSocialAccessTokenInvalid
	// CodeSocialIDTokenInvalid is an ID token that failed validation: 401.
	CodeSocialIDTokenInvalid = account.CodeConnectorSocialIDTokenInvalid
	// CodeRateLimitExceeded is a provider throttling the connector: 429.
	CodeRateLimitExceeded = account.CodeConnectorRateLimitExceeded
	// CodeNotImplemented is an operation the connector does not have: 501.
	CodeNotImplemented = account.CodeConnectorNotImplemented
)

// newError builds a connector error. msg is for people and logs: callers
// never put a token, code or secret in it.
func newError(status int, code account.Code, msg string) *account.Error {
	e := account.NewError(status, code)
	if msg != "" {
		e.Data = map[string]any{"message": msg}
	}
	return e
}

// ErrGeneral is 400 connector.general. Its data also carries msg as
// errorDescription, which the message template interpolates, as Logto's
// handler derives errorDescription from the error's data.
func ErrGeneral(msg string) *account.Error {
	e := account.NewError(http.StatusBadRequest, CodeGeneral)
	if msg != "" {
		e.Data = map[string]any{"message": msg, "errorDescription": msg}
	}
	return e
}

// ErrInvalidResponse is 400 connector.invalid_response: the provider (or
// the mock's callback data) answered something unreadable or incomplete.
func ErrInvalidResponse(msg string) *account.Error {
	return newError(http.StatusBadRequest, CodeInvalidResponse, msg)
}

// ErrInvalidRequestParameters is 400 connector.invalid_request_parameters.
func ErrInvalidRequestParameters(msg string) *account.Error {
	return newError(http.StatusBadRequest, CodeInvalidRequestParameters, msg)
}

// ErrInsufficientRequestParameters is 400
// connector.insufficient_request_parameters.
func ErrInsufficientRequestParameters(msg string) *account.Error {
	return newError(http.StatusBadRequest, CodeInsufficientRequestParameters, msg)
}

// ErrInvalidConfig is 400 connector.invalid_config.
func ErrInvalidConfig(msg string) *account.Error {
	return newError(http.StatusBadRequest, CodeInvalidConfig, msg)
}

// ErrAuthorizationFailed is 401 connector.authorization_failed.
func ErrAuthorizationFailed(msg string) *account.Error {
	return newError(http.StatusUnauthorized, CodeAuthorizationFailed, msg)
}

// ErrSocialAuthCodeInvalid is 401 connector.social_auth_code_invalid.
func ErrSocialAuthCodeInvalid(msg string) *account.Error {
	return newError(http.StatusUnauthorized, CodeSocialAuthCodeInvalid, msg)
}

// ErrSocialAccessTokenInvalid is 401 connector.social_invalid_access_token.
func ErrSocialAccessTokenInvalid(msg string) *account.Error {
	return newError(http.StatusUnauthorized, CodeSocialAccessTokenInvalid, msg)
}

// ErrSocialIDTokenInvalid is 401 connector.social_invalid_id_token.
func ErrSocialIDTokenInvalid(msg string) *account.Error {
	return newError(http.StatusUnauthorized, CodeSocialIDTokenInvalid, msg)
}

// ErrRateLimitExceeded is 429 connector.rate_limit_exceeded.
func ErrRateLimitExceeded(msg string) *account.Error {
	return newError(http.StatusTooManyRequests, CodeRateLimitExceeded, msg)
}

// ErrNotImplemented is 501 connector.not_implemented.
func ErrNotImplemented(msg string) *account.Error {
	return newError(http.StatusNotImplemented, CodeNotImplemented, msg)
}
