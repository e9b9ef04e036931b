//! Speed of the template engine: reading, writing YAML and writing JSON, over the real
//! AWS templates in `../shared/corpus/aws-samples` (skipped with a message when that
//! folder is absent) and over one generated template of 500 resources close to the
//! 1 MB limit.
//!
//! Run with `cargo bench -p formwork-core --bench template`. Every figure is the time
//! for one pass over all the templates of a group; the throughput is in MB/s (10^6
//! bytes) of the text read (`parse`, `convert`) or written (`emit_yaml`, `emit_json`).
//! `corpus/convert` does what `formwork convert` and cfn-flip do, in one process:
//! read each template and write it in the other format (YAML to JSON, JSON to YAML);
//! scripts/bench-vs-cfn-flip.sh compares it with cfn-flip.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use formwork_core::template::{self, Format, Template, limits};

/// The shared corpus of AWS sample templates, beside the project.
fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/aws-samples")
}

/// Every `.yaml`, `.yml` and `.json` file under `dir`, sorted, with its text.
fn read_templates(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut paths = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("readable corpus folder") {
            let path = entry.expect("corpus entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json")
            ) {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("readable template");
            (p, text)
        })
        .collect()
}

fn other(format: Format) -> Format {
    match format {
        Format::Yaml => Format::Json,
        Format::Json => Format::Yaml,
    }
}

fn total_len<S: AsRef<str>>(texts: &[S]) -> u64 {
    texts.iter().map(|t| t.as_ref().len() as u64).sum()
}

fn corpus(c: &mut Criterion) {
    let dir = corpus_dir();
    if !dir.is_dir() {
        println!(
            "SKIP corpus benchmarks: {} is absent (the shared template corpus lives beside the project)",
            dir.display()
        );
        return;
    }
    let files = read_templates(&dir);
    let mut texts = Vec::new();
    let mut templates: Vec<Template> = Vec::new();
    for (path, text) in files {
        match template::parse(&text) {
            Ok(imported) => {
                texts.push(text);
                templates.push(imported.template);
            }
            Err(e) => println!("corpus: left out {}: {e}", path.display()),
        }
    }
    let yaml: Vec<String> = templates.iter().map(Template::to_yaml).collect();
    let json: Vec<String> = templates.iter().map(Template::to_json).collect();
    println!(
        "corpus: {} templates, {} bytes read, {} bytes as YAML, {} bytes as JSON",
        texts.len(),
        total_len(&texts),
        total_len(&yaml),
        total_len(&json)
    );

    let mut group = c.benchmark_group("corpus");
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));

    group.throughput(Throughput::BytesDecimal(total_len(&texts)));
    group.bench_function("parse", |b| {
        b.iter(|| {
            for text in &texts {
                black_box(template::parse(black_box(text)).is_ok());
            }
        })
    });
    group.throughput(Throughput::BytesDecimal(total_len(&yaml)));
    group.bench_function("emit_yaml", |b| {
        b.iter(|| {
            for t in &templates {
                black_box(black_box(t).to_yaml());
            }
        })
    });
    group.throughput(Throughput::BytesDecimal(total_len(&json)));
    group.bench_function("emit_json", |b| {
        b.iter(|| {
            for t in &templates {
                black_box(black_box(t).to_json());
            }
        })
    });
    group.throughput(Throughput::BytesDecimal(total_len(&texts)));
    group.bench_function("convert", |b| {
        b.iter(|| {
            for text in &texts {
                let imported = template::parse(black_box(text)).expect("parsed before");
                let t = &imported.template;
                black_box(t.emit(other(t.format)));
            }
        })
    });
    group.finish();
}

