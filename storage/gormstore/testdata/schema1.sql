-- The tables of gormstore's schema version 1 on Postgres, as releases before
-- schema versions left them, with rows of every kind. Written by
-- go test ./cmd/myaccount -run TestWriteSchemaFixtures -update-fixtures

CREATE TABLE myaccount_account_centers (
    id text NOT NULL,
    enabled boolean NOT NULL,
    fields text,
    webauthn_related_origins text,
    delete_account_url text,
    custom_css text,
    profile_fields text,
    updated_at bigint
);

CREATE TABLE myaccount_counters (
    name text NOT NULL,
    blocked_until bigint
);

CREATE TABLE myaccount_hits (
    name text NOT NULL,
    hit_at bigint NOT NULL,
    n bigint NOT NULL
);

CREATE TABLE myaccount_identities (
    user_id text NOT NULL,
    target text NOT NULL,
    social_user_id text,
    details text
);

CREATE TABLE myaccount_mfa_backup_codes (
    factor_id text NOT NULL,
    idx bigint NOT NULL,
    hash bytea,
    sealed bytea,
    used_at bigint
);

CREATE TABLE myaccount_mfa_factors (
    id text NOT NULL,
    user_id text NOT NULL,
    type text NOT NULL,
    "position" bigint NOT NULL,
    created_at bigint,
    last_used_at bigint,
    totp_sealed_secret bytea,
    totp_last_used_step bigint,
    credential_id bytea,
    public_key bytea,
    attestation_type text,
    attestation_format text,
    transports text,
    user_present boolean,
    user_verified boolean,
    backup_eligible boolean,
    backup_state boolean,
    aaguid bytea,
    sign_count bigint,
    clone_warning boolean,
    attachment text,
    attestation_client_data_json bytea,
    attestation_client_data_hash bytea,
    attestation_authenticator_data bytea,
    attestation_public_key_alg bigint,
    attestation_object bytea,
    extensions bytea,
    rp_id text,
    agent text,
    name text
);

CREATE TABLE myaccount_personal_access_tokens (
    user_id text NOT NULL,
    name text NOT NULL,
    hash bytea NOT NULL,
    scopes text NOT NULL,
    created_at bigint,
    expires_at bigint
);

CREATE TABLE myaccount_token_sets (
    user_id text NOT NULL,
    target text NOT NULL,
    connector_id text,
    sealed bytea,
    scope text,
    expires_at bigint,
    updated_at bigint
);

CREATE TABLE myaccount_user_sso_identities (
    id text NOT NULL,
    user_id text NOT NULL,
    sso_connector_id text NOT NULL,
    issuer text NOT NULL,
    identity_id text NOT NULL,
    detail text NOT NULL,
    created_at bigint,
    updated_at bigint
);

CREATE TABLE myaccount_users (
    id text NOT NULL,
    username text,
    username_key text,
    primary_email text,
    email_key text,
    primary_phone text,
    name text,
    avatar text,
    profile text NOT NULL,
    custom_data text,
    password_hash text,
    password_updated_at bigint,
    logto_config text NOT NULL,
    is_suspended boolean NOT NULL,
    application_id text,
    last_sign_in_at bigint,
    created_at bigint,
    updated_at bigint,
    version bigint DEFAULT 0 NOT NULL
);

CREATE TABLE myaccount_verification_records (
    id text NOT NULL,
    type text NOT NULL,
    user_id text,
    created_at bigint,
    expires_at bigint,
    verified boolean NOT NULL,
    identifier_type text,
    identifier_value text,
    template_type text,
    code_hash bytea,
    code_sent_at bigint,
    code_tries bigint,
    connector_id text,
    session bytea,
    result bytea,
    password_stamp bytea
);

INSERT INTO myaccount_account_centers VALUES ('default', true, '{"avatar":"Edit","customData":"Edit","deleteAccount":"Edit","email":"Edit","mfa":"Edit","name":"Edit","password":"Edit","phone":"Edit","profile":"Edit","session":"Edit","social":"Edit","username":"Edit"}', NULL, NULL, NULL, NULL, 1796236771269053);

