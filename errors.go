package myaccount

import (
	"net/http"

	"github.com/myaccount-go/myaccount/account"
)

// The errors the use cases answer with. Each is an *account.Error: its Code
// is what a client compares, its Status what HTTP answers. Match them with
// errors.Is, which compares the code (and the status, when the target has
// one), so errors.Is(err, myaccount.ErrUsernameInUse) holds for the answer
// of any route that refuses a taken username. An error may carry data (the
// retry time of a lockout, the issues of a password) and a cause
// (errors.Unwrap); neither changes what it matches.

// The identifiers another user holds.
var (
	ErrUsernameInUse = account.NewError(http.StatusUnprocessableEntity, account.CodeUsernameAlreadyInUse)
	ErrEmailInUse    = account.NewError(http.StatusUnprocessableEntity, account.CodeEmailAlreadyInUse)
	ErrPhoneInUse    = account.NewError(http.StatusUnprocessableEntity, account.CodePhoneAlreadyInUse)
)

// Of the checks every route shares.
var (
	ErrNotEnabled        = account.NewError(http.StatusBadRequest, account.CodeAccountCenterNotEnabled)
	ErrFieldNotEditable  = account.NewError(http.StatusBadRequest, account.CodeFieldNotEditable)
	ErrFieldNotEnabled   = account.NewError(http.StatusBadRequest, account.CodeFieldNotEnabled)
	ErrThirdParty        = account.NewError(http.StatusForbidden, account.CodeThirdPartyApplicationForbidden)
	ErrPermissionDenied  = account.NewError(http.StatusUnauthorized, account.CodeRecordPermissionDenied)
	ErrRecordNotFound    = account.NewError(http.StatusBadRequest, account.CodeRecordNotFound)
	ErrInvalidInput      = account.NewError(http.StatusBadRequest, account.CodeGuardInvalidInput)
	ErrLastIdentifier    = account.NewError(http.StatusBadRequest, account.CodeLastSignInMethodRequired)
	ErrSuspended         = account.NewError(http.StatusUnauthorized, account.CodeSuspended)
	ErrInvalidCredential = account.NewError(http.StatusUnprocessableEntity, account.CodeInvalidCredentials)
)

// Of POST /api/my-account/password.
var (
	ErrSamePassword = account.NewError(http.StatusUnprocessableEntity, account.CodeSamePassword)
)

// Of social identities.
var (
	ErrIdentityInUse    = account.NewError(http.StatusUnprocessableEntity, account.CodeIdentityAlreadyInUse)
	ErrIdentityNotExist = account.NewError(http.StatusNotFound, account.CodeIdentityNotExist)
)

// Of a social identity's access token.
var (
	ErrTokenForbidden  = account.NewError(http.StatusForbidden, account.CodeForbidden)
	ErrTokenNotFound   = account.NewError(http.StatusNotFound, account.CodeTokenNotFound)
	ErrTokenExpired    = account.NewError(http.StatusUnauthorized, account.CodeAccessTokenExpired)
	ErrNotCurrentUser  = account.NewError(http.StatusUnprocessableEntity, account.CodeIdentityNotInCurrentUser)
	ErrNoTokenInRecord = account.NewError(http.StatusUnprocessableEntity, account.CodeSocialVerificationTokenNotFound)
)

// Of binding MFA factors.
var (
	ErrFactorNotEnabled    = account.NewError(http.StatusBadRequest, account.CodeMFAFactorNotEnabled)
	ErrTOTPInUse           = account.NewError(http.StatusUnprocessableEntity, account.CodeTOTPAlreadyInUse)
	ErrTOTPSecretInvalid   = account.NewError(http.StatusBadRequest, account.CodeTOTPSecretInvalid)
	ErrInvalidTOTPCode     = account.NewError(http.StatusBadRequest, account.CodeInvalidTOTPCode)
	ErrBackupCodesInUse    = account.NewError(http.StatusUnprocessableEntity, account.CodeBackupCodeAlreadyInUse)
	ErrBackupCodeAlone     = account.NewError(http.StatusUnprocessableEntity, account.CodeBackupCodeCanNotBeAlone)
	ErrBackupCodeFormat    = account.NewError(http.StatusUnprocessableEntity, account.CodeWrongBackupCodeFormat)
	ErrPendingInfoNotFound = account.NewError(http.StatusBadRequest, account.CodePendingInfoNotFound)
	ErrTOTPReplaced        = account.NewError(http.StatusConflict, account.CodeTOTPAlreadyInUse)
)

// Of backup codes.
var (
	ErrNoBackupCodes = account.NewError(http.StatusNotFound, account.CodeRecordNotFound)
)

