//! Findings about a template, from the parser and the validator alike: a rule id, a
//! severity, a message and where it applies, as editors and CI reports need them.

use crate::template::Pos;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// A cfn-lint rule id where the rule is the same (`E3012`), Formwork's own
    /// (`FW...`) otherwise.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    /// The element concerned, as `Resources/Web/Properties/SubnetId`; empty for the
    /// whole template.
    pub path: String,
    /// Where in the source text, when the element was read from text.
    pub pos: Option<Pos>,
}

impl Diagnostic {
    pub fn new(rule: &'static str, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            rule,
            severity,
            message: message.into(),
            path: String::new(),
            pos: None,
        }
    }

    pub fn at(mut self, path: impl Into<String>, pos: Pos) -> Self {
        self.path = path.into();
        self.pos = pos.is_known().then_some(pos);
        self
    }
}

/// One line about what each rule checks, for reports that list their rules (SARIF) and
/// for documentation. A rule missing here still reports; it only lacks this summary.
pub const RULES: &[(&str, &str)] = &[
    ("E0000", "The template can be read as YAML or JSON"),
    ("FW0001", "YAML tags are ones CloudFormation defines"),
    (
        "FW0002",
        "No YAML aliases, which CloudFormation does not accept",
    ),
    (
        "FW0003",
        "Top-level sections are ones CloudFormation defines",
    ),
    ("FW0004", "No more resources than CloudFormation's quota"),
    (
        "FW0005",
        "Resource attributes are ones CloudFormation defines",
    ),
    ("FW0006", "A template starting with `{` is valid JSON"),
    ("E1001", "Top-level sections are known and well formed"),
    ("E1003", "Description is at most 1024 bytes"),
    ("E1004", "Description is a string"),
    (
        "E1010",
        "GetAtt names a resource of the template and an attribute it has",
    ),
    ("E1011", "FindInMap names a mapping the template defines"),
    (
        "E1012",
        "Ref names a resource, parameter or pseudo parameter",
    ),
    ("E1019", "Sub placeholders name what the template defines"),
    (
        "E2001",
        "Parameters have a Type and only the attributes CloudFormation defines",
    ),
    ("E2002", "Parameter types are ones CloudFormation knows"),
    (
        "E2015",
        "A parameter's Default keeps the parameter's own constraints",
    ),
    ("W2001", "Every parameter is used"),
    (
        "E3001",
        "Resources have a known type and only known attributes",
    ),
    ("E3002", "Resource properties are ones the type defines"),
    ("E3003", "Required resource properties are present"),
    ("E3004", "Resources do not depend on each other in a circle"),
    ("E3005", "DependsOn names other resources of the template"),
    ("E3012", "Property values have the type the property takes"),
    ("E3030", "Property values are among the allowed values"),
    (
        "E3032",
        "Lists have the number of items the property allows",
    ),
    ("E3033", "Strings have the length the property allows"),
    ("E3034", "Numbers are within the property's range"),
    (
        "E3035",
        "DeletionPolicy is Delete, Retain, RetainExceptOnCreate, or Snapshot for types with snapshots",
    ),
    (
        "E3036",
        "UpdateReplacePolicy is Delete, Retain, or Snapshot for types with snapshots",
    ),
    ("E3059", "Subnet CIDR blocks lie inside their VPC's"),
    ("E3060", "Subnets of one VPC do not overlap"),
    (
        "E3680",
        "Application load balancers have at least two subnets",
    ),
    ("E3706", "Auto Scaling groups' MinSize is not above MaxSize"),
    (
        "E6001",
        "Outputs have only the attributes CloudFormation defines",
    ),
    ("E6002", "Every output has a Value"),
    ("E6010", "At most 200 outputs"),
    ("E6101", "Output values are strings"),
    ("E6102", "Export names are strings"),
    ("E8001", "Conditions are condition functions"),
    ("E8002", "Condition names refer to defined conditions"),
    ("E8003", "Fn::Equals compares exactly two values"),
    ("E8004", "Fn::And takes 2 to 10 conditions"),
    ("E8005", "Fn::Not takes exactly one condition"),
    ("E8006", "Fn::Or takes 2 to 10 conditions"),
    ("W8001", "Every condition is used"),
    (
        "FW1001",
        "Auto Scaling groups' DesiredCapacity is within MinSize..MaxSize",
    ),
    (
        "FW1002",
        "Load balancer subnets span more than one Availability Zone",
    ),
    ("FW1003", "Health check timeouts are below their interval"),
    ("FW1004", "SSH and RDP are not open to the whole internet"),
    (
        "FW1005",
        "Databases are not public nor in subnets routed to an internet gateway",
    ),
    (
        "FW1006",
        "Instances in private subnets have a route out (NAT gateway or endpoint)",
    ),
    (
        "FW1007",
        "Instances in a template that creates a VPC are in one of its subnets",
    ),
    (
        "FW1008",
        "No unquoted YAML 1.1 booleans (Yes, No, On, Off) where text is meant",
    ),
];

/// What a rule checks, in one line, when [`RULES`] describes it.
pub fn rule_summary(rule: &str) -> Option<&'static str> {
    RULES.iter().find(|(id, _)| *id == rule).map(|(_, s)| *s)
}