INSERT INTO myaccount_counters VALUES ('v2/client-failures/client-on-account/cee00873d279e63c7b1e93501c3202ac85bd87f2ee8e871fee861c09bc595ca1', NULL);
INSERT INTO myaccount_counters VALUES ('v2/client-failures/client/12ca17b49af2289436f303e0166030a21e525d266e209267433801a8fd4071a0', NULL);
INSERT INTO myaccount_counters VALUES ('v2/credential/user/9eec86a941080e5138d01f271530433c543f16f9069bd3477be4ae9fd90088f0', NULL);
INSERT INTO myaccount_counters VALUES ('v2/send/client/5a968ce41607d10845ba762869ae9b8c5619093d164ab7248c394b73541c92c8', NULL);
INSERT INTO myaccount_counters VALUES ('v2/send/email/7f44313bdcfa42740eca3e56f5adffb759fa0bb9dc1a15c0392e61d9ae545cd4', NULL);
INSERT INTO myaccount_counters VALUES ('v2/send/user/9eec86a941080e5138d01f271530433c543f16f9069bd3477be4ae9fd90088f0', NULL);

INSERT INTO myaccount_hits VALUES ('v2/client-failures/client-on-account/cee00873d279e63c7b1e93501c3202ac85bd87f2ee8e871fee861c09bc595ca1', 1796236771966512, 1);
INSERT INTO myaccount_hits VALUES ('v2/client-failures/client/12ca17b49af2289436f303e0166030a21e525d266e209267433801a8fd4071a0', 1796236771966970, 1);
INSERT INTO myaccount_hits VALUES ('v2/credential/user/9eec86a941080e5138d01f271530433c543f16f9069bd3477be4ae9fd90088f0', 1796236771967137, 1);
INSERT INTO myaccount_hits VALUES ('v2/send/client/5a968ce41607d10845ba762869ae9b8c5619093d164ab7248c394b73541c92c8', 1796236771905827, 1);
INSERT INTO myaccount_hits VALUES ('v2/send/email/7f44313bdcfa42740eca3e56f5adffb759fa0bb9dc1a15c0392e61d9ae545cd4', 1796236771905827, 1);
INSERT INTO myaccount_hits VALUES ('v2/send/user/9eec86a941080e5138d01f271530433c543f16f9069bd3477be4ae9fd90088f0', 1796236771905827, 1);

INSERT INTO myaccount_identities VALUES ('Gr5M9yzll4ameWqmJdSgN', 'mock-social', 'gh-1', '{"id":"gh-1","rawData":{"state":"s1","userId":"gh-1"}}');

