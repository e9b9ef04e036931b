//! What a `Ref` or `GetAtt` picker offers: the template's parameters and resources and
//! the pseudo parameters, the likely ones for the property first; for `GetAtt`, each
//! resource's attributes from the catalog.

use crate::catalog::Catalog;
use crate::template::{Section, Template};
use crate::validate::PSEUDO_PARAMETERS;

/// Where a name comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    Parameter,
    Resource,
    Pseudo,
}

/// One name a picker offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub name: String,
    pub source: Source,
    /// The parameter's or resource's type; empty for pseudo parameters.
    pub detail: String,
    /// Likely for this property (a VPC for `VpcId`); suggested ones come first.
    pub suggested: bool,
}

/// Parameter types that fit a property, by its name (singular; a plural name such as
/// `SubnetIds` takes the list type too).
const PARAMETER_FITS: &[(&str, &str)] = &[
    ("VpcId", "AWS::EC2::VPC::Id"),
    ("SubnetId", "AWS::EC2::Subnet::Id"),
    ("Subnet", "AWS::EC2::Subnet::Id"),
    ("SecurityGroupId", "AWS::EC2::SecurityGroup::Id"),
    ("SecurityGroup", "AWS::EC2::SecurityGroup::Id"),
    ("GroupId", "AWS::EC2::SecurityGroup::Id"),
    ("KeyName", "AWS::EC2::KeyPair::KeyName"),
    ("ImageId", "AWS::EC2::Image::Id"),
    ("InstanceId", "AWS::EC2::Instance::Id"),
    ("VolumeId", "AWS::EC2::Volume::Id"),
    ("AvailabilityZone", "AWS::EC2::AvailabilityZone::Name"),
    ("HostedZoneId", "AWS::Route53::HostedZone::Id"),
];

fn singular(name: &str) -> &str {
    name.strip_suffix('s').unwrap_or(name)
}

/// Whether a parameter of `type_name` fits property `property`.
fn parameter_fits(type_name: &str, property: &str) -> bool {
    let one = singular(property);
    let inner = type_name
        .strip_prefix("List<")
        .and_then(|t| t.strip_suffix('>'))
        .unwrap_or(type_name);
    PARAMETER_FITS
        .iter()
        .any(|(p, t)| *t == inner && (*p == property || *p == one))
}

/// Whether a resource of `type_name` is what property `property` refers to: its `Ref`
/// returns what the property is named after (`VpcId` for a VPC, `GroupId` for a
/// security group named in `SecurityGroupIds`), or the property is named after the type.
fn resource_fits(catalog: Option<&Catalog>, type_name: &str, property: &str) -> bool {
    let one = singular(property);
    let returns = catalog
        .and_then(|c| c.get(type_name))
        .and_then(|t| t.ref_returns.as_deref());
    if returns.is_some_and(|r| r.len() > 3 && !matches!(r, "Arn" | "Name") && one.ends_with(r)) {
        return true;
    }
    let last = type_name
        .rsplit("::")
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let p = one.to_lowercase();
    last.len() > 2
        && (p == last
            || p.strip_prefix(&last)
                .is_some_and(|rest| matches!(rest, "id" | "ids" | "arn" | "name")))
}

/// The names a `Ref` in resource `owner` (none for outputs) can pick: parameters,
/// resources, then pseudo parameters, the likely ones for `property` first in each.
pub fn ref_candidates(
    template: &Template,
    catalog: Option<&Catalog>,
    owner: Option<&str>,
    property: Option<&str>,
) -> Vec<Candidate> {
    let property = property.unwrap_or_default();
    let mut params: Vec<Candidate> = template
        .section_map(Section::Parameters)
        .into_iter()
        .flat_map(|m| m.iter())
        .map(|(name, p)| {
            let detail = p
                .get("Type")
                .and_then(|t| t.as_str())
                .unwrap_or("String")
                .to_string();
            Candidate {
                suggested: !property.is_empty() && parameter_fits(&detail, property),
                name: name.to_string(),
                source: Source::Parameter,
                detail,
            }
        })
        .collect();
    let mut resources: Vec<Candidate> = template
        .resources()
        .filter(|r| Some(r.id) != owner)
        .map(|r| {
            let detail = r.type_name().unwrap_or_default().to_string();
            Candidate {
                suggested: !property.is_empty() && resource_fits(catalog, &detail, property),
                name: r.id.to_string(),
                source: Source::Resource,
                detail,
            }
        })
        .collect();
    // Suggested first, each group in template order (a partition: no sort to compile).
    suggested_first(&mut params);
    suggested_first(&mut resources);
    params
        .into_iter()
        .chain(resources)
        .chain(PSEUDO_PARAMETERS.iter().map(|p| Candidate {
            name: p.to_string(),
            source: Source::Pseudo,
            detail: String::new(),
            suggested: false,
        }))
        .collect()
}

