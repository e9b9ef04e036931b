//! The samples are the designer's showcase: each must read, validate with no finding
//! at all, survive a round trip, and lay out with nothing overlapping.

use formwork_core::catalog::full_catalog;
use formwork_core::diagram::layout::complete;
use formwork_core::samples::SAMPLES;
use formwork_core::template::designer::Layout;
use formwork_core::template::{Format, parse};
use formwork_core::validate::validate;

#[test]
fn samples_validate_cleanly_and_round_trip() {
    assert_eq!(SAMPLES.len(), 3);
    for sample in SAMPLES {
        let imported = parse(sample.text).unwrap_or_else(|e| panic!("{}: {e}", sample.id));
        assert!(
            imported.warnings.is_empty(),
            "{}: {:?}",
            sample.id,
            imported.warnings
        );
        let findings = validate(&imported.template, full_catalog());
        assert!(findings.is_empty(), "{}: {findings:#?}", sample.id);
        assert_eq!(
            imported.template.emit(Format::Yaml),
            sample.text,
            "{} is in canonical form",
            sample.id
        );
    }
}

#[test]
fn samples_lay_out_without_overlaps() {
    for sample in SAMPLES {
        let t = parse(sample.text).unwrap().template;
        let layout = complete(&t, &Layout::default());
        let shapes: Vec<_> = layout.shapes.iter().collect();
        for (i, (a, sa)) in shapes.iter().enumerate() {
            for (b, sb) in &shapes[i + 1..] {
                let nested =
                    |x: &formwork_core::template::designer::Shape,
                     y: &formwork_core::template::designer::Shape| {
                        x.x >= y.x
                            && x.y >= y.y
                            && x.x + x.width <= y.x + y.width
                            && x.y + x.height <= y.y + y.height
                    };
                let overlap = sa.x < sb.x + sb.width
                    && sb.x < sa.x + sa.width
                    && sa.y < sb.y + sb.height
                    && sb.y < sa.y + sa.height;
                assert!(
                    !overlap || nested(sa, sb) || nested(sb, sa),
                    "{}: {a} overlaps {b}",
                    sample.id
                );
            }
        }
    }
}