INSERT INTO myaccount_mfa_backup_codes VALUES ('ivZvkDHcmbfasgSDdO_zy', 0, '\x00000001777e75708eeea3b4e4b9d44350cf7054882a0bb86f567ccb03f822c34c2c904f', '\x01000000015a9237108a3a515394cfeb8d4eea448ea9b2754ecbd1b535f704cd588c8d2e19fab14fd55d2c', NULL);
INSERT INTO myaccount_mfa_backup_codes VALUES ('ivZvkDHcmbfasgSDdO_zy', 1, '\x0000000121dabe4d13a103be3ac359c2692cf7aa28f3f1520db8621816654c2bb591e5ab', '\x010000000176b6455387dc3fc8b1294fdebb53b6f4587603c68eff4b9010dab0d7b1f8efebe1dbeab20ea4', NULL);
INSERT INTO myaccount_mfa_backup_codes VALUES ('ivZvkDHcmbfasgSDdO_zy', 2, '\x00000001993aaa6cba72b7916f55d6b4a20799d7ed00e4a5e41ceb19bc767b8708e00566', '\x01000000018fcc05e056e730c00c444fe4c2cf6cf90dfe6db913b8b03c9b6b517e1eda79301c59062f262d', NULL);
INSERT INTO myaccount_mfa_backup_codes VALUES ('ivZvkDHcmbfasgSDdO_zy', 3, '\x000000011a08d81a83b6289c8257be457c94badfcd9d4245cc5c31654c141e00d5c802df', '\x01000000012d67e2d3f78e2a2d4e839b5a22a2bcb6cc3acdb2edd88a60031c9cc99243615e27d9c5dd4b05', NULL);
INSERT INTO myaccount_mfa_backup_codes VALUES ('ivZvkDHcmbfasgSDdO_zy', 4, '\x000000014c4800a31c64af1f342296b651a7dc556a9960f5fe19dbdb6877064f4479ab19', '\x0100000001e1846de1a20b62d43fe847103fc6c5ca9afda1f92e68f73d11d5641d0c81d8ca5f073f6469af', NULL);
INSERT INTO myaccount_mfa_backup_codes VALUES ('ivZvkDHcmbfasgSDdO_zy', 5, '\x000000010d2bb3028ba56b19315b240b7aea62fa13aae58a35ed06d00a13cf6ba1686583', '\x0100000001cab7b25bc351a1f1c4faef95b3ca264f4c0d3ab4db6268336ea1f63e1a9c85ad07b26249581a', NULL);
INSERT INTO myaccount_mfa_backup_codes VALUES ('ivZvkDHcmbfasgSDdO_zy', 6, '\x00000001f701659f909041fdbdd01d6fce5730bad1761d83016a00bb18263fdc1c57faad', '\x010000000116d1fe1e29a93e101083bebed02ae20cb2be807c4a0ebcb16a7fbe368e90509d9bda7f824efa', NULL);
INSERT INTO myaccount_mfa_backup_codes VALUES ('ivZvkDHcmbfasgSDdO_zy', 7, '\x00000001c429668d9f34f92c6dd4955f8bc3c634eadf9a37bd5ce6a079e015da5c751467', '\x0100000001d13f46492dcdd93d1f1b79685c8e9f455bf4a1dbbe10a8cf92d2551fd139fe94c4b554353a0f', NULL);
INSERT INTO myaccount_mfa_backup_codes VALUES ('ivZvkDHcmbfasgSDdO_zy', 8, '\x00000001ed748880312bcd3681b6d54aea580f389f4096378d9627a858aa00886c4de924', '\x010000000123e67c0c5e38c3fc8b8304be92ac8901e7061f5b14d570f1e62f0e280749798bdfe78347c14c', NULL);
INSERT INTO myaccount_mfa_backup_codes VALUES ('ivZvkDHcmbfasgSDdO_zy', 9, '\x00000001f1d75d5b9fa64f3dbed8069dccd9d3ea7ae0daf238828e10add447f26f713f12', '\x01000000016023b827567c24034e2858c5feb484cea305f6921c695abd00b2d7c0e3958194127be16c3818', NULL);

