//! What the palette offers: resource types grouped by service category.
//!
//! The palette renders any list of [`PaletteEntry`]s it is given. [`palette_entries`]
//! is where that list comes from.

use yew::AttrValue;

use crate::i18n::Strings;

/// The AWS architecture-icon category of a service, which sets its colour and glyph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    Compute,
    Containers,
    Storage,
    Database,
    Networking,
    Security,
    Management,
    Integration,
    Analytics,
    MachineLearning,
    DeveloperTools,
    Other,
}

impl Category {
    /// Palette order.
    pub const ALL: [Category; 12] = [
        Category::Networking,
        Category::Compute,
        Category::Containers,
        Category::Storage,
        Category::Database,
        Category::Security,
        Category::Integration,
        Category::Analytics,
        Category::MachineLearning,
        Category::Management,
        Category::DeveloperTools,
        Category::Other,
    ];

    pub fn label(self, s: &Strings) -> &'static str {
        match self {
            Category::Compute => s.cat_compute,
            Category::Containers => s.cat_containers,
            Category::Storage => s.cat_storage,
            Category::Database => s.cat_database,
            Category::Networking => s.cat_networking,
            Category::Security => s.cat_security,
            Category::Management => s.cat_management,
            Category::Integration => s.cat_integration,
            Category::Analytics => s.cat_analytics,
            Category::MachineLearning => s.cat_ml,
            Category::DeveloperTools => s.cat_devtools,
            Category::Other => s.cat_other,
        }
    }

    /// A stable identifier for CSS classes and element ids.
    pub fn slug(self) -> &'static str {
        match self {
            Category::Compute => "compute",
            Category::Containers => "containers",
            Category::Storage => "storage",
            Category::Database => "database",
            Category::Networking => "networking",
            Category::Security => "security",
            Category::Management => "management",
            Category::Integration => "integration",
            Category::Analytics => "analytics",
            Category::MachineLearning => "ml",
            Category::DeveloperTools => "devtools",
            Category::Other => "other",
        }
    }

    /// The category colour, after the AWS architecture icons.
    pub fn color(self) -> &'static str {
        match self {
            Category::Compute | Category::Containers => "#ED7100",
            Category::Storage => "#3F8624",
            Category::Database => "#2E73B8",
            Category::Networking | Category::Analytics => "#8C4FFF",
            Category::Security => "#DD344C",
            Category::Management | Category::Integration => "#E7157B",
            Category::MachineLearning => "#01A88D",
            Category::DeveloperTools => "#3B48CC",
            Category::Other => "#5F6B7A",
        }
    }

    /// Reads a category name as a catalog may spell it ("Networking & Content Delivery",
    /// "networking", "ml" ...). Unknown names are [`Category::Other`].
    pub fn from_name(name: &str) -> Category {
        let n = name.to_ascii_lowercase();
        let has = |w: &str| n.contains(w);
        if has("container") {
            Category::Containers
        } else if has("compute") || has("serverless") {
            Category::Compute
        } else if has("storage") {
            Category::Storage
        } else if has("database") {
            Category::Database
        } else if has("network") || has("content delivery") {
            Category::Networking
        } else if has("security") || has("identity") {
            Category::Security
        } else if has("management") || has("governance") || has("monitoring") {
            Category::Management
        } else if has("integration") || has("messaging") {
            Category::Integration
        } else if has("analytics") {
            Category::Analytics
        } else if has("machine")
            || n.split(|c: char| !c.is_ascii_alphanumeric())
                .any(|w| w == "ml" || w == "ai")
        {
            Category::MachineLearning
        } else if has("developer") || has("devtools") {
            Category::DeveloperTools
        } else {
            Category::Other
        }
    }
}

/// One resource type in the palette.
#[derive(Clone, Debug, PartialEq)]
pub struct PaletteEntry {
    /// The CloudFormation type, e.g. `AWS::EC2::VPC`; also the entry's accessible name.
    pub type_name: AttrValue,
    /// A short human name, e.g. `VPC`.
    pub label: AttrValue,
    pub category: Category,
}

/// The category of a type, looked up in the palette list; unknown types are `Other`.
pub fn category_of(entries: &[PaletteEntry], type_name: &str) -> Category {
    entries
        .iter()
        .find(|e| e.type_name == type_name)
        .map(|e| e.category)
        .unwrap_or(Category::Other)
}

/// The short name of a type: its last segment (`AWS::S3::Bucket` -> `Bucket`).
pub fn short_name(type_name: &str) -> &str {
    type_name.rsplit("::").next().unwrap_or(type_name)
}

/// The CloudFormation User Guide page of a resource type, in the interface language.
pub fn reference_url(type_name: &str, korean: bool) -> Option<String> {
    let mut parts = type_name.split("::");
    let (Some("AWS"), Some(service), Some(resource), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let locale = if korean { "ko_kr/" } else { "" };
    Some(format!(
        "https://docs.aws.amazon.com/{locale}AWSCloudFormation/latest/UserGuide/aws-resource-{}-{}.html",
        service.to_ascii_lowercase(),
        resource.to_ascii_lowercase()
    ))
}

/// The CloudFormation User Guide, in the interface language.
pub fn docs_home(korean: bool) -> &'static str {
    if korean {
        "https://docs.aws.amazon.com/ko_kr/AWSCloudFormation/latest/UserGuide/Welcome.html"
    } else {
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/Welcome.html"
    }
}

/// The types the palette offers.
pub fn palette_entries() -> Vec<PaletteEntry> {
    BUILT_IN
        .iter()
        .map(|&(type_name, label, category)| PaletteEntry {
            type_name: AttrValue::Static(type_name),
            label: AttrValue::Static(label),
            category,
        })
        .collect()
}

