//! A deterministic citylots-style data set: 213,068 lines of GeoJSON lots
//! whose per-rule match counts, for the rules in `rules/`, are exactly the
//! published citylots2 counts (`rules/counts.json`).
//!
//! Each line looks like the San Francisco lots file the benchmark is named
//! after (properties, then a polygon with ~10 points, then its first
//! point), about 1 KB. The values are drawn so that each rule's count is a
//! quota, not a probability: the lots, streets, street types and house
//! numbers that rules select are dealt out in exact numbers, the rest is
//! filled with values no rule selects, and the lines are shuffled. The
//! geometry is placed in four x-regions around the numeric rules' bounds,
//! with a few polygons straddling a bound, so that "some point is below
//! x" differs from "the first point is below x" as in the real data.
//!
//! The random numbers come from SplitMix64, written here rather than taken
//! from `rand`: the data must be byte-for-byte the same forever, on every
//! platform, and `rand`'s generators do not promise that across versions.

use std::fmt::Write;

pub const LINES: usize = 213_068;

/// The numeric rules' bounds (see `rules/NUMERIC.jsonl`).
const T: f64 = -122.418730964183;
const L: f64 = -122.462187341205;
const U: f64 = -122.40359123857;
const X0: f64 = -122.435172609342;
const Y0: f64 = 37.76194331285;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A float in `[0, 1)`, with all 53 bits.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn between(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.unit()
    }

    fn digits(&mut self, n: usize) -> String {
        (0..n).map(|_| char::from(b'0' + self.below(10) as u8)).collect()
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// `items` repeated by their counts, then `filler` up to [`LINES`], shuffled.
fn deal<T: Clone>(
    rng: &mut Rng,
    items: &[(T, usize)],
    mut filler: impl FnMut(&mut Rng) -> T,
) -> Vec<T> {
    let mut all: Vec<T> =
        items.iter().flat_map(|(v, n)| std::iter::repeat_n(v.clone(), *n)).collect();
    assert!(all.len() <= LINES);
    while all.len() < LINES {
        let value = filler(rng);
        all.push(value);
    }
    rng.shuffle(&mut all);
    all
}

/// `*` globs, as the wildcard rules use them (no escapes).
fn glob(pattern: &str, s: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == s,
        Some((head, rest)) => {
            let Some(mut s) = s.strip_prefix(head) else { return false };
            let parts: Vec<&str> = rest.split('*').collect();
            let (last, middle) = parts.split_last().expect("split gives one part at least");
            for part in middle {
                match s.find(part) {
                    Some(i) => s = &s[i + part.len()..],
                    None => return false,
                }
            }
            s.len() >= last.len() && s.ends_with(last)
        }
    }
}

const GLOBS: [&str; 5] = ["185*", "3*2*1*4", "*118", "5*0*3", "VA*RK"];

/// A lot number of the given glob (by index), matching no other glob
/// and equal to none of the exact lots; `None`: matching no glob.
fn lot(rng: &mut Rng, wanted: Option<usize>) -> String {
    const EXACT: [&str; 5] = ["1850007", "3721014", "3721118", "5902033", "VACSTPARK"];
    loop {
        let candidate = match wanted {
            Some(0) => format!("185{}", rng.digits(4)),
            Some(1) => format!("3{}4", rng.digits(5)),
            Some(2) => format!("{}118", rng.digits(4)),
            Some(3) => format!("5{}3", rng.digits(5)),
            _ => rng.digits(7),
        };
        let matched: Vec<usize> = (0..5).filter(|&g| glob(GLOBS[g], &candidate)).collect();
        if matched == wanted.into_iter().collect::<Vec<_>>() && !EXACT.contains(&candidate.as_str())
        {
            return candidate;
        }
    }
}

/// Streets no rule selects (checked by `filler_streets_select_nothing`).
const FILLER_STREETS: &[&str] = &[
    "MISSION",
    "VALENCIA",
    "TARAVAL",
    "NORIEGA",
    "JUDAH",
    "IRVING",
    "KIRKHAM",
    "MARKET",
    "HOWARD",
    "FOLSOM",
    "HARRISON",
    "CESAR CHAVEZ",
    "ALEMANY",
    "OCEAN",
    "SLOAT",
    "PORTOLA",
    "CLEMENT",
    "CALIFORNIA",
    "PINE",
    "BUSH",
    "JACKSON",
    "PACIFIC",
    "UNION",
    "FILBERT",
    "HAYES",
    "FELL",
    "OAK",
    "PAGE",
    "HAIGHT",
    "FREDERICK",
    "CARL",
    "PARNASSUS",
    "LINCOLN",
    "FULTON",
    "ANZA",
    "BALBOA",
    "CABRILLO",
    "24TH",
    "18TH",
    "3RD",
    "GUERRERO",
    "DOLORES",
    "CHURCH",
    "SANCHEZ",
    "NOE",
    "CASTRO",
    "DIAMOND",
    "GRAND VIEW",
    "PORTOLA",
    "SUNSET",
    "LAGUNA HONDA",
    "MONTEREY",
    "GOLDEN GATE",
];

