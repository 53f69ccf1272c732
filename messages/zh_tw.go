package messages

import (
	"fmt"

	"github.com/myaccount-go/myaccount/account"
)

// zhTW is the Traditional Chinese catalog (zh-TW, also served for zh-Hant,
// zh-HK and zh-MO).
var zhTW = map[account.Code]string{
	account.CodeAuthorizationHeaderMissing:         "Authorization 請求頭缺失。",
	account.CodeAuthorizationTokenTypeNotSupported: "不支援此 Authorization 類型。[[支援的類型：{{supportedTypes}}。]]",
	account.CodeUnauthorized:                       "未經授權。請檢查憑證及其範圍。",
	account.CodeForbidden:                          "禁止存取。請檢查使用者角色與權限。",
	account.CodeThirdPartyApplicationForbidden:     "第三方應用程式不允許透過此 API 修改帳戶資料。",

	account.CodeAccountCenterNotEnabled: "帳戶中心尚未啟用。",
	account.CodeFieldNotEditable:        "欄位不可編輯。",
	account.CodeFieldNotEnabled:         "欄位未啟用。",

	account.CodeRecordPermissionDenied:          "權限被拒，請重新驗證身份。",
	account.CodeRecordNotFound:                  "找不到驗證紀錄。",
	account.CodeSocialVerificationInvalidTarget: "驗證紀錄無效。[[預期為 {{expected}}，但收到的是 {{actual}}。]]",
	account.CodeSocialVerificationTokenNotFound: "找不到權杖回應。請檢查社交連接器是否支援並啟用了權杖儲存。",

	account.CodeCodeNotFound:      "驗證碼不存在，請先請求發送驗證碼。",
	account.CodeCodePhoneMismatch: "手機號碼不符，請請求新的驗證碼。",
	account.CodeCodeEmailMismatch: "電子郵件地址不符，請請求新的驗證碼。",
	account.CodeCodeMismatch:      "驗證碼不正確。",
	account.CodeCodeExpired:       "驗證碼已過期，請請求新的驗證碼。",
	account.CodeCodeExceedMaxTry:  "超過最大驗證次數，請請求新的驗證碼。",

	account.CodeInvalidCredentials:           "帳號或密碼錯誤，請重新輸入。",
	account.CodeVerificationBlocked:          "在短時間內嘗試次數過多。請[[於 {{relativeTime}}||稍後]]再試。",
	account.CodeInsufficientInfo:             "登入資訊不足，請檢查你的輸入。",
	account.CodeInvalidConnectorID:           "找不到[[ ID 為 {{connectorId}} 的]]可用連接器。",
	account.CodeMFAFactorNotEnabled:          "MFA 因素未啟用。",
	account.CodeInvalidTOTPCode:              "無效的 TOTP 驗證碼。",
	account.CodeBackupCodeCanNotBeAlone:      "備份碼不能作為唯一的 MFA。",
	account.CodePendingInfoNotFound:          "找不到待處理的 MFA 資訊，請先初始化 MFA。",
	account.CodeWebAuthnVerificationFailed:   "WebAuthn 驗證失敗。",
	account.CodeInvalidBackupCode:            "無效的備份碼。",
	account.CodeEmailNotAllowed:              `電子郵件地址[[ "{{email}}" ]]受到限制。請選擇不同的地址。`,
	account.CodeEmailSubaddressingNotAllowed: "不允許使用電子郵件子地址。",
	account.CodeInvalidEmail:                 "無效的電子郵件地址。",

	account.CodeConnectorUnexpectedType:                "連接器類型錯誤。",
	account.CodeConnectorNotFound:                      "找不到可用的[[ {{type}} 類型]]連接器。",
	account.CodeConnectorGeneral:                       "連接器發生錯誤[[：{{errorDescription}}||。]]",
	account.CodeConnectorInvalidResponse:               "連接器回應無效。",
	account.CodeConnectorInvalidRequestParameters:      "請求參數無效。[[ {{message}}]]",
	account.CodeConnectorInsufficientRequestParameters: "缺少請求參數。[[ {{message}}]]",
	account.CodeConnectorInvalidConfig:                 "連接器設定無效。",
	account.CodeConnectorAuthorizationFailed:           "使用者授權流程失敗。[[ {{message}}]]",
	account.CodeConnectorSocialAuthCodeInvalid:         "授權碼無效。",
	account.CodeConnectorSocialAccessTokenInvalid:      "存取權杖無效。",
	account.CodeConnectorSocialIDTokenInvalid:          "ID 權杖無效。",
	account.CodeConnectorRateLimitExceeded:             "對提供者的請求過多，請稍後再試。",
	account.CodeConnectorNotImplemented:                "連接器未實作此操作。",

	account.CodeTOTPAlreadyInUse:         "TOTP 已經在使用中。",
	account.CodeTOTPSecretInvalid:        "提供的 TOTP 密鑰無效。",
	account.CodeBackupCodeAlreadyInUse:   "備份碼已經在使用中。",
	account.CodeWrongBackupCodeFormat:    "備份碼格式無效。",
	account.CodeUsernameAlreadyInUse:     "該使用者名稱已被使用。",
	account.CodeEmailAlreadyInUse:        "該電子郵件地址已與其他帳戶關聯。",
	account.CodePhoneAlreadyInUse:        "該手機號碼已與其他帳戶關聯。",
	account.CodeIdentityAlreadyInUse:     "該社交帳號已與其他帳戶關聯。",
	account.CodeInvalidPhone:             "手機號碼不正確。",
	account.CodeSamePassword:             "為確保帳戶安全，新密碼不能與舊密碼一致。",
	account.CodeLastSignInMethodRequired: "你的帳戶至少需要保留一種可用的登入方式。",
	account.CodeIdentityNotExist:         "該社交帳號尚未註冊。",
	account.CodeIdentityNotInCurrentUser: "指定的身份在當前使用者帳戶中不存在。請先綁定該身份再繼續操作。",
	account.CodeSuspended:                "此帳戶已被停用。",
	account.CodeUserNotFound:             "找不到使用者。",

	account.UsernameViolationCode("required"):               "使用者名稱是必需的識別碼，不能為空。",
	account.UsernameViolationCode("starts_with_number"):     "使用者名稱不能以數字開頭。",
	account.UsernameViolationCode("invalid_charset_hard"):   "使用者名稱只能包含字母、數字和底線。",
	account.UsernameViolationCode("too_short"):              "使用者名稱太短。[[至少需要 {{minLength}} 個字元。]]",
	account.UsernameViolationCode("too_long"):               "使用者名稱太長。[[最多 {{maxLength}} 個字元。]]",
	account.UsernameViolationCode("uppercase_not_allowed"):  "使用者名稱不能包含大寫字母。",
	account.UsernameViolationCode("lowercase_not_allowed"):  "使用者名稱不能包含小寫字母。",
	account.UsernameViolationCode("numbers_not_allowed"):    "使用者名稱不能包含數字。",
	account.UsernameViolationCode("underscore_not_allowed"): "使用者名稱不能包含底線。",

	account.CodePasswordRejected: "密碼被拒絕。請檢查密碼是否符合要求。",

	account.CodeMessageRateLimited:  "傳送給此收件者的訊息過多，請稍後再試。",
	account.CodeRequestInvalidInput: "輸入無效。[[{{details}}]]",
	account.CodeBodyTooLarge:        "請求內容過大。",

	account.CodeTokenNotFound:      "找不到權杖記錄。",
	account.CodeAccessTokenExpired: "存取權杖已過期。請重新連結你的帳戶。",

	account.CodeSessionNotFound:         "找不到會話。",
	account.CodeInvalidSessionAccountID: "會話 accountId 不符。",
	account.CodeInvalidGrant:            "授權請求無效。",

	account.CodeEntityNotFound:        "資源不存在。",
	account.CodeEntityUniqueViolation: "實體已存在。",
	account.CodeAccessTokenNameExists: "已有同名的個人訪問令牌。",

	account.CodeGuardInvalidInput:      "[[請求中的 {{type}} ||請求]]無效。",
	account.CodeGuardInvalidPagination: "分頁參數無效。",
	account.CodeFileSizeExceeded:       "檔案大小超過限制。",
	account.CodeMimeTypeNotAllowed:     "不允許使用此 MIME 類型。",

	account.CodeStorageNotConfigured: "未設定儲存服務提供者。",
	account.CodeStorageUploadError:   "無法將檔案上傳到儲存服務提供者。",

	account.CodeInternal:           "內部伺服器錯誤。",
	account.CodeServiceUnavailable: "服務暫時無法使用，請稍後再試。",
	account.CodeRouteNotFound:      "請求的路由不存在。",
	account.CodeMethodNotAllowed:   "此路由不接受此方法。",
	account.CodeCrossSiteForbidden: "已拒絕跨站請求。請從允許的來源以 Content-Type: application/json 傳送。",
}

func zhTWMinutes(n int) string { return fmt.Sprintf("%d 分鐘後", n) }
