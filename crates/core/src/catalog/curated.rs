//! The resource types the designer puts up front, and what connecting them writes.
//!
//! All of it is data: a new curated type is one entry in [`CURATED`], a new connection
//! one entry in [`CONNECTIONS`]. Values are YAML fragments in which `$from` and `$to`
//! stand for the logical ids of the connection's two ends (for a drop into a container,
//! `$from` is the child and `$to` the container).

/// The AWS architecture-icon category of a service, which sets its colour and glyph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    Networking,
    Compute,
    Containers,
    LoadBalancing,
    Database,
    Storage,
    ContentDelivery,
    Security,
    Management,
    Integration,
    Analytics,
    Other,
}

use Category::*;

impl Category {
    /// Palette order.
    pub const ALL: [Category; 12] = [
        Category::Networking,
        Category::Compute,
        Category::LoadBalancing,
        Category::Database,
        Category::Storage,
        Category::ContentDelivery,
        Category::Security,
        Category::Management,
        Category::Integration,
        Category::Containers,
        Category::Analytics,
        Category::Other,
    ];

    /// The category of a service (`EC2`, `RDS`, ...), for types without a curated
    /// entry; EC2 counts as compute, its networking types being curated.
    pub fn of_service(service: &str) -> Category {
        match service {
            "NetworkFirewall" | "DirectConnect" | "NetworkManager" | "VpcLattice" => Networking,
            "EC2"
            | "AutoScaling"
            | "ApplicationAutoScaling"
            | "Lambda"
            | "Batch"
            | "ElasticBeanstalk"
            | "Lightsail"
            | "ImageBuilder" => Compute,
            "ECS" | "EKS" | "ECR" | "AppRunner" => Containers,
            "ElasticLoadBalancing" | "ElasticLoadBalancingV2" | "GlobalAccelerator" => {
                LoadBalancing
            }
            "RDS" | "DynamoDB" | "ElastiCache" | "Neptune" | "DocDB" | "Redshift" | "MemoryDB"
            | "Timestream" | "QLDB" | "DAX" | "Cassandra" => Database,
            "S3" | "EFS" | "FSx" | "Backup" | "S3Express" => Storage,
            "CloudFront" | "Route53" | "Route53Resolver" => ContentDelivery,
            "IAM" | "KMS" | "SecretsManager" | "WAFv2" | "WAF" | "Cognito"
            | "CertificateManager" | "GuardDuty" | "SecurityHub" | "Shield" | "SSO" => Security,
            "CloudWatch" | "CloudTrail" | "Logs" | "Config" | "SSM" | "CloudFormation"
            | "Events" | "Scheduler" => Management,
            "SNS" | "SQS" | "StepFunctions" | "ApiGateway" | "ApiGatewayV2" | "AppSync"
            | "EventSchemas" | "Pipes" => Integration,
            "Kinesis" | "KinesisFirehose" | "Glue" | "Athena" | "EMR" | "OpenSearchService"
            | "Elasticsearch" | "MSK" | "QuickSight" => Analytics,
            _ => Other,
        }
    }
}

/// A curated type: where it sits in the palette and what a new one starts with.
#[derive(Clone, Copy, Debug)]
pub struct Curated {
    pub type_name: &'static str,
    pub category: Category,
    /// A short name for the palette and the node: `VPC`, `Subnet`, `Load balancer`.
    pub label: &'static str,
    /// Drawn as a box other resources go into.
    pub container: bool,
    /// The properties a new resource starts with, as YAML.
    pub starting_properties: &'static str,
    /// The logical id a new one is named after: `Vpc`, `Vpc2`, ...
    pub id_base: &'static str,
}

/// Which end of a connection a property is written on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum End {
    From,
    To,
}

/// What a connection (or a drop into a container) writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Writes `value` at `path` (property names joined by `/`, under Properties) on one
    /// end; with `append`, adds it to the list there instead.
    Property {
        on: End,
        path: &'static str,
        value: &'static str,
        append: bool,
    },
    /// Creates a resource of another type that joins the two (an attachment, an
    /// association), with these properties.
    Glue {
        type_name: &'static str,
        properties: &'static str,
    },
}

