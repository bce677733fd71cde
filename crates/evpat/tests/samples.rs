//! The samples the playground ships.

use evpat::{Event, Pattern};

const SG_PATTERN: &str = include_str!("../../../web/samples/security-group-changes.pattern.json");
const SG_EVENT: &str =
    include_str!("../../../web/samples/authorize-security-group-ingress.event.json");

#[test]
fn the_playground_example_matches() {
    let pattern = Pattern::parse(SG_PATTERN).unwrap();
    assert!(pattern.matches(&Event::parse(SG_EVENT).unwrap()));
}

#[test]
fn the_playground_example_misses_other_api_calls() {
    let pattern = Pattern::parse(SG_PATTERN).unwrap();
    let other = SG_EVENT.replace("\"AuthorizeSecurityGroupIngress\"", "\"DescribeInstances\"");
    assert_ne!(other, SG_EVENT);
    assert!(!pattern.matches(&Event::parse(&other).unwrap()));
    let other_source = SG_EVENT.replace("\"ec2.amazonaws.com\"", "\"s3.amazonaws.com\"");
    assert!(!pattern.matches(&Event::parse(&other_source).unwrap()));
}
