//! Share links: the whole workspace in the URL's fragment.
//!
//! A link is `https://…/#share=1.DATA`, where `DATA` is the compact
//! [`Workspace`] document, compressed with raw DEFLATE and written in
//! unpadded base64url (RFC 4648 §5: only `A–Z a–z 0–9 - _`, which need no
//! escaping in a fragment). The `1` is the link format's version.
//!
//! The fragment is the part of a URL that browsers never send to a server,
//! so a shared workspace travels only inside the link itself.
//!
//! Decoding never trusts the link: its length is checked before decoding,
//! and inflation stops at [`MAX_INFLATED`] bytes, so a small link cannot
//! expand into gigabytes ("zip bomb"). Every refusal is a [`LinkError`]
//! whose message the page shows as it is.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use miniz_oxide::inflate::{DecompressError, TINFLStatus, decompress_to_vec_with_limit};

use crate::document::{LoadError, Workspace};

/// What starts the fragment of a share link (after `#`).
pub const PREFIX: &str = "share=";

/// The link format this code writes and reads.
pub const LINK_VERSION: &str = "1";

/// The longest fragment made or read: 2 MiB, about what Chromium accepts
/// in a URL. A workspace that needs more goes in a file
/// ("Export workspace").
pub const MAX_FRAGMENT: usize = 2 * 1024 * 1024;

/// The most bytes a link may inflate to.
pub const MAX_INFLATED: usize = crate::document::MAX_BYTES;

/// DEFLATE's level for links: the best compression, since links are made
/// on a click, not per keystroke, and shorter links travel better.
const LEVEL: u8 = 9;

/// Why a link was not made or not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// The workspace is too big for a link.
    TooLarge {
        /// The fragment's length, in bytes.
        length: usize,
    },
    /// The fragment is not a share link at all.
    NotALink,
    /// A link from a newer playground.
    NewerVersion(String),
    /// The link was cut short or altered on its way.
    Damaged(&'static str),
    /// The link's content is not a workspace this page reads.
    Workspace(LoadError),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::TooLarge { length } => write!(
                f,
                "the workspace is too big for a link ({} KB, over {} KB): use \
                 \"Export workspace\" to save it as a file",
                length.div_ceil(1024),
                MAX_FRAGMENT / 1024
            ),
            LinkError::NotALink => f.write_str("the address does not hold a share link"),
            LinkError::NewerVersion(version) => write!(
                f,
                "the link was made by a newer playground (link version {version}); this page \
                 reads version {LINK_VERSION}"
            ),
            LinkError::Damaged(what) => {
                write!(f, "the share link is damaged ({what}): copy the whole link again")
            }
            LinkError::Workspace(error) => write!(f, "the share link's workspace: {error}"),
        }
    }
}

impl std::error::Error for LinkError {}

/// The fragment (without `#`) that holds `workspace`.
pub fn encode(workspace: &Workspace) -> Result<String, LinkError> {
    let json = workspace.to_compact_json();
    let compressed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), LEVEL);
    let mut fragment = String::with_capacity(PREFIX.len() + 2 + compressed.len() * 4 / 3 + 4);
    fragment.push_str(PREFIX);
    fragment.push_str(LINK_VERSION);
    fragment.push('.');
    URL_SAFE_NO_PAD.encode_string(&compressed, &mut fragment);
    if fragment.len() > MAX_FRAGMENT {
        return Err(LinkError::TooLarge { length: fragment.len() });
    }
    Ok(fragment)
}

