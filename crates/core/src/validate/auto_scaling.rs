//! Auto Scaling group sizes.
//!
//! - **E3706** (cfn-lint's id): `MinSize` above `MaxSize`.
//! - **FW1001**: `DesiredCapacity` outside `MinSize..MaxSize`. Auto Scaling refuses
//!   both ("Desired capacity must be between the specified min size and max size").
//!
//! Sizes given by a parameter's `Default` are checked too, and so is each branch of a
//! size chosen by `Fn::If` (with the other sizes' branches under the same
//! conditions); the message says which defaults and conditions it assumes. Sizes that
//! depend on an import or a pseudo parameter are not known and not checked.

use super::Check;
use super::resolve::{
    Assumption, Resolved, Resolver, alternatives, consistent, property_pos, via, when,
};
use crate::template::{Resource, Template};

/// One way a size can come out: the conditions it assumes and the number.
type Size<'a> = (Vec<Assumption<'a>>, Resolved<'a, f64>);

pub(crate) fn check(c: &mut Check) {
    let template = c.template;
    let resolver = Resolver::new(template);
    for group in template
        .resources()
        .filter(|r| r.type_name() == Some("AWS::AutoScaling::AutoScalingGroup"))
    {
        let mins = sizes(&resolver, &group, "MinSize");
        let maxes = sizes(&resolver, &group, "MaxSize");
        let path = |key: &str| format!("Resources/{}/Properties/{key}", group.id);
        if let Some((min, max, assumed)) =
            first_clash(template, &mins, &maxes, |min, max| min > max)
        {
            let defaults: Vec<&str> = [&min.defaults[..], &max.defaults[..]].concat();
            c.error(
                "E3706",
                path("MaxSize"),
                property_pos(&group, "MaxSize"),
                format!(
                    "Auto Scaling group {}'s MaxSize {} is below its MinSize {}{}{}",
                    group.id,
                    number(max.value),
                    number(min.value),
                    when(&assumed),
                    via(&defaults)
                ),
            );
            continue;
        }
        let desired = sizes(&resolver, &group, "DesiredCapacity");
        let clash = first_clash(template, &desired, &mins, |d, min| d < min)
            .map(|(d, bound, assumed)| ("below its MinSize", d, bound, assumed))
            .or_else(|| {
                first_clash(template, &desired, &maxes, |d, max| d > max)
                    .map(|(d, bound, assumed)| ("above its MaxSize", d, bound, assumed))
            });
        if let Some((how, desired, bound, assumed)) = clash {
            let defaults: Vec<&str> = [&desired.defaults[..], &bound.defaults[..]].concat();
            c.error(
                "FW1001",
                path("DesiredCapacity"),
                property_pos(&group, "DesiredCapacity"),
                format!(
                    "Auto Scaling group {}'s DesiredCapacity {} is {how} {}{}{}: Auto Scaling refuses it",
                    group.id,
                    number(desired.value),
                    number(bound.value),
                    when(&assumed),
                    via(&defaults)
                ),
            );
        }
    }
}

/// Each known value a size property can take.
fn sizes<'a>(resolver: &Resolver<'a>, group: &Resource<'a>, key: &str) -> Vec<Size<'a>> {
    let Some(node) = group.property(key) else {
        return Vec::new();
    };
    alternatives(node)
        .into_iter()
        .filter_map(|(assumed, leaf)| Some((assumed, resolver.number(leaf)?)))
        .collect()
}

/// The first pair of values, one of each list, that can occur together and clash.
fn first_clash<'s, 'a>(
    template: &Template,
    left: &'s [Size<'a>],
    right: &'s [Size<'a>],
    clash: impl Fn(f64, f64) -> bool,
) -> Option<(
    &'s Resolved<'a, f64>,
    &'s Resolved<'a, f64>,
    Vec<Assumption<'a>>,
)> {
    left.iter().find_map(|(la, l)| {
        right.iter().find_map(|(ra, r)| {
            (clash(l.value, r.value) && consistent(template, la, ra))
                .then(|| (l, r, [&la[..], &ra[..]].concat()))
        })
    })
}

/// A size as people write it: `2`, not `2.0`.
pub(crate) fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}
