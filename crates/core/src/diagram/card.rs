//! A resource card's size and text. A card is as wide as its name needs, within
//! bounds; a name too long for the widest card goes on two lines, broken where its
//! words meet (`LoadBalancer` / `SecurityGroup`). Only a name too long for two lines
//! is cut, and then in the middle, keeping its end: names that differ, such as
//! `…AssociationOne` and `…AssociationTwo`, differ at the end.

use super::arrange::GRID;

/// Where a card's title and type start (after the icon) and the room kept after them.
pub const CARD_TITLE_X: f64 = 54.0;
const CARD_TITLE_END: f64 = 10.0;
/// The narrowest card: room for most types' names on the type line.
pub const CARD_MIN_WIDTH: f64 = 176.0;
/// The widest card; a longer name wraps.
pub const CARD_MAX_WIDTH: f64 = 256.0;
/// A card with its name on one line, and on two.
pub const CARD_HEIGHT: f64 = 56.0;
pub const TWO_LINE_CARD_HEIGHT: f64 = 64.0;
/// The distance between a title's two lines.
pub const TITLE_LINE_HEIGHT: f64 = 15.0;
/// A title character's width, about: 13 px semi-bold in the widest of the fonts the
/// designer falls back to (DejaVu Sans), so a name that fits there fits everywhere.
pub const TITLE_CHAR_WIDTH: f64 = 8.2;
/// A character of the type line (10.5 px monospace).
const TYPE_CHAR_WIDTH: f64 = 6.3;

/// The most title characters a line of the widest card holds.
fn line_room() -> usize {
    ((CARD_MAX_WIDTH - CARD_TITLE_X - CARD_TITLE_END) / TITLE_CHAR_WIDTH) as usize
}

/// The lines a card shows its logical id on: one, or two broken where the name's
/// words meet (nearest the middle), the second cut at its start when even two lines
/// are not enough.
pub fn title_lines(id: &str) -> Vec<String> {
    let room = line_room();
    if id.chars().count() <= room {
        return vec![id.to_string()];
    }
    let chars: Vec<char> = id.chars().collect();
    // Where a word starts: a capital after a small letter or digit, a digit after a
    // letter, or after a separator.
    let starts_word = |i: usize| {
        let (a, b) = (chars[i - 1], chars[i]);
        (b.is_uppercase() && (a.is_lowercase() || a.is_ascii_digit()))
            || (b.is_ascii_digit() && a.is_alphabetic())
            || matches!(a, '-' | '_' | '.' | ' ')
    };
    let breaks: Vec<usize> = (1..chars.len()).filter(|&i| starts_word(i)).collect();
    let balanced = breaks
        .iter()
        .copied()
        .filter(|&b| b <= room && chars.len() - b <= room)
        .min_by_key(|&b| b.max(chars.len() - b));
    let at = balanced
        .or_else(|| breaks.iter().copied().filter(|&b| b <= room).max())
        .unwrap_or(room.min(chars.len().div_ceil(2)));
    let first: String = chars[..at].iter().collect();
    let rest = &chars[at..];
    let second: String = if rest.len() <= room {
        rest.iter().collect()
    } else {
        std::iter::once('…')
            .chain(rest[rest.len() - (room - 1)..].iter().copied())
            .collect()
    };
    vec![first, second]
}

/// A card's width and height for its logical id. The layout asks this many times
/// per card on every drawing, so a name that fits one line is measured without
/// building its lines.
pub fn card_size(id: &str) -> (f64, f64) {
    let chars = id.chars().count();
    let (longest, height) = if chars <= line_room() {
        (chars, CARD_HEIGHT)
    } else {
        let lines = title_lines(id);
        let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        (longest, TWO_LINE_CARD_HEIGHT)
    };
    let text = CARD_TITLE_X + longest as f64 * TITLE_CHAR_WIDTH + CARD_TITLE_END;
    let width = ((text / GRID).ceil() * GRID).clamp(CARD_MIN_WIDTH, CARD_MAX_WIDTH);
    (width, height)
}

/// The characters of the type line a card of `width` shows.
pub fn type_chars(width: f64) -> usize {
    ((width - CARD_TITLE_X - 2.0) / TYPE_CHAR_WIDTH) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_is_as_wide_as_its_name_within_bounds() {
        assert_eq!(card_size("Db"), (CARD_MIN_WIDTH, CARD_HEIGHT));
        // 54 + 21 × 8.2 + 10 = 236.2, up to the grid.
        assert_eq!(card_size("DatabaseSecurityGroup"), (240.0, CARD_HEIGHT));
        assert_eq!(
            title_lines("ApplicationLoadBalancer"),
            ["ApplicationLoadBalancer"]
        );
        assert_eq!(
            card_size("ApplicationLoadBalancer"),
            (CARD_MAX_WIDTH, CARD_HEIGHT)
        );
    }

    #[test]
    fn a_long_name_wraps_where_its_words_meet() {
        assert_eq!(
            title_lines("LoadBalancerSecurityGroup"),
            ["LoadBalancer", "SecurityGroup"]
        );
        assert_eq!(
            card_size("LoadBalancerSecurityGroup"),
            (CARD_MIN_WIDTH, TWO_LINE_CARD_HEIGHT)
        );
        assert_eq!(
            title_lines("PublicSubnetRouteTableAssociation1"),
            ["PublicSubnetRoute", "TableAssociation1"]
        );
        // No word breaks: cut in the middle.
        assert_eq!(
            title_lines("abcdefghijklmnopqrstuvwxyz"),
            ["abcdefghijklm", "nopqrstuvwxyz"]
        );
    }

    #[test]
    fn a_name_too_long_for_two_lines_keeps_its_end() {
        let one = title_lines("PrivateSubnetNetworkAclAssociationForTheFirstZone1");
        let two = title_lines("PrivateSubnetNetworkAclAssociationForTheFirstZone2");
        assert_eq!(one[0], "PrivateSubnetNetworkAcl");
        assert!(
            one[1].starts_with('…') && one[1].ends_with("Zone1"),
            "{one:?}"
        );
        assert_ne!(one, two);
        assert!(one.iter().all(|l| l.chars().count() <= line_room()));
    }

    #[test]
    fn the_type_line_follows_the_width() {
        assert_eq!(type_chars(CARD_MIN_WIDTH), 19);
        assert_eq!(type_chars(CARD_MAX_WIDTH), 31);
    }
}
