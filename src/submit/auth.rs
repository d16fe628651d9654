//! Credentials, as Seam's official SDK classifies them. This route takes the three kinds its
//! spec lists (`api_key`, `pat_with_workspace`, `console_session_with_workspace`): API keys
//! (`seam_…`), personal access tokens (`seam_at…`) and console session tokens (JWTs, `ey…`),
//! the last two with a workspace id. Client session tokens (`seam_cst…`) and publishable keys
//! (`seam_pk…`) cannot call it. No message here ever contains a token.

/// What a caller authenticates with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credential {
    /// An API key: `Authorization: Bearer`.
    ApiKey(String),
    /// A personal access token and the workspace it acts in: also `seam-workspace`.
    PersonalAccessToken {
        /// The token.
        token: String,
        /// The workspace id, required with a personal access token.
        workspace_id: Option<String>,
    },
    /// A Seam Console session (a JWT) and the workspace it acts in: also `seam-workspace`.
    ConsoleSessionToken {
        /// The token.
        token: String,
        /// The workspace id, required with a console session token.
        workspace_id: Option<String>,
    },
}

/// Why a credential was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CredentialError {
    /// A token of the wrong kind for the option it was given in (never includes the token).
    InvalidToken(String),
    /// Options that do not fit together.
    InvalidOptions(String),
}

/// The kind of a token, from its prefix (as the official SDK's `token.ts` decides).
fn kind(token: &str) -> &'static str {
    if token.starts_with("seam_cst") {
        "a client session token"
    } else if token.starts_with("seam_pk") {
        "a publishable key"
    } else if token.starts_with("seam_at") {
        "a personal access token"
    } else if token.starts_with("ey") {
        "a console session token (a JWT)"
    } else if token.starts_with("seam_") {
        "an API key"
    } else {
        "not a Seam token"
    }
}

/// Whether an HTTP header can carry `value` as it is. fetch refuses line breaks, NUL and
/// anything beyond Latin-1, and its error message would quote the value: Seam's tokens and ids
/// are printable ASCII, so anything else is refused here, by name.
fn header_safe(value: &str) -> bool {
    value.bytes().all(|b| b == b'\t' || (0x20..0x7f).contains(&b))
}

fn unsafe_in_header(option: &str) -> String {
    format!("{option} holds characters an HTTP header cannot carry (a line break, a control character or non-ASCII text)")
}

/// The headers a credential sends.
pub fn headers(credential: &Credential) -> Result<Vec<(&'static str, String)>, CredentialError> {
    match credential {
        Credential::ApiKey(key) => match kind(key) {
            "an API key" if !header_safe(key) => Err(CredentialError::InvalidToken(unsafe_in_header("apiKey"))),
            "an API key" => Ok(vec![("authorization", format!("Bearer {key}"))]),
            "not a Seam token" => Err(CredentialError::InvalidToken(
                "apiKey is not a Seam API key: API keys start with seam_".into(),
            )),
            other => Err(CredentialError::InvalidToken(format!("apiKey is {other}, not an API key{}", pass_as(other)))),
        },
        Credential::PersonalAccessToken { token, workspace_id } => match kind(token) {
            "a personal access token" => with_workspace("personalAccessToken", token, workspace_id.as_deref()),
            "not a Seam token" => Err(CredentialError::InvalidToken(
                "personalAccessToken is not a Seam personal access token: they start with seam_at".into(),
            )),
            other => Err(CredentialError::InvalidToken(format!("personalAccessToken is {other}, not a personal access token{}", pass_as(other)))),
        },
        Credential::ConsoleSessionToken { token, workspace_id } => match kind(token) {
            "a console session token (a JWT)" => with_workspace("consoleSessionToken", token, workspace_id.as_deref()),
            "not a Seam token" => Err(CredentialError::InvalidToken(
                "consoleSessionToken is not a Seam console session token: they are JWTs, which start with ey".into(),
            )),
            other => Err(CredentialError::InvalidToken(format!("consoleSessionToken is {other}, not a console session token{}", pass_as(other)))),
        },
    }
}

/// The headers of a token that acts in one workspace (a personal access token, a console
/// session), given as the option `option`.
fn with_workspace(option: &str, token: &str, workspace_id: Option<&str>) -> Result<Vec<(&'static str, String)>, CredentialError> {
    if !header_safe(token) {
        return Err(CredentialError::InvalidToken(unsafe_in_header(option)));
    }
    match workspace_id {
        Some(id) if !header_safe(id) => Err(CredentialError::InvalidOptions(unsafe_in_header("workspaceId"))),
        Some(id) if !id.is_empty() => Ok(vec![("authorization", format!("Bearer {token}")), ("seam-workspace", id.to_owned())]),
        _ => Err(CredentialError::InvalidOptions(format!(
            "{option} needs workspaceId (or SEAM_WORKSPACE_ID): {} acts in one workspace",
            if option == "personalAccessToken" { "a personal access token" } else { "a console session" }
        ))),
    }
}

