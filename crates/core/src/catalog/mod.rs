//! What Formwork knows about every CloudFormation resource type: properties with their
//! types and constraints, the attributes `GetAtt` can read, and what `Ref` returns.
//!
//! The catalog is generated from the official resource provider schemas by
//! `cargo xtask catalog` and committed as a compact text file (see [`format`]). The
//! command line embeds the whole of it; the browser embeds only the curated types (so
//! the designer works at once) and fetches the whole file after the first paint.

pub mod curated;
pub mod format;

use std::collections::HashMap;

/// A property's value type, as far as a template can check it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    String,
    Integer,
    Number,
    Boolean,
    /// Free-form JSON: an object with no fixed properties (a policy document).
    Json,
    /// An object whose properties are the named definition of the same type.
    Object(String),
    List(Box<Kind>),
    /// An object whose keys are free and whose values have one kind (`patternProperties`).
    Map(Box<Kind>),
    /// The schema allows several types here (`["object", "string"]`, `anyOf`).
    Any,
}

impl Kind {
    /// A short human name: `String`, `List of Tag`, `Integer`.
    pub fn describe(&self) -> String {
        match self {
            Kind::String => "String".into(),
            Kind::Integer => "Integer".into(),
            Kind::Number => "Number".into(),
            Kind::Boolean => "Boolean".into(),
            Kind::Json => "JSON".into(),
            Kind::Object(def) => def.clone(),
            Kind::List(item) => format!("List of {}", item.describe()),
            Kind::Map(value) => format!("Map of {}", value.describe()),
            Kind::Any => "Any".into(),
        }
    }

    pub fn is_scalar(&self) -> bool {
        matches!(
            self,
            Kind::String | Kind::Integer | Kind::Number | Kind::Boolean
        )
    }
}

/// Limits a value must respect.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    pub allowed: Vec<String>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<String>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Property {
    pub name: String,
    pub kind: Kind,
    pub required: bool,
    /// Changing it replaces the resource.
    pub create_only: bool,
    pub constraints: Constraints,
    /// The schema's first sentence about it, for the curated types.
    pub summary: Option<String>,
}

/// A set of properties: a resource's own, or one of its definitions.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shape {
    pub properties: Vec<Property>,
    /// Properties beyond these are allowed (custom resources, open schemas).
    pub open: bool,
}

impl Shape {
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }

    pub fn required(&self) -> impl Iterator<Item = &Property> {
        self.properties.iter().filter(|p| p.required)
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResourceType {
    /// `AWS::EC2::VPC`.
    pub name: String,
    /// The property `Ref` returns (`VpcId`), when the schema names one.
    pub ref_returns: Option<String>,
    /// The attributes `GetAtt` can read; an entry ending in `.*` allows any suffix
    /// (`Outputs.*` of a nested stack).
    pub attributes: Vec<String>,
    pub shape: Shape,
    pub definitions: HashMap<String, Shape>,
}

impl ResourceType {
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.shape.property(name)
    }

    /// Whether `GetAtt` can read `attribute`.
    pub fn has_attribute(&self, attribute: &str) -> bool {
        self.attributes.iter().any(|a| match a.strip_suffix('*') {
            Some(prefix) => attribute.starts_with(prefix),
            None => a == attribute,
        })
    }

    /// The shape behind an `Object` kind of this type.
    pub fn definition(&self, name: &str) -> Option<&Shape> {
        self.definitions.get(name)
    }

    /// The service part of the name: `EC2` in `AWS::EC2::VPC`.
    pub fn service(&self) -> &str {
        service_of(&self.name)
    }

    /// The AWS documentation page of this type, or of one of its properties.
    pub fn documentation_url(&self, property: Option<&str>) -> String {
        documentation_url(&self.name, property)
    }
}

/// `EC2` in `AWS::EC2::VPC`; `Custom` for `Custom::Thing`.
pub fn service_of(type_name: &str) -> &str {
    let parts: Vec<&str> = type_name.split("::").collect();
    match parts.as_slice() {
        [_, service, _] => service,
        [first, ..] => first,
        [] => type_name,
    }
}

/// The CloudFormation template reference page of a type, with an anchor for a property,
/// following the documentation's naming: `aws-resource-ec2-subnet.html#cfn-ec2-subnet-vpcid`.
pub fn documentation_url(type_name: &str, property: Option<&str>) -> String {
    let parts: Vec<String> = type_name.split("::").map(str::to_lowercase).collect();
    let base = "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference";
    if parts.len() != 3 || parts[0] != "aws" {
        return format!("{base}/aws-template-resource-type-ref.html");
    }
    let page = format!("{base}/aws-resource-{}-{}.html", parts[1], parts[2]);
    match property {
        Some(p) => format!("{page}#cfn-{}-{}-{}", parts[1], parts[2], p.to_lowercase()),
        None => page,
    }
}

