//! The resource types the palette offers, read from the core's catalog: the curated
//! types first (with their labels, by category, from the core's `CURATED` table), then
//! every type of the full catalog grouped by service. The catalog itself (`catalog.txt`,
//! about 2.6 MB) is fetched after the first paint and kept here; validation starts
//! when it arrives. The curated types' part (`catalog-curated.txt`, 154 KB of text,
//! 35 KB gzip) is fetched as the designer starts, so their forms work before that; it
//! was embedded in the wasm, where it cost as much to download and more to compile.

use std::sync::OnceLock;

use formwork_core::catalog::curated::{CURATED, Category};
use formwork_core::catalog::format::by_service;
use formwork_core::catalog::{Catalog, documentation_url, service_of};
use formwork_core::diagram::scene::{category_of, type_label};
use yew::AttrValue;

use crate::i18n::{self, Strings};

/// Where the full catalog is served, relative to the page (Trunk copies it there).
pub const FULL_CATALOG_URL: &str = "catalog.txt";
/// Where the curated types' catalog is served.
pub const CURATED_CATALOG_URL: &str = "catalog-curated.txt";

static FULL: OnceLock<Catalog> = OnceLock::new();
static CURATED_TYPES: OnceLock<Catalog> = OnceLock::new();
static NONE: OnceLock<Catalog> = OnceLock::new();

/// Keeps the curated types' catalog; false when one was already set.
pub fn set_curated_catalog(catalog: Catalog) -> bool {
    CURATED_TYPES.set(catalog).is_ok()
}

/// Keeps the full catalog for the rest of the session; false when one was already set.
pub fn set_full_catalog(catalog: Catalog) -> bool {
    FULL.set(catalog).is_ok()
}

/// The full catalog, once it has arrived.
pub fn full_catalog() -> Option<&'static Catalog> {
    FULL.get()
}

/// The catalog forms are built from: the full one once it has arrived, before that
/// the curated types' one, before that none (a form then shows what the template
/// holds).
pub fn form_catalog() -> &'static Catalog {
    full_catalog()
        .or_else(|| CURATED_TYPES.get())
        .unwrap_or_else(|| NONE.get_or_init(Catalog::default))
}

/// The interface name of a category.
pub fn category_label(s: &Strings, c: Category) -> &'static str {
    match c {
        Category::Networking => s.cat_networking,
        Category::Compute => s.cat_compute,
        Category::Containers => s.cat_containers,
        Category::LoadBalancing => s.cat_load_balancing,
        Category::Database => s.cat_database,
        Category::Storage => s.cat_storage,
        Category::ContentDelivery => s.cat_content_delivery,
        Category::Security => s.cat_security,
        Category::Management => s.cat_management,
        Category::Integration => s.cat_integration,
        Category::Analytics => s.cat_analytics,
        Category::Other => s.cat_other,
    }
}

/// A stable identifier of a category, for CSS classes, icon symbols and element ids.
pub fn category_slug(c: Category) -> &'static str {
    match c {
        Category::Networking => "networking",
        Category::Compute => "compute",
        Category::Containers => "containers",
        Category::LoadBalancing => "load-balancing",
        Category::Database => "database",
        Category::Storage => "storage",
        Category::ContentDelivery => "content-delivery",
        Category::Security => "security",
        Category::Management => "management",
        Category::Integration => "integration",
        Category::Analytics => "analytics",
        Category::Other => "other",
    }
}

/// The category colour, after the AWS architecture icons.
pub fn category_color(c: Category) -> &'static str {
    match c {
        Category::Compute | Category::Containers => "#ED7100",
        Category::Storage => "#3F8624",
        Category::Database => "#2E73B8",
        Category::Networking | Category::ContentDelivery => "#8C4FFF",
        Category::LoadBalancing => "#7B4FE0",
        Category::Security => "#DD344C",
        Category::Management | Category::Integration => "#E7157B",
        Category::Analytics => "#01A88D",
        Category::Other => "#5F6B7A",
    }
}

