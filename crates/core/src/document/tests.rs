//! Document commands, history and undo, tested natively.

use super::commands::*;
use super::*;
use crate::template::designer::{Layout, Shape, read_layout};
use crate::template::{Node, parse};

fn doc(text: &str) -> Document {
    Document::new(parse(text).unwrap().template)
}

fn yaml(d: &Document) -> String {
    d.text(Format::Yaml)
}

#[test]
fn the_lab_network_builds_undoes_and_redoes() {
    let mut d = Document::default();
    let vpc = d
        .apply("Add VPC", |tx| add_resource(tx, "AWS::EC2::VPC"))
        .unwrap();
    let a = d
        .apply("Add subnet", |tx| add_resource(tx, "AWS::EC2::Subnet"))
        .unwrap();
    let b = d
        .apply("Add subnet", |tx| add_resource(tx, "AWS::EC2::Subnet"))
        .unwrap();
    for s in [&a, &b] {
        d.apply("Move into VPC", |tx| contain(tx, s, &vpc)).unwrap();
    }
    let igw = d
        .apply("Add gateway", |tx| {
            add_resource(tx, "AWS::EC2::InternetGateway")
        })
        .unwrap();
    let glue = d.apply("Connect", |tx| connect(tx, &igw, &vpc)).unwrap();
    assert_eq!(
        glue,
        Connected::Glue {
            id: "GatewayAttachment".into()
        }
    );
    let rt = d
        .apply("Add route table", |tx| {
            add_resource(tx, "AWS::EC2::RouteTable")
        })
        .unwrap();
    d.apply("Connect", |tx| connect(tx, &rt, &a)).unwrap();
    let web = d
        .apply("Add instance", |tx| add_resource(tx, "AWS::EC2::Instance"))
        .unwrap();
    d.apply("Move into subnet", |tx| contain(tx, &web, &a))
        .unwrap();
    let sg = d
        .apply("Add security group", |tx| {
            add_resource(tx, "AWS::EC2::SecurityGroup")
        })
        .unwrap();
    d.apply("Connect", |tx| connect(tx, &sg, &web)).unwrap();

    let built = yaml(&d);
    assert_eq!(
        (
            vpc.as_str(),
            a.as_str(),
            b.as_str(),
            igw.as_str(),
            rt.as_str(),
            web.as_str(),
            sg.as_str()
        ),
        (
            "Vpc",
            "Subnet",
            "Subnet2",
            "InternetGateway",
            "RouteTable",
            "Instance",
            "SecurityGroup"
        )
    );
    for expected in [
        "  Subnet:\n    Type: AWS::EC2::Subnet\n    Properties:\n      CidrBlock: 10.0.1.0/24\n      AvailabilityZone: !Select [0, !GetAZs '']\n      VpcId: !Ref Vpc\n",
        "  GatewayAttachment:\n    Type: AWS::EC2::VPCGatewayAttachment\n    Properties:\n      VpcId: !Ref Vpc\n      InternetGatewayId: !Ref InternetGateway\n",
        "  RouteTableAssociation:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Properties:\n      SubnetId: !Ref Subnet\n      RouteTableId: !Ref RouteTable\n",
        "      SubnetId: !Ref Subnet\n      SecurityGroupIds:\n        - !Ref SecurityGroup\n",
    ] {
        assert!(
            built.contains(expected),
            "missing:\n{expected}\nin:\n{built}"
        );
    }

    let mut undone = 0;
    while d.undo().is_some() {
        undone += 1;
    }
    assert_eq!(undone, 13);
    assert_eq!(yaml(&d), Template::new().to_yaml());
    while d.redo().is_some() {}
    assert_eq!(yaml(&d), built);
}

#[test]
fn a_failing_command_changes_nothing() {
    let mut d = doc("Resources:\n  A:\n    Type: AWS::SNS::Topic\n");
    let before = yaml(&d);
    let r = d.apply("Bad", |tx| {
        add_resource(tx, "AWS::SQS::Queue")?;
        rename_resource(tx, "A", "not valid!")
    });
    assert!(r.unwrap_err().0.contains("not a logical id"));
    assert_eq!(yaml(&d), before);
    assert!(d.undo().is_none(), "nothing was recorded");
}

