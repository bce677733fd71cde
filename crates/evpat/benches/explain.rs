//! How long `explain` takes for a 50-condition pattern against a 100 KB
//! event: the playground explains on every keystroke, so the goal is under
//! a millisecond natively. `cargo xtask bench` runs it.

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use criterion::{Criterion, criterion_group};
    use evpat::{Event, Pattern, explain};

    /// A CloudTrail-like event of about 100 KB: 460 resource records of
    /// about 250 bytes each, plus the fields the pattern tests.
    fn event() -> String {
        let records: Vec<String> = (0..460)
            .map(|i| {
                format!(
                    r#"{{"arn": "arn:aws:ec2:us-east-1:123456789012:instance/i-{i:016x}", "type": "AWS::EC2::Instance", "state": "{}", "tags": [{{"key": "team", "value": "team-{}"}}, {{"key": "env", "value": "prod"}}], "size": {}}}"#,
                    if i % 7 == 0 { "stopped" } else { "running" },
                    i % 13,
                    i * 3
                )
            })
            .collect();
        let fields: Vec<String> = (0..40).map(|i| format!(r#""field{i}": "value-{i}""#)).collect();
        format!(
            r#"{{"version": "0", "id": "1", "detail-type": "AWS API Call via CloudTrail", "source": "aws.ec2", "account": "123456789012", "time": "2024-01-01T00:00:00Z", "region": "us-east-1", "resources": [], "detail": {{"eventName": "RunInstances", "sourceIPAddress": "203.0.113.7", "records": [{}], {}}}}}"#,
            records.join(", "),
            fields.join(", ")
        )
    }

    /// 50 conditions across every operator, most on fields that exist.
    fn pattern() -> String {
        let mut fields: Vec<String> = (0..40)
            .map(|i| match i % 5 {
                0 => format!(r#""field{i}": ["value-{i}"]"#),
                1 => format!(r#""field{i}": [{{"prefix": "value-"}}]"#),
                2 => format!(r#""field{i}": [{{"suffix": "-{i}"}}]"#),
                3 => format!(r#""field{i}": [{{"anything-but": "nope"}}]"#),
                _ => format!(r#""field{i}": [{{"wildcard": "val*-{i}"}}]"#),
            })
            .collect();
        fields.push(r#""eventName": [{"equals-ignore-case": "runinstances"}]"#.to_owned());
        fields.push(r#""sourceIPAddress": [{"cidr": "203.0.113.0/24"}]"#.to_owned());
        fields.push(r#""records": {"state": ["stopped"], "size": [{"numeric": [">", 1000]}], "tags": {"value": [{"prefix": "team-1"}]}, "type": [{"exists": true}]}"#.to_owned());
        fields.push(r#""missing": [{"exists": false}]"#.to_owned());
        fields.push(r#""$or": [{"field0": ["x"]}, {"field1": ["value-1"]}]"#.to_owned());
        format!(r#"{{"source": ["aws.ec2"], "detail": {{{}}}}}"#, fields.join(", "))
    }

    fn benchmarks(c: &mut Criterion) {
        let event_text = event();
        let pattern = Pattern::parse(&pattern()).unwrap();
        let event = Event::parse(&event_text).unwrap();
        assert!(event_text.len() >= 100_000, "{} bytes", event_text.len());
        let explanation = explain(&pattern, &event);
        assert_eq!(explanation.matched, pattern.matches(&event));
        c.bench_function("explain 50 conditions, 100 KB event", |b| {
            b.iter(|| explain(&pattern, &event))
        });
        c.bench_function("match 50 conditions, 100 KB event", |b| {
            b.iter(|| pattern.matches(&event))
        });
        c.bench_function("parse 100 KB event", |b| b.iter(|| Event::parse(&event_text).unwrap()));
    }

    criterion_group!(benches, benchmarks);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(bench::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