/// Where a token of kind `kind`, given in the wrong option, belongs: "" for the kinds this
/// route does not take.
fn pass_as(kind: &str) -> &'static str {
    match kind {
        "an API key" => ": pass it as apiKey",
        "a personal access token" => ": pass it as personalAccessToken, with workspaceId",
        "a console session token (a JWT)" => ": pass it as consoleSessionToken, with workspaceId",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(c: Credential) -> String {
        match headers(&c) {
            Err(CredentialError::InvalidToken(m) | CredentialError::InvalidOptions(m)) => m,
            Ok(_) => panic!("accepted"),
        }
    }

    #[test]
    fn api_keys_and_personal_access_tokens() {
        assert_eq!(headers(&Credential::ApiKey("seam_test123".into())).unwrap(), vec![("authorization", "Bearer seam_test123".into())]);
        let pat = Credential::PersonalAccessToken { token: "seam_at1_x".into(), workspace_id: Some("w".into()) };
        assert_eq!(headers(&pat).unwrap()[1], ("seam-workspace", "w".into()));
    }

    #[test]
    fn wrong_kinds_are_refused_without_repeating_the_token() {
        for token in ["seam_cst1_SECRET", "seam_pk1_SECRET", "seam_at1_SECRET", "eyJSECRET", "SECRET"] {
            let message = refused(Credential::ApiKey(token.into()));
            assert!(!message.contains("SECRET"), "{message}");
        }
        assert!(refused(Credential::ApiKey("seam_at1_x".into())).contains("personalAccessToken"));
        let no_workspace = Credential::PersonalAccessToken { token: "seam_at1_SECRET".into(), workspace_id: None };
        assert!(refused(no_workspace).contains("workspaceId"));
        let wrong = Credential::PersonalAccessToken { token: "seam_SECRET".into(), workspace_id: Some("w".into()) };
        assert!(!refused(wrong).contains("SECRET"));
    }

    #[test]
    fn console_session_tokens_with_their_workspace() {
        let session = Credential::ConsoleSessionToken { token: "eyJhbGciOi.x.y".into(), workspace_id: Some("w".into()) };
        assert_eq!(
            headers(&session).unwrap(),
            vec![("authorization", "Bearer eyJhbGciOi.x.y".into()), ("seam-workspace", "w".into())]
        );
        let alone = Credential::ConsoleSessionToken { token: "eySECRET".into(), workspace_id: None };
        assert_eq!(refused(alone), "consoleSessionToken needs workspaceId (or SEAM_WORKSPACE_ID): a console session acts in one workspace");
        let empty = Credential::ConsoleSessionToken { token: "eySECRET".into(), workspace_id: Some(String::new()) };
        assert!(refused(empty).contains("needs workspaceId"));
        for (token, expected) in [
            ("seam_SECRET", "consoleSessionToken is an API key, not a console session token: pass it as apiKey"),
            ("seam_at1_SECRET", "consoleSessionToken is a personal access token, not a console session token: pass it as personalAccessToken, with workspaceId"),
            ("seam_cst1_SECRET", "consoleSessionToken is a client session token, not a console session token"),
            ("seam_pk1_SECRET", "consoleSessionToken is a publishable key, not a console session token"),
            ("SECRET", "consoleSessionToken is not a Seam console session token: they are JWTs, which start with ey"),
        ] {
            assert_eq!(refused(Credential::ConsoleSessionToken { token: token.into(), workspace_id: Some("w".into()) }), expected);
        }
        // Given in another option, a JWT is pointed to its own.
        assert_eq!(refused(Credential::ApiKey("eySECRET".into())), "apiKey is a console session token (a JWT), not an API key: pass it as consoleSessionToken, with workspaceId");
        let as_pat = Credential::PersonalAccessToken { token: "eySECRET".into(), workspace_id: Some("w".into()) };
        assert_eq!(refused(as_pat), "personalAccessToken is a console session token (a JWT), not a personal access token: pass it as consoleSessionToken, with workspaceId");
    }

    #[test]
    fn values_a_header_cannot_carry_are_refused_by_option_name() {
        for bad in ["\n", "\r", "\0", "é", "\u{7f}"] {
            let message = refused(Credential::ApiKey(format!("seam_SECRET{bad}")));
            assert!(message.starts_with("apiKey holds characters") && !message.contains("SECRET"), "{message}");
            let pat = Credential::PersonalAccessToken { token: format!("seam_at1_SECRET{bad}"), workspace_id: Some("w".into()) };
            assert!(refused(pat).starts_with("personalAccessToken holds characters"));
            let workspace = Credential::PersonalAccessToken { token: "seam_at1_x".into(), workspace_id: Some(format!("SECRET{bad}")) };
            assert!(refused(workspace).starts_with("workspaceId holds characters"));
            let session = Credential::ConsoleSessionToken { token: format!("eySECRET{bad}"), workspace_id: Some("w".into()) };
            assert!(refused(session).starts_with("consoleSessionToken holds characters"));
        }
        let tab = Credential::PersonalAccessToken { token: "seam_at1_x".into(), workspace_id: Some("w\tx".into()) };
        assert!(headers(&tab).is_ok(), "a tab is allowed in a header value");
    }
}