/// The streets the rules select, with their counts.
const STREETS: &[(&str, usize)] = &[
    ("GEARY", 1910),
    ("GENEVA", 477),
    ("LEARY", 22),
    ("POWELL", 2657),
    ("POWHATAN", 293),
    ("ASHBURY", 24),
    ("BRODERICK", 442),
    ("DEWEY", 38),
    ("SHIPLEY", 328),
    ("WEBSTER", 6000),
    ("BAKER", 5000),
    ("SUTTER", 4000),
    ("CHESTER", 2921),
    ("WILLOW", 871),
    ("MORITZ", 13),
    ("RUSSIAN HILL", 1963),
    ("SACRAMENTO", 682),
    ("LOMBARD", 131),
    ("VALLEJO", 211),
    ("POLK", 1758),
    ("CLAY", 825),
];

/// Where a line's first point is, and what else its polygon does.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Shape {
    /// First x at or below `L`, below `T`, in `(T, U)`, at or above `U`.
    Region(u8),
    /// The first point is exactly `X0`.
    FirstAtX0,
    /// A later point is exactly `X0`.
    LaterAtX0,
    /// First x in `(T, U)`, a later one in `(L, T)`.
    DownAcrossT,
    /// First x in `(L, T)`, a later one in `(T, U)`.
    UpAcrossT,
    /// First x at or below `L`, a later one in `(L, T)`.
    UpAcrossL,
}

/// Every line of the data set, each ending with `\n`.
#[allow(dead_code)] // The WebAssembly measurement takes only the first lines.
pub fn lines() -> Vec<String> {
    lines_up_to(LINES)
}

/// The first `limit` lines of the data set.
pub fn lines_up_to(limit: usize) -> Vec<String> {
    let mut rng = Rng(0x00C1_7710_7500_0001);
    let lots = deal(
        &mut rng,
        &[
            (Some("1850007".to_owned()), 1),
            (Some("3721014".to_owned()), 101),
            (Some("3721118".to_owned()), 35),
            (Some("5902033".to_owned()), 655),
            (Some("VACSTPARK".to_owned()), 1),
            (Some(String::new()), 489 + 612 + 8 + 1885),
        ],
        |_| None,
    );
    // The glob quotas beyond the exact lots, dealt among the empty slots.
    let mut glob_quota: Vec<Option<usize>> = [(0, 489), (1, 612), (2, 8), (3, 1885)]
        .iter()
        .flat_map(|&(g, n)| std::iter::repeat_n(Some(g), n))
        .collect();
    rng.shuffle(&mut glob_quota);
    let mut glob_quota = glob_quota.into_iter();
    let lots: Vec<String> = lots
        .into_iter()
        .map(|l| match l {
            Some(l) if !l.is_empty() => l,
            Some(_) => {
                let wanted = glob_quota.next().flatten();
                lot(&mut rng, wanted)
            }
            None => lot(&mut rng, None),
        })
        .collect();
    let streets = deal(&mut rng, STREETS, |rng| FILLER_STREETS[rng.below(FILLER_STREETS.len())]);
    let st_types = deal(
        &mut rng,
        &[(Some("ST"), 116_386), (Some("SQ"), 15), (Some("CT"), 1774), (None, 3170)],
        |rng| Some(["AVE", "BLVD", "WAY", "PL", "TER", "DR", "LN", "AL"][rng.below(8)]),
    );
    let from_sts = deal(&mut rng, &[(Some("215"), 2453), (None, 1524 + 1560)], |_| Some(""));
    let mut from_quota: Vec<bool> =
        std::iter::repeat_n(true, 1524).chain(std::iter::repeat_n(false, 1560)).collect();
    rng.shuffle(&mut from_quota);
    let mut from_quota = from_quota.into_iter();
    let shapes = deal(
        &mut rng,
        &[
            (Shape::FirstAtX0, 2),
            (Shape::LaterAtX0, 216),
            (Shape::UpAcrossT, 248),
            (Shape::DownAcrossT, 498),
            (Shape::UpAcrossL, 432),
            (Shape::Region(0), 48_948 - 432),
            (Shape::Region(1), 100_000 - 2 - 216 - 248),
            (Shape::Region(2), 27_053 - 498),
            (Shape::Region(3), 37_067),
        ],
        |_| unreachable!("the shapes fill every line"),
    );
    // MultiPolygons: 120 plain lines, the first of them with `Y0`.
    let multi: Vec<usize> = (0..LINES)
        .filter(|&i| matches!(shapes[i], Shape::Region(_)))
        .step_by(1700)
        .take(120)
        .collect();
    assert_eq!(multi.len(), 120);

    let mut out = Vec::with_capacity(limit.min(LINES));
    for i in 0..limit.min(LINES) {
        let lot = &lots[i];
        let from = match from_sts[i] {
            Some("215") => "215".to_owned(),
            Some(_) => loop {
                let n = format!("{}", 1 + rng.below(4999));
                if !n.starts_with("21") && !n.ends_with("15") {
                    break n;
                }
            },
            None => {
                let starts_21 = from_quota.next().unwrap_or(true);
                loop {
                    let n = if starts_21 {
                        let len = 1 + rng.below(2);
                        format!("21{}", rng.digits(len))
                    } else {
                        format!("{}15", 1 + rng.below(99))
                    };
                    // Only the quota's own prefix or suffix.
                    if n != "215" && (n.starts_with("21") != n.ends_with("15")) {
                        break n;
                    }
                }
            }
        };
        let to = from.parse::<u32>().map_or(0, |n| n + 2 * rng.below(30) as u32);
        let odd_even = if from.parse::<u32>().unwrap_or(0) % 2 == 0 { "E" } else { "O" };
        let (block, lot_num) = lot.split_at(4.min(lot.len()));
        let st_type = match st_types[i] {
            Some(t) => format!("\"{t}\""),
            None => "null".to_owned(),
        };
        let is_multi = multi.binary_search(&i).is_ok();
        let points = polygon(&mut rng, shapes[i], is_multi && multi[0] == i);
        let mut line = String::with_capacity(1200);
        let _ = write!(
            line,
            "{{ \"type\": \"Feature\", \"properties\": {{ \"MAPBLKLOT\": \"{lot}\", \"BLKLOT\": \"{lot}\", \
             \"BLOCK_NUM\": \"{block}\", \"LOT_NUM\": \"{lot_num}\", \"FROM_ST\": \"{from}\", \
             \"TO_ST\": \"{to}\", \"STREET\": \"{}\", \"ST_TYPE\": {st_type}, \"ODD_EVEN\": \
             \"{odd_even}\" }}, \"geometry\": {{ \"type\": \"{}\", \"coordinates\": ",
            streets[i],
            if is_multi { "MultiPolygon" } else { "Polygon" },
        );
        line.push_str(if is_multi { "[ [ [ " } else { "[ [ " });
        for (n, (x, y)) in points.iter().enumerate() {
            if n > 0 {
                line.push_str(", ");
            }
            let _ = write!(line, "{{ \"x\": {x}, \"y\": {y}, \"z\": 0 }}");
        }
        line.push_str(if is_multi { " ] ] ]" } else { " ] ]" });
        let (x, y) = points[0];
        let _ =
            writeln!(line, ", \"firstCoordinates\": {{ \"x\": {x}, \"y\": {y}, \"z\": 0 }} }} }}");
        out.push(line);
    }
    out
}