/// How two types connect.
#[derive(Clone, Copy, Debug)]
pub struct Connection {
    pub from: &'static str,
    pub to: &'static str,
    /// Dropping `from` into `to` (a container) makes this connection.
    pub by_containment: bool,
    pub effect: Effect,
}

const fn set(path: &'static str, value: &'static str) -> Effect {
    Effect::Property {
        on: End::From,
        path,
        value,
        append: false,
    }
}

const fn append(path: &'static str, value: &'static str) -> Effect {
    Effect::Property {
        on: End::From,
        path,
        value,
        append: true,
    }
}

const fn append_on_target(path: &'static str, value: &'static str) -> Effect {
    Effect::Property {
        on: End::To,
        path,
        value,
        append: true,
    }
}

const fn contain(from: &'static str, to: &'static str, effect: Effect) -> Connection {
    Connection {
        from,
        to,
        by_containment: true,
        effect,
    }
}

const fn link(from: &'static str, to: &'static str, effect: Effect) -> Connection {
    Connection {
        from,
        to,
        by_containment: false,
        effect,
    }
}

const fn entry(
    type_name: &'static str,
    category: Category,
    label: &'static str,
    id_base: &'static str,
    starting_properties: &'static str,
) -> Curated {
    Curated {
        type_name,
        category,
        label,
        container: false,
        starting_properties,
        id_base,
    }
}

const fn container(
    type_name: &'static str,
    category: Category,
    label: &'static str,
    id_base: &'static str,
    starting_properties: &'static str,
) -> Curated {
    Curated {
        type_name,
        category,
        label,
        container: true,
        starting_properties,
        id_base,
    }
}

