// Writes web/aws-icons.svg (with the package's licence notice): the AWS Architecture Icons the canvas draws, taken from
// the npm package `aws-icons` (a devDependency; run `node scripts/aws-icons.mjs` after
// `npm ci`). Only the icons named below are written, each once, as an SVG <pattern>,
// with a style sheet that paints a box's icon by its resource type:
//   - a service's icon for every type of the service (`AWS::SQS::*`),
//   - a resource's own icon where AWS draws one (`AWS::SQS::Queue`),
//   - AWS's group icons for VPCs and public and private subnets.
// The app loads the file after the page is up and falls back to its category tiles
// for every type not named here (and before the file arrives). Types are checked
// against the resource catalog, so a misspelt one fails here instead of silently
// drawing nothing.

import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const pkgDir = dirname(require.resolve('aws-icons/package.json', { paths: [root] }));
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));

// Service prefix -> architecture-service icon. Written first, so a type's own icon
// below wins over its service's.
const SERVICES = {
  'AWS::EC2::': 'AmazonVirtualPrivateCloud', // most EC2 types are the VPC's; compute ones below
  'AWS::ACMPCA::': 'AWSPrivateCertificateAuthority',
  'AWS::AmazonMQ::': 'AmazonMQ',
  'AWS::Amplify::': 'AWSAmplify',
  'AWS::ApiGateway::': 'AmazonAPIGateway',
  'AWS::ApiGatewayV2::': 'AmazonAPIGateway',
  'AWS::AppRunner::': 'AWSAppRunner',
  'AWS::AppSync::': 'AWSAppSync',
  'AWS::ApplicationAutoScaling::': 'AWSApplicationAutoScaling',
  'AWS::Athena::': 'AmazonAthena',
  'AWS::AutoScaling::': 'AmazonEC2AutoScaling',
  'AWS::Backup::': 'AWSBackup',
  'AWS::Batch::': 'AWSBatch',
  'AWS::Budgets::': 'AWSBudgets',
  'AWS::CertificateManager::': 'AWSCertificateManager',
  'AWS::Cloud9::': 'AWSCloud9',
  'AWS::CloudFormation::': 'AWSCloudFormation',
  'AWS::CloudFront::': 'AmazonCloudFront',
  'AWS::CloudTrail::': 'AWSCloudTrail',
  'AWS::CloudWatch::': 'AmazonCloudWatch',
  'AWS::CodeArtifact::': 'AWSCodeArtifact',
  'AWS::CodeBuild::': 'AWSCodeBuild',
  'AWS::CodeCommit::': 'AWSCodeCommit',
  'AWS::CodeDeploy::': 'AWSCodeDeploy',
  'AWS::CodePipeline::': 'AWSCodePipeline',
  'AWS::Cognito::': 'AmazonCognito',
  'AWS::Config::': 'AWSConfig',
  'AWS::DMS::': 'AWSDatabaseMigrationService',
  'AWS::DirectoryService::': 'AWSDirectoryService',
  'AWS::DocDB::': 'AmazonDocumentDB',
  'AWS::DynamoDB::': 'AmazonDynamoDB',
  'AWS::ECR::': 'AmazonElasticContainerRegistry',
  'AWS::ECS::': 'AmazonElasticContainerService',
  'AWS::EFS::': 'AmazonEFS',
  'AWS::EKS::': 'AmazonElasticKubernetesService',
  'AWS::EMR::': 'AmazonEMR',
  'AWS::ElastiCache::': 'AmazonElastiCache',
  'AWS::ElasticBeanstalk::': 'AWSElasticBeanstalk',
  'AWS::ElasticLoadBalancing::': 'ElasticLoadBalancing',
  'AWS::ElasticLoadBalancingV2::': 'ElasticLoadBalancing',
  'AWS::Elasticsearch::': 'AmazonOpenSearchService',
  'AWS::EventSchemas::': 'AmazonEventBridge',
  'AWS::Events::': 'AmazonEventBridge',
  'AWS::FSx::': 'AmazonFSx',
  'AWS::Glue::': 'AWSGlue',
  'AWS::GlobalAccelerator::': 'AWSGlobalAccelerator',
  'AWS::Greengrass::': 'AWSIoTGreengrass',
  'AWS::GreengrassV2::': 'AWSIoTGreengrass',
  'AWS::GuardDuty::': 'AmazonGuardDuty',
  'AWS::IAM::': 'AWSIdentityandAccessManagement',
  'AWS::ImageBuilder::': 'AmazonEC2ImageBuilder',
  'AWS::Inspector::': 'AmazonInspector',
  'AWS::InspectorV2::': 'AmazonInspector',
  'AWS::IoT::': 'AWSIoTCore',
  'AWS::KMS::': 'AWSKeyManagementService',
  'AWS::Kinesis::': 'AmazonKinesisDataStreams',
  'AWS::KinesisFirehose::': 'AmazonDataFirehose',
  'AWS::Lambda::': 'AWSLambda',
  'AWS::Lightsail::': 'AmazonLightsail',
  'AWS::Logs::': 'AmazonCloudWatch',
  'AWS::MSK::': 'AmazonManagedStreamingforApacheKafka',
  'AWS::MemoryDB::': 'AmazonMemoryDB',
  'AWS::Neptune::': 'AmazonNeptune',
  'AWS::NetworkFirewall::': 'AWSNetworkFirewall',
  'AWS::OpenSearchService::': 'AmazonOpenSearchService',
  'AWS::Organizations::': 'AWSOrganizations',
  'AWS::Pipes::': 'AmazonEventBridge',
  'AWS::RDS::': 'AmazonRDS',
  'AWS::Redshift::': 'AmazonRedshift',
  'AWS::Route53::': 'AmazonRoute53',
  'AWS::Route53Resolver::': 'AmazonRoute53',
  'AWS::S3::': 'AmazonSimpleStorageService',
  'AWS::SES::': 'AmazonSimpleEmailService',
  'AWS::SNS::': 'AmazonSimpleNotificationService',
  'AWS::SQS::': 'AmazonSimpleQueueService',
  'AWS::SSM::': 'AWSSystemsManager',
  'AWS::SageMaker::': 'AmazonSageMakerAI',
  'AWS::Scheduler::': 'AmazonEventBridge',
  'AWS::SecretsManager::': 'AWSSecretsManager',
  'AWS::SecurityHub::': 'AWSSecurityHub',
  'AWS::Serverless::': 'AWSLambda',
  'AWS::ServiceCatalog::': 'AWSServiceCatalog',
  'AWS::StepFunctions::': 'AWSStepFunctions',
  'AWS::Transfer::': 'AWSTransferFamily',
  'AWS::WAF::': 'AWSWAF',
  'AWS::WAFRegional::': 'AWSWAF',
  'AWS::WAFv2::': 'AWSWAF',
  'AWS::XRay::': 'AWSXRay',
};

