//! Share links: a template, and the scenario its simulation runs when it has one of
//! its own, compressed into a URL fragment, so a design can be sent as a link and
//! opened with nothing stored anywhere. The fragment never reaches a server.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// What a fragment starts with, so other fragments are not mistaken for templates;
/// the digit is the encoding's version.
const PREFIX: &str = "t1.";

/// What separates the template from the scenario (`t1.<template>.s1.<scenario>`): a
/// character base64url never writes.
const SCENARIO: &str = ".s1.";

/// Longest fragment offered for sharing. Browsers take more, but chat and mail
/// clients shorten or break longer links.
pub const MAX_FRAGMENT: usize = 32_000;

/// Deflate level: the best, since templates are small and this runs once per share.
const LEVEL: u8 = 10;

/// What a share link holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Shared {
    pub template: String,
    /// The scenario's text, when the design has one of its own.
    pub scenario: Option<String>,
}

fn pack(text: &str) -> String {
    URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(
        text.as_bytes(),
        LEVEL,
    ))
}

/// The fragment (without `#`) for a template text and its scenario, or `None` when
/// it is too long to share as a link.
pub fn encode(template: &str, scenario: Option<&str>) -> Option<String> {
    let mut fragment = format!("{PREFIX}{}", pack(template));
    if let Some(s) = scenario {
        fragment.push_str(SCENARIO);
        fragment.push_str(&pack(s));
    }
    (fragment.len() <= MAX_FRAGMENT).then_some(fragment)
}

/// What a fragment made by [`encode`] holds.
pub fn decode(fragment: &str) -> Result<Shared, String> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let body = fragment
        .strip_prefix(PREFIX)
        .ok_or("this link does not hold a Formwork template")?;
    let (template, scenario) = match body.split_once(SCENARIO) {
        Some((t, s)) => (t, Some(s)),
        None => (body, None),
    };
    Ok(Shared {
        template: unpack(template)?,
        scenario: scenario.map(unpack).transpose()?,
    })
}

fn unpack(body: &str) -> Result<String, String> {
    let compressed = URL_SAFE_NO_PAD
        .decode(body)
        .map_err(|_| "this link is damaged: it is not valid base64")?;
    // Bounded like any template: a hostile link cannot make the page inflate gigabytes.
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(
        &compressed,
        crate::template::limits::MAX_TEMPLATE_BYTES,
    )
    .map_err(|_| "this link is damaged or holds a template over 1 MB")?;
    String::from_utf8(bytes).map_err(|_| "this link does not hold text".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_compresses() {
        let text = crate::samples::SAMPLES[0].text;
        let fragment = encode(text, None).unwrap();
        assert!(
            fragment.len() < text.len() / 2,
            "{} of {}",
            fragment.len(),
            text.len()
        );
        assert!(
            fragment
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        );
        let shared = decode(&format!("#{fragment}")).unwrap();
        assert_eq!((shared.template.as_str(), shared.scenario), (text, None));
    }

    #[test]
    fn carries_the_scenario_beside_the_template() {
        let text = crate::samples::SAMPLES[0].text;
        let scenario = "duration: 2h\ntraffic: [ { at: 0s, rps: 400 } ]\n";
        let fragment = encode(text, Some(scenario)).unwrap();
        assert_eq!(
            decode(&fragment).unwrap(),
            Shared {
                template: text.into(),
                scenario: Some(scenario.into())
            }
        );
        assert!(
            decode(&format!("{fragment}!"))
                .unwrap_err()
                .contains("damaged")
        );
    }

    #[test]
    fn refuses_what_it_did_not_make() {
        assert!(decode("hello").unwrap_err().contains("does not hold"));
        assert!(decode("t1.!!!").unwrap_err().contains("damaged"));
        assert!(decode("t1.AAAA").unwrap_err().contains("damaged"));
    }

    #[test]
    fn too_large_templates_are_not_offered() {
        // Random letters (xorshift) barely compress.
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let noise: String = (0..100_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                char::from(b'a' + (state % 26) as u8)
            })
            .collect();
        assert!(encode(&noise, None).is_none());
        assert!(encode("Resources: {}", Some(&noise)).is_none());
    }
}