/// One resource type in the palette.
#[derive(Clone, Debug, PartialEq)]
pub struct PaletteEntry {
    /// The CloudFormation type, e.g. `AWS::EC2::VPC`; also the entry's accessible name.
    pub type_name: AttrValue,
    /// A short human name: `VPC`, `Internet gateway`, `NatGateway`.
    pub label: AttrValue,
    pub category: Category,
    /// Lower-case type, label and Korean name, for search.
    hay: String,
}

impl PaletteEntry {
    pub fn new(type_name: &str) -> Self {
        let label = type_label(type_name);
        // Searchable by its Korean name whichever language the interface speaks.
        let korean = i18n::type_name(&i18n::KO, type_name, "");
        PaletteEntry {
            hay: format!("{type_name} {label} {korean}").to_lowercase(),
            type_name: AttrValue::from(type_name.to_string()),
            label: AttrValue::from(label),
            category: category_of(type_name),
        }
    }

    /// True when the entry matches every word of the query (type or label, any case).
    pub fn matches(&self, query: &str) -> bool {
        query
            .split_whitespace()
            .all(|word| self.hay.contains(&word.to_lowercase()))
    }
}

/// A group of the palette.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// Unique among groups: `curated-networking`, `service-EC2`.
    pub key: AttrValue,
    /// A category (curated groups) or a service name (`EC2`).
    pub name: GroupName,
    /// The icon of the group.
    pub category: Category,
    pub entries: Vec<PaletteEntry>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum GroupName {
    Category(Category),
    Service(AttrValue),
}

/// What the palette offers.
#[derive(Clone, Debug, PartialEq)]
pub struct PaletteData {
    /// The curated types by category, in palette order.
    pub curated: Vec<Group>,
    /// Every type of the full catalog by service (empty until it arrives).
    pub services: Vec<Group>,
    /// How many distinct types there are.
    pub total: usize,
    pub complete: bool,
}

impl PaletteData {
    /// The curated types only, as the app starts.
    pub fn curated_only() -> Self {
        PaletteData {
            curated: curated_groups(),
            services: Vec::new(),
            total: CURATED.len(),
            complete: false,
        }
    }

    /// The curated types and every type of `catalog`.
    pub fn with_catalog(catalog: &Catalog) -> Self {
        let services: Vec<Group> = by_service(catalog)
            .into_iter()
            .map(|(service, types)| {
                let entries: Vec<PaletteEntry> =
                    types.iter().map(|t| PaletteEntry::new(&t.name)).collect();
                let category = Category::of_service(&service);
                Group {
                    key: AttrValue::from(format!("service-{service}")),
                    name: GroupName::Service(AttrValue::from(service)),
                    category,
                    entries,
                }
            })
            .collect();
        let curated = curated_groups();
        let mut total = services.iter().map(|g| g.entries.len()).sum::<usize>();
        // Curated types the catalog lacks still count.
        for g in &curated {
            for e in &g.entries {
                if catalog.get(&e.type_name).is_none() {
                    total += 1;
                }
            }
        }
        PaletteData {
            curated,
            services,
            total,
            complete: true,
        }
    }

    /// The entries matching a query: curated matches first, then the others by
    /// service, each type once.
    pub fn search(&self, query: &str) -> Vec<Group> {
        let mut seen = std::collections::BTreeSet::new();
        let mut out = Vec::new();
        for g in self.curated.iter().chain(self.services.iter()) {
            let entries: Vec<PaletteEntry> = g
                .entries
                .iter()
                .filter(|e| e.matches(query) && seen.insert(e.type_name.clone()))
                .cloned()
                .collect();
            if !entries.is_empty() {
                out.push(Group {
                    entries,
                    ..g.clone()
                });
            }
        }
        out
    }
}