/// The YAML text of a template of `resources` resources, five kinds in turn, using
/// short and long function forms, block scalars, flow collections and comments;
/// `pad` characters of description per resource set its size.
fn generated_yaml(resources: usize, pad: usize) -> String {
    use std::fmt::Write;
    let note = "Generated for the benchmark. ".repeat(pad / 29 + 1);
    let note = &note[..pad];
    let mut out = String::from(
        "AWSTemplateFormatVersion: '2010-09-09'\n\
         Description: A generated template of many resources, for benchmarks\n\
         Parameters:\n  \
           Environment:\n    \
             Type: String\n    \
             AllowedValues: [dev, test, prod]\n    \
             Default: dev\n\
         Conditions:\n  \
           IsProd: !Equals [!Ref Environment, prod]\n\
         Resources:\n",
    );
    for i in 0..resources {
        let prev = i.saturating_sub(1);
        let body = match i % 5 {
            0 => format!(
                "  Bucket{i}:\n    \
                   # Bucket {i}: versioned, expiring, notifying a queue\n    \
                   Type: AWS::S3::Bucket\n    \
                   DeletionPolicy: Retain\n    \
                   Properties:\n      \
                     BucketName: !Sub '${{AWS::StackName}}-bucket-{i}'\n      \
                     VersioningConfiguration:\n        \
                       Status: Enabled\n      \
                     LifecycleConfiguration:\n        \
                       Rules:\n          \
                         - Id: expire\n            \
                           Status: Enabled\n            \
                           ExpirationInDays: 30\n      \
                     Tags:\n        \
                       - Key: Name\n          \
                         Value: !Join ['-', [!Ref Environment, bucket, '{i}']]\n        \
                       - Key: Note\n          \
                         Value: \"{note}\"\n"
            ),
            1 => format!(
                "  Queue{i}:\n    \
                   Type: AWS::SQS::Queue\n    \
                   DependsOn: [Bucket{prev}]\n    \
                   Properties:\n      \
                     QueueName: !Join\n        \
                       - '-'\n        \
                       - - !Ref AWS::StackName\n          \
                         - queue\n          \
                         - '{i}'\n      \
                     VisibilityTimeout: 300\n      \
                     MessageRetentionPeriod: 1209600\n      \
                     FifoQueue: false\n      \
                     Tags:\n        \
                       - {{Key: Note, Value: '{note}'}}\n"
            ),
            2 => format!(
                "  Function{i}:\n    \
                   Type: AWS::Lambda::Function\n    \
                   Condition: IsProd\n    \
                   Properties:\n      \
                     Runtime: python3.12\n      \
                     Handler: index.handler\n      \
                     MemorySize: 256\n      \
                     Timeout: 30\n      \
                     Role:\n        \
                       Fn::GetAtt: [Role{}, Arn]\n      \
                     Environment:\n        \
                       Variables:\n          \
                         QUEUE_URL: !Ref Queue{prev}\n          \
                         REGION: !Ref AWS::Region\n      \
                     Code:\n        \
                       ZipFile: |\n          \
                         import json\n          \
                         # {note}\n          \
                         def handler(event, context):\n              \
                             print(json.dumps(event))\n              \
                             return {{'statusCode': 200, 'body': 'function {i}'}}\n",
                i + 1
            ),
            3 => format!(
                "  Role{i}:\n    \
                   Type: AWS::IAM::Role\n    \
                   Properties:\n      \
                     Description: >-\n        \
                       {note}\n      \
                     AssumeRolePolicyDocument:\n        \
                       Version: '2012-10-17'\n        \
                       Statement:\n          \
                         - Effect: Allow\n            \
                           Principal: {{Service: [lambda.amazonaws.com]}}\n            \
                           Action: ['sts:AssumeRole']\n      \
                     Policies:\n        \
                       - PolicyName: !Sub 'queue-${{AWS::Region}}-{i}'\n          \
                         PolicyDocument:\n            \
                           Version: '2012-10-17'\n            \
                           Statement:\n              \
                             - Effect: Allow\n                \
                               Action: [sqs:SendMessage, sqs:ReceiveMessage]\n                \
                               Resource: !GetAtt Queue{}.Arn\n",
                i - 2
            ),
            _ => format!(
                "  Group{i}:\n    \
                   Type: AWS::EC2::SecurityGroup\n    \
                   Properties:\n      \
                     GroupDescription: Web and SSH, {i}\n      \
                     VpcId: !ImportValue\n        \
                       Fn::Sub: '${{Environment}}-VpcId'\n      \
                     SecurityGroupIngress:\n        \
                       - {{IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0}}\n        \
                       - IpProtocol: tcp\n          \
                         FromPort: 22\n          \
                         ToPort: 22\n          \
                         CidrIp: !Select [0, !Cidr ['10.0.0.0/16', 256, 8]]\n      \
                     Tags:\n        \
                       - Key: Note\n          \
                         Value: '{note}'\n"
            ),
        };
        out.push_str(&body);
    }
    out.push_str("Outputs:\n");
    for i in (0..resources).step_by(5) {
        let _ = write!(
            out,
            "  Bucket{i}Arn:\n    Value: !GetAtt Bucket{i}.Arn\n    Export:\n      Name: !Sub '${{AWS::StackName}}-Bucket{i}'\n"
        );
    }
    out
}

/// The generated template with the most padding whose text in `format` stays under
/// 1,000,000 bytes, and that text.
fn generated(format: Format) -> (Template, String) {
    let text_of = |pad: usize| {
        let yaml = generated_yaml(500, pad);
        let t = template::parse(&yaml)
            .expect("the generated template reads")
            .template;
        let text = t.emit(format);
        (t, text)
    };
    // The size grows linearly with the padding: solve for 1,000,000 bytes, then step
    // down until the text fits.
    let small = text_of(0).1.len();
    let large = text_of(1000).1.len();
    let per_pad = (large - small) as f64 / 1000.0;
    let mut pad = ((1_000_000 - small) as f64 / per_pad) as usize;
    loop {
        let (t, text) = text_of(pad);
        if text.len() <= 1_000_000 {
            assert!(text.len() <= limits::MAX_TEMPLATE_BYTES);
            return (t, text);
        }
        pad -= 1 + (text.len() - 1_000_000) / 500;
    }
}

fn large(c: &mut Criterion) {
    let mut group = c.benchmark_group("large");
    group.sample_size(20);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));
    for format in [Format::Yaml, Format::Json] {
        let (_, text) = generated(format);
        let t = template::parse(&text).expect("reads").template;
        assert_eq!(t.format, format);
        let resources = t
            .section_map(template::Section::Resources)
            .map_or(0, |m| m.len());
        let ext = format.extension();
        println!(
            "large.{ext}: {resources} resources, {} bytes; written as YAML {} bytes, as JSON {} bytes",
            text.len(),
            t.to_yaml().len(),
            t.to_json().len()
        );
        group.throughput(Throughput::BytesDecimal(text.len() as u64));
        group.bench_function(format!("parse_{ext}"), |b| {
            b.iter(|| black_box(template::parse(black_box(&text)).is_ok()))
        });
        let out_len = t.emit(format).len() as u64;
        group.throughput(Throughput::BytesDecimal(out_len));
        group.bench_function(format!("emit_{ext}"), |b| {
            b.iter(|| black_box(black_box(&t).emit(format)))
        });
    }
    group.finish();
}

criterion_group!(benches, corpus, large);
criterion_main!(benches);
