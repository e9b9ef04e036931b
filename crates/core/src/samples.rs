//! The sample templates offered by File > New from sample, written by this project:
//! each validates cleanly and shows the designer and the simulator at work.

/// A sample: a stable id (the app names it in each language) and its template text.
#[derive(Clone, Copy, Debug)]
pub struct Sample {
    pub id: &'static str,
    pub text: &'static str,
}

pub const SAMPLES: &[Sample] = &[
    Sample {
        id: "wordpress-multi-az",
        text: include_str!("../data/samples/wordpress-multi-az.yaml"),
    },
    Sample {
        id: "vpc-two-az",
        text: include_str!("../data/samples/vpc-two-az.yaml"),
    },
    Sample {
        id: "large-web-app",
        text: include_str!("../data/samples/large-web-app.yaml"),
    },
];

pub fn sample(id: &str) -> Option<&'static Sample> {
    SAMPLES.iter().find(|s| s.id == id)
}