INSERT INTO myaccount_mfa_factors VALUES ('ivZvkDHcmbfasgSDdO_zy', 'Gr5M9yzll4ameWqmJdSgN', 'BackupCode', 2, 1796236771714525, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO myaccount_mfa_factors VALUES ('rGcQ_STbPvo8TocFBBpnG', 'Gr5M9yzll4ameWqmJdSgN', 'WebAuthn', 3, 1796236771776876, NULL, NULL, NULL, '\x42201e04db8ea62ec14608bf2ffa1c3f14fdde17488c0ae28b1e1bd3d765f282', '\xa5010203262001215820bdfb507f004dfa7e00a80ece5bacbeb50d36654bbca2de2d2f390d8df1389fb422582035805505497cc85f0d306b936208ad23ba2eb18fff7d31c19dc98f450310e160', 'basic_surrogate', 'packed', '[]', true, true, false, false, '\xa64dad22df9ce524071d3b4fa8eab550', 0, false, NULL, '\x7b2274797065223a22776562617574686e2e637265617465222c226368616c6c656e6765223a226f6c393258757a6768684965636d6a464f67484245754b6651736f4473525439637937554742714d587845222c226f726967696e223a22687474703a2f2f6c6f63616c686f73743a38343433227d', '\xecc3eb6b996a40638b7b2a1db1b724d251ccb5f5a8f5491c54123b63d4c95c19', NULL, 0, '\xa363666d74667061636b65646761747453746d74a263616c672663736967584730450220307cb5645093c6a5c8f69cec3aeea4af281531a3672a343781e2603a6bbda0be022100ee9b84bdbbccf397df5577e2e2d274e52d328bbac1b49de63b8405e641d6cf6d68617574684461746158a449960de5880e8c687434170f6476605b8fe4aeb9a28632c7995cf3ba831d97634500000000a64dad22df9ce524071d3b4fa8eab550002042201e04db8ea62ec14608bf2ffa1c3f14fdde17488c0ae28b1e1bd3d765f282a5010203262001215820bdfb507f004dfa7e00a80ece5bacbeb50d36654bbca2de2d2f390d8df1389fb422582035805505497cc85f0d306b936208ad23ba2eb18fff7d31c19dc98f450310e160', '\x7b7d', 'localhost', 'Go-http-client/1.1', NULL);
INSERT INTO myaccount_mfa_factors VALUES ('vHjWcjhTbBaFDbZVKhTSm', 'Gr5M9yzll4ameWqmJdSgN', 'Totp', 1, 1796236771647930, NULL, '\x0100000001a21a5547bda8524e771c4b78d69a4f4183bb384bab7c9cd2da4c95e4b357921d95413bb016d3912c56bf0ffb883f79257591f3d2188849c9dbb13fd3', 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);

INSERT INTO myaccount_personal_access_tokens VALUES ('Gr5M9yzll4ameWqmJdSgN', 'script', '\x831d4d02316a55c6d5fcfa061f5c6157bd284f0156a9dc313eb6981360bb2be8', 'address custom_data email identities openid phone profile urn:logto:scope:sessions', 1796236771848814, NULL);

INSERT INTO myaccount_token_sets VALUES ('Gr5M9yzll4ameWqmJdSgN', 'mock-social', 'mock-social', '\x0100000001f0bc78d1ae0de2ae187d0e2bd49e9fc68a06d9740565911e362e5e1e67115756b69c5605c2d5da54bc54367c0d782a0185b588a2a60ed10c594ac863741995a7fe34ca81dd8e162c0f237ae47c9d6c5a03136e078fa91bd95ba1cbe3', 'profile', NULL, 1796236771848276);

INSERT INTO myaccount_user_sso_identities VALUES ('sso-1', 'Gr5M9yzll4ameWqmJdSgN', 'okta', 'https://idp.example', 'okta-ada', '{"email":"ada@example.com"}', 1773500966535897, 1773500966535897);

INSERT INTO myaccount_users VALUES ('Gr5M9yzll4ameWqmJdSgN', 'ada', 'ada', 'ada@example.com', 'ada@example.com', NULL, 'Ada', NULL, '{}', NULL, '$argon2id$v=19$m=19456,t=2,p=1$sdwiZKkicDnYFHRTkWrutQ$cdl7zbMOGVtuIPt2FHlZMjwHBru4GXU00Gty+gT4ejE', 1796236771276480, '{"mfa":{"enabled":true,"skipped":false,"additionalBindingSuggestionSkipped":false,"skipMfaOnSignIn":false},"passkeySignIn":{"skipped":false}}', false, NULL, NULL, 1796236771276480, 1796236771847878, 4);

INSERT INTO myaccount_verification_records VALUES ('B_gFWcCdkF5a2vr08hyA1', 'Password', 'Gr5M9yzll4ameWqmJdSgN', 1796236771708280, 1796237371708280, true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '\x04bee41827e97073bd40b267fd518528');
INSERT INTO myaccount_verification_records VALUES ('Hm4i-ghBjpgHtyyb1IN88', 'Password', 'Gr5M9yzll4ameWqmJdSgN', 1796236771640189, 1796237371640189, true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '\x04bee41827e97073bd40b267fd518528');
INSERT INTO myaccount_verification_records VALUES ('MkeWdgFlawdeuG64jEiIu', 'Password', 'Gr5M9yzll4ameWqmJdSgN', 1796236771841166, 1796237371841166, true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '\x04bee41827e97073bd40b267fd518528');
INSERT INTO myaccount_verification_records VALUES ('NPrR0yEgCy8GWHlCai4AS', 'Password', 'Gr5M9yzll4ameWqmJdSgN', 1796236771771860, 1796237371771860, true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '\x04bee41827e97073bd40b267fd518528');
INSERT INTO myaccount_verification_records VALUES ('vLAmFtk2qvCi51fjbhFMx', 'Password', 'Gr5M9yzll4ameWqmJdSgN', 1796236771904864, 1796237371904864, true, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '\x04bee41827e97073bd40b267fd518528');
INSERT INTO myaccount_verification_records VALUES ('yc64AXFkgwZZ_SePBtLKn', 'EmailVerificationCode', 'Gr5M9yzll4ameWqmJdSgN', 1796236771906881, 1796237371906881, false, 'email', 'ada.new@example.com', 'BindNewIdentifier', '\xe9877d075b137ccdcba95fd25b9fabc0a04ac8db0f8d26cbbba8ad307c0eee75', 1796236771906785, 0, NULL, NULL, NULL, '\x04bee41827e97073bd40b267fd518528');

ALTER TABLE ONLY myaccount_account_centers
    ADD CONSTRAINT myaccount_account_centers_pkey PRIMARY KEY (id);

ALTER TABLE ONLY myaccount_counters
    ADD CONSTRAINT myaccount_counters_pkey PRIMARY KEY (name);

ALTER TABLE ONLY myaccount_hits
    ADD CONSTRAINT myaccount_hits_pkey PRIMARY KEY (name, hit_at);

ALTER TABLE ONLY myaccount_identities
    ADD CONSTRAINT myaccount_identities_pkey PRIMARY KEY (user_id, target);

ALTER TABLE ONLY myaccount_mfa_backup_codes
    ADD CONSTRAINT myaccount_mfa_backup_codes_pkey PRIMARY KEY (factor_id, idx);

ALTER TABLE ONLY myaccount_mfa_factors
    ADD CONSTRAINT myaccount_mfa_factors_pkey PRIMARY KEY (id);

ALTER TABLE ONLY myaccount_personal_access_tokens
    ADD CONSTRAINT myaccount_personal_access_tokens_pkey PRIMARY KEY (user_id, name);

ALTER TABLE ONLY myaccount_token_sets
    ADD CONSTRAINT myaccount_token_sets_pkey PRIMARY KEY (user_id, target);

ALTER TABLE ONLY myaccount_user_sso_identities
    ADD CONSTRAINT myaccount_user_sso_identities_pkey PRIMARY KEY (id);

ALTER TABLE ONLY myaccount_users
    ADD CONSTRAINT myaccount_users_pkey PRIMARY KEY (id);

ALTER TABLE ONLY myaccount_verification_records
    ADD CONSTRAINT myaccount_verification_records_pkey PRIMARY KEY (id);

CREATE UNIQUE INDEX myaccount_identities_social ON myaccount_identities USING btree (target, social_user_id);

CREATE UNIQUE INDEX myaccount_mfa_factors_credential_id ON myaccount_mfa_factors USING btree (credential_id);

CREATE UNIQUE INDEX myaccount_mfa_factors_single_type ON myaccount_mfa_factors USING btree (user_id, type) WHERE (type = ANY (ARRAY['Totp'::text, 'BackupCode'::text]));

CREATE INDEX myaccount_mfa_factors_user_position ON myaccount_mfa_factors USING btree (user_id, "position");

CREATE UNIQUE INDEX myaccount_personal_access_tokens_hash ON myaccount_personal_access_tokens USING btree (hash);

CREATE INDEX myaccount_records_expires_at ON myaccount_verification_records USING btree (expires_at);

CREATE INDEX myaccount_records_user_id ON myaccount_verification_records USING btree (user_id);

CREATE UNIQUE INDEX myaccount_user_sso_identities_issuer_identity ON myaccount_user_sso_identities USING btree (issuer, identity_id);

CREATE UNIQUE INDEX myaccount_user_sso_identities_user_connector ON myaccount_user_sso_identities USING btree (user_id, sso_connector_id);

CREATE UNIQUE INDEX myaccount_users_email_key ON myaccount_users USING btree (email_key);

CREATE UNIQUE INDEX myaccount_users_primary_phone ON myaccount_users USING btree (primary_phone);

CREATE UNIQUE INDEX myaccount_users_username_key ON myaccount_users USING btree (username_key);