/// The first choice of a `Ref` picker: the first suggested name, else the first
/// parameter or resource.
pub fn first_ref(candidates: &[Candidate]) -> Option<&str> {
    candidates
        .iter()
        .find(|c| c.suggested)
        .or_else(|| candidates.iter().find(|c| c.source != Source::Pseudo))
        .map(|c| c.name.as_str())
}

/// The attributes `GetAtt` can read from resource `id`, from the catalog (patterns
/// such as `Outputs.*` left out: they are typed, not picked).
pub fn attributes(template: &Template, catalog: Option<&Catalog>, id: &str) -> Vec<String> {
    let Some(type_name) = template.resource(id).and_then(|r| r.type_name()) else {
        return Vec::new();
    };
    catalog
        .and_then(|c| c.get(type_name))
        .map(|t| {
            t.attributes
                .iter()
                .filter(|a| !a.ends_with('*'))
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// The resources a `GetAtt` in `owner` can read, the likely ones for `property`
/// first, each with its attributes.
pub fn get_att_candidates(
    template: &Template,
    catalog: Option<&Catalog>,
    owner: Option<&str>,
    property: Option<&str>,
) -> Vec<(Candidate, Vec<String>)> {
    // Already suggested first; those without attributes go last.
    let (mut with, without): (Vec<_>, Vec<_>) = ref_candidates(template, catalog, owner, property)
        .into_iter()
        .filter(|c| c.source == Source::Resource)
        .map(|c| {
            let attrs = attributes(template, catalog, &c.name);
            (c, attrs)
        })
        .partition(|(_, attrs)| !attrs.is_empty());
    with.extend(without);
    with
}

fn suggested_first(list: &mut Vec<Candidate>) {
    let (mut first, rest): (Vec<_>, Vec<_>) =
        std::mem::take(list).into_iter().partition(|c| c.suggested);
    first.extend(rest);
    *list = first;
}

/// The first choice of a `GetAtt` picker: a resource with attributes, and its first.
pub fn first_get_att(candidates: &[(Candidate, Vec<String>)]) -> Option<(&str, &str)> {
    candidates
        .iter()
        .find_map(|(c, attrs)| attrs.first().map(|a| (c.name.as_str(), a.as_str())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::curated_catalog;
    use crate::template::parse;

    const T: &str = "Parameters:
  Env: {Type: String}
  Network: {Type: 'AWS::EC2::VPC::Id'}
  Subnets: {Type: 'List<AWS::EC2::Subnet::Id>'}
Resources:
  Queue: {Type: 'AWS::SQS::Queue'}
  Vpc: {Type: 'AWS::EC2::VPC'}
  Sg: {Type: 'AWS::EC2::SecurityGroup'}
  Tg: {Type: 'AWS::ElasticLoadBalancingV2::TargetGroup'}
  Custom: {Type: 'Custom::Thing'}
";

    #[test]
    fn ref_pickers_offer_parameters_resources_and_pseudo_parameters() {
        let t = parse(T).unwrap().template;
        let c = ref_candidates(&t, Some(curated_catalog()), Some("Tg"), Some("VpcId"));
        let names: Vec<&str> = c.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            &names[..3],
            ["Network", "Env", "Subnets"],
            "suggested parameter first"
        );
        assert_eq!(names[3], "Vpc", "suggested resource first");
        assert!(!names.contains(&"Tg"), "a resource cannot refer to itself");
        assert!(names.contains(&"AWS::Region"));
        assert_eq!(c[0].detail, "AWS::EC2::VPC::Id");
        assert_eq!(first_ref(&c), Some("Network"));
        let subnets = ref_candidates(&t, Some(curated_catalog()), None, Some("SubnetIds"));
        assert!(
            subnets
                .iter()
                .find(|c| c.name == "Subnets")
                .unwrap()
                .suggested
        );
        let groups = ref_candidates(&t, Some(curated_catalog()), None, Some("SecurityGroupIds"));
        assert!(groups.iter().find(|c| c.name == "Sg").unwrap().suggested);
        assert!(!groups.iter().find(|c| c.name == "Queue").unwrap().suggested);
        let none = ref_candidates(&t, None, None, None);
        assert_eq!(first_ref(&none), Some("Env"));
        assert!(none.iter().all(|c| !c.suggested));
    }

    #[test]
    fn get_att_pickers_offer_each_resources_attributes() {
        let t = parse(T).unwrap().template;
        let cat = Some(curated_catalog());
        let attrs = attributes(&t, cat, "Vpc");
        assert!(attrs.contains(&"CidrBlock".to_string()), "{attrs:?}");
        assert!(attributes(&t, cat, "Custom").is_empty());
        assert!(attributes(&t, cat, "Nope").is_empty());
        let c = get_att_candidates(&t, cat, Some("Queue"), Some("VpcId"));
        assert_eq!(c[0].0.name, "Vpc");
        assert_eq!(c.last().unwrap().0.name, "Custom", "no attributes: last");
        assert_eq!(first_get_att(&c).map(|(r, _)| r), Some("Vpc"));
        assert!(first_get_att(&get_att_candidates(&t, None, None, None)).is_none());
    }
}
