package apidoc

// Enterprise SSO identities on GET /api/users/{userId}
// (includeSsoIdentities=true): the user with ssoIdentities, Logto's
// UserSsoIdentity rows without tenantId.

// includeSSOIdentitiesParam is the query parameter that asks for them.
var includeSSOIdentitiesParam = param{name: "includeSsoIdentities", schema: str(""),
	description: "true, 1, y or yes (Logto's yes()) adds ssoIdentities, the user's enterprise SSO identities ([] when there are none); " +
		"anything else, or absent, answers the user alone. Given twice: 400 guard.invalid_input."}

// getUserResult is the answer of GET /api/users/{userId}: a User, or with
// includeSsoIdentities a User with ssoIdentities.
var getUserResult = schema{"anyOf": []any{ref("User"), ref("UserWithSsoIdentities")}}

// withSSOSchemas adds the SSO identity schemas to the component schemas:
// UserWithSsoIdentities is the closed Account object with every key
// required, as User has them, and ssoIdentities.
func withSSOSchemas(all map[string]schema) map[string]schema {
	all["SsoIdentity"] = with(object(schema{
		"id":             str("The record's id."),
		"userId":         str(""),
		"issuer":         str("The identity provider: the OIDC issuer or the SAML entity id."),
		"identityId":     str("The user's id at the provider."),
		"detail":         freeObject("What the provider reported about the user; {} when nothing."),
		"createdAt":      integer("When the identity was first recorded. " + epochMillis),
		"updatedAt":      integer("When the host's SSO login last recorded it. " + epochMillis),
		"ssoConnectorId": str("The host's SSO connector."),
	}, "id", "userId", "issuer", "identityId", "detail", "createdAt", "updatedAt", "ssoConnectorId"),
		"description", "An enterprise SSO identity, recorded by the host's SSO login (SignIn.RecordSSOIdentity): one per user and connector, one user per (issuer, identityId).")

	account := all["Account"]
	props := schema{}
	for k, v := range account["properties"].(schema) {
		props[k] = v
	}
	props["ssoIdentities"] = with(array(ref("SsoIdentity")), "description", "The user's SSO identities, oldest first.")
	required := append(append([]string{}, all["User"]["required"].([]string)...), "ssoIdentities")
	all["UserWithSsoIdentities"] = with(object(props, required...), "description",
		"A user as GET /api/users/{userId}?includeSsoIdentities=true answers it: User with ssoIdentities.")
	return all
}