#[test]
fn typing_in_one_field_undoes_as_one_step() {
    let mut d = doc("Resources:\n  A:\n    Type: AWS::SNS::Topic\n");
    for text in ["W", "We", "Web"] {
        d.apply_coalescing("Edit DisplayName", "A/DisplayName", |tx| {
            set_property(tx, "A", "DisplayName", Node::string(text))
        })
        .unwrap();
    }
    assert!(yaml(&d).contains("DisplayName: Web"));
    d.undo();
    assert_eq!(yaml(&d), "Resources:\n  A:\n    Type: AWS::SNS::Topic\n");
    d.redo();
    assert!(yaml(&d).contains("DisplayName: Web"));
}

#[test]
fn rename_follows_every_reference() {
    let mut d = doc("Resources:
  Vpc:
    Type: AWS::EC2::VPC
  Net:
    Type: AWS::EC2::Subnet
    DependsOn: [Vpc]
    Properties:
      VpcId: !Ref Vpc
      Cidr: !GetAtt Vpc.CidrBlock
      Other: !GetAtt [Vpc, DefaultSecurityGroup]
      Name: !Sub '${Vpc}-${Vpc.CidrBlock}-${VpcX}-${!Vpc}'
      Kept: !Sub ['${Vpc}', {Vpc: local}]
Outputs:
  Id:
    Value: !Ref Vpc
");
    d.apply("Rename", |tx| rename_resource(tx, "Vpc", "Network"))
        .unwrap();
    assert_eq!(
        yaml(&d),
        "Resources:
  Network:
    Type: AWS::EC2::VPC
  Net:
    Type: AWS::EC2::Subnet
    DependsOn: [Network]
    Properties:
      VpcId: !Ref Network
      Cidr: !GetAtt Network.CidrBlock
      Other: !GetAtt [Network, DefaultSecurityGroup]
      Name: !Sub '${Network}-${Network.CidrBlock}-${VpcX}-${!Vpc}'
      Kept: !Sub ['${Vpc}', {Vpc: local}]
Outputs:
  Id:
    Value: !Ref Network
"
    );
    assert!(
        d.apply("Rename", |tx| rename_resource(tx, "Net", "Network"))
            .is_err()
    );
}

#[test]
fn parameters_rename_with_their_console_labels() {
    let mut d = doc("Metadata:
  AWS::CloudFormation::Interface:
    ParameterGroups:
      - Parameters: [Env]
    ParameterLabels:
      Env: {default: Environment}
Parameters:
  Env: {Type: String}
Resources:
  T:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: !Sub '${Env}-topic'
");
    d.apply("Rename", |tx| rename_parameter(tx, "Env", "Stage"))
        .unwrap();
    let text = yaml(&d);
    assert!(text.contains("- Parameters: [Stage]"), "{text}");
    assert!(text.contains("Stage: {default: Environment}"), "{text}");
    assert!(text.contains("TopicName: !Sub '${Stage}-topic'"), "{text}");
}

#[test]
fn deleting_a_resource_removes_what_pointed_at_it() {
    let mut d = doc("Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
  Other:
    Type: AWS::EC2::SecurityGroup
  Web:
    Type: AWS::EC2::Instance
    DependsOn: [Sg, Other]
    Properties:
      SecurityGroupIds: [!Ref Sg, !Ref Other]
      UserData: !Sub '${Sg}'
Outputs:
  SgId:
    Value: !GetAtt Sg.GroupId
");
    d.apply("Delete", |tx| delete_resources(tx, &["Sg"]))
        .unwrap();
    assert_eq!(
        yaml(&d),
        "Resources:
  Other:
    Type: AWS::EC2::SecurityGroup
  Web:
    Type: AWS::EC2::Instance
    DependsOn: [Other]
    Properties:
      SecurityGroupIds: [!Ref Other]
      UserData: !Sub '${Sg}'
Outputs: {}
"
    );
}

#[test]
fn connections_without_a_rule_write_depends_on_and_links_disconnect_exactly() {
    let mut d = doc(
        "Resources:\n  T:\n    Type: AWS::SNS::Topic\n  B:\n    Type: AWS::S3::Bucket\n  L:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n  G:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n",
    );
    assert_eq!(
        d.apply("Connect", |tx| connect(tx, "T", "B")).unwrap(),
        Connected::DependsOn {
            from: "T".into(),
            to: "B".into()
        }
    );
    d.apply("Connect", |tx| connect(tx, "L", "G")).unwrap();
    let text = yaml(&d);
    assert!(text.contains("    DependsOn: B\n"), "{text}");
    assert!(
        text.contains(
            "DefaultActions:\n        - Type: forward\n          TargetGroupArn: !Ref G\n"
        ),
        "{text}"
    );
    assert_eq!(
        d.apply("Again", |tx| connect(tx, "G", "L")).unwrap(),
        Connected::Already
    );
    let at = property_path("L", "DefaultActions/0/TargetGroupArn");
    d.apply("Disconnect", |tx| disconnect(tx, "L", "G", &at))
        .unwrap();
    d.apply("Disconnect", |tx| remove_depends_on(tx, "T", "B"))
        .unwrap();
    assert_eq!(
        yaml(&d),
        "Resources:\n  T:\n    Type: AWS::SNS::Topic\n  B:\n    Type: AWS::S3::Bucket\n  L:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n  G:\n    Type: AWS::ElasticLoadBalancingV2::TargetGroup\n"
    );
}

#[test]
fn moving_out_of_a_container_removes_what_moving_in_wrote() {
    let mut d = doc(
        "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n  Net:\n    Type: AWS::EC2::Subnet\n    Properties:\n      CidrBlock: 10.0.0.0/24\n",
    );
    d.apply("In", |tx| contain(tx, "Net", "Vpc")).unwrap();
    assert!(yaml(&d).contains("VpcId: !Ref Vpc"));
    d.apply("Out", |tx| uncontain(tx, "Net", "Vpc")).unwrap();
    assert!(!yaml(&d).contains("VpcId"));
}

#[test]
fn copy_paste_and_duplicate_give_fresh_ids_and_keep_inner_references() {
    let mut d = doc(
        "Resources:\n  Vpc:\n    Type: AWS::EC2::VPC\n  Net:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n",
    );
    let clip = copy(d.template(), &["Vpc", "Net"]).unwrap();
    let pasted = d.apply("Paste", |tx| paste(tx, &clip)).unwrap();
    let new_ids: Vec<&str> = pasted.iter().map(|(_, new)| new.as_str()).collect();
    assert_eq!(new_ids, ["Vpc2", "Net2"]);
    assert_eq!(pasted[0].0, "Vpc");
    assert!(yaml(&d).contains(
        "  Net2:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc2\n"
    ));
    let dup = d.apply("Duplicate", |tx| duplicate(tx, &["Net"])).unwrap();
    assert_eq!(dup, ["Net3"]);
    assert!(
        yaml(&d).contains(
            "  Net3:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc\n"
        )
    );
    assert!(
        d.apply("Paste", |tx| paste(tx, "not: [a template"))
            .is_err()
    );
}

#[test]
fn layouts_are_written_as_designer_metadata_and_undone() {
    let mut d = doc("Resources:\n  A:\n    Type: AWS::SNS::Topic\n");
    let mut layout = Layout::default();
    layout.shapes.insert(
        "A".into(),
        Shape {
            designer_id: "uuid-a".into(),
            x: 10.0,
            y: 20.0,
            width: 220.0,
            height: 56.0,
            z: 0,
            parent: None,
        },
    );
    d.apply("Move", |tx| set_layout(tx, &layout)).unwrap();
    assert_eq!(read_layout(d.template()), layout);
    layout.shapes.get_mut("A").unwrap().x = 50.0;
    d.apply("Move", |tx| set_layout(tx, &layout)).unwrap();
    assert_eq!(read_layout(d.template()).shapes["A"].x, 50.0);
    d.undo();
    assert_eq!(read_layout(d.template()).shapes["A"].x, 10.0);
    d.undo();
    assert_eq!(yaml(&d), "Resources:\n  A:\n    Type: AWS::SNS::Topic\n");
}

#[test]
fn a_text_edit_is_one_undoable_swap() {
    let mut d = doc("Resources:\n  A:\n    Type: AWS::SNS::Topic\n");
    let next = parse("# edited\nResources:\n  B:\n    Type: AWS::SQS::Queue\n")
        .unwrap()
        .template;
    d.replace_template(next, "Edit template text");
    assert!(yaml(&d).starts_with("# edited"));
    assert_eq!(d.undo().as_deref(), Some("Edit template text"));
    assert_eq!(yaml(&d), "Resources:\n  A:\n    Type: AWS::SNS::Topic\n");
    d.redo();
    assert!(yaml(&d).contains("B:"));
}
