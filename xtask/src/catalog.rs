//! `cargo xtask catalog`: generates Formwork's resource catalog from the official
//! CloudFormation resource provider schemas, as shipped in the cfn-lint wheel.
//!
//! Writes `crates/core/data/catalog.txt` (every type) and `catalog-curated.txt` (the
//! designer's curated types, embedded in the app). Re-run it to pick up new types:
//! it installs the pinned cfn-lint into `target/catalog-venv` when no `--schemas`
//! folder is given.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::Command;

use formwork_core::catalog::{
    Catalog, Constraints, Kind, Property, ResourceType, Shape, curated, format,
};
use formwork_core::template::{Node, Value, read_value};

/// The cfn-lint release whose schemas the committed catalog was made from.
pub const CFN_LINT_VERSION: &str = "1.58.0";

/// The region whose schemas define the catalog: the one with every type.
const REGION: &str = "us-east-1";

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let schemas = match args.iter().position(|a| a == "--schemas") {
        Some(i) => PathBuf::from(args.get(i + 1).ok_or("--schemas needs a folder")?),
        None => install_schemas(root)?,
    };
    println!("catalog: reading schemas from {}", schemas.display());
    let raw = load_schemas(&schemas)?;
    let source = format!(
        "CloudFormation resource provider schemas ({REGION}) from cfn-lint {CFN_LINT_VERSION}, {} types",
        raw.len()
    );
    let types: Vec<ResourceType> = raw
        .iter()
        .map(|(name, schema)| convert(name, schema, curated::curated(name).is_some()))
        .collect();
    let catalog = Catalog::new(source, types);
    let data = root.join("crates/core/data");
    std::fs::create_dir_all(&data).map_err(|e| e.to_string())?;
    let full = format::write(&catalog);
    let names = curated::curated_names();
    let subset = format::write(&format::subset(&catalog, &names));
    let missing: Vec<&&str> = names.iter().filter(|n| catalog.get(n).is_none()).collect();
    if !missing.is_empty() {
        return Err(format!(
            "curated types missing from the schemas: {missing:?}"
        ));
    }
    for (file, text) in [("catalog.txt", &full), ("catalog-curated.txt", &subset)] {
        let path = data.join(file);
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!(
            "catalog: wrote {} ({} bytes, {} gzip)",
            path.display(),
            text.len(),
            crate::gzip_size(text.as_bytes())
        );
    }
    println!("catalog: {} types", catalog.len());
    Ok(())
}

