//! Prints how readable the diagrams are (`diagram::measures`) for the three samples
//! and the ten largest templates of the shared corpus, as a Markdown table: boxes
//! that overlap, links that cross, labels over boxes, cut names that read the same as
//! another, and the zoom at which each fits the canvas of a 1280×720 page.
//!
//! `cargo run --release -p formwork-core --example diagram_measures [CORPUS_DIR]`
//! (`tests/bench/diagram-measures.sh` runs it).

use std::path::{Path, PathBuf};

use formwork_core::diagram::measures::{CANVAS_AT_1280X720, measure};
use formwork_core::diagram::scene::Scene;
use formwork_core::samples::SAMPLES;
use formwork_core::template::parse;

/// Every template file under `dir`, with its size.
fn templates(dir: &Path, out: &mut Vec<(u64, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            templates(&path, out);
        } else if matches!(
            path.extension().and_then(|x| x.to_str()),
            Some("yaml" | "yml" | "json" | "template")
        ) {
            out.push((e.metadata().map_or(0, |m| m.len()), path));
        }
    }
}

fn row(name: &str, text: &str) {
    let Ok(imported) = parse(text) else {
        println!("| {name} | does not read | | | | | | |");
        return;
    };
    let m = measure(&Scene::build(&imported.template), CANVAS_AT_1280X720);
    println!(
        "| {name} | {} | {} | {} | {} | {} | {} of {} | {:.0} % |",
        m.boxes,
        m.links,
        m.overlapping_boxes,
        m.crossings,
        m.labels_over_boxes,
        m.colliding_names,
        m.cut_names,
        m.fit_zoom * 100.0
    );
}

fn main() {
    let corpus = std::env::args().nth(1).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus"),
        PathBuf::from,
    );
    println!(
        "| template | boxes | links | overlapping boxes | crossings | labels over boxes | cut names colliding | zoom at fit (1280×720) |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    for s in SAMPLES {
        row(&format!("sample {}", s.id), s.text);
    }
    let mut found = Vec::new();
    templates(&corpus, &mut found);
    found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    for (_, path) in found
        .iter()
        .filter(|(_, p)| std::fs::read_to_string(p).is_ok_and(|t| t.contains("Resources")))
        .take(10)
    {
        let name = path
            .strip_prefix(&corpus)
            .unwrap_or(path)
            .display()
            .to_string();
        if let Ok(text) = std::fs::read_to_string(path) {
            row(&name, &text);
        }
    }
}