/// The points of one polygon: the first placed by `shape`, the others
/// within 0.0009 of it (0.002 from the bounds, so they stay in its region)
/// unless the shape says otherwise.
fn polygon(rng: &mut Rng, shape: Shape, with_y0: bool) -> Vec<(f64, f64)> {
    let n = 7 + rng.below(10);
    let margin = 0.002;
    let first = match shape {
        Shape::Region(0) => rng.between(-122.515, L - margin),
        Shape::Region(1) => rng.between(L + margin, T - margin),
        Shape::Region(2) => rng.between(T + margin, U - margin),
        Shape::Region(_) => rng.between(U + margin, -122.357),
        Shape::FirstAtX0 => X0,
        Shape::LaterAtX0 => X0 + rng.between(0.0001, 0.0008),
        Shape::DownAcrossT => T + rng.between(0.0001, 0.0008),
        Shape::UpAcrossT => T - rng.between(0.0001, 0.0008),
        Shape::UpAcrossL => L - rng.between(0.0001, 0.0008),
    };
    let y0 = rng.between(37.70, 37.81);
    let mut points = vec![(first, y0)];
    for k in 1..n {
        let mut x = match (shape, k) {
            (Shape::LaterAtX0, 2) => X0,
            (Shape::DownAcrossT, 1) => T - rng.between(0.0001, 0.0008),
            (Shape::UpAcrossT, 1) => T + rng.between(0.0001, 0.0008),
            (Shape::UpAcrossL, 1) => L + rng.between(0.0001, 0.0008),
            // Straddling polygons keep their other points on the first
            // point's side.
            (Shape::DownAcrossT, _) => T + rng.between(0.0001, 0.0008),
            (Shape::UpAcrossT | Shape::LaterAtX0 | Shape::FirstAtX0, _) => {
                first - rng.between(0.0, 0.0001).max(1e-9)
            }
            (Shape::UpAcrossL, _) => L - rng.between(0.0001, 0.0008),
            _ => first + rng.between(-0.0009, 0.0009),
        };
        if x == X0 && !matches!((shape, k), (Shape::LaterAtX0, 2)) {
            x -= 1e-9;
        }
        let mut y = y0 + rng.between(-0.0009, 0.0009);
        if y == Y0 {
            y += 1e-9;
        }
        points.push((x, y));
    }
    if with_y0 {
        points[n - 1].1 = Y0;
    }
    points
}
