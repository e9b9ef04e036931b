//! The template engine's behaviour through its public API: limits, edits that keep
//! comments, typed views, and the Designer's layout metadata. Fixture files are
//! exercised by `tests/template_fixtures.rs`, the AWS corpus by `tests/corpus.rs`.

use std::time::Instant;

use super::designer::{Layout, Link, Shape, new_designer_id, read_layout, write_layout};
use super::intrinsic::{Reference, references};
use super::*;

fn parse_ok(text: &str) -> Imported {
    parse(text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn a_template_over_one_megabyte_is_refused_with_its_size() {
    let text = format!("Description: {}\n", "x".repeat(limits::MAX_TEMPLATE_BYTES));
    let e = parse(&text).unwrap_err();
    assert_eq!(e.pos, Pos::new(1, 1));
    assert!(e.message.contains("at most 1048576"), "{}", e.message);
}

#[test]
fn nesting_beyond_the_limit_is_refused_in_yaml_and_json() {
    let deep_yaml = format!("Resources: {}{}\n", "[".repeat(100), "]".repeat(100));
    let e = parse(&deep_yaml).unwrap_err();
    assert!(
        e.message.contains("nesting deeper than 64"),
        "{}",
        e.message
    );
    let deep_json = format!("{{\"A\": {}{}}}", "[".repeat(100), "]".repeat(100));
    let e = parse(&deep_json).unwrap_err();
    assert!(
        e.message.contains("nesting deeper than 64"),
        "{}",
        e.message
    );
}

#[test]
fn a_billion_laughs_is_refused_fast() {
    let mut text = String::from("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let prev = format!("*l{}", i - 1);
        text.push_str(&format!("l{i}: &l{i} [{}]\n", vec![prev; 10].join(", ")));
    }
    let started = Instant::now();
    let e = parse(&text).unwrap_err();
    let took = started.elapsed();
    assert!(
        e.message.contains("aliases expand to more than"),
        "{}",
        e.message
    );
    // Generous for a debug build on a loaded machine; it takes a few milliseconds.
    assert!(took.as_millis() < 2000, "took {took:?}");
}

#[test]
fn aliasing_a_long_string_many_times_is_refused() {
    let mut text = format!("Mappings:\n  A: &a '{}'\n  B: [", "x".repeat(100_000));
    text.push_str(&vec!["*a"; 60].join(", "));
    text.push_str("]\n");
    let e = parse(&text).unwrap_err();
    assert!(e.message.contains("MB of text"), "{}", e.message);
}

#[test]
fn aliases_within_the_limit_are_expanded_with_a_warning() {
    let imported = parse_ok("Mappings: {A: &a {k: v}, B: *a}\n");
    let mappings = imported.template.section_map(Section::Mappings).unwrap();
    assert_eq!(mappings.get("A"), mappings.get("B"));
    assert_eq!(imported.warnings.len(), 1);
    assert_eq!(imported.warnings[0].rule, "FW0002");
}

#[test]
fn more_than_five_hundred_resources_is_a_warning_not_an_error() {
    let mut text = String::from("Resources:\n");
    for i in 0..501 {
        text.push_str(&format!("  T{i}:\n    Type: AWS::SNS::Topic\n"));
    }
    let imported = parse_ok(&text);
    assert_eq!(imported.template.resources().count(), 501);
    let w = imported
        .warnings
        .iter()
        .find(|w| w.rule == "FW0004")
        .unwrap();
    assert!(w.message.starts_with("501 resources"), "{}", w.message);
    assert_eq!(w.pos, Some(Pos::new(1, 1)));
}

#[test]
fn bad_input_of_any_kind_gives_an_error_never_a_panic() {
    let inputs = [
        "",
        "\u{feff}",
        ":",
        "- a\n- b",
        "A: [",
        "A: {",
        "{",
        "[",
        "\"",
        "A: !Ref",
        "!!",
        "&a",
        "*a",
        "A: |\n\tx",
        "\0",
        "A: 'x\n",
        "{\"A\": }",
        "{\"A\" 1}",
        "A:\n  - b\n  c: d",
        "? a\n: b",
        "%YAML 1.1\n---\nA: 1",
        "---\n...\n",
        "A: !<tag:yaml.org,2002:str> x",
    ];
    for text in inputs {
        // Either outcome is fine; what matters is that there is one.
        let _ = parse(text);
    }
}

#[test]
fn a_bom_is_accepted() {
    let imported = parse_ok("\u{feff}Resources: {}\n");
    assert!(imported.template.section(Section::Resources).is_some());
}

#[test]
fn comments_survive_an_edit_next_to_them() {
    let text = "\
Resources:
  # The bucket.
  Bucket: # keeps logs
    Type: AWS::S3::Bucket
    Properties:
      BucketName: old # named once
  # The topic.
  Topic:
    Type: AWS::SNS::Topic
";
    let mut t = parse_ok(text).template;
    let resources = t
        .sections_mut()
        .get_mut("Resources")
        .and_then(Node::as_map_mut)
        .unwrap();
    let bucket = resources.get_mut("Bucket").unwrap().as_map_mut().unwrap();
    let props = bucket.get_mut("Properties").unwrap().as_map_mut().unwrap();
    props.insert("BucketName", Node::string("new"));
    props.insert("VersioningConfiguration", Node::map(Map::new()));
    let expected = "\
Resources:
  # The bucket.
  Bucket: # keeps logs
    Type: AWS::S3::Bucket
    Properties:
      BucketName: new # named once
      VersioningConfiguration: {}
  # The topic.
  Topic:
    Type: AWS::SNS::Topic
";
    assert_eq!(t.to_yaml(), expected);
}

#[test]
fn comments_of_a_removed_element_go_with_it() {
    let text = "Resources:\n  # about A\n  A:\n    Type: AWS::SNS::Topic\n  # about B\n  B:\n    Type: AWS::SNS::Topic\n";
    let mut t = parse_ok(text).template;
    t.sections_mut()
        .get_mut("Resources")
        .and_then(Node::as_map_mut)
        .unwrap()
        .remove("A");
    assert_eq!(
        t.to_yaml(),
        "Resources:\n  # about B\n  B:\n    Type: AWS::SNS::Topic\n"
    );
}

#[test]
fn new_strings_are_quoted_where_yaml_1_1_would_read_another_type() {
    let mut t = Template::new();
    let resources = t.sections_mut().get_mut("Resources").unwrap();
    let mut tags = Map::new();
    for (k, v) in [
        ("a", "yes"),
        ("b", "0755"),
        ("c", "1e3"),
        ("d", "2024-01-01"),
        ("e", "plain"),
    ] {
        tags.insert(k, Node::string(v));
    }
    resources.as_map_mut().unwrap().insert("T", Node::map(tags));
    assert_eq!(
        t.to_yaml(),
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  T:\n    a: 'yes'\n    b: '0755'\n    c: '1e3'\n    d: '2024-01-01'\n    e: plain\n"
    );
}

#[test]
fn yaml_from_json_uses_short_forms_and_literal_blocks() {
    let json = r##"{"Resources": {"I": {"Type": "AWS::EC2::Instance", "Properties": {
        "UserData": {"Fn::Base64": {"Fn::Sub": "#!/bin/bash\necho ${AWS::Region}\n"}},
        "SubnetId": {"Fn::GetAtt": ["Net", "Outputs.Subnet"]},
        "AvailabilityZone": {"Fn::GetAZs": null}}}}}"##;
    let t = parse_ok(json).template;
    assert_eq!(
        t.to_yaml(),
        "Resources:\n  I:\n    Type: AWS::EC2::Instance\n    Properties:\n      UserData: !Base64\n        Fn::Sub: |\n          #!/bin/bash\n          echo ${AWS::Region}\n      SubnetId: !GetAtt Net.Outputs.Subnet\n      AvailabilityZone:\n        Fn::GetAZs: null\n"
    );
}