// Of sign-in with a backup code.
var (
	ErrInvalidBackupCode = account.NewError(http.StatusBadRequest, account.CodeInvalidBackupCode)
)

// Of WebAuthn ceremonies.
var (
	ErrWebAuthnFailed = account.NewError(http.StatusBadRequest, account.CodeWebAuthnVerificationFailed)
)

// Of avatar uploads. An HTTP adapter whose own body limit trips while
// AvatarInput.File is read returns ErrFileSizeExceeded from File's Read,
// so the client gets the same answer.
var (
	ErrFileSizeExceeded     = account.NewError(http.StatusBadRequest, account.CodeFileSizeExceeded)
	ErrMimeTypeNotAllowed   = account.NewError(http.StatusBadRequest, account.CodeMimeTypeNotAllowed)
	ErrStorageNotConfigured = account.NewError(http.StatusBadRequest, account.CodeStorageNotConfigured)
	ErrStorageUpload        = account.NewError(http.StatusInternalServerError, account.CodeStorageUploadError)
)

// Of sessions and grants.
var (
	ErrSessionNotFound       = account.NewError(http.StatusNotFound, account.CodeSessionNotFound)
	ErrSessionOfOtherAccount = account.NewError(http.StatusNotFound, account.CodeInvalidSessionAccountID)
	ErrInvalidGrant          = account.NewError(http.StatusNotFound, account.CodeInvalidGrant)
	// ErrNoSessionProvider answers an in-process call when no provider is
	// configured: over HTTP the routes are not mounted at all.
	ErrNoSessionProvider = account.NewError(http.StatusNotFound, account.CodeEntityNotFound)
)

// Of social verification.
var (
	ErrInsufficientInfo   = account.NewError(http.StatusBadRequest, account.CodeInsufficientInfo)
	ErrInvalidConnectorID = account.NewError(http.StatusUnprocessableEntity, account.CodeInvalidConnectorID)
	ErrUnexpectedType     = account.NewError(http.StatusBadRequest, account.CodeConnectorUnexpectedType)
)

// Of verification codes.
var (
	ErrCodeNotFound  = account.NewError(http.StatusBadRequest, account.CodeCodeNotFound)
	ErrCodeExpired   = account.NewError(http.StatusBadRequest, account.CodeCodeExpired)
	ErrCodeMaxTries  = account.NewError(http.StatusBadRequest, account.CodeCodeExceedMaxTry)
	ErrCodeMismatch  = account.NewError(http.StatusBadRequest, account.CodeCodeMismatch)
	ErrRateLimited   = account.NewError(http.StatusTooManyRequests, account.CodeMessageRateLimited)
	ErrNoConnector   = account.NewError(http.StatusNotImplemented, account.CodeConnectorNotFound)
	ErrConnectorSend = account.NewError(http.StatusBadRequest, account.CodeConnectorGeneral)
)

// Of the Management API.
var (
	ErrUserNotFound = account.NewError(http.StatusNotFound, account.CodeEntityNotFound)
)

// Of the Management API's connector routes (linking an identity, the
// authorization URI).
var (
	ErrConnectorNotFound = account.NewError(http.StatusNotFound, account.CodeEntityNotFound)
	// ErrSessionlessUnsupported answers a social connector that does not
	// implement connector.Sessionless.
	ErrSessionlessUnsupported = account.NewError(http.StatusNotImplemented, account.CodeConnectorNotImplemented)
)

// Of the user list.
var (
	ErrInvalidPagination = account.NewError(http.StatusBadRequest, account.CodeGuardInvalidPagination)
	// ErrInvalidSearch is a user search that cannot be answered (see
	// SearchUsers); errors.Is matches it whatever its details.
	ErrInvalidSearch = account.NewError(http.StatusBadRequest, account.CodeRequestInvalidInput)
)

// Of creating users.
var (
	ErrPasswordAndDigest         = account.NewError(http.StatusBadRequest, account.CodePasswordAndDigest)
	ErrPasswordAlgorithmRequired = account.NewError(http.StatusBadRequest, account.CodePasswordAlgorithmRequired)
)

// Of the administrator's MFA routes.
var (
	ErrFactorNotFound = account.NewError(http.StatusNotFound, account.CodeEntityNotFound)
)

// Of personal access tokens.
var (
	ErrAccessTokenNotFound    = account.NewError(http.StatusNotFound, account.CodeEntityNotFound)
	ErrAccessTokenNameTaken   = account.NewError(http.StatusUnprocessableEntity, account.CodeAccessTokenNameExists)
	ErrAccessTokenInvalid     = account.NewError(http.StatusUnauthorized, account.CodeUnauthorized)
	ErrAccessTokenUnavailable = account.NewError(http.StatusServiceUnavailable, account.CodeServiceUnavailable)
)
