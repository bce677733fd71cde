//! Where errors point: the span of the offending text, inside strings
//! too. (Gaps found by mutation testing of `src/validate.rs`.)

use evpat::{ErrorKind, Pattern};

/// The text an error's span covers.
fn pointed(text: &str) -> (ErrorKind, &str) {
    let error = Pattern::parse(text).unwrap_err();
    (error.kind(), &text[error.span().start..error.span().end])
}

#[test]
fn cidr_errors_point_at_the_address_or_the_mask() {
    let text = r#"{"ip": [{"cidr": "10.0.0.0/33"}]}"#;
    assert_eq!(pointed(text), (ErrorKind::CidrMask, "33"));
    let text = r#"{"ip": [{"cidr": "xx.11.xx/8"}]}"#;
    assert_eq!(pointed(text), (ErrorKind::CidrAddress, "xx.11.xx"));
    // A character of several bytes at the end of the address is covered
    // whole, and escapes are counted as written.
    let text = r#"{"ip": [{"cidr": "1.2.3.é/8"}]}"#;
    assert_eq!(pointed(text), (ErrorKind::CidrAddress, "1.2.3.é"));
    let text = r#"{"ip": [{"cidr": "1.2.3.\u00e9/8"}]}"#;
    assert_eq!(pointed(text), (ErrorKind::CidrAddress, r"1.2.3.\u00e9"));
    let text = r#"{"ip": [{"cidr": "\u0031.2.3.4/40"}]}"#;
    assert_eq!(pointed(text), (ErrorKind::CidrMask, "40"));
}

#[test]
fn too_many_combinations_points_at_the_first_or() {
    let or = |key: &str| {
        let branches: Vec<String> = (0..11).map(|i| format!("{{\"{key}{i}\": [1]}}")).collect();
        format!("{{\"$or\": [{}]}}", branches.join(","))
    };
    let text =
        format!("{{\"x\": [1], \"a\": {}, \"b\": {}, \"c\": {}}}", or("p"), or("q"), or("r"));
    let (kind, span) = pointed(&text);
    assert_eq!((kind, span), (ErrorKind::TooManyCombinations, "\"$or\""));
    let error = Pattern::parse(&text).unwrap_err();
    assert_eq!(error.span().start, text.find("\"$or\"").unwrap());
}