/// Commonly used resource types, until the core catalog is wired in.
const BUILT_IN: &[(&str, &str, Category)] = {
    use Category::*;
    &[
        ("AWS::EC2::VPC", "VPC", Networking),
        ("AWS::EC2::Subnet", "Subnet", Networking),
        ("AWS::EC2::InternetGateway", "Internet gateway", Networking),
        (
            "AWS::EC2::VPCGatewayAttachment",
            "Gateway attachment",
            Networking,
        ),
        ("AWS::EC2::NatGateway", "NAT gateway", Networking),
        ("AWS::EC2::EIP", "Elastic IP", Networking),
        ("AWS::EC2::RouteTable", "Route table", Networking),
        ("AWS::EC2::Route", "Route", Networking),
        (
            "AWS::EC2::SubnetRouteTableAssociation",
            "Route table association",
            Networking,
        ),
        (
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            "Load balancer",
            Networking,
        ),
        (
            "AWS::ElasticLoadBalancingV2::TargetGroup",
            "Target group",
            Networking,
        ),
        (
            "AWS::ElasticLoadBalancingV2::Listener",
            "Listener",
            Networking,
        ),
        (
            "AWS::CloudFront::Distribution",
            "CloudFront distribution",
            Networking,
        ),
        ("AWS::Route53::HostedZone", "Hosted zone", Networking),
        ("AWS::Route53::RecordSet", "Record set", Networking),
        ("AWS::ApiGateway::RestApi", "REST API", Networking),
        ("AWS::EC2::Instance", "EC2 instance", Compute),
        ("AWS::EC2::LaunchTemplate", "Launch template", Compute),
        (
            "AWS::AutoScaling::AutoScalingGroup",
            "Auto Scaling group",
            Compute,
        ),
        ("AWS::Lambda::Function", "Lambda function", Compute),
        ("AWS::Lambda::Permission", "Lambda permission", Compute),
        ("AWS::ECS::Cluster", "ECS cluster", Containers),
        ("AWS::ECS::Service", "ECS service", Containers),
        ("AWS::ECS::TaskDefinition", "Task definition", Containers),
        ("AWS::ECR::Repository", "ECR repository", Containers),
        ("AWS::EKS::Cluster", "EKS cluster", Containers),
        ("AWS::S3::Bucket", "S3 bucket", Storage),
        ("AWS::S3::BucketPolicy", "Bucket policy", Storage),
        ("AWS::EC2::Volume", "EBS volume", Storage),
        ("AWS::EFS::FileSystem", "EFS file system", Storage),
        ("AWS::RDS::DBInstance", "RDS DB instance", Database),
        ("AWS::RDS::DBSubnetGroup", "DB subnet group", Database),
        ("AWS::RDS::DBCluster", "Aurora DB cluster", Database),
        ("AWS::DynamoDB::Table", "DynamoDB table", Database),
        (
            "AWS::ElastiCache::CacheCluster",
            "ElastiCache cluster",
            Database,
        ),
        ("AWS::EC2::SecurityGroup", "Security group", Security),
        ("AWS::IAM::Role", "IAM role", Security),
        ("AWS::IAM::Policy", "IAM policy", Security),
        ("AWS::IAM::InstanceProfile", "Instance profile", Security),
        ("AWS::KMS::Key", "KMS key", Security),
        ("AWS::SecretsManager::Secret", "Secret", Security),
        ("AWS::SQS::Queue", "SQS queue", Integration),
        ("AWS::SNS::Topic", "SNS topic", Integration),
        ("AWS::SNS::Subscription", "SNS subscription", Integration),
        ("AWS::Events::Rule", "EventBridge rule", Integration),
        (
            "AWS::StepFunctions::StateMachine",
            "State machine",
            Integration,
        ),
        ("AWS::Kinesis::Stream", "Kinesis stream", Analytics),
        ("AWS::Glue::Database", "Glue database", Analytics),
        (
            "AWS::SageMaker::Endpoint",
            "SageMaker endpoint",
            MachineLearning,
        ),
        ("AWS::CloudWatch::Alarm", "CloudWatch alarm", Management),
        ("AWS::Logs::LogGroup", "Log group", Management),
        ("AWS::SSM::Parameter", "SSM parameter", Management),
        (
            "AWS::CloudFormation::WaitConditionHandle",
            "Wait condition handle",
            Management,
        ),
        (
            "AWS::CodeBuild::Project",
            "CodeBuild project",
            DeveloperTools,
        ),
        (
            "AWS::CodePipeline::Pipeline",
            "CodePipeline",
            DeveloperTools,
        ),
    ]
};

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn reference_urls_follow_the_user_guide() {
        assert_eq!(
            reference_url("AWS::EC2::VPC", false).as_deref(),
            Some(
                "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-ec2-vpc.html"
            )
        );
        assert!(
            reference_url("AWS::S3::Bucket", true)
                .unwrap()
                .contains("/ko_kr/")
        );
        assert_eq!(reference_url("Custom::Thing", false), None);
        assert_eq!(reference_url("AWS::A::B::C", false), None);
    }

    #[wasm_bindgen_test]
    fn category_names_are_read_loosely() {
        assert_eq!(
            Category::from_name("Networking & Content Delivery"),
            Category::Networking
        );
        assert_eq!(Category::from_name("Containers"), Category::Containers);
        assert_eq!(Category::from_name("compute"), Category::Compute);
        assert_eq!(Category::from_name("Quantum"), Category::Other);
    }

    #[wasm_bindgen_test]
    fn built_in_types_are_unique() {
        let entries = palette_entries();
        let mut names: Vec<_> = entries.iter().map(|e| e.type_name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), entries.len());
        assert_eq!(short_name("AWS::S3::Bucket"), "Bucket");
    }
}
