//! Fuzzes the template reader and writers: any text either fails to parse with an
//! error (never a panic, hang or crash), or parses into a template whose YAML and
//! JSON exports read back as the same data.

#![no_main]

use formwork_core::template::{self, Node, Value, limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(imported) = template::parse(text) else {
        return;
    };
    let first = &imported.template;

    let yaml = first.to_yaml();
    check_reads_back("YAML", &yaml, &first.root);

    // JSON cannot hold a tag CloudFormation does not define (`!Rain::Embed x`).
    if !has_tagged(&first.root) {
        let json = first.to_json();
        check_reads_back("JSON", &json, &first.root);
    }
});

fn check_reads_back(format: &str, text: &str, root: &Node) {
    // YAML aliases are expanded on reading, so an export can outgrow the 1 MB limit
    // that the reader (rightly) enforces; that is not a defect.
    if text.len() > limits::MAX_TEMPLATE_BYTES {
        return;
    }
    let back = match template::parse(text) {
        Ok(back) => back,
        Err(e) => panic!("the {format} export does not read back: {e}\n--- {format} ---\n{text}"),
    };
    assert!(
        back.template.root == *root,
        "the {format} export reads back as different data\n--- {format} ---\n{text}\n--- first ---\n{root:#?}\n--- read back ---\n{:#?}",
        back.template.root
    );
}

fn has_tagged(root: &Node) -> bool {
    let mut found = false;
    root.walk(&mut |_, node| found |= matches!(node.value, Value::Tagged(_)));
    found
}
