//! Share links: a template compressed into a URL fragment, so a design can be sent as
//! a link and opened with nothing stored anywhere. The fragment never reaches a server.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// What a fragment starts with, so other fragments are not mistaken for templates;
/// the digit is the encoding's version.
const PREFIX: &str = "t1.";

/// Longest fragment offered for sharing. Browsers take more, but chat and mail
/// clients shorten or break longer links.
pub const MAX_FRAGMENT: usize = 32_000;

/// Deflate level: the best, since templates are small and this runs once per share.
const LEVEL: u8 = 10;

/// The fragment (without `#`) for a template text, or `None` when it is too long to
/// share as a link.
pub fn encode(text: &str) -> Option<String> {
    let compressed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), LEVEL);
    let fragment = format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(compressed));
    (fragment.len() <= MAX_FRAGMENT).then_some(fragment)
}

/// The template text in a fragment made by [`encode`].
pub fn decode(fragment: &str) -> Result<String, String> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let body = fragment
        .strip_prefix(PREFIX)
        .ok_or("this link does not hold a Formwork template")?;
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
        let fragment = encode(text).unwrap();
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
        assert_eq!(decode(&format!("#{fragment}")).unwrap(), text);
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
        assert!(encode(&noise).is_none());
    }
}