fn curated_groups() -> Vec<Group> {
    Category::ALL
        .iter()
        .filter_map(|&c| {
            let entries: Vec<PaletteEntry> = CURATED
                .iter()
                .filter(|e| e.category == c)
                .map(|e| PaletteEntry::new(e.type_name))
                .collect();
            (!entries.is_empty()).then(|| Group {
                key: AttrValue::from(format!("curated-{}", category_slug(c))),
                name: GroupName::Category(c),
                category: c,
                entries,
            })
        })
        .collect()
}

/// The reference page of a resource type, in the interface language where AWS has it.
pub fn reference_url(type_name: &str, korean: bool) -> String {
    let url = documentation_url(type_name, None);
    if korean {
        url.replacen("docs.aws.amazon.com/", "docs.aws.amazon.com/ko_kr/", 1)
    } else {
        url
    }
}

/// The CloudFormation User Guide, in the interface language.
pub fn docs_home(korean: bool) -> &'static str {
    if korean {
        "https://docs.aws.amazon.com/ko_kr/AWSCloudFormation/latest/UserGuide/Welcome.html"
    } else {
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/Welcome.html"
    }
}

/// The service of a type, for display (`EC2`).
pub fn service(type_name: &str) -> &str {
    service_of(type_name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn names(groups: &[Group]) -> Vec<String> {
        groups
            .iter()
            .flat_map(|g| g.entries.iter().map(|e| e.type_name.to_string()))
            .collect()
    }

    #[wasm_bindgen_test]
    fn curated_types_come_first_with_labels() {
        let p = PaletteData::curated_only();
        assert_eq!(p.curated[0].name, GroupName::Category(Category::Networking));
        let vpc = &p.curated[0].entries[0];
        assert_eq!(vpc.type_name, "AWS::EC2::VPC");
        assert_eq!(vpc.label, "VPC");
        assert!(!p.complete);
        assert_eq!(p.total, CURATED.len());
    }

    #[wasm_bindgen_test]
    fn search_matches_type_and_label_words() {
        let p = PaletteData::curated_only();
        let found = names(&p.search("nat"));
        assert!(
            found.contains(&"AWS::EC2::NatGateway".to_string()),
            "{found:?}"
        );
        let found = names(&p.search("ec2 vpc"));
        assert!(found.contains(&"AWS::EC2::VPC".to_string()));
        assert!(found.contains(&"AWS::EC2::VPCGatewayAttachment".to_string()));
        assert!(!found.contains(&"AWS::S3::Bucket".to_string()));
        assert!(names(&p.search("BUCKET")).contains(&"AWS::S3::Bucket".to_string()));
        assert!(p.search("zzz-nothing").is_empty());
        assert_eq!(names(&p.search("서브넷 그룹")), ["AWS::RDS::DBSubnetGroup"]);
        assert!(names(&p.search("게이트웨이")).contains(&"AWS::EC2::NatGateway".to_string()));
    }

    #[wasm_bindgen_test]
    fn the_full_catalog_adds_every_service_once() {
        let text = "formwork-catalog 1\ttest\nT\tAWS::EC2::VPC\nT\tAWS::Foo::Widget\nT\tAWS::Foo::Gadget\n";
        let catalog = formwork_core::catalog::format::parse(text).unwrap();
        let p = PaletteData::with_catalog(&catalog);
        assert!(p.complete);
        let foo = p
            .services
            .iter()
            .find(|g| g.name == GroupName::Service("Foo".into()))
            .unwrap();
        assert_eq!(foo.entries.len(), 2);
        assert_eq!(foo.category, Category::Other);
        // VPC appears once in a search, in its curated group.
        let hits = p.search("AWS::EC2::VPC");
        assert_eq!(
            names(&hits)
                .iter()
                .filter(|n| *n == "AWS::EC2::VPC")
                .count(),
            1
        );
        assert!(matches!(hits[0].name, GroupName::Category(_)));
        assert_eq!(
            reference_url("AWS::EC2::VPC", true),
            "https://docs.aws.amazon.com/ko_kr/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-vpc.html"
        );
    }
}