pub const CURATED: &[Curated] = &[
    container(
        "AWS::EC2::VPC",
        Networking,
        "VPC",
        "Vpc",
        "CidrBlock: 10.0.0.0/16\nEnableDnsSupport: true\nEnableDnsHostnames: true\n",
    ),
    container(
        "AWS::EC2::Subnet",
        Networking,
        "Subnet",
        "Subnet",
        "CidrBlock: 10.0.1.0/24\nAvailabilityZone: !Select [0, !GetAZs '']\n",
    ),
    entry(
        "AWS::EC2::InternetGateway",
        Networking,
        "Internet gateway",
        "InternetGateway",
        "",
    ),
    entry(
        "AWS::EC2::VPCGatewayAttachment",
        Networking,
        "Gateway attachment",
        "GatewayAttachment",
        "",
    ),
    entry(
        "AWS::EC2::NatGateway",
        Networking,
        "NAT gateway",
        "NatGateway",
        "ConnectivityType: public\n",
    ),
    entry(
        "AWS::EC2::EIP",
        Networking,
        "Elastic IP",
        "ElasticIp",
        "Domain: vpc\n",
    ),
    entry(
        "AWS::EC2::RouteTable",
        Networking,
        "Route table",
        "RouteTable",
        "",
    ),
    entry(
        "AWS::EC2::Route",
        Networking,
        "Route",
        "Route",
        "DestinationCidrBlock: 0.0.0.0/0\n",
    ),
    entry(
        "AWS::EC2::SubnetRouteTableAssociation",
        Networking,
        "Route table association",
        "RouteTableAssociation",
        "",
    ),
    entry(
        "AWS::EC2::SecurityGroup",
        Networking,
        "Security group",
        "SecurityGroup",
        "GroupDescription: Allow HTTP from anywhere\nSecurityGroupIngress:\n  - IpProtocol: tcp\n    FromPort: 80\n    ToPort: 80\n    CidrIp: 0.0.0.0/0\n",
    ),
    entry(
        "AWS::EC2::SecurityGroupIngress",
        Networking,
        "Inbound rule",
        "IngressRule",
        "IpProtocol: tcp\nFromPort: 443\nToPort: 443\nCidrIp: 0.0.0.0/0\n",
    ),
    entry(
        "AWS::EC2::SecurityGroupEgress",
        Networking,
        "Outbound rule",
        "EgressRule",
        "IpProtocol: tcp\nFromPort: 443\nToPort: 443\nCidrIp: 0.0.0.0/0\n",
    ),
    entry(
        "AWS::EC2::NetworkAcl",
        Networking,
        "Network ACL",
        "NetworkAcl",
        "",
    ),
    entry(
        "AWS::EC2::NetworkAclEntry",
        Networking,
        "Network ACL entry",
        "NetworkAclEntry",
        "RuleNumber: 100\nProtocol: 6\nRuleAction: allow\nEgress: false\nCidrBlock: 0.0.0.0/0\nPortRange:\n  From: 443\n  To: 443\n",
    ),
    entry(
        "AWS::EC2::SubnetNetworkAclAssociation",
        Networking,
        "Network ACL association",
        "NetworkAclAssociation",
        "",
    ),
    entry(
        "AWS::EC2::Instance",
        Compute,
        "EC2 instance",
        "Instance",
        "ImageId: '{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}'\nInstanceType: t3.micro\n",
    ),
    entry(
        "AWS::EC2::LaunchTemplate",
        Compute,
        "Launch template",
        "LaunchTemplate",
        "LaunchTemplateData:\n  ImageId: '{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}'\n  InstanceType: t3.micro\n",
    ),
    entry(
        "AWS::AutoScaling::LaunchConfiguration",
        Compute,
        "Launch configuration",
        "LaunchConfig",
        "ImageId: '{{resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64}}'\nInstanceType: t3.micro\n",
    ),
    entry(
        "AWS::AutoScaling::AutoScalingGroup",
        Compute,
        "Auto Scaling group",
        "WebServerGroup",
        "MinSize: '1'\nMaxSize: '3'\nDesiredCapacity: '2'\n",
    ),
    entry(
        "AWS::AutoScaling::ScalingPolicy",
        Compute,
        "Scaling policy",
        "ScalingPolicy",
        "PolicyType: TargetTrackingScaling\nTargetTrackingConfiguration:\n  PredefinedMetricSpecification:\n    PredefinedMetricType: ASGAverageCPUUtilization\n  TargetValue: 60\n",
    ),
    entry(
        "AWS::Lambda::Function",
        Compute,
        "Lambda function",
        "Function",
        "Runtime: python3.12\nHandler: index.handler\nCode:\n  ZipFile: |\n    def handler(event, context):\n        return {\"statusCode\": 200}\n",
    ),
    entry(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        LoadBalancing,
        "Load balancer",
        "LoadBalancer",
        "Type: application\nScheme: internet-facing\n",
    ),
    entry(
        "AWS::ElasticLoadBalancingV2::Listener",
        LoadBalancing,
        "Listener",
        "Listener",
        "Port: 80\nProtocol: HTTP\n",
    ),
    entry(
        "AWS::ElasticLoadBalancingV2::ListenerRule",
        LoadBalancing,
        "Listener rule",
        "ListenerRule",
        "Priority: 1\nConditions:\n  - Field: path-pattern\n    Values: [/api/*]\n",
    ),
    entry(
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        LoadBalancing,
        "Target group",
        "TargetGroup",
        "Port: 80\nProtocol: HTTP\nHealthCheckPath: /\nHealthCheckIntervalSeconds: 30\nHealthCheckTimeoutSeconds: 5\nHealthyThresholdCount: 2\nUnhealthyThresholdCount: 3\n",
    ),
    entry(
        "AWS::ElasticLoadBalancing::LoadBalancer",
        LoadBalancing,
        "Classic load balancer",
        "ClassicLoadBalancer",
        "Listeners:\n  - LoadBalancerPort: '80'\n    InstancePort: '80'\n    Protocol: HTTP\nHealthCheck:\n  Target: HTTP:80/\n  HealthyThreshold: '2'\n  UnhealthyThreshold: '5'\n  Interval: '10'\n  Timeout: '5'\n",
    ),
    entry(
        "AWS::CloudWatch::Alarm",
        Management,
        "CloudWatch alarm",
        "CpuAlarm",
        "ComparisonOperator: GreaterThanThreshold\nEvaluationPeriods: 2\nMetricName: CPUUtilization\nNamespace: AWS/EC2\nPeriod: 300\nStatistic: Average\nThreshold: 70\n",
    ),
    entry(
        "AWS::CloudTrail::Trail",
        Management,
        "CloudTrail trail",
        "Trail",
        "IsLogging: true\nIsMultiRegionTrail: true\n",
    ),
    entry(
        "AWS::RDS::DBInstance",
        Database,
        "RDS database",
        "Database",
        "Engine: mysql\nDBInstanceClass: db.t3.micro\nAllocatedStorage: '20'\nMasterUsername: admin\nManageMasterUserPassword: true\nMultiAZ: true\n",
    ),
    entry(
        "AWS::RDS::DBSubnetGroup",
        Database,
        "DB subnet group",
        "DbSubnetGroup",
        "DBSubnetGroupDescription: Subnets for the database\n",
    ),
    entry(
        "AWS::RDS::DBCluster",
        Database,
        "Aurora cluster",
        "DbCluster",
        "Engine: aurora-mysql\nMasterUsername: admin\nManageMasterUserPassword: true\n",
    ),
    entry(
        "AWS::DynamoDB::Table",
        Database,
        "DynamoDB table",
        "Table",
        "BillingMode: PAY_PER_REQUEST\nAttributeDefinitions:\n  - AttributeName: id\n    AttributeType: S\nKeySchema:\n  - AttributeName: id\n    KeyType: HASH\n",
    ),
    entry(
        "AWS::ElastiCache::CacheCluster",
        Database,
        "Cache cluster",
        "Cache",
        "Engine: redis\nCacheNodeType: cache.t3.micro\nNumCacheNodes: 1\n",
    ),
    entry(
        "AWS::ElastiCache::ReplicationGroup",
        Database,
        "Cache replication group",
        "CacheGroup",
        "ReplicationGroupDescription: Session cache\nEngine: redis\nCacheNodeType: cache.t3.micro\nNumCacheClusters: 2\nAutomaticFailoverEnabled: true\n",
    ),
    entry(
        "AWS::S3::Bucket",
        Storage,
        "S3 bucket",
        "Bucket",
        "PublicAccessBlockConfiguration:\n  BlockPublicAcls: true\n  BlockPublicPolicy: true\n  IgnorePublicAcls: true\n  RestrictPublicBuckets: true\n",
    ),
    entry(
        "AWS::CloudFront::Distribution",
        ContentDelivery,
        "CloudFront distribution",
        "Distribution",
        "DistributionConfig:\n  Enabled: true\n  DefaultCacheBehavior:\n    TargetOriginId: origin\n    ViewerProtocolPolicy: redirect-to-https\n    CachePolicyId: 658327ea-f89d-4fab-a63d-7e88639e58f6\n  Origins:\n    - Id: origin\n      DomainName: example.com\n      CustomOriginConfig:\n        OriginProtocolPolicy: https-only\n",
    ),
    entry(
        "AWS::Route53::HostedZone",
        ContentDelivery,
        "Hosted zone",
        "HostedZone",
        "Name: example.com\n",
    ),
    entry(
        "AWS::Route53::RecordSet",
        ContentDelivery,
        "DNS record",
        "DnsRecord",
        "Name: www.example.com.\nType: A\n",
    ),
    entry(
        "AWS::IAM::Role",
        Security,
        "IAM role",
        "Role",
        "AssumeRolePolicyDocument:\n  Version: '2012-10-17'\n  Statement:\n    - Effect: Allow\n      Principal:\n        Service: ec2.amazonaws.com\n      Action: sts:AssumeRole\n",
    ),
    entry("AWS::SNS::Topic", Integration, "SNS topic", "Topic", ""),
    entry("AWS::SQS::Queue", Integration, "SQS queue", "Queue", ""),
];