/// Installs the pinned cfn-lint in a virtual environment and returns its schema folder.
fn install_schemas(root: &Path) -> Result<PathBuf, String> {
    let venv = root.join("target/catalog-venv");
    let python = venv.join("bin/python");
    if !python.exists() {
        println!("catalog: creating {}", venv.display());
        crate::run_checked(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    }
    let installed = Command::new(&python)
        .args(["-c", "import cfnlint.version as v; print(v.__version__)"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    if installed != CFN_LINT_VERSION {
        println!("catalog: installing cfn-lint {CFN_LINT_VERSION} from PyPI");
        crate::run_checked(
            Command::new(&python)
                .args(["-m", "pip", "install", "--quiet"])
                .arg(format!("cfn-lint=={CFN_LINT_VERSION}")),
        )?;
    } else {
        println!("catalog: cfn-lint {CFN_LINT_VERSION} already installed");
    }
    let out = Command::new(&python)
        .args([
            "-c",
            "import cfnlint, os; print(os.path.dirname(cfnlint.__file__))",
        ])
        .output()
        .map_err(|e| e.to_string())?;
    Ok(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()).join("data/schemas"))
}

/// Every type's schema, by name. Reads both layouts cfn-lint has used: one file per
/// type under `providers/us_east_1/`, and (1.x) `providers/us-east-1.json` naming a
/// file under `resources/` for each type.
fn load_schemas(dir: &Path) -> Result<BTreeMap<String, Node>, String> {
    let read = |path: &Path| -> Result<Node, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        read_value(&text).map_err(|e| format!("{}: {e}", path.display()))
    };
    let mut out = BTreeMap::new();
    let index = dir.join(format!("providers/{REGION}.json"));
    if index.exists() {
        let index = read(&index)?;
        for (name, file) in index
            .as_map()
            .ok_or("the provider index is not a mapping")?
            .iter()
        {
            let file = file.as_str().ok_or("the provider index names no file")?;
            out.insert(
                name.to_string(),
                read(&dir.join(format!("resources/{file}.json")))?,
            );
        }
    } else {
        let folder = dir.join(format!("providers/{}", REGION.replace('-', "_")));
        let entries =
            std::fs::read_dir(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.extension().is_some_and(|e| e == "json") {
                let schema = read(&path)?;
                if let Some(name) = schema.get("typeName").and_then(Node::as_str) {
                    out.insert(name.to_string(), schema);
                }
            }
        }
    }
    if out.is_empty() {
        return Err(format!("no resource schemas found under {}", dir.display()));
    }
    Ok(out)
}

/// Types whose every property `GetAtt` can read, and attributes some types have beyond
/// their read-only properties: cfn-lint's own tables (`cfnlint/schema/_getatts.py`),
/// so the two agree on E1010.
const ALL_PROPERTY_TYPES: &[&str] = &[
    "AWS::Amplify::Branch",
    "AWS::Amplify::Domain",
    "AWS::AppSync::DomainName",
    "AWS::AppSync::FunctionConfiguration",
    "AWS::AppSync::Resolver",
    "AWS::AutoScaling::AutoScalingGroup",
    "AWS::Backup::BackupSelection",
    "AWS::Backup::BackupVault",
    "AWS::Backup::LogicallyAirGappedBackupVault",
    "AWS::CodeArtifact::Domain",
    "AWS::CodeArtifact::Repository",
    "AWS::EC2::CapacityReservation",
    "AWS::EC2::Instance",
    "AWS::EC2::SecurityGroup",
    "AWS::EC2::Subnet",
    "AWS::EC2::VPC",
    "AWS::EFS::MountTarget",
    "AWS::EKS::Nodegroup",
    "AWS::ElastiCache::ReplicationGroup",
    "AWS::ElasticLoadBalancingV2::LoadBalancer",
    "AWS::Events::EventBus",
    "AWS::EventSchemas::Discoverer",
    "AWS::EventSchemas::Registry",
    "AWS::EventSchemas::Schema",
    "AWS::GameLift::GameSessionQueue",
    "AWS::GameLift::MatchmakingConfiguration",
    "AWS::GameLift::MatchmakingRuleSet",
    "AWS::Grafana::Workspace",
    "AWS::Greengrass::ConnectorDefinition",
    "AWS::Greengrass::CoreDefinition",
    "AWS::Greengrass::DeviceDefinition",
    "AWS::Greengrass::FunctionDefinition",
    "AWS::Greengrass::Group",
    "AWS::Greengrass::LoggerDefinition",
    "AWS::Greengrass::ResourceDefinition",
    "AWS::Greengrass::SubscriptionDefinition",
    "AWS::ImageBuilder::Component",
    "AWS::ImageBuilder::ContainerRecipe",
    "AWS::ImageBuilder::DistributionConfiguration",
    "AWS::ImageBuilder::ImagePipeline",
    "AWS::ImageBuilder::ImageRecipe",
    "AWS::ImageBuilder::InfrastructureConfiguration",
    "AWS::ManagedBlockchain::Node",
    "AWS::Neptune::DBCluster",
    "AWS::RDS::DBInstance",
    "AWS::RDS::DBParameterGroup",
    "AWS::RedshiftServerless::Workgroup",
    "AWS::RoboMaker::RobotApplication",
    "AWS::RoboMaker::SimulationApplication",
    "AWS::Route53Resolver::ResolverRule",
    "AWS::Route53Resolver::ResolverRuleAssociation",
    "AWS::S3::AccessPoint",
    "AWS::SageMaker::DataQualityJobDefinition",
    "AWS::SageMaker::ModelBiasJobDefinition",
    "AWS::SageMaker::ModelExplainabilityJobDefinition",
    "AWS::SageMaker::ModelQualityJobDefinition",
    "AWS::SageMaker::MonitoringSchedule",
    "AWS::SNS::Topic",
    "AWS::SQS::Queue",
    "AWS::SSM::Parameter",
    "AWS::StepFunctions::Activity",
];

const EXTRA_ATTRIBUTES: &[(&str, &[&str])] = &[
    (
        "AWS::AppMesh::GatewayRoute",
        &[
            "GatewayRouteName",
            "MeshName",
            "MeshOwner",
            "VirtualGatewayName",
        ],
    ),
    ("AWS::AppMesh::Mesh", &["MeshName"]),
    (
        "AWS::AppMesh::Route",
        &["MeshName", "MeshOwner", "RouteName", "VirtualRouterName"],
    ),
    (
        "AWS::AppMesh::VirtualGateway",
        &["MeshName", "MeshOwner", "VirtualGatewayName"],
    ),
    (
        "AWS::AppMesh::VirtualNode",
        &["MeshName", "MeshOwner", "VirtualNodeName"],
    ),
    (
        "AWS::AppMesh::VirtualRouter",
        &["MeshName", "MeshOwner", "VirtualRouterName"],
    ),
    (
        "AWS::AppMesh::VirtualService",
        &["MeshName", "MeshOwner", "VirtualServiceName"],
    ),
    ("AWS::AppSync::DataSource", &["Name"]),
    ("AWS::Cloud9::EnvironmentEC2", &["Name"]),
    ("AWS::CloudWatch::InsightRule", &["RuleName"]),
    ("AWS::DocDB::DBCluster", &["Port"]),
    ("AWS::Greengrass::ConnectorDefinition", &["Name"]),
    ("AWS::Greengrass::CoreDefinition", &["Name"]),
    ("AWS::Greengrass::DeviceDefinition", &["Name"]),
    ("AWS::Greengrass::FunctionDefinition", &["Name"]),
    ("AWS::Greengrass::Group", &["Name", "RoleArn"]),
    ("AWS::Greengrass::LoggerDefinition", &["Name"]),
    ("AWS::Greengrass::ResourceDefinition", &["Name"]),
    ("AWS::Greengrass::SubscriptionDefinition", &["Name"]),
    ("AWS::IoT1Click::Device", &["Enabled"]),
    (
        "AWS::IoT1Click::Placement",
        &["PlacementName", "ProjectName"],
    ),
    ("AWS::IoT1Click::Project", &["ProjectName"]),
    (
        "AWS::Kinesis::StreamConsumer",
        &["ConsumerName", "StreamARN"],
    ),
    ("AWS::ManagedBlockchain::Member", &["NetworkId"]),
    ("AWS::MediaConvert::JobTemplate", &["Name"]),
    ("AWS::MediaConvert::Preset", &["Name"]),
    ("AWS::MediaConvert::Queue", &["Name"]),
    ("AWS::MediaLive::Input", &["Destinations", "Sources"]),
    ("AWS::OpsWorks::Instance", &["AvailabilityZone"]),
    ("AWS::OpsWorks::UserProfile", &["SshUsername"]),
    (
        "AWS::Route53Resolver::ResolverEndpoint",
        &["Direction", "Name"],
    ),
    ("AWS::SageMaker::CodeRepository", &["CodeRepositoryName"]),
    ("AWS::SageMaker::Endpoint", &["EndpointName"]),
    ("AWS::SageMaker::EndpointConfig", &["EndpointConfigName"]),
    ("AWS::SageMaker::Model", &["ModelName"]),
    (
        "AWS::SageMaker::NotebookInstance",
        &["NotebookInstanceName"],
    ),
    (
        "AWS::SageMaker::NotebookInstanceLifecycleConfig",
        &["NotebookInstanceLifecycleConfigName"],
    ),
    ("AWS::SageMaker::Workteam", &["WorkteamName"]),
    ("AWS::ServiceDiscovery::Service", &["Name"]),
    ("AWS::Transfer::User", &["ServerId", "UserName"]),
];

/// Deepest definition chain followed; schemas are recursive in places.
const MAX_DEFINITION_DEPTH: usize = 12;

struct Converter<'s> {
    schema: &'s Node,
    definitions: HashMap<String, Shape>,
    /// Definitions being converted, to stop at recursion.
    in_progress: BTreeSet<String>,
    summaries: bool,
}

