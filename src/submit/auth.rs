//! Credentials, as Seam's official SDK classifies them: API keys (`seam_…`), personal access
//! tokens (`seam_at…`, with a workspace id), and the kinds that cannot call this route from
//! here (client session tokens `seam_cst…`, publishable keys `seam_pk…`, JWT console sessions).
//! No message here ever contains a token.

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
        "a JWT (console session token)"
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
            other => Err(CredentialError::InvalidToken(format!(
                "apiKey is {other}, not an API key{}",
                if other == "a personal access token" { ": pass it as personalAccessToken, with workspaceId" } else { "" }
            ))),
        },
        Credential::PersonalAccessToken { token, workspace_id } => match kind(token) {
            "a personal access token" if !header_safe(token) => {
                Err(CredentialError::InvalidToken(unsafe_in_header("personalAccessToken")))
            }
            "a personal access token" => match workspace_id.as_deref() {
                Some(id) if !header_safe(id) => Err(CredentialError::InvalidOptions(unsafe_in_header("workspaceId"))),
                Some(id) if !id.is_empty() => Ok(vec![
                    ("authorization", format!("Bearer {token}")),
                    ("seam-workspace", id.to_owned()),
                ]),
                _ => Err(CredentialError::InvalidOptions(
                    "a personal access token needs workspaceId (or SEAM_WORKSPACE_ID): it acts in one workspace".into(),
                )),
            },
            "not a Seam token" => Err(CredentialError::InvalidToken(
                "personalAccessToken is not a Seam personal access token: they start with seam_at".into(),
            )),
            other => Err(CredentialError::InvalidToken(format!("personalAccessToken is {other}, not a personal access token"))),
        },
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
    fn values_a_header_cannot_carry_are_refused_by_option_name() {
        for bad in ["\n", "\r", "\0", "é", "\u{7f}"] {
            let message = refused(Credential::ApiKey(format!("seam_SECRET{bad}")));
            assert!(message.starts_with("apiKey holds characters") && !message.contains("SECRET"), "{message}");
            let pat = Credential::PersonalAccessToken { token: format!("seam_at1_SECRET{bad}"), workspace_id: Some("w".into()) };
            assert!(refused(pat).starts_with("personalAccessToken holds characters"));
            let workspace = Credential::PersonalAccessToken { token: "seam_at1_x".into(), workspace_id: Some(format!("SECRET{bad}")) };
            assert!(refused(workspace).starts_with("workspaceId holds characters"));
        }
        let tab = Credential::PersonalAccessToken { token: "seam_at1_x".into(), workspace_id: Some("w\tx".into()) };
        assert!(headers(&tab).is_ok(), "a tab is allowed in a header value");
    }
}