const FORWARD: &str = "- Type: forward\n  TargetGroupArn: !Ref $to\n";

pub const CONNECTIONS: &[Connection] = &[
    // Containment: dropping the first into the second.
    contain(
        "AWS::EC2::Subnet",
        "AWS::EC2::VPC",
        set("VpcId", "!Ref $to"),
    ),
    contain(
        "AWS::EC2::RouteTable",
        "AWS::EC2::VPC",
        set("VpcId", "!Ref $to"),
    ),
    contain(
        "AWS::EC2::SecurityGroup",
        "AWS::EC2::VPC",
        set("VpcId", "!Ref $to"),
    ),
    contain(
        "AWS::EC2::NetworkAcl",
        "AWS::EC2::VPC",
        set("VpcId", "!Ref $to"),
    ),
    contain(
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        "AWS::EC2::VPC",
        set("VpcId", "!Ref $to"),
    ),
    contain(
        "AWS::EC2::Instance",
        "AWS::EC2::Subnet",
        set("SubnetId", "!Ref $to"),
    ),
    contain(
        "AWS::EC2::NatGateway",
        "AWS::EC2::Subnet",
        set("SubnetId", "!Ref $to"),
    ),
    contain(
        "AWS::Lambda::Function",
        "AWS::EC2::Subnet",
        append("VpcConfig/SubnetIds", "!Ref $to"),
    ),
    // Connections drawn between ports.
    link(
        "AWS::AutoScaling::AutoScalingGroup",
        "AWS::EC2::Subnet",
        append("VPCZoneIdentifier", "!Ref $to"),
    ),
    link(
        "AWS::AutoScaling::AutoScalingGroup",
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        append("TargetGroupARNs", "!Ref $to"),
    ),
    link(
        "AWS::AutoScaling::AutoScalingGroup",
        "AWS::EC2::LaunchTemplate",
        set(
            "LaunchTemplate",
            "LaunchTemplateId: !Ref $to\nVersion: !GetAtt $to.LatestVersionNumber\n",
        ),
    ),
    link(
        "AWS::AutoScaling::AutoScalingGroup",
        "AWS::AutoScaling::LaunchConfiguration",
        set("LaunchConfigurationName", "!Ref $to"),
    ),
    link(
        "AWS::AutoScaling::AutoScalingGroup",
        "AWS::ElasticLoadBalancing::LoadBalancer",
        append("LoadBalancerNames", "!Ref $to"),
    ),
    link(
        "AWS::EC2::SecurityGroup",
        "AWS::EC2::Instance",
        append_on_target("SecurityGroupIds", "!Ref $from"),
    ),
    link(
        "AWS::EC2::SecurityGroup",
        "AWS::EC2::LaunchTemplate",
        append_on_target("LaunchTemplateData/SecurityGroupIds", "!Ref $from"),
    ),
    link(
        "AWS::EC2::SecurityGroup",
        "AWS::AutoScaling::LaunchConfiguration",
        append_on_target("SecurityGroups", "!Ref $from"),
    ),
    link(
        "AWS::EC2::SecurityGroup",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        append_on_target("SecurityGroups", "!Ref $from"),
    ),
    link(
        "AWS::EC2::SecurityGroup",
        "AWS::ElasticLoadBalancing::LoadBalancer",
        append_on_target("SecurityGroups", "!Ref $from"),
    ),
    link(
        "AWS::EC2::SecurityGroup",
        "AWS::RDS::DBInstance",
        append_on_target("VPCSecurityGroups", "!Ref $from"),
    ),
    link(
        "AWS::EC2::SecurityGroup",
        "AWS::RDS::DBCluster",
        append_on_target("VpcSecurityGroupIds", "!Ref $from"),
    ),
    link(
        "AWS::EC2::SecurityGroup",
        "AWS::ElastiCache::CacheCluster",
        append_on_target("VpcSecurityGroupIds", "!Ref $from"),
    ),
    link(
        "AWS::EC2::SecurityGroup",
        "AWS::ElastiCache::ReplicationGroup",
        append_on_target("SecurityGroupIds", "!Ref $from"),
    ),
    link(
        "AWS::EC2::SecurityGroup",
        "AWS::Lambda::Function",
        append_on_target("VpcConfig/SecurityGroupIds", "!Ref $from"),
    ),
    link(
        "AWS::EC2::SecurityGroup",
        "AWS::EC2::SecurityGroup",
        Effect::Glue {
            type_name: "AWS::EC2::SecurityGroupIngress",
            properties: "GroupId: !Ref $to\nSourceSecurityGroupId: !Ref $from\nIpProtocol: tcp\nFromPort: 80\nToPort: 80\n",
        },
    ),
    link(
        "AWS::ElasticLoadBalancingV2::Listener",
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        set("DefaultActions", FORWARD),
    ),
    link(
        "AWS::ElasticLoadBalancingV2::Listener",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        set("LoadBalancerArn", "!Ref $to"),
    ),
    link(
        "AWS::ElasticLoadBalancingV2::ListenerRule",
        "AWS::ElasticLoadBalancingV2::Listener",
        set("ListenerArn", "!Ref $to"),
    ),
    link(
        "AWS::ElasticLoadBalancingV2::ListenerRule",
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        set("Actions", FORWARD),
    ),
    link(
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        "AWS::EC2::Subnet",
        append("Subnets", "!Ref $to"),
    ),
    link(
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        "AWS::EC2::VPC",
        set("VpcId", "!Ref $to"),
    ),
    link(
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        "AWS::EC2::Instance",
        append("Targets", "Id: !Ref $to\n"),
    ),
    link(
        "AWS::ElasticLoadBalancing::LoadBalancer",
        "AWS::EC2::Subnet",
        append("Subnets", "!Ref $to"),
    ),
    link(
        "AWS::ElasticLoadBalancing::LoadBalancer",
        "AWS::EC2::Instance",
        append("Instances", "!Ref $to"),
    ),
    link(
        "AWS::EC2::InternetGateway",
        "AWS::EC2::VPC",
        Effect::Glue {
            type_name: "AWS::EC2::VPCGatewayAttachment",
            properties: "VpcId: !Ref $to\nInternetGatewayId: !Ref $from\n",
        },
    ),
    link(
        "AWS::EC2::VPCGatewayAttachment",
        "AWS::EC2::VPC",
        set("VpcId", "!Ref $to"),
    ),
    link(
        "AWS::EC2::VPCGatewayAttachment",
        "AWS::EC2::InternetGateway",
        set("InternetGatewayId", "!Ref $to"),
    ),
    link(
        "AWS::EC2::RouteTable",
        "AWS::EC2::Subnet",
        Effect::Glue {
            type_name: "AWS::EC2::SubnetRouteTableAssociation",
            properties: "SubnetId: !Ref $to\nRouteTableId: !Ref $from\n",
        },
    ),
    link(
        "AWS::EC2::RouteTable",
        "AWS::EC2::VPC",
        set("VpcId", "!Ref $to"),
    ),
    link(
        "AWS::EC2::SubnetRouteTableAssociation",
        "AWS::EC2::Subnet",
        set("SubnetId", "!Ref $to"),
    ),
    link(
        "AWS::EC2::SubnetRouteTableAssociation",
        "AWS::EC2::RouteTable",
        set("RouteTableId", "!Ref $to"),
    ),
    link(
        "AWS::EC2::Route",
        "AWS::EC2::RouteTable",
        set("RouteTableId", "!Ref $to"),
    ),
    link(
        "AWS::EC2::Route",
        "AWS::EC2::InternetGateway",
        set("GatewayId", "!Ref $to"),
    ),
    link(
        "AWS::EC2::Route",
        "AWS::EC2::NatGateway",
        set("NatGatewayId", "!Ref $to"),
    ),
    link(
        "AWS::EC2::NatGateway",
        "AWS::EC2::Subnet",
        set("SubnetId", "!Ref $to"),
    ),
    link(
        "AWS::EC2::NatGateway",
        "AWS::EC2::EIP",
        set("AllocationId", "!GetAtt $to.AllocationId"),
    ),
    link(
        "AWS::EC2::EIP",
        "AWS::EC2::Instance",
        set("InstanceId", "!Ref $to"),
    ),
    link(
        "AWS::EC2::NetworkAcl",
        "AWS::EC2::Subnet",
        Effect::Glue {
            type_name: "AWS::EC2::SubnetNetworkAclAssociation",
            properties: "SubnetId: !Ref $to\nNetworkAclId: !Ref $from\n",
        },
    ),
    link(
        "AWS::EC2::NetworkAclEntry",
        "AWS::EC2::NetworkAcl",
        set("NetworkAclId", "!Ref $to"),
    ),
    link(
        "AWS::EC2::SubnetNetworkAclAssociation",
        "AWS::EC2::Subnet",
        set("SubnetId", "!Ref $to"),
    ),
    link(
        "AWS::EC2::SubnetNetworkAclAssociation",
        "AWS::EC2::NetworkAcl",
        set("NetworkAclId", "!Ref $to"),
    ),
    link(
        "AWS::EC2::SecurityGroupIngress",
        "AWS::EC2::SecurityGroup",
        set("GroupId", "!Ref $to"),
    ),
    link(
        "AWS::EC2::SecurityGroupEgress",
        "AWS::EC2::SecurityGroup",
        set("GroupId", "!Ref $to"),
    ),
    link(
        "AWS::EC2::Instance",
        "AWS::EC2::Subnet",
        set("SubnetId", "!Ref $to"),
    ),
    link(
        "AWS::AutoScaling::ScalingPolicy",
        "AWS::AutoScaling::AutoScalingGroup",
        set("AutoScalingGroupName", "!Ref $to"),
    ),
    link(
        "AWS::CloudWatch::Alarm",
        "AWS::AutoScaling::ScalingPolicy",
        append("AlarmActions", "!Ref $to"),
    ),
    link(
        "AWS::CloudWatch::Alarm",
        "AWS::SNS::Topic",
        append("AlarmActions", "!Ref $to"),
    ),
    link(
        "AWS::CloudWatch::Alarm",
        "AWS::AutoScaling::AutoScalingGroup",
        append(
            "Dimensions",
            "Name: AutoScalingGroupName\nValue: !Ref $to\n",
        ),
    ),
    link(
        "AWS::CloudWatch::Alarm",
        "AWS::EC2::Instance",
        append("Dimensions", "Name: InstanceId\nValue: !Ref $to\n"),
    ),
    link(
        "AWS::RDS::DBInstance",
        "AWS::RDS::DBSubnetGroup",
        set("DBSubnetGroupName", "!Ref $to"),
    ),
    link(
        "AWS::RDS::DBInstance",
        "AWS::RDS::DBCluster",
        set("DBClusterIdentifier", "!Ref $to"),
    ),
    link(
        "AWS::RDS::DBCluster",
        "AWS::RDS::DBSubnetGroup",
        set("DBSubnetGroupName", "!Ref $to"),
    ),
    link(
        "AWS::RDS::DBSubnetGroup",
        "AWS::EC2::Subnet",
        append("SubnetIds", "!Ref $to"),
    ),
    link(
        "AWS::CloudFront::Distribution",
        "AWS::S3::Bucket",
        append(
            "DistributionConfig/Origins",
            "Id: $to\nDomainName: !GetAtt $to.RegionalDomainName\nS3OriginConfig: {}\n",
        ),
    ),
    link(
        "AWS::CloudFront::Distribution",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        append(
            "DistributionConfig/Origins",
            "Id: $to\nDomainName: !GetAtt $to.DNSName\nCustomOriginConfig:\n  OriginProtocolPolicy: http-only\n",
        ),
    ),
    link(
        "AWS::Route53::RecordSet",
        "AWS::Route53::HostedZone",
        set("HostedZoneId", "!Ref $to"),
    ),
    link(
        "AWS::Route53::RecordSet",
        "AWS::CloudFront::Distribution",
        set(
            "AliasTarget",
            "DNSName: !GetAtt $to.DomainName\nHostedZoneId: Z2FDTNDATAQYW2\n",
        ),
    ),
    link(
        "AWS::Route53::RecordSet",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        set(
            "AliasTarget",
            "DNSName: !GetAtt $to.DNSName\nHostedZoneId: !GetAtt $to.CanonicalHostedZoneID\n",
        ),
    ),
    link(
        "AWS::CloudTrail::Trail",
        "AWS::S3::Bucket",
        set("S3BucketName", "!Ref $to"),
    ),
    link(
        "AWS::CloudTrail::Trail",
        "AWS::SNS::Topic",
        set("SnsTopicName", "!GetAtt $to.TopicName"),
    ),
    link(
        "AWS::Lambda::Function",
        "AWS::IAM::Role",
        set("Role", "!GetAtt $to.Arn"),
    ),
    link(
        "AWS::Lambda::Function",
        "AWS::EC2::Subnet",
        append("VpcConfig/SubnetIds", "!Ref $to"),
    ),
    link(
        "AWS::SNS::Topic",
        "AWS::SQS::Queue",
        Effect::Glue {
            type_name: "AWS::SNS::Subscription",
            properties: "TopicArn: !Ref $from\nProtocol: sqs\nEndpoint: !GetAtt $to.Arn\n",
        },
    ),
    link(
        "AWS::SQS::Queue",
        "AWS::Lambda::Function",
        Effect::Glue {
            type_name: "AWS::Lambda::EventSourceMapping",
            properties: "EventSourceArn: !GetAtt $from.Arn\nFunctionName: !Ref $to\n",
        },
    ),
];