fn convert(name: &str, schema: &Node, summaries: bool) -> ResourceType {
    let mut c = Converter {
        schema,
        definitions: HashMap::new(),
        in_progress: BTreeSet::new(),
        summaries,
    };
    let read_only: BTreeSet<String> = strings(schema.get("readOnlyProperties"))
        .into_iter()
        .filter_map(|p| p.strip_prefix("/properties/").map(str::to_string))
        .collect();
    let create_only: BTreeSet<String> = strings(schema.get("createOnlyProperties"))
        .into_iter()
        .filter_map(|p| p.strip_prefix("/properties/").map(str::to_string))
        .collect();
    let mut shape = c.shape(schema, "", 0);
    shape.properties.retain(|p| !read_only.contains(&p.name));
    let attributes = attributes(name, schema, &c);
    let definitions = reachable(&shape, c.definitions);
    for p in &mut shape.properties {
        p.create_only = create_only.contains(&p.name);
    }
    let ref_returns = match strings(schema.get("primaryIdentifier")).as_slice() {
        [one] => one.strip_prefix("/properties/").map(str::to_string),
        _ => None,
    };
    ResourceType {
        name: name.to_string(),
        ref_returns,
        attributes,
        shape,
        definitions,
    }
}

/// The definitions that the settable properties use, directly or through others.
fn reachable(shape: &Shape, mut all: HashMap<String, Shape>) -> HashMap<String, Shape> {
    fn names(kind: &Kind, out: &mut Vec<String>) {
        match kind {
            Kind::Object(def) => out.push(def.clone()),
            Kind::List(inner) | Kind::Map(inner) => names(inner, out),
            _ => {}
        }
    }
    let mut pending = Vec::new();
    for p in &shape.properties {
        names(&p.kind, &mut pending);
    }
    let mut out = HashMap::new();
    while let Some(name) = pending.pop() {
        if let Some(def) = all.remove(&name) {
            for p in &def.properties {
                names(&p.kind, &mut pending);
            }
            out.insert(name, def);
        }
    }
    out
}

