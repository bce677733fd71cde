//! The citylots benchmark: events/s of [`evpat::RuleSet`], of the reference
//! matcher ([`Pattern::matches`] after [`Event::parse`]) and of the
//! `quamina` crate, side by side on the same data, category by category;
//! then all the rules at once, scaling to 10,000 rules, and memory per
//! rule. `cargo xtask bench` runs it (release profile, fat LTO).
//!
//! Method, the same for every engine: one thread; the 213,068 events
//! generated in memory first ([`generate`]); each pass matches every event
//! and counts the matches of every rule; the figure is the best of several
//! passes. A pass is timed by the thread's own CPU time (the kernel's
//! `schedstat`), which equals wall-clock time on an idle machine and leaves
//! out the time other processes take on a shared one. Before any figure is printed, the per-rule counts of every
//! engine are checked against `rules/counts.json`, the published citylots2
//! counts, which the generator reproduces exactly.
//!
//! Options: `--passes N` (default 5), `--only CATEGORY`, `--no-scaling`,
//! `--write-data PATH` (also write the data set, one event per line).

#[cfg(not(target_arch = "wasm32"))]
mod generate;

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::collections::BTreeMap;
    use std::path::Path;
    use std::sync::atomic::{AtomicIsize, Ordering};
    use std::time::Instant;

    use evpat::{Event, Pattern, RuleSet};
    use quamina::Quamina;

    use super::generate;

    /// Counts the bytes live on the heap, for memory per rule.
    struct Counting;

    static LIVE: AtomicIsize = AtomicIsize::new(0);

    // SAFETY: forwards to the system allocator, only counting sizes.
    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
            // SAFETY: the caller's contract is the system allocator's.
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
            // SAFETY: as above.
            unsafe { System.dealloc(ptr, layout) }
        }
        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            LIVE.fetch_add(new_size as isize - layout.size() as isize, Ordering::Relaxed);
            // SAFETY: as above.
            unsafe { System.realloc(ptr, layout, new_size) }
        }
    }

    #[global_allocator]
    static ALLOCATOR: Counting = Counting;

    /// The categories, in the order of issue 10's table; those `quamina`
    /// cannot express come last.
    const CATEGORIES: &[(&str, bool)] = &[
        ("EXACT", true),
        ("PREFIX", true),
        ("SUFFIX", true),
        ("EQUALS_IGNORE_CASE", true),
        ("WILDCARD", true),
        ("NUMERIC", true),
        ("ANYTHING_BUT", true),
        ("COMPLEX_ARRAYS", true),
        ("PREFIX_EQUALS_IGNORE_CASE", false),
        ("SUFFIX_EQUALS_IGNORE_CASE", false),
        ("ANYTHING_BUT_IGNORE_CASE", false),
        ("ANYTHING_BUT_PREFIX", false),
        ("ANYTHING_BUT_SUFFIX", false),
        ("ANYTHING_BUT_WILDCARD", false),
    ];

    struct Options {
        passes: usize,
        only: Option<String>,
        scaling: bool,
        write_data: Option<String>,
        /// Skip the reference matcher (for profiling).
        reference: bool,
        /// Skip quamina (for profiling).
        quamina: bool,
        /// Skip the categories one by one (for profiling).
        categories: bool,
    }

    fn options() -> Options {
        let mut options = Options {
            passes: 5,
            only: None,
            scaling: true,
            write_data: None,
            reference: true,
            quamina: true,
            categories: true,
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--passes" => {
                    options.passes = args.next().and_then(|n| n.parse().ok()).unwrap_or(5)
                }
                "--only" => options.only = args.next(),
                "--no-scaling" => options.scaling = false,
                "--no-categories" => options.categories = false,
                "--write-data" => options.write_data = args.next(),
                "--no-reference" => options.reference = false,
                "--no-quamina" => options.quamina = false,
                // What cargo bench adds.
                "--bench" => {}
                other => eprintln!("citylots: ignoring {other}"),
            }
        }
        options
    }

    fn rules_dir() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/citylots/rules")
    }

    fn category_rules(name: &str) -> Vec<String> {
        let text = std::fs::read_to_string(rules_dir().join(format!("{name}.jsonl")))
            .unwrap_or_else(|e| panic!("{name}.jsonl: {e}"));
        text.lines().map(str::to_owned).collect()
    }

    fn expected_counts() -> BTreeMap<String, Vec<u64>> {
        let text = std::fs::read_to_string(rules_dir().join("counts.json")).expect("counts.json");
        serde_json::from_str(&text).expect("counts.json is a map of counts")
    }

    /// The CPU time this thread has run, in seconds, from the kernel's
    /// scheduler statistics; `None` where there are none (then wall-clock
    /// time is used).
    fn thread_cpu_seconds() -> Option<f64> {
        let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
        let nanos: u64 = stat.split_whitespace().next()?.parse().ok()?;
        Some(nanos as f64 / 1e9)
    }

    /// How long `f` took: on-CPU time of this thread where the kernel
    /// tells it, so that other processes on a shared machine do not count
    /// (on an idle machine it equals wall-clock time), else wall-clock.
    fn timed<T>(f: impl FnOnce() -> T) -> (f64, T) {
        let (cpu, wall) = (thread_cpu_seconds(), Instant::now());
        let out = f();
        let seconds = match (cpu, thread_cpu_seconds()) {
            (Some(start), Some(end)) => end - start,
            _ => wall.elapsed().as_secs_f64(),
        };
        (seconds, out)
    }

    /// Events per second of `pass`, best of `passes`; `pass` returns the
    /// per-rule counts, which must be the same every time.
    fn measure(
        events: usize,
        passes: usize,
        mut pass: impl FnMut() -> Vec<u64>,
    ) -> (f64, Vec<u64>) {
        let mut best = f64::INFINITY;
        let mut counts = Vec::new();
        for _ in 0..passes {
            let (seconds, got) = timed(&mut pass);
            best = best.min(seconds);
            if !counts.is_empty() {
                assert_eq!(got, counts, "counts changed between passes");
            }
            counts = got;
        }
        (events as f64 / best, counts)
    }

    fn evpat_set(patterns: &[Pattern]) -> RuleSet<usize> {
        let mut builder = RuleSet::builder();
        for (i, pattern) in patterns.iter().enumerate() {
            builder.add(i, pattern);
        }
        builder.build()
    }

    fn evpat_pass(set: &RuleSet<usize>, events: &[&str]) -> Vec<u64> {
        let mut counts = vec![0u64; set.len()];
        let mut matched = Vec::new();
        for event in events {
            matched.clear();
            set.rule_indexes(event, &mut matched).expect("events are valid");
            for &rule in &matched {
                counts[rule as usize] += 1;
            }
        }
        counts
    }

    fn reference_pass(patterns: &[Pattern], events: &[&str]) -> Vec<u64> {
        let mut counts = vec![0u64; patterns.len()];
        for event in events {
            let event = Event::parse(event).expect("events are valid");
            for (i, pattern) in patterns.iter().enumerate() {
                counts[i] += u64::from(pattern.matches(&event));
            }
        }
        counts
    }

    fn quamina_of(rules: &[String]) -> Option<Quamina<usize>> {
        let mut q = Quamina::new();
        for (i, rule) in rules.iter().enumerate() {
            q.add_pattern(i, rule).ok()?;
        }
        Some(q)
    }

    fn quamina_pass(q: &Quamina<usize>, rules: usize, events: &[&str]) -> Vec<u64> {
        let mut counts = vec![0u64; rules];
        for event in events {
            for rule in q.matches_for_event(event.as_bytes()).expect("events are valid") {
                counts[rule] += 1;
            }
        }
        counts
    }

    fn millions(rate: f64) -> String {
        format!("{:.2} M/s", rate / 1e6)
    }

    struct Row {
        name: String,
        rules: usize,
        evpat: f64,
        quamina: Option<f64>,
        reference: Option<f64>,
        note: String,
    }

    pub fn main() {
        let options = options();
        let started = Instant::now();
        let lines = generate::lines();
        let bytes: usize = lines.iter().map(String::len).sum();
        if let Some(path) = &options.write_data {
            if let Some(dir) = Path::new(path).parent() {
                std::fs::create_dir_all(dir).expect("the data directory");
            }
            std::fs::write(path, lines.concat()).expect("the data file");
        }
        let mut events: Vec<&str> = lines.iter().map(|l| l.trim_end()).collect();
        if std::env::var("CITYLOTS_HOT").is_ok() {
            // Profiling aid: the first 1,000 events over and over, in cache.
            events = (0..events.len()).map(|i| events[i % 1000]).collect();
        }
        println!(
            "citylots: {} events, {:.0} bytes each on average, generated in {:.1?}",
            events.len(),
            bytes as f64 / events.len() as f64,
            started.elapsed()
        );
        let expected = expected_counts();
        let passes = options.passes;
        let mut rows = Vec::new();
        let mut all_rules = Vec::new();
        let mut all_expected = Vec::new();
        if options.only.as_deref().is_none_or(|only| only == "NONE") {
            // No rules: what reading (validating) the events costs, the
            // floor for any matcher that must refuse invalid events.
            let set = evpat_set(&[]);
            let (evpat, _) = measure(events.len(), passes, || evpat_pass(&set, &events));
            rows.push(Row {
                name: "no rules (validation only)".to_owned(),
                rules: 0,
                evpat,
                quamina: None,
                reference: None,
                note: String::new(),
            });
        }
        for &(name, quamina_supports) in CATEGORIES {
            let rules = category_rules(name);
            let want = &expected[name];
            all_rules.extend(rules.iter().cloned());
            all_expected.extend(want.iter().copied());
            if !options.categories || options.only.as_deref().is_some_and(|only| only != name) {
                continue;
            }
            let patterns: Vec<Pattern> =
                rules.iter().map(|r| Pattern::parse(r).expect("rules are valid")).collect();
            let set = evpat_set(&patterns);
            let (evpat, counts) = measure(events.len(), passes, || evpat_pass(&set, &events));
            assert_eq!(&counts, want, "{name}: evpat RuleSet counts");
            let reference = options.reference.then(|| {
                let (rate, counts) =
                    measure(events.len(), 1, || reference_pass(&patterns, &events));
                assert_eq!(&counts, want, "{name}: reference counts");
                rate
            });
            let mut note = String::from("counts equal");
            let quamina = match quamina_of(&rules).filter(|_| options.quamina) {
                Some(q) => {
                    let (rate, counts) =
                        measure(events.len(), passes, || quamina_pass(&q, rules.len(), &events));
                    if &counts != want {
                        note = format!("quamina counts differ: {counts:?}");
                    }
                    Some(rate)
                }
                None => {
                    note = "quamina refuses these patterns".to_owned();
                    None
                }
            };
            if options.quamina {
                assert_eq!(quamina.is_some(), quamina_supports, "{name}: quamina support");
            }
            rows.push(Row {
                name: name.to_owned(),
                rules: rules.len(),
                evpat,
                quamina,
                reference,
                note,
            });
        }
        if options.only.is_none() {
            let patterns: Vec<Pattern> =
                all_rules.iter().map(|r| Pattern::parse(r).expect("rules are valid")).collect();
            let set = evpat_set(&patterns);
            let (evpat, counts) = measure(events.len(), passes, || evpat_pass(&set, &events));
            assert_eq!(counts, all_expected, "all rules: evpat RuleSet counts");
            let reference = options.reference.then(|| {
                let (rate, counts) =
                    measure(events.len(), 1, || reference_pass(&patterns, &events));
                assert_eq!(counts, all_expected, "all rules: reference counts");
                rate
            });
            rows.push(Row {
                name: "all 70 rules at once".to_owned(),
                rules: patterns.len(),
                evpat,
                quamina: None,
                reference,
                note: "counts equal; quamina refuses 30 of them".to_owned(),
            });
        }
        print_table(&rows);
        if options.scaling && options.only.is_none() {
            scaling(&events, passes, options.reference);
        }
    }

    fn print_table(rows: &[Row]) {
        println!();
        println!(
            "| category | rules | evpat RuleSet | quamina 0.7 | evpat ÷ quamina | evpat reference | per-rule counts |"
        );
        println!("|---|---:|---:|---:|---:|---:|---|");
        for row in rows {
            let quamina = row.quamina.map_or("–".to_owned(), millions);
            let ratio = row.quamina.map_or("–".to_owned(), |q| format!("{:.2}×", row.evpat / q));
            let reference = row.reference.map_or("–".to_owned(), millions);
            println!(
                "| {} | {} | {} | {} | {} | {} | {} |",
                row.name,
                row.rules,
                millions(row.evpat),
                quamina,
                ratio,
                reference,
                row.note
            );
        }
    }

    /// A mixed rule set: rule `i` is of category `i % 14`, with values that
    /// are rarely shared, as in a large real rule set where each event
    /// matches a few rules. Rules whose operator matches nearly every
    /// event (`anything-but`) are paired with a selective exact lot, as
    /// real rules pair them with a source or a detail type; otherwise the
    /// output, not the matching, would grow with the rule count.
    pub fn mixed_rules(count: usize, lots: &[&str]) -> Vec<String> {
        let mut seed = 0x5EED_0000_0000_0001u64;
        let mut next = move || {
            seed = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = seed;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) as usize
        };
        let letters = |n: usize, next: &mut dyn FnMut() -> usize| -> String {
            (0..n).map(|_| char::from(b'A' + (next() % 26) as u8)).collect()
        };
        let mixed_case = |s: &str, next: &mut dyn FnMut() -> usize| -> String {
            s.chars()
                .map(|c| if next().is_multiple_of(2) { c.to_ascii_lowercase() } else { c })
                .collect()
        };
        (0..count)
            .map(|i| {
                let lot = lots[next() % lots.len()];
                let x = -122.52 + (next() % 1_000_000) as f64 * 1.6e-7;
                let digit = |next: &mut dyn FnMut() -> usize| (next() % 10).to_string();
                match i % 14 {
                    0 => format!(r#"{{"properties": {{"MAPBLKLOT": ["{lot}"]}}}}"#),
                    1 => format!(r#"{{"properties": {{"STREET": [{{"prefix": "{}"}}]}}}}"#, letters(3, &mut next)),
                    2 => format!(r#"{{"properties": {{"STREET": [{{"suffix": "{}"}}]}}}}"#, letters(3, &mut next)),
                    3 => {
                        let word = letters(5, &mut next);
                        format!(r#"{{"properties": {{"STREET": [{{"equals-ignore-case": "{}"}}]}}}}"#, mixed_case(&word, &mut next))
                    }
                    4 => format!(
                        r#"{{"properties": {{"MAPBLKLOT": [{{"wildcard": "{}*{}{}*{}"}}]}}}}"#,
                        digit(&mut next), digit(&mut next), digit(&mut next), digit(&mut next)
                    ),
                    5 => format!(
                        r#"{{"geometry": {{"firstCoordinates": {{"x": [{{"numeric": [">", {x}, "<=", {}]}}]}}}}}}"#,
                        x + 2e-5
                    ),
                    6 => format!(
                        r#"{{"properties": {{"MAPBLKLOT": ["{lot}"], "STREET": [{{"anything-but": ["{}"]}}]}}}}"#,
                        letters(6, &mut next)
                    ),
                    7 => format!(
                        r#"{{"geometry": {{"type": ["Polygon"], "coordinates": {{"x": [{{"numeric": [">=", {x}, "<", {}]}}]}}}}}}"#,
                        x + 1e-6
                    ),
                    8 => {
                        let word = letters(3, &mut next);
                        format!(r#"{{"properties": {{"STREET": [{{"prefix": {{"equals-ignore-case": "{}"}}}}]}}}}"#, mixed_case(&word, &mut next))
                    }
                    9 => {
                        let word = letters(3, &mut next);
                        format!(r#"{{"properties": {{"STREET": [{{"suffix": {{"equals-ignore-case": "{}"}}}}]}}}}"#, mixed_case(&word, &mut next))
                    }
                    10 => format!(
                        r#"{{"properties": {{"MAPBLKLOT": ["{lot}"], "STREET": [{{"anything-but": {{"equals-ignore-case": ["{}"]}}}}]}}}}"#,
                        letters(6, &mut next)
                    ),
                    11 => format!(
                        r#"{{"properties": {{"MAPBLKLOT": ["{lot}"], "ST_TYPE": [{{"anything-but": {{"prefix": "{}"}}}}]}}}}"#,
                        letters(2, &mut next)
                    ),
                    12 => format!(
                        r#"{{"properties": {{"MAPBLKLOT": ["{lot}"], "FROM_ST": [{{"anything-but": {{"suffix": "{}"}}}}]}}}}"#,
                        digit(&mut next)
                    ),
                    _ => format!(
                        r#"{{"properties": {{"BLKLOT": ["{lot}"], "MAPBLKLOT": [{{"anything-but": {{"wildcard": "{}*{}"}}}}]}}}}"#,
                        digit(&mut next), digit(&mut next)
                    ),
                }
            })
            .collect()
    }

    fn scaling(events: &[&str], passes: usize, reference: bool) {
        let lots: Vec<&str> = events
            .iter()
            .step_by(97)
            .filter_map(|e| {
                let start = e.find("\"MAPBLKLOT\": \"")? + 14;
                Some(&e[start..start + e[start..].find('"')?])
            })
            .collect();
        println!();
        println!(
            "Scaling: rules of every category mixed, the first N of one sequence (see `mixed_rules`)."
        );
        println!();
        println!(
            "| rules | evpat RuleSet | time per event | vs 10 rules | matches per event | build | memory per rule |"
        );
        println!("|---:|---:|---:|---:|---:|---:|---:|");
        let mut base = None;
        let sizes: Vec<usize> = match std::env::var("CITYLOTS_SCALING") {
            // Profiling aid: one size only.
            Ok(n) => n.parse().into_iter().collect(),
            Err(_) => vec![10, 1_000, 10_000],
        };
        for n in sizes {
            let rules = mixed_rules(n, &lots);
            let patterns: Vec<Pattern> = rules
                .iter()
                .map(|r| Pattern::parse(r).unwrap_or_else(|e| panic!("{r}: {e}")))
                .collect();
            let before = LIVE.load(Ordering::Relaxed);
            let (build, set) = timed(|| evpat_set(&patterns));
            let memory = LIVE.load(Ordering::Relaxed) - before;
            // Correctness first, against the reference, on a sample.
            let sample: Vec<&str> = events.iter().step_by(211).copied().collect();
            assert!(
                !reference || evpat_pass(&set, &sample) == reference_pass(&patterns, &sample),
                "{n} mixed rules: evpat and the reference disagree"
            );
            let (rate, counts) = measure(events.len(), passes, || evpat_pass(&set, events));
            let per_event = 1e9 / rate;
            let base = *base.get_or_insert(per_event);
            println!(
                "| {n} | {} | {per_event:.0} ns | {:.2}× | {:.2} | {:.1} ms | {} B |",
                millions(rate),
                per_event / base,
                counts.iter().sum::<u64>() as f64 / events.len() as f64,
                build * 1e3,
                memory / n as isize,
            );
        }
        // What the set keeps of the patterns themselves (for `to_builder`):
        // their clones, exactly as `build` makes them.
        let rules = mixed_rules(10_000, &lots);
        let patterns: Vec<Pattern> =
            rules.iter().map(|r| Pattern::parse(r).expect("valid")).collect();
        let before = LIVE.load(Ordering::Relaxed);
        let kept: Vec<Pattern> = patterns.to_vec();
        let kept_bytes = LIVE.load(Ordering::Relaxed) - before;
        drop((kept, patterns));
        println!();
        println!(
            "Memory per rule is every heap byte the built RuleSet holds, counted by the allocator; \
             {} B of it per rule is the copy of each Pattern the set keeps for `to_builder`.",
            kept_bytes / 10_000
        );
        let supported: Vec<String> = rules
            .into_iter()
            .enumerate()
            .filter(|(i, _)| [0, 1, 2, 4, 5, 6, 7].contains(&(i % 14)))
            .map(|(_, r)| r)
            .collect();
        let before = LIVE.load(Ordering::Relaxed);
        if let Some(q) = quamina_of(&supported) {
            let memory = LIVE.load(Ordering::Relaxed) - before;
            let sample: Vec<&str> = events.iter().step_by(211).copied().collect();
            let (rate, _) = measure(sample.len(), 1, || quamina_pass(&q, supported.len(), &sample));
            println!(
                "quamina, for comparison, with the {} rules of that set it can express: {} B per rule, {} on a sample of {} events.",
                supported.len(),
                memory / supported.len() as isize,
                millions(rate),
                sample.len()
            );
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    bench::main();
}

#[cfg(target_arch = "wasm32")]
fn main() {}