/// The curated entry of a type.
pub fn curated(type_name: &str) -> Option<&'static Curated> {
    CURATED.iter().find(|c| c.type_name == type_name)
}

/// The connection from one type to another, trying the other direction too; `true`
/// in the answer means the rule's `from` is the second argument.
pub fn connection(a: &str, b: &str) -> Option<(&'static Connection, bool)> {
    CONNECTIONS
        .iter()
        .find(|c| !c.by_containment && c.from == a && c.to == b)
        .map(|c| (c, false))
        .or_else(|| {
            CONNECTIONS
                .iter()
                .find(|c| !c.by_containment && c.from == b && c.to == a)
                .map(|c| (c, true))
        })
}

/// What dropping a `child` into a `container` writes, if anything.
pub fn containment(child: &str, container: &str) -> Option<&'static Connection> {
    CONNECTIONS
        .iter()
        .find(|c| c.by_containment && c.from == child && c.to == container)
}

/// The names of the curated types, in palette order.
pub fn curated_names() -> Vec<&'static str> {
    CURATED.iter().map(|c| c.type_name).collect()
}

/// A YAML fragment with `$from` and `$to` replaced by logical ids.
pub fn fill(fragment: &str, from: &str, to: &str) -> String {
    fragment.replace("$from", from).replace("$to", to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::{Value, parse};

    #[test]
    fn every_fragment_is_valid_yaml() {
        for c in CURATED {
            if c.starting_properties.is_empty() {
                continue;
            }
            let text = format!("Properties:\n{}", indent(c.starting_properties));
            parse(&text).unwrap_or_else(|e| panic!("{}: {e}", c.type_name));
        }
        for c in CONNECTIONS {
            let fragment = match c.effect {
                Effect::Property { value, .. } => value,
                Effect::Glue { properties, .. } => properties,
            };
            let text = format!("V:\n{}", indent(&fill(fragment, "A", "B")));
            let doc = parse(&text).unwrap_or_else(|e| panic!("{} -> {}: {e}", c.from, c.to));
            assert!(!matches!(
                doc.template.sections().get("V").unwrap().value,
                Value::Null
            ));
        }
    }

    fn indent(s: &str) -> String {
        s.lines().map(|l| format!("  {l}\n")).collect()
    }

    #[test]
    fn connections_name_curated_types_only() {
        for c in CONNECTIONS {
            assert!(curated(c.from).is_some(), "{}", c.from);
            assert!(curated(c.to).is_some(), "{}", c.to);
            if let Effect::Glue { type_name, .. } = c.effect {
                assert!(
                    curated(type_name).is_some() || type_name.starts_with("AWS::"),
                    "{type_name}"
                );
            }
        }
    }

    #[test]
    fn lookups_go_both_ways() {
        let (c, reversed) = connection("AWS::EC2::VPC", "AWS::EC2::InternetGateway").unwrap();
        assert!(reversed);
        assert_eq!(c.from, "AWS::EC2::InternetGateway");
        let c = containment("AWS::EC2::Instance", "AWS::EC2::Subnet").unwrap();
        assert_eq!(c.effect, set("SubnetId", "!Ref $to"));
        assert!(containment("AWS::EC2::Subnet", "AWS::EC2::Instance").is_none());
    }

    #[test]
    fn every_type_has_a_category() {
        assert_eq!(Category::of_service("EC2"), Category::Compute);
        assert_eq!(Category::of_service("RDS"), Category::Database);
        assert_eq!(Category::of_service("Nonexistent"), Category::Other);
    }
}