/// The attributes `GetAtt` reads, as cfn-lint computes them.
fn attributes(name: &str, schema: &Node, c: &Converter) -> Vec<String> {
    let mut out = BTreeSet::new();
    if ALL_PROPERTY_TYPES.contains(&name) {
        if let Some(props) = schema.get("properties").and_then(Node::as_map) {
            for (prop, value) in props.iter() {
                c.attribute_paths(value, prop.to_string(), 0, &mut out);
            }
        }
        return out.into_iter().collect();
    }
    if let Some((_, extra)) = EXTRA_ATTRIBUTES.iter().find(|(t, _)| *t == name) {
        out.extend(extra.iter().map(|a| a.to_string()));
    }
    match name {
        "AWS::CloudFormation::Stack" | "AWS::Serverless::Application" => {
            return vec!["Outputs.*".to_string()];
        }
        "AWS::ServiceCatalog::CloudFormationProvisionedProduct" => {
            out.insert("Outputs.*".to_string());
        }
        _ => {}
    }
    for pointer in strings(schema.get("readOnlyProperties")) {
        if let Some(path) = pointer.strip_prefix("/properties/")
            && !path.contains('*')
            && !(name == "AWS::ServiceCatalog::CloudFormationProvisionedProduct"
                && path == "Outputs")
        {
            out.insert(path.replace('/', "."));
        }
    }
    out.into_iter().collect()
}