#[test]
fn json_from_yaml_spells_functions_long() {
    let t = parse_ok("Outputs:\n  A:\n    Value: !GetAtt Db.Endpoint.Address\n  B:\n    Value: !Rain::Embed x.sh\n").template;
    assert_eq!(
        t.to_json(),
        "{\n  \"Outputs\": {\n    \"A\": {\n      \"Value\": {\"Fn::GetAtt\": [\"Db\", \"Endpoint.Address\"]}\n    },\n    \"B\": {\n      \"Value\": {\"Rain::Embed\": \"x.sh\"}\n    }\n  }\n}\n"
    );
}

#[test]
fn positions_are_on_every_node() {
    let t = parse_ok("Resources:\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      SubnetId: !Ref Net\n").template;
    let web = t.resource("Web").unwrap();
    let subnet = web.property("SubnetId").unwrap();
    assert_eq!(subnet.span.start, Pos::new(5, 17));
    let arg = &subnet.as_fn().unwrap().arg;
    assert_eq!(arg.span.start, Pos::new(5, 22));
    let mut unpositioned = 0;
    t.root
        .walk(&mut |_, n| unpositioned += usize::from(!n.span.start.is_known()));
    assert_eq!(unpositioned, 0);
}

#[test]
fn typed_views_follow_references() {
    let t = parse_ok(
        "Resources:\n  A:\n    Type: AWS::SNS::Topic\n    DependsOn: [B, C]\n    Condition: IsProd\n    Properties:\n      DisplayName: !Sub '${B.TopicName}-${AWS::Region}'\n  B:\n    Type: AWS::SNS::Topic\n  Fn::ForEach::Loop:\n    - X\n    - [a]\n    - T${X}:\n        Type: AWS::SNS::Topic\n",
    )
    .template;
    let ids: Vec<&str> = t.resources().map(|r| r.id).collect();
    assert_eq!(ids, ["A", "B"]);
    let a = t.resource("A").unwrap();
    assert_eq!(a.depends_on(), ["B", "C"]);
    assert_eq!(a.condition(), Some("IsProd"));
    let sub = a.property("DisplayName").unwrap().as_fn().unwrap();
    assert_eq!(
        references(sub),
        vec![Reference::Sub("B.TopicName"), Reference::Sub("AWS::Region")]
    );
    assert_eq!(t.for_each_loops().next().unwrap().name, "Loop");
}

