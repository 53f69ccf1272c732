package messages

import (
	"fmt"

	"github.com/myaccount-go/myaccount/account"
)

// ko is the Korean catalog.
var ko = map[account.Code]string{
	account.CodeAuthorizationHeaderMissing:         "인증 헤더가 존재하지 않아요.",
	account.CodeAuthorizationTokenTypeNotSupported: "해당 인증 방법을 지원하지 않아요.[[ 지원하는 방법: {{supportedTypes}}.]]",
	account.CodeUnauthorized:                       "인증되지 않았어요. 로그인 정보와 범위를 확인해 주세요.",
	account.CodeForbidden:                          "접근이 금지되었어요. 로그인 권한과 역할을 확인해 주세요.",
	account.CodeThirdPartyApplicationForbidden:     "서드파티 애플리케이션에서는 이 API를 통해 계정 데이터를 수정할 수 없습니다.",

	account.CodeAccountCenterNotEnabled: "계정 센터가 활성화되어 있지 않습니다.",
	account.CodeFieldNotEditable:        "필드를 편집할 수 없습니다.",
	account.CodeFieldNotEnabled:         "필드가 활성화되지 않았습니다.",

	account.CodeRecordPermissionDenied:          "권한이 거부되었습니다. 다시 인증해 주세요.",
	account.CodeRecordNotFound:                  "인증 기록을 찾을 수 없습니다.",
	account.CodeSocialVerificationInvalidTarget: "잘못된 인증 기록입니다.[[ {{actual}} 대신 {{expected}}을(를) 예상했습니다.]]",
	account.CodeSocialVerificationTokenNotFound: "토큰 응답을 찾을 수 없습니다. 소셜 커넥터에 대해 토큰 저장이 지원되고 사용 설정되어 있는지 확인하세요.",

	account.CodeCodeNotFound:      "인증 코드를 찾을 수 없어요. 인증 코드를 먼저 요청하세요.",
	account.CodeCodePhoneMismatch: "전화번호가 맞지 않아요. 새 인증 코드를 요청해 주세요.",
	account.CodeCodeEmailMismatch: "이메일이 맞지 않아요. 새 인증 코드를 요청해 주세요.",
	account.CodeCodeMismatch:      "인증 코드가 일치하지 않아요.",
	account.CodeCodeExpired:       "인증 코드가 만료되었어요. 새 인증 코드를 요청해 주세요.",
	account.CodeCodeExceedMaxTry:  "인증 코드 재시도 한도에 도달했어요. 새 인증 코드를 요청해 주세요.",

	account.CodeInvalidCredentials:           "유효하지 않은 로그인 정보예요. 입력된 값을 다시 확인해 주세요.",
	account.CodeVerificationBlocked:          "짧은 시간 안에 너무 많은 시도가 있었어요. [[{{relativeTime}}에||잠시 후에]] 다시 시도해 주세요.",
	account.CodeInsufficientInfo:             "로그인 정보가 충분하지 않아요.",
	account.CodeInvalidConnectorID:           "[[ID가 {{connectorId}}인||사용 가능한]] 커넥터를 찾을 수 없어요.",
	account.CodeMFAFactorNotEnabled:          "MFA 요소가 활성화되지 않았습니다.",
	account.CodeInvalidTOTPCode:              "유효하지 않은 TOTP 코드예요.",
	account.CodeBackupCodeCanNotBeAlone:      "백업 코드는 단독으로 존재할 수 없어요.",
	account.CodePendingInfoNotFound:          "대기 중인 MFA 정보를 찾을 수 없어요. 먼저 MFA를 시작해 주세요.",
	account.CodeWebAuthnVerificationFailed:   "WebAuthn 인증에 실패했어요.",
	account.CodeInvalidBackupCode:            "유효하지 않은 백업 코드예요.",
	account.CodeEmailNotAllowed:              `[[이메일 주소 "{{email}}"는||이 이메일 주소는]] 제한되어 있어요. 다른 주소를 선택해 주세요.`,
	account.CodeEmailSubaddressingNotAllowed: "이메일 서브어드레싱은 허용되지 않아요.",
	account.CodeInvalidEmail:                 "유효하지 않은 이메일 주소예요.",

	account.CodeConnectorUnexpectedType:                "예상하지 않은 연동 종류에요.",
	account.CodeConnectorNotFound:                      "[[{{type}} 유형의||사용 가능한]] 커넥터를 찾을 수 없어요.",
	account.CodeConnectorGeneral:                       "커넥터에서 오류가 발생했습니다[[: {{errorDescription}}||.]]",
	account.CodeConnectorInvalidResponse:               "연동 응답이 유효하지 않아요.",
	account.CodeConnectorInvalidRequestParameters:      "요청 매개변수가 유효하지 않습니다.[[ {{message}}]]",
	account.CodeConnectorInsufficientRequestParameters: "요청 매개변수가 부족합니다.[[ {{message}}]]",
	account.CodeConnectorInvalidConfig:                 "커넥터 구성이 유효하지 않습니다.",
	account.CodeConnectorAuthorizationFailed:           "사용자 인가 과정이 실패했습니다.[[ {{message}}]]",
	account.CodeConnectorSocialAuthCodeInvalid:         "인가 코드가 유효하지 않습니다.",
	account.CodeConnectorSocialAccessTokenInvalid:      "액세스 토큰이 유효하지 않습니다.",
	account.CodeConnectorSocialIDTokenInvalid:          "ID 토큰이 유효하지 않습니다.",
	account.CodeConnectorRateLimitExceeded:             "공급자에 대한 요청이 너무 많습니다. 나중에 다시 시도해 주세요.",
	account.CodeConnectorNotImplemented:                "커넥터가 이 작업을 구현하지 않습니다.",

	account.CodeTOTPAlreadyInUse:         "TOTP가 이미 사용 중입니다.",
	account.CodeTOTPSecretInvalid:        "제공된 TOTP 비밀이 잘못되었습니다.",
	account.CodeBackupCodeAlreadyInUse:   "백업 코드가 이미 사용 중입니다.",
	account.CodeWrongBackupCodeFormat:    "백업 코드 형식이 잘못되었습니다.",
	account.CodeUsernameAlreadyInUse:     "이 사용자 이름은 다른 사람이 이미 사용 중이에요.",
	account.CodeEmailAlreadyInUse:        "이 이메일은 다른 계정에서 이미 사용 중이에요.",
	account.CodePhoneAlreadyInUse:        "이 휴대전화번호는 다른 계정에서 이미 사용 중이에요.",
	account.CodeIdentityAlreadyInUse:     "소셜 계정이 이미 다른 계정에 연결되어 있어요.",
	account.CodeInvalidPhone:             "유효하지 않은 휴대전화번호예요.",
	account.CodeSamePassword:             "새로운 비밀번호는 이전 비밀번호와 같으면 안 돼요.",
	account.CodeLastSignInMethodRequired: "계정에는 사용할 수 있는 로그인 방법을 최소 하나 이상 유지해야 합니다.",
	account.CodeIdentityNotExist:         "소셜 계정이 아직 등록되지 않았어요.",
	account.CodeIdentityNotInCurrentUser: "지정된 아이덴티티는 현재 사용자 계정에 존재하지 않습니다. 진행하기 전에 아이덴티티를 연동해주세요.",
	account.CodeSuspended:                "이 계정은 일시 정지되었어요.",
	account.CodeUserNotFound:             "사용자를 찾을 수 없어요.",

	account.CodePasswordAndDigest:         "일반 텍스트 비밀번호와 비밀번호 다이제스트를 동시에 설정할 수 없습니다.",
	account.CodePasswordAlgorithmRequired: "비밀번호 알고리즘이 필요합니다.",

	account.UsernameViolationCode("required"):               "사용자 이름은 필수 식별자이며, 비워 둘 수 없습니다.",
	account.UsernameViolationCode("starts_with_number"):     "사용자 이름은 숫자로 시작할 수 없습니다.",
	account.UsernameViolationCode("invalid_charset_hard"):   "사용자 이름에는 문자, 숫자 및 밑줄만 포함될 수 있습니다.",
	account.UsernameViolationCode("too_short"):              "사용자 이름이 너무 짧습니다.[[ 최소 {{minLength}}자 이상이어야 합니다.]]",
	account.UsernameViolationCode("too_long"):               "사용자 이름이 너무 깁니다.[[ 최대 {{maxLength}}자까지 가능합니다.]]",
	account.UsernameViolationCode("uppercase_not_allowed"):  "사용자 이름에는 대문자를 포함할 수 없습니다.",
	account.UsernameViolationCode("lowercase_not_allowed"):  "사용자 이름에는 소문자를 포함할 수 없습니다.",
	account.UsernameViolationCode("numbers_not_allowed"):    "사용자 이름에는 숫자를 포함할 수 없습니다.",
	account.UsernameViolationCode("underscore_not_allowed"): "사용자 이름에는 밑줄을 포함할 수 없습니다.",

	account.CodePasswordRejected: "비밀번호가 거부되었습니다. 비밀번호가 요구 사항을 충족하는지 확인해 주세요.",

	account.CodeMessageRateLimited:  "이 수신자에게 너무 많은 메시지를 보냈어요. 나중에 다시 시도해 주세요.",
	account.CodeRequestInvalidInput: "입력된 값이 유효하지 않아요.[[ {{details}}]]",
	account.CodeBodyTooLarge:        "요청 본문이 너무 커요.",

	account.CodeTokenNotFound:      "토큰 기록을 찾을 수 없습니다.",
	account.CodeAccessTokenExpired: "액세스 토큰이 만료되었습니다. 계정을 다시 연결해주세요.",

	account.CodeSessionNotFound:         "세션을 찾을 수 없습니다.",
	account.CodeInvalidSessionAccountID: "세션 accountId가 일치하지 않습니다.",
	account.CodeInvalidGrant:            "승인 요청이 유효하지 않아요.",

	account.CodeEntityNotFound:        "리소스가 존재하지 않아요.",
	account.CodeEntityUniqueViolation: "이미 존재하는 항목이에요.",
	account.CodeAccessTokenNameExists: "이 이름의 개인 액세스 토큰이 이미 있어요.",

	account.CodeGuardInvalidInput:      "[[요청 {{type}}이(가)||요청이]] 유효하지 않아요.",
	account.CodeGuardInvalidPagination: "요청의 Pagination 값이 유효하지 않아요.",
	account.CodeFileSizeExceeded:       "파일 크기가 초과되었습니다.",
	account.CodeMimeTypeNotAllowed:     "MIME 타입이 허용되지 않습니다.",

	account.CodeStorageNotConfigured: "저장소 공급자가 구성되지 않았습니다.",
	account.CodeStorageUploadError:   "파일을 저장소 공급자에 업로드하지 못했습니다.",

	account.CodeInternal:           "내부 서버 오류가 발생했어요.",
	account.CodeServiceUnavailable: "서비스를 일시적으로 사용할 수 없어요. 나중에 다시 시도해 주세요.",
	account.CodeRouteNotFound:      "요청한 경로가 존재하지 않아요.",
	account.CodeMethodNotAllowed:   "이 경로는 이 메서드를 허용하지 않아요.",
	account.CodeCrossSiteForbidden: "교차 사이트 요청이 거부되었어요. 허용된 출처에서 Content-Type: application/json으로 보내 주세요.",
}

func koMinutes(n int) string { return fmt.Sprintf("%d분 후", n) }