fn strings(node: Option<&Node>) -> Vec<String> {
    node.and_then(Node::as_seq)
        .map(|items| {
            items
                .iter()
                .filter_map(|i| i.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

impl Converter<'_> {
    fn resolve<'a>(&'a self, reference: &str) -> Option<(&'a str, &'a Node)> {
        let name = reference.strip_prefix("#/definitions/")?;
        let (key, node) = self
            .schema
            .get("definitions")?
            .as_map()?
            .entries
            .get_key_value(name)?;
        Some((key.as_str(), &node.value))
    }

    /// The properties of an object schema.
    fn shape(&mut self, object: &Node, context: &str, depth: usize) -> Shape {
        let required: BTreeSet<String> = strings(object.get("required")).into_iter().collect();
        let mut properties = Vec::new();
        if let Some(props) = object.get("properties").and_then(Node::as_map) {
            for (name, value) in props.iter() {
                let (kind, constraints) = self.kind(value, &format!("{context}{name}"), depth);
                properties.push(Property {
                    name: name.to_string(),
                    kind,
                    required: required.contains(name),
                    create_only: false,
                    constraints,
                    summary: if self.summaries && context.is_empty() {
                        value
                            .get("description")
                            .and_then(Node::as_str)
                            .and_then(summary)
                    } else {
                        None
                    },
                });
            }
        }
        // JSON Schema allows other properties unless `additionalProperties` is false.
        let open = !matches!(
            object.get("additionalProperties").map(|n| &n.value),
            Some(Value::Bool(false))
        );
        Shape { properties, open }
    }

    /// A property schema's kind and constraints; `path` names an inline object's
    /// definition.
    fn kind(&mut self, value: &Node, path: &str, depth: usize) -> (Kind, Constraints) {
        if let Some(reference) = value.get("$ref").and_then(Node::as_str) {
            return self.reference(reference, depth);
        }
        let types = match value.get("type").map(|t| &t.value) {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Seq(seq)) => seq.items.iter().filter_map(Node::as_str).collect(),
            _ => Vec::new(),
        };
        let constraints = constraints(value);
        let kind = match types.as_slice() {
            ["string"] => Kind::String,
            ["integer"] => Kind::Integer,
            ["number"] => Kind::Number,
            ["boolean"] => Kind::Boolean,
            ["array"] => {
                let (item, item_constraints) = match value.get("items") {
                    Some(items) => self.kind(items, path, depth),
                    None => (Kind::Any, Constraints::default()),
                };
                // A list's item limits apply to each item; its own to its length.
                let mut merged = item_constraints;
                merged.min_items = constraints.min_items;
                merged.max_items = constraints.max_items;
                return (Kind::List(Box::new(item)), merged);
            }
            ["object"] => self.object(value, path, depth),
            [] => match value.get("anyOf").or_else(|| value.get("oneOf")) {
                Some(alternatives) => self.alternatives(alternatives, path, depth),
                None if value.get("properties").is_some() => self.object(value, path, depth),
                None => Kind::Any,
            },
            _ => Kind::Any,
        };
        (kind, constraints)
    }

    fn reference(&mut self, reference: &str, depth: usize) -> (Kind, Constraints) {
        let Some((name, target)) = self.resolve(reference) else {
            return (Kind::Any, Constraints::default());
        };
        let name = name.to_string();
        let target = target.clone();
        let is_object = match target.get("type").map(|t| &t.value) {
            Some(Value::String(t)) => t == "object",
            Some(_) => false,
            None => target.get("properties").is_some(),
        };
        if !is_object {
            return self.kind(&target, &name, depth + 1);
        }
        if target.get("properties").is_none() {
            return match target.get("patternProperties").and_then(Node::as_map) {
                Some(patterns) => match patterns.iter().next() {
                    Some((_, value)) => {
                        let (kind, _) = self.kind(value, &name, depth + 1);
                        (Kind::Map(Box::new(kind)), Constraints::default())
                    }
                    None => (Kind::Json, Constraints::default()),
                },
                None => (Kind::Json, Constraints::default()),
            };
        }
        if !self.definitions.contains_key(&name)
            && !self.in_progress.contains(&name)
            && depth < MAX_DEFINITION_DEPTH
        {
            self.in_progress.insert(name.clone());
            let shape = self.shape(&target, &format!("{name}."), depth + 1);
            self.in_progress.remove(&name);
            self.definitions.insert(name.clone(), shape);
        }
        (Kind::Object(name), Constraints::default())
    }

    fn object(&mut self, value: &Node, path: &str, depth: usize) -> Kind {
        if value.get("properties").is_some() {
            let name = path.to_string();
            if !self.definitions.contains_key(&name) && depth < MAX_DEFINITION_DEPTH {
                let shape = self.shape(value, &format!("{name}."), depth + 1);
                self.definitions.insert(name.clone(), shape);
            }
            return Kind::Object(name);
        }
        match value.get("patternProperties").and_then(Node::as_map) {
            Some(patterns) => match patterns.iter().next() {
                Some((_, v)) => Kind::Map(Box::new(self.kind(v, path, depth + 1).0)),
                None => Kind::Json,
            },
            None => Kind::Json,
        }
    }

    /// `anyOf`/`oneOf`: one kind when every alternative agrees, `Any` otherwise.
    fn alternatives(&mut self, alternatives: &Node, path: &str, depth: usize) -> Kind {
        let kinds: Vec<Kind> = alternatives
            .as_seq()
            .unwrap_or(&[])
            .iter()
            .map(|a| self.kind(a, path, depth + 1).0)
            .collect();
        match kinds.split_first() {
            Some((first, rest)) if rest.iter().all(|k| k == first) && *first != Kind::Any => {
                first.clone()
            }
            _ => Kind::Any,
        }
    }

    /// The dotted paths `GetAtt` can read under a property, as cfn-lint walks them for
    /// the types whose every property is readable.
    fn attribute_paths(
        &self,
        value: &Node,
        path: String,
        depth: usize,
        out: &mut BTreeSet<String>,
    ) {
        if depth > MAX_DEFINITION_DEPTH {
            return;
        }
        if let Some(reference) = value.get("$ref").and_then(Node::as_str) {
            if let Some((_, target)) = self.resolve(reference) {
                self.attribute_paths(target, path, depth + 1, out);
            }
            return;
        }
        let types: Vec<&str> = match value.get("type").map(|t| &t.value) {
            Some(Value::String(t)) => vec![t.as_str()],
            Some(Value::Seq(seq)) => seq.items.iter().filter_map(Node::as_str).collect(),
            _ => Vec::new(),
        };
        if types.contains(&"object") {
            if let Some(props) = value.get("properties").and_then(Node::as_map) {
                for (name, v) in props.iter() {
                    self.attribute_paths(v, format!("{path}.{name}"), depth + 1, out);
                }
            }
        } else if types.contains(&"array") {
            let item_type = value
                .get("items")
                .and_then(|i| i.get("type"))
                .and_then(Node::as_str);
            if !matches!(item_type, Some("object" | "array")) {
                out.insert(path);
            }
        } else {
            out.insert(path);
        }
    }
}

fn constraints(value: &Node) -> Constraints {
    let number = |key: &str| value.get(key).and_then(Node::as_f64);
    let count = |key: &str| number(key).map(|n| n as u64);
    Constraints {
        allowed: value
            .get("enum")
            .and_then(Node::as_seq)
            .map(|items| {
                items
                    .iter()
                    .filter_map(|i| i.scalar_text().map(|t| t.into_owned()))
                    .collect()
            })
            .unwrap_or_default(),
        minimum: number("minimum"),
        maximum: number("maximum"),
        min_length: count("minLength"),
        max_length: count("maxLength"),
        pattern: value
            .get("pattern")
            .and_then(Node::as_str)
            .map(str::to_string),
        min_items: count("minItems"),
        max_items: count("maxItems"),
    }
}

/// The first sentence of a schema description, without its Markdown, at most 200
/// characters.
fn summary(description: &str) -> Option<String> {
    let text = description.replace("``", "").replace('`', "");
    let first = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let sentence = match first.find(". ") {
        Some(i) => &first[..=i],
        None => first,
    };
    let mut out: String = sentence.chars().take(200).collect();
    if out.chars().count() < sentence.chars().count() {
        out.push('…');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema(text: &str) -> Node {
        read_value(text).unwrap()
    }

    #[test]
    fn converts_properties_definitions_and_attributes() {
        let s = schema(
            r##"{"typeName": "AWS::X::Thing",
            "properties": {
              "Name": {"type": "string", "maxLength": 64, "pattern": "^[a-z]+$", "description": "The name. More text."},
              "Size": {"type": "integer", "minimum": 1, "maximum": 10},
              "Mode": {"$ref": "#/definitions/Mode"},
              "Tags": {"type": "array", "items": {"$ref": "#/definitions/Tag"}, "maxItems": 50},
              "Policy": {"type": "object"},
              "Labels": {"type": "object", "patternProperties": {".*": {"type": "string"}}},
              "Either": {"type": ["object", "string"]},
              "Arn": {"type": "string"},
              "Endpoint": {"type": "object", "properties": {"Address": {"type": "string"}}}
            },
            "definitions": {
              "Mode": {"type": "string", "enum": ["a", "b"]},
              "Tag": {"type": "object", "additionalProperties": false,
                      "properties": {"Key": {"type": "string"}, "Value": {"type": "string"}},
                      "required": ["Key"]}
            },
            "required": ["Name"],
            "readOnlyProperties": ["/properties/Arn", "/properties/Endpoint/Address"],
            "createOnlyProperties": ["/properties/Name"],
            "primaryIdentifier": ["/properties/Name"]}"##,
        );
        let t = convert("AWS::X::Thing", &s, true);
        assert_eq!(t.ref_returns.as_deref(), Some("Name"));
        assert_eq!(t.attributes, ["Arn", "Endpoint.Address"]);
        let name = t.property("Name").unwrap();
        assert!(name.required && name.create_only);
        assert_eq!(name.constraints.max_length, Some(64));
        assert_eq!(name.summary.as_deref(), Some("The name."));
        assert_eq!(t.property("Size").unwrap().constraints.maximum, Some(10.0));
        let mode = t.property("Mode").unwrap();
        assert_eq!(
            (mode.kind.clone(), mode.constraints.allowed.clone()),
            (Kind::String, vec!["a".into(), "b".into()])
        );
        let tags = t.property("Tags").unwrap();
        assert_eq!(tags.kind, Kind::List(Box::new(Kind::Object("Tag".into()))));
        assert_eq!(tags.constraints.max_items, Some(50));
        assert!(
            t.definition("Tag")
                .unwrap()
                .property("Key")
                .unwrap()
                .required
        );
        assert!(!t.definition("Tag").unwrap().open);
        assert!(t.shape.open, "no additionalProperties: false");
        assert_eq!(t.property("Policy").unwrap().kind, Kind::Json);
        assert_eq!(
            t.property("Labels").unwrap().kind,
            Kind::Map(Box::new(Kind::String))
        );
        assert_eq!(t.property("Either").unwrap().kind, Kind::Any);
        assert!(
            t.property("Arn").is_none(),
            "read-only properties are not settable"
        );
        assert_eq!(
            t.property("Endpoint").unwrap().kind,
            Kind::Object("Endpoint".into())
        );
    }

    #[test]
    fn types_with_readable_properties_expose_them_all() {
        let s = schema(
            r#"{"properties": {"CidrBlock": {"type": "string"},
                "Ipv6": {"type": "array", "items": {"type": "string"}},
                "Blocks": {"type": "array", "items": {"type": "object"}}}}"#,
        );
        let t = convert("AWS::EC2::VPC", &s, false);
        assert_eq!(t.attributes, ["CidrBlock", "Ipv6"]);
    }

    #[test]
    fn nested_stacks_read_any_output() {
        let t = convert(
            "AWS::CloudFormation::Stack",
            &schema(r#"{"properties": {}}"#),
            false,
        );
        assert!(t.has_attribute("Outputs.VpcId"));
    }

    #[test]
    fn summaries_are_one_plain_sentence() {
        assert_eq!(
            summary("The ``ID`` of it. More.").as_deref(),
            Some("The ID of it.")
        );
        assert_eq!(summary("\n  Only line").as_deref(), Some("Only line"));
    }
}
