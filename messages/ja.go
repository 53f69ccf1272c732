package messages

import (
	"fmt"

	"github.com/myaccount-go/myaccount/account"
)

// ja is the Japanese catalog.
var ja = map[account.Code]string{
	account.CodeAuthorizationHeaderMissing:         "Authorization ヘッダーがありません。",
	account.CodeAuthorizationTokenTypeNotSupported: "認証タイプはサポートされていません。[[サポートされているタイプ: {{supportedTypes}}。]]",
	account.CodeUnauthorized:                       "未承認です。資格情報とそのスコープを確認してください。",
	account.CodeForbidden:                          "アクセスが拒否されました。ユーザーの役割と権限を確認してください。",
	account.CodeThirdPartyApplicationForbidden:     "サードパーティアプリケーションではこの API を通じてアカウントデータを変更できません。",

	account.CodeAccountCenterNotEnabled: "アカウントセンターが有効になっていません。",
	account.CodeFieldNotEditable:        "フィールドは編集できません。",
	account.CodeFieldNotEnabled:         "フィールドが有効になっていません。",

	account.CodeRecordPermissionDenied:          "権限がありません。再認証してください。",
	account.CodeRecordNotFound:                  "検証レコードが見つかりません。",
	account.CodeSocialVerificationInvalidTarget: "無効な検証レコードです。[[{{expected}} を期待しましたが、{{actual}} が返されました。]]",
	account.CodeSocialVerificationTokenNotFound: "トークン応答が見つかりません。ソーシャルコネクタのトークンストレージがサポートされており、有効になっていることを確認してください。",

	account.CodeCodeNotFound:      "検証コードが見つかりません。先に検証コードを送信してください。",
	account.CodeCodePhoneMismatch: "電話番号が一致しません。新しい検証コードをリクエストしてください。",
	account.CodeCodeEmailMismatch: "Eメールが一致しません。新しい検証コードをリクエストしてください。",
	account.CodeCodeMismatch:      "無効な検証コードです。",
	account.CodeCodeExpired:       "検証コードの有効期限が切れました。新しい検証コードをリクエストしてください。",
	account.CodeCodeExceedMaxTry:  "検証コードのリトライ上限を超えました。新しい検証コードをリクエストしてください。",

	account.CodeInvalidCredentials:           "アカウントまたはパスワードが正しくありません。入力内容を確認してください。",
	account.CodeVerificationBlocked:          "試行回数が多すぎます。[[{{relativeTime}}に||しばらくしてから]]再度お試しください。",
	account.CodeInsufficientInfo:             "十分なサインイン情報がありません。",
	account.CodeInvalidConnectorID:           "[[id {{connectorId}} の||利用可能な]]コネクタが見つかりません。",
	account.CodeMFAFactorNotEnabled:          "MFA 要素が有効になっていません。",
	account.CodeInvalidTOTPCode:              "無効な TOTP コードです。",
	account.CodeBackupCodeCanNotBeAlone:      "バックアップコードは唯一の MFA にはできません。",
	account.CodePendingInfoNotFound:          "保留中の MFA 情報が見つかりません。まず MFA を開始してください。",
	account.CodeWebAuthnVerificationFailed:   "WebAuthn 検証に失敗しました。",
	account.CodeInvalidBackupCode:            "無効なバックアップコードです。",
	account.CodeEmailNotAllowed:              `[[メールアドレス "{{email}}" ||このメールアドレス]]は制限されています。別のものを選択してください。`,
	account.CodeEmailSubaddressingNotAllowed: "メールのサブアドレッシングは許可されていません。",
	account.CodeInvalidEmail:                 "無効なメールアドレスです。",

	account.CodeConnectorUnexpectedType:                "コネクタのタイプが予期しないものです。",
	account.CodeConnectorNotFound:                      "[[タイプ {{type}} の]]利用可能なコネクタが見つかりません。",
	account.CodeConnectorGeneral:                       "コネクタでエラーが発生しました[[：{{errorDescription}}||。]]",
	account.CodeConnectorInvalidResponse:               "コネクタのレスポンスが無効です。",
	account.CodeConnectorInvalidRequestParameters:      "リクエストパラメータが無効です。[[ {{message}}]]",
	account.CodeConnectorInsufficientRequestParameters: "リクエストパラメータが不足しています。[[ {{message}}]]",
	account.CodeConnectorInvalidConfig:                 "コネクタの設定が無効です。",
	account.CodeConnectorAuthorizationFailed:           "ユーザーの認可プロセスが失敗しました。[[ {{message}}]]",
	account.CodeConnectorSocialAuthCodeInvalid:         "認可コードが無効です。",
	account.CodeConnectorSocialAccessTokenInvalid:      "アクセストークンが無効です。",
	account.CodeConnectorSocialIDTokenInvalid:          "ID トークンが無効です。",
	account.CodeConnectorRateLimitExceeded:             "プロバイダーへのリクエストが多すぎます。後でもう一度お試しください。",
	account.CodeConnectorNotImplemented:                "コネクタはこの操作を実装していません。",

	account.CodeTOTPAlreadyInUse:         "TOTPはすでに使用されています。",
	account.CodeTOTPSecretInvalid:        "無効な TOTP シークレットが提供されました。",
	account.CodeBackupCodeAlreadyInUse:   "バックアップコードはすでに使用されています。",
	account.CodeWrongBackupCodeFormat:    "バックアップコードの形式が無効です。",
	account.CodeUsernameAlreadyInUse:     "このユーザー名はすでに使用されています。",
	account.CodeEmailAlreadyInUse:        "このメールアドレスは既に別のアカウントに関連付けされています。",
	account.CodePhoneAlreadyInUse:        "この電話番号は既に別のアカウントに関連付けされています。",
	account.CodeIdentityAlreadyInUse:     "このソーシャルアカウントはすでに別のアカウントに関連付けされています。",
	account.CodeInvalidPhone:             "無効な電話番号です。",
	account.CodeSamePassword:             "新しいパスワードは、古いパスワードと同じであってはなりません。",
	account.CodeLastSignInMethodRequired: "アカウントには少なくとも1つの利用可能なサインイン方法を残す必要があります。",
	account.CodeIdentityNotExist:         "このソーシャルアカウントは登録されていません。",
	account.CodeIdentityNotInCurrentUser: "指定されたアイデンティティは現在のユーザーアカウントに存在しません。続行する前にアイデンティティをリンクしてください。",
	account.CodeSuspended:                "このアカウントは停止されています。",
	account.CodeUserNotFound:             "ユーザーが見つかりません。",

	account.UsernameViolationCode("required"):               "ユーザー名は必須の識別子のため、空にすることはできません。",
	account.UsernameViolationCode("starts_with_number"):     "ユーザー名は数字で始めることはできません。",
	account.UsernameViolationCode("invalid_charset_hard"):   "ユーザー名には文字、数字、アンダースコアのみを含めることができます。",
	account.UsernameViolationCode("too_short"):              "ユーザー名が短すぎます。[[{{minLength}} 文字以上にしてください。]]",
	account.UsernameViolationCode("too_long"):               "ユーザー名が長すぎます。[[{{maxLength}} 文字以下にしてください。]]",
	account.UsernameViolationCode("uppercase_not_allowed"):  "ユーザー名に大文字を含めることはできません。",
	account.UsernameViolationCode("lowercase_not_allowed"):  "ユーザー名に小文字を含めることはできません。",
	account.UsernameViolationCode("numbers_not_allowed"):    "ユーザー名に数字を含めることはできません。",
	account.UsernameViolationCode("underscore_not_allowed"): "ユーザー名にアンダースコアを含めることはできません。",

	account.CodePasswordRejected: "パスワードが拒否されました。パスワードが要件を満たしているか確認してください。",

	account.CodeMessageRateLimited:  "この宛先へのメッセージ送信が多すぎます。しばらくしてからもう一度お試しください。",
	account.CodeRequestInvalidInput: "入力が無効です。[[{{details}}]]",
	account.CodeBodyTooLarge:        "リクエスト本文が大きすぎます。",

	account.CodeTokenNotFound:      "トークンレコードが見つかりません。",
	account.CodeAccessTokenExpired: "アクセストークンの有効期限が切れています。アカウントを再接続してください。",

	account.CodeSessionNotFound:         "セッションが見つかりません。",
	account.CodeInvalidSessionAccountID: "セッションの accountId が一致しません。",
	account.CodeInvalidGrant:            "付与リクエストが無効です。",

	account.CodeEntityNotFound:        "リソースが存在しません。",
	account.CodeEntityUniqueViolation: "エンティティはすでに存在します。",
	account.CodeAccessTokenNameExists: "この名前の個人用アクセストークンはすでにあります。",

	account.CodeGuardInvalidInput:      "リクエスト[[{{type}}]]が無効です。",
	account.CodeGuardInvalidPagination: "リクエストのページネーション値が無効です。",
	account.CodeFileSizeExceeded:       "ファイルサイズが超過しました。",
	account.CodeMimeTypeNotAllowed:     "MIMEタイプが許可されていません。",

	account.CodeStorageNotConfigured: "ストレージプロバイダが設定されていません。",
	account.CodeStorageUploadError:   "ファイルのアップロードに失敗しました。",

	account.CodeInternal:           "内部サーバーエラーが発生しました。",
	account.CodeServiceUnavailable: "サービスは一時的に利用できません。しばらくしてからもう一度お試しください。",
	account.CodeRouteNotFound:      "要求されたルートは存在しません。",
	account.CodeMethodNotAllowed:   "このルートはこのメソッドを受け付けません。",
	account.CodeCrossSiteForbidden: "クロスサイトリクエストは拒否されました。許可されたオリジンから Content-Type: application/json で送信してください。",
}

func jaMinutes(n int) string { return fmt.Sprintf("%d 分後", n) }