/// The workspace a fragment holds. `fragment` may start with `#`.
pub fn decode(fragment: &str) -> Result<Workspace, LinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let rest = fragment.strip_prefix(PREFIX).ok_or(LinkError::NotALink)?;
    let (version, data) = rest.split_once('.').ok_or(LinkError::Damaged("no version"))?;
    if version != LINK_VERSION {
        return match version.parse::<u32>() {
            Ok(_) => Err(LinkError::NewerVersion(version.to_owned())),
            Err(_) => Err(LinkError::Damaged("no version")),
        };
    }
    if fragment.len() > MAX_FRAGMENT {
        return Err(LinkError::TooLarge { length: fragment.len() });
    }
    let compressed =
        URL_SAFE_NO_PAD.decode(data.as_bytes()).map_err(|_| LinkError::Damaged("not base64url"))?;
    let json = decompress_to_vec_with_limit(&compressed, MAX_INFLATED).map_err(|error| {
        LinkError::Damaged(match error {
            DecompressError { status: TINFLStatus::HasMoreOutput, .. } => "too large once unpacked",
            _ => "not DEFLATE data",
        })
    })?;
    let json = String::from_utf8(json).map_err(|_| LinkError::Damaged("not UTF-8 text"))?;
    Workspace::from_json(&json).map_err(LinkError::Workspace)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Event, Rule};

    fn workspace(event: &str) -> Workspace {
        Workspace {
            rules: vec![Rule {
                name: "r".to_owned(),
                event_pattern: "{\"source\": [\"aws.ec2\"]}".to_owned(),
                ..Rule::default()
            }],
            events: vec![Event { name: "e ✓".to_owned(), text: event.to_owned() }],
            export_format: "cli".to_owned(),
            ..Workspace::default()
        }
    }

    #[test]
    fn a_link_reads_back_as_the_workspace() {
        let original = workspace("{\"source\": \"aws.ec2\", \"n\": 1.50}");
        let fragment = encode(&original).unwrap();
        assert!(fragment.starts_with("share=1."), "{fragment}");
        assert!(
            fragment["share=1.".len()..]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{fragment}"
        );
        assert_eq!(decode(&fragment), Ok(original.clone()));
        assert_eq!(decode(&format!("#{fragment}")), Ok(original));
    }

    #[test]
    fn links_are_compressed() {
        // A 100 KB event of repetitive JSON, as real events are.
        let event = format!(
            "[{}]",
            vec!["{\"instance-id\": \"i-0123456789abcdef0\", \"state\": \"stopped\"}"; 2000]
                .join(",")
        );
        let fragment = encode(&workspace(&event)).unwrap();
        assert!(event.len() > 100_000);
        assert!(fragment.len() < event.len() / 20, "{} bytes", fragment.len());
    }

    #[test]
    fn a_workspace_too_big_for_a_link_is_refused() {
        // Incompressible text: every byte of a xorshift sequence, as hex.
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let text: String = (0..2 * MAX_FRAGMENT)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                char::from_digit((x % 16) as u32, 16).unwrap_or('0')
            })
            .collect();
        let error = encode(&workspace(&text)).unwrap_err();
        let LinkError::TooLarge { length } = error else { panic!("{error:?}") };
        assert!(length > MAX_FRAGMENT);
        assert!(error.to_string().starts_with("the workspace is too big for a link ("));
        assert!(
            error
                .to_string()
                .ends_with("KB, over 2048 KB): use \"Export workspace\" to save it as a file")
        );
    }

    #[test]
    fn bad_links_are_refused_with_a_reason() {
        let refused = |fragment: &str| decode(fragment).unwrap_err().to_string();
        assert_eq!(refused(""), "the address does not hold a share link");
        assert_eq!(refused("#section-2"), "the address does not hold a share link");
        assert_eq!(
            refused("share=2.AAAA"),
            "the link was made by a newer playground (link version 2); this page reads version 1"
        );
        assert_eq!(
            refused("share=x"),
            "the share link is damaged (no version): copy the whole link again"
        );
        assert_eq!(
            refused("share=1.a+b/"),
            "the share link is damaged (not base64url): copy the whole link again"
        );
        assert_eq!(
            refused("share=1.AAAA"),
            "the share link is damaged (not DEFLATE data): copy the whole link again"
        );
        // A link cut short: mid-symbol, or at a byte boundary that loses
        // the end of the DEFLATE stream.
        let fragment = encode(&workspace("{}")).unwrap();
        let data = URL_SAFE_NO_PAD.decode(&fragment["share=1.".len()..]).unwrap();
        let cut = format!("share=1.{}", URL_SAFE_NO_PAD.encode(&data[..data.len() - 3]));
        assert_eq!(
            refused(&cut),
            "the share link is damaged (not DEFLATE data): copy the whole link again"
        );
        assert_eq!(
            refused(&fragment[..fragment.len() - 1]),
            if (fragment.len() - 1 - "share=1.".len()) % 4 == 1 {
                "the share link is damaged (not base64url): copy the whole link again"
            } else {
                "the share link is damaged (not DEFLATE data): copy the whole link again"
            }
        );
        // Valid DEFLATE of something that is not a workspace.
        let other = miniz_oxide::deflate::compress_to_vec(b"{\"rules\": []}", 9);
        assert_eq!(
            refused(&format!("share=1.{}", URL_SAFE_NO_PAD.encode(other))),
            "the share link's workspace: this is not a playground workspace: it has no \
             \"format\": \"evpat-workspace\""
        );
        let not_utf8 = miniz_oxide::deflate::compress_to_vec(&[0xff, 0xfe], 9);
        assert_eq!(
            refused(&format!("share=1.{}", URL_SAFE_NO_PAD.encode(not_utf8))),
            "the share link is damaged (not UTF-8 text): copy the whole link again"
        );
    }

    #[test]
    fn a_small_link_cannot_unpack_into_a_huge_workspace() {
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b' '; MAX_INFLATED + 1], 1);
        let fragment = format!("share=1.{}", URL_SAFE_NO_PAD.encode(&bomb));
        assert!(fragment.len() < 400_000, "{}", fragment.len());
        assert_eq!(
            decode(&fragment).unwrap_err().to_string(),
            "the share link is damaged (too large once unpacked): copy the whole link again"
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use proptest::prelude::*;

    use super::*;
    use crate::document::{Event, Rule, Target};

    fn text() -> impl Strategy<Value = String> {
        // Any Unicode, with JSON's own characters and escapes often.
        prop_oneof![any::<String>(), "[{}\\[\\]\":,\\\\ \\n\\t0-9a-z\u{0}-\u{1f}é✓😀]{0,40}"]
    }

    fn workspace() -> impl Strategy<Value = Workspace> {
        let target = (text(), text(), any::<bool>(), text(), text()).prop_map(
            |(id, arn, transform, input_paths_map, input_template)| Target {
                id,
                arn,
                transform,
                input_paths_map,
                input_template,
            },
        );
        let rule = (text(), text(), text(), prop::collection::vec(target, 0..3)).prop_map(
            |(name, event_pattern, schedule_expression, targets)| Rule {
                name,
                event_pattern,
                schedule_expression,
                targets,
                ..Rule::default()
            },
        );
        let event = (text(), text()).prop_map(|(name, text)| Event { name, text });
        (prop::collection::vec(rule, 1..4), prop::collection::vec(event, 1..4), text()).prop_map(
            |(rules, events, export_format)| Workspace {
                selected_rule: rules.len() - 1,
                selected_event: events.len() - 1,
                rules,
                events,
                export_format,
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn every_workspace_survives_a_link(original in workspace()) {
            let fragment = encode(&original).unwrap();
            prop_assert_eq!(decode(&fragment), Ok(original));
        }

        #[test]
        fn any_fragment_decodes_or_is_refused(fragment in text()) {
            let _ = decode(&fragment);
            let _ = decode(&format!("share=1.{fragment}"));
        }

        #[test]
        fn a_changed_link_decodes_or_is_refused(
            original in workspace(),
            at in any::<prop::sample::Index>(),
            byte in any::<u8>(),
        ) {
            let fragment = encode(&original).unwrap();
            let mut bytes = fragment.into_bytes();
            let at = at.index(bytes.len());
            bytes[at] = byte;
            if let Ok(changed) = String::from_utf8(bytes) {
                let _ = decode(&changed);
            }
        }
    }
}