// Type -> icon: `resource/Name` (a resource icon) or `architecture-service/Name`.
const TYPES = {
  // The VPC's and a subnet's own group icons (the palette's; on the canvas the
  // group rules below also tell public subnets from private ones).
  'AWS::EC2::VPC': 'architecture-group/VirtualprivatecloudVPC',
  'AWS::EC2::Subnet': 'architecture-group/Privatesubnet',
  'AWS::EC2::Instance': 'resource/AmazonEC2Instance',
  'AWS::EC2::Host': 'architecture-service/AmazonEC2',
  'AWS::EC2::LaunchTemplate': 'architecture-service/AmazonEC2',
  'AWS::EC2::EC2Fleet': 'architecture-service/AmazonEC2',
  'AWS::EC2::PlacementGroup': 'architecture-service/AmazonEC2',
  'AWS::EC2::CapacityReservation': 'architecture-service/AmazonEC2',
  'AWS::EC2::SpotFleet': 'resource/AmazonEC2SpotInstance',
  'AWS::EC2::EIP': 'resource/AmazonEC2ElasticIPAddress',
  'AWS::EC2::EIPAssociation': 'resource/AmazonEC2ElasticIPAddress',
  'AWS::EC2::Volume': 'resource/AmazonElasticBlockStoreVolume',
  'AWS::EC2::VolumeAttachment': 'resource/AmazonElasticBlockStoreVolume',
  'AWS::EC2::InternetGateway': 'resource/AmazonVPCInternetGateway',
  'AWS::EC2::EgressOnlyInternetGateway': 'resource/AmazonVPCInternetGateway',
  'AWS::EC2::VPCGatewayAttachment': 'resource/AmazonVPCInternetGateway',
  'AWS::EC2::NatGateway': 'resource/AmazonVPCNATGateway',
  'AWS::EC2::RouteTable': 'resource/AmazonVPCRouter',
  'AWS::EC2::Route': 'resource/AmazonVPCRouter',
  'AWS::EC2::VPCEndpoint': 'resource/AmazonVPCEndpoints',
  'AWS::EC2::VPCEndpointService': 'architecture-service/AWSPrivateLink',
  'AWS::EC2::FlowLog': 'resource/AmazonVPCFlowLogs',
  'AWS::EC2::NetworkAcl': 'resource/AmazonVPCNetworkAccessControlList',
  'AWS::EC2::NetworkAclEntry': 'resource/AmazonVPCNetworkAccessControlList',
  'AWS::EC2::NetworkInterface': 'resource/AmazonVPCElasticNetworkInterface',
  'AWS::EC2::VPCPeeringConnection': 'resource/AmazonVPCPeeringConnection',
  'AWS::EC2::VPNGateway': 'resource/AmazonVPCVPNGateway',
  'AWS::EC2::VPNConnection': 'resource/AmazonVPCVPNConnection',
  'AWS::EC2::CustomerGateway': 'resource/AmazonVPCCustomerGateway',
  'AWS::EC2::CarrierGateway': 'resource/AmazonVPCCarrierGateway',
  'AWS::EC2::TransitGateway': 'architecture-service/AWSTransitGateway',
  'AWS::EC2::TransitGatewayAttachment': 'resource/AWSTransitGatewayAttachment',
  'AWS::EC2::TransitGatewayVpcAttachment': 'resource/AWSTransitGatewayAttachment',
  'AWS::EC2::ClientVpnEndpoint': 'architecture-service/AWSClientVPN',
  'AWS::AutoScaling::AutoScalingGroup': 'resource/AmazonEC2AutoScaling',
  'AWS::ElasticLoadBalancingV2::LoadBalancer': 'resource/ElasticLoadBalancingApplicationLoadBalancer',
  'AWS::ElasticLoadBalancing::LoadBalancer': 'resource/ElasticLoadBalancingClassicLoadBalancer',
  'AWS::IAM::Role': 'resource/AWSIdentityAccessManagementRole',
  'AWS::IAM::InstanceProfile': 'resource/AWSIdentityAccessManagementRole',
  'AWS::IAM::Policy': 'resource/AWSIdentityAccessManagementPermissions',
  'AWS::IAM::ManagedPolicy': 'resource/AWSIdentityAccessManagementPermissions',
  'AWS::IAM::RolePolicy': 'resource/AWSIdentityAccessManagementPermissions',
  'AWS::S3::Bucket': 'resource/AmazonSimpleStorageServiceBucket',
  'AWS::S3::AccessPoint': 'resource/AmazonSimpleStorageServiceGeneralAccessPoints',
  'AWS::S3Express::DirectoryBucket': 'resource/AmazonSimpleStorageServiceDirectorybucket',
  'AWS::SSM::Parameter': 'resource/AWSSystemsManagerParameterStore',
  'AWS::SSM::Document': 'resource/AWSSystemsManagerDocuments',
  'AWS::SSM::Association': 'resource/AWSSystemsManagerStateManager',
  'AWS::SSM::MaintenanceWindow': 'resource/AWSSystemsManagerMaintenanceWindows',
  'AWS::SSM::PatchBaseline': 'resource/AWSSystemsManagerPatchManager',
  'AWS::Lambda::Function': 'resource/AWSLambdaLambdaFunction',
  'AWS::Serverless::Function': 'resource/AWSLambdaLambdaFunction',
  'AWS::Serverless::Api': 'architecture-service/AmazonAPIGateway',
  'AWS::Serverless::HttpApi': 'architecture-service/AmazonAPIGateway',
  'AWS::Serverless::SimpleTable': 'resource/AmazonDynamoDBTable',
  'AWS::Serverless::StateMachine': 'architecture-service/AWSStepFunctions',
  'AWS::Serverless::Application': 'architecture-service/AWSServerlessApplicationRepository',
  'AWS::CloudWatch::Alarm': 'resource/AmazonCloudWatchAlarm',
  'AWS::CloudWatch::CompositeAlarm': 'resource/AmazonCloudWatchAlarm',
  'AWS::Logs::LogGroup': 'resource/AmazonCloudWatchLogs',
  'AWS::Logs::LogStream': 'resource/AmazonCloudWatchLogs',
  'AWS::Events::Rule': 'resource/AmazonEventBridgeRule',
  'AWS::Events::EventBus': 'resource/AmazonEventBridgeCustomEventBus',
  'AWS::Scheduler::Schedule': 'resource/AmazonEventBridgeScheduler',
  'AWS::Pipes::Pipe': 'resource/AmazonEventBridgePipes',
  'AWS::EventSchemas::Registry': 'resource/AmazonEventBridgeSchemaRegistry',
  'AWS::EventSchemas::Schema': 'resource/AmazonEventBridgeSchema',
  'AWS::RDS::DBInstance': 'resource/AmazonAuroraAmazonRDSInstance',
  'AWS::RDS::DBCluster': 'architecture-service/AmazonAurora',
  'AWS::RDS::DBProxy': 'resource/AmazonRDSProxyInstance',
  'AWS::DynamoDB::Table': 'resource/AmazonDynamoDBTable',
  'AWS::DynamoDB::GlobalTable': 'resource/AmazonDynamoDBTable',
  'AWS::ElastiCache::CacheCluster': 'resource/AmazonElastiCacheCacheNode',
  'AWS::ElastiCache::ReplicationGroup': 'resource/AmazonElastiCacheElastiCacheforRedis',
  'AWS::SQS::Queue': 'resource/AmazonSimpleQueueServiceQueue',
  'AWS::SNS::Topic': 'resource/AmazonSimpleNotificationServiceTopic',
  'AWS::CloudFront::Distribution': 'resource/AmazonCloudFrontDownloadDistribution',
  'AWS::CloudFront::Function': 'resource/AmazonCloudFrontFunctions',
  'AWS::Route53::HostedZone': 'resource/AmazonRoute53HostedZone',
  'AWS::Route53Resolver::ResolverEndpoint': 'resource/AmazonRoute53Resolver',
  'AWS::ECS::Service': 'resource/AmazonElasticContainerServiceService',
  'AWS::ECS::TaskDefinition': 'resource/AmazonElasticContainerServiceTask',
  'AWS::ECR::Repository': 'resource/AmazonElasticContainerRegistryRegistry',
  'AWS::EFS::FileSystem': 'resource/AmazonElasticFileSystemFileSystem',
  'AWS::CloudFormation::Stack': 'resource/AWSCloudFormationStack',
  'AWS::EMR::Cluster': 'resource/AmazonEMRCluster',
  'AWS::ElasticBeanstalk::Application': 'resource/AWSElasticBeanstalkApplication',
  'AWS::DirectoryService::MicrosoftAD': 'resource/AWSDirectoryServiceAWSManagedMicrosoftAD',
  'AWS::DirectoryService::SimpleAD': 'resource/AWSDirectoryServiceSimpleAD',
  'AWS::Backup::BackupVault': 'resource/AWSBackupBackupVault',
  'AWS::Backup::BackupPlan': 'resource/AWSBackupBackupPlan',
  'AWS::IoT::Policy': 'resource/AWSIoTPolicy',
  'AWS::IoT::TopicRule': 'resource/AWSIoTRule',
  'AWS::IoT::Thing': 'resource/AWSIoTThingGeneric',
  'AWS::IoT::Certificate': 'resource/AWSIoTCertificate',
  'AWS::Glue::Crawler': 'resource/AWSGlueCrawler',
  'AWS::Glue::Database': 'resource/AWSGlueDataCatalog',
  'AWS::Synthetics::Canary': 'resource/AmazonCloudWatchSynthetics',
  'AWS::AmazonMQ::Broker': 'resource/AmazonMQBroker',
};