#[test]
fn get_att_written_two_ways_is_one_call() {
    let a = parse_ok("Outputs: {O: {Value: !GetAtt A.B}}").template;
    let b = parse_ok("Outputs: {O: {Value: {Fn::GetAtt: [A, B]}}}").template;
    assert_eq!(a.root, b.root);
}

const DESIGNER_TEMPLATE: &str = "\
Metadata:
  AWS::CloudFormation::Designer:
    aaaa:
      size: {width: 400, height: 300}
      position: {x: 10, 'y': 20}
      z: 1
      embeds: [bbbb]
    bbbb:
      size: {width: 60, height: 60}
      position: {x: 50, 'y': 70}
      z: 2
      parent: aaaa
    link:
      source: {id: bbbb}
      target: {id: aaaa}
      z: 11
Resources:
  Vpc:
    Type: AWS::EC2::VPC
    Metadata:
      AWS::CloudFormation::Designer: {id: aaaa}
  Subnet:
    Type: AWS::EC2::Subnet
    Metadata:
      AWS::CloudFormation::Designer: {id: bbbb}
";

#[test]
fn designer_layouts_are_read() {
    let t = parse_ok(DESIGNER_TEMPLATE).template;
    let layout = read_layout(&t);
    assert_eq!(
        layout.shapes["Subnet"],
        Shape {
            designer_id: "bbbb".into(),
            x: 50.0,
            y: 70.0,
            width: 60.0,
            height: 60.0,
            z: 2,
            parent: Some("Vpc".into()),
        }
    );
    assert_eq!(layout.shapes["Vpc"].width, 400.0);
    assert_eq!(
        layout.links,
        vec![Link {
            designer_id: "link".into(),
            source: "Subnet".into(),
            target: "Vpc".into(),
            z: 11,
        }]
    );
}

#[test]
fn an_unchanged_designer_layout_is_written_back_as_it_was() {
    let imported = parse_ok(DESIGNER_TEMPLATE);
    let mut t = imported.template;
    let layout = read_layout(&t);
    write_layout(&mut t, &layout);
    let written = t.to_yaml();
    // The Designer's own file kept its entries; this writer adds the derived
    // `iscontainedinside` and a list `embeds` on the child, and nothing else changes.
    let back = read_layout(&parse_ok(&written).template);
    assert_eq!(back, layout);
    assert!(written.contains("position: {x: 50, 'y': 70}"), "{written}");
}

#[test]
fn layouts_made_here_are_written_in_the_designers_format() {
    let mut t = parse_ok(
        "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Vpc:\n    Type: AWS::EC2::VPC\n  Web:\n    Type: AWS::EC2::Instance\n    DependsOn: Vpc\n    Properties:\n      ImageId: ami-1\n",
    )
    .template;
    let vpc_id = new_designer_id("Vpc", 0);
    let web_id = new_designer_id("Web", 0);
    assert_ne!(vpc_id, web_id);
    assert_eq!(vpc_id.len(), 36);
    assert_eq!(&vpc_id[14..15], "4");
    let mut layout = Layout::default();
    layout.shapes.insert(
        "Vpc".into(),
        Shape {
            designer_id: vpc_id.clone(),
            x: 0.0,
            y: 0.0,
            width: 500.0,
            height: 400.0,
            z: 0,
            parent: None,
        },
    );
    layout.shapes.insert(
        "Web".into(),
        Shape {
            designer_id: web_id.clone(),
            x: 40.5,
            y: 60.0,
            width: 60.0,
            height: 60.0,
            z: 1,
            parent: Some("Vpc".into()),
        },
    );
    write_layout(&mut t, &layout);
    let yaml = t.to_yaml();
    let expected_web = format!(
        "    {web_id}:\n      size:\n        width: 60\n        height: 60\n      position:\n        x: 40.5\n        'y': 60\n      z: 1\n      embeds: []\n      parent: {vpc_id}\n      iscontainedinside:\n        - {vpc_id}\n      dependson:\n        - {vpc_id}\n"
    );
    assert!(yaml.contains(&expected_web), "{yaml}");
    assert!(
        yaml.contains(&format!(
            "    Properties:\n      ImageId: ami-1\n    Metadata:\n      AWS::CloudFormation::Designer:\n        id: {web_id}\n"
        )),
        "{yaml}"
    );
    assert!(
        yaml.starts_with(
            "AWSTemplateFormatVersion: '2010-09-09'\nMetadata:\n  AWS::CloudFormation::Designer:\n"
        ),
        "{yaml}"
    );
    assert_eq!(read_layout(&parse_ok(&yaml).template), layout);
}
