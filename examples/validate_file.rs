//! Validates a JSON file natively, for profiling: `cargo run --release --example validate_file -- body.json [times]`
//! (e.g. under `valgrind --tool=callgrind`, which counts instructions repeatably).

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "body.json".into());
    let times: usize = args.next().and_then(|t| t.parse().ok()).unwrap_or(1);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut issues = 0;
    for _ in 0..times {
        issues += seam_portal::validate::validate_json(&text).issues.len();
    }
    println!("{issues} issues");
}