// Groups, by the container classes the canvas gives them (see `container_class`).
const GROUPS = {
  '.c-vpc': 'architecture-group/VirtualprivatecloudVPC',
  '.c-subnet': 'architecture-group/Privatesubnet',
  '.c-public': 'architecture-group/Publicsubnet',
};

const catalog = new Set(
  readFileSync(join(root, 'crates/core/data/catalog.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('T\t'))
    .map((l) => l.split('\t')[1]),
);
// The SAM transform's types, which no resource schema describes.
for (const t of ['Function', 'Api', 'HttpApi', 'SimpleTable', 'StateMachine', 'Application', 'LayerVersion']) {
  catalog.add(`AWS::Serverless::${t}`);
}
const services = new Set([...catalog].map((t) => t.split('::').slice(0, 2).join('::') + '::'));
for (const prefix of Object.keys(SERVICES)) {
  if (!services.has(prefix)) throw new Error(`no type of ${prefix} in the catalog`);
}
for (const type of Object.keys(TYPES)) {
  if (!catalog.has(type)) throw new Error(`${type} is not in the catalog`);
}

// One pattern per icon file: its drawing without the title, in its own view box.
const patterns = new Map();
function pattern(file) {
  const id = `fw-aws-${file.split('/')[1]}`;
  if (!patterns.has(file)) {
    const svg = readFileSync(join(pkgDir, 'icons', `${file}.svg`), 'utf8').trim();
    const viewBox = svg.match(/viewBox="([^"]+)"/)?.[1];
    const body = svg
      .replace(/^<svg[^>]*>/, '')
      .replace(/<\/svg>$/, '')
      .replace(/<title>[^<]*<\/title>/, '');
    if (!viewBox || !body || /\sid="/.test(body)) throw new Error(`unexpected markup in ${file}`);
    patterns.set(file, `<pattern id="${id}" width="1" height="1" viewBox="${viewBox}">${body}</pattern>`);
  }
  return `url(#${id})`;
}

// Far zoomed out (`detail-icon`) a box keeps its flat category colour; the palette's
// and the inspector's icons (`.aws-icon`) take the same icons as the boxes.
const scene = ':is(.scene:not(.detail-icon),.aws-icon)';
const rules = [
  ...Object.entries(SERVICES).map(
    ([prefix, name]) => `${scene} [data-type^="${prefix}"] .icon{fill:${pattern(`architecture-service/${name}`)}}`,
  ),
  ...Object.entries(TYPES).map(([type, file]) => `${scene} [data-type="${type}"] .icon{fill:${pattern(file)}}`),
  // A security group has no icon of its own in AWS's set (it is drawn as a group):
  // it keeps its category's tile rather than the VPC's.
  `${scene} [data-type="AWS::EC2::SecurityGroup"] .icon{fill:url(#fw-icon-security)}`,
  ...Object.entries(GROUPS).map(([cls, file]) => `${scene} ${cls} .icon{fill:${pattern(file)}}`),
];

const out = `<svg xmlns="http://www.w3.org/2000/svg" id="fw-aws-icons" width="0" height="0" style="position:absolute" aria-hidden="true">
<!-- AWS Architecture Icons, from the npm package aws-icons ${pkg.version}, whose notice follows.
The icons are Amazon's, used as AWS permits for architecture diagrams.
Written by scripts/aws-icons.mjs: edit that, not this.

${readFileSync(join(pkgDir, 'LICENSE'), 'utf8').trim().replaceAll('--', '- -')}
-->
<style>
${rules.join('\n')}
</style>
<defs>
${[...patterns.values()].join('\n')}
</defs>
</svg>
`;
writeFileSync(join(root, 'web/aws-icons.svg'), out);
console.log(`web/aws-icons.svg: ${patterns.size} icons, ${rules.length} rules, ${out.length} bytes`);