/// The reference page of one of a type's property types (a definition such as
/// `Matcher`), with an anchor for one of its properties:
/// `aws-properties-elasticloadbalancingv2-targetgroup-matcher.html#cfn-elasticloadbalancingv2-targetgroup-matcher-httpcode`.
pub fn definition_documentation_url(
    type_name: &str,
    definition: &str,
    property: Option<&str>,
) -> String {
    let parts: Vec<String> = type_name.split("::").map(str::to_lowercase).collect();
    if parts.len() != 3 || parts[0] != "aws" {
        return documentation_url(type_name, None);
    }
    let stem = format!("{}-{}-{}", parts[1], parts[2], definition.to_lowercase());
    let page = format!(
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-{stem}.html"
    );
    match property {
        Some(p) => format!("{page}#cfn-{stem}-{}", p.to_lowercase()),
        None => page,
    }
}

/// Every known resource type.
#[derive(Clone, Debug, Default)]
pub struct Catalog {
    types: Vec<ResourceType>,
    index: HashMap<String, usize>,
    /// Where the data came from, as the generator wrote it.
    pub source: String,
}

impl Catalog {
    pub fn new(source: impl Into<String>, mut types: Vec<ResourceType>) -> Catalog {
        types.sort_by(|a, b| a.name.cmp(&b.name));
        let index = types
            .iter()
            .enumerate()
            .map(|(i, t)| (t.name.clone(), i))
            .collect();
        Catalog {
            types,
            index,
            source: source.into(),
        }
    }

    pub fn get(&self, type_name: &str) -> Option<&ResourceType> {
        self.index.get(type_name).map(|&i| &self.types[i])
    }

    /// All types, sorted by name.
    pub fn types(&self) -> &[ResourceType] {
        &self.types
    }

    pub fn len(&self) -> usize {
        self.types.len()
    }

    pub fn is_empty(&self) -> bool {
        self.types.is_empty()
    }

    /// Whether a type is one CloudFormation accepts without a schema: custom resources
    /// and the types that transforms and modules define.
    pub fn is_open_type(type_name: &str) -> bool {
        type_name.starts_with("Custom::")
            || type_name == "AWS::CloudFormation::CustomResource"
            || type_name.ends_with("::MODULE")
    }
}

/// The catalog of the curated types, embedded for tests (the browser fetches it).
#[cfg(any(test, feature = "curated-catalog"))]
pub fn curated_catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| {
        format::parse(include_str!("../../data/catalog-curated.txt"))
            .expect("the embedded curated catalog is valid")
    })
}

/// The catalog of every type, embedded (about 2 MB) for the command line and tests.
#[cfg(feature = "full-catalog")]
pub fn full_catalog() -> &'static Catalog {
    static CATALOG: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
    CATALOG.get_or_init(|| {
        format::parse(include_str!("../../data/catalog.txt"))
            .expect("the embedded catalog is valid")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documentation_links_follow_the_aws_naming() {
        assert_eq!(
            documentation_url("AWS::EC2::Subnet", Some("VpcId")),
            "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-subnet.html#cfn-ec2-subnet-vpcid"
        );
        assert!(
            documentation_url("Custom::X", None).ends_with("aws-template-resource-type-ref.html")
        );
    }

    #[test]
    fn attributes_with_a_wildcard_match_any_suffix() {
        let t = ResourceType {
            name: "AWS::CloudFormation::Stack".into(),
            attributes: vec!["Outputs.*".into(), "StackId".into()],
            ..Default::default()
        };
        assert!(t.has_attribute("Outputs.VpcId"));
        assert!(t.has_attribute("StackId"));
        assert!(!t.has_attribute("Arn"));
    }

    #[test]
    fn the_committed_catalogs_read_and_know_the_curated_types() {
        let full = format::parse(include_str!("../../data/catalog.txt")).unwrap();
        assert!(full.len() >= 1800, "{} types", full.len());
        let vpc = full.get("AWS::EC2::VPC").unwrap();
        assert_eq!(vpc.ref_returns.as_deref(), Some("VpcId"));
        assert!(vpc.has_attribute("CidrBlock"));
        assert_eq!(vpc.property("CidrBlock").unwrap().kind, Kind::String);
        let db = full.get("AWS::RDS::DBInstance").unwrap();
        assert!(db.has_attribute("Endpoint.Address"));
        let sg = full.get("AWS::EC2::SecurityGroup").unwrap();
        assert!(sg.property("GroupDescription").unwrap().required);
        let ingress = sg.property("SecurityGroupIngress").unwrap();
        assert_eq!(
            ingress.kind,
            Kind::List(Box::new(Kind::Object("Ingress".into())))
        );
        assert!(
            sg.definition("Ingress")
                .unwrap()
                .property("IpProtocol")
                .unwrap()
                .required
        );
        let curated = curated_catalog();
        for c in curated::CURATED {
            assert!(
                curated.get(c.type_name).is_some(),
                "{} embedded",
                c.type_name
            );
        }
        assert_eq!(curated.len(), curated::CURATED.len());
    }

    #[test]
    fn services_come_from_the_name() {
        assert_eq!(service_of("AWS::EC2::VPC"), "EC2");
        assert_eq!(service_of("Custom::Thing"), "Custom");
    }
}
