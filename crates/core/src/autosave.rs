//! What the browser keeps of the user's work: the record of one document (its text
//! with the layout in it, its file name and format, when it was saved, and text typed
//! in the code pane that is not yet part of it) and the list of recent documents.
//!
//! Both are written as plain text, so any key-value store holds them (IndexedDB, or
//! local storage when the page is closing), and read back strictly: a damaged record
//! is an error, never a wrong document.

use crate::template::Format;

/// The first line of a record; the number is the format's version.
const RECORD_MAGIC: &str = "formwork-autosave 1";
const RECENT_MAGIC: &str = "formwork-recent 1";

/// One document as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Stable for the life of the document (from opening it to "New").
    pub id: String,
    /// The file it came from (`WordPress_Multi_AZ.yaml`), or empty for a new one.
    pub name: String,
    pub format: Format,
    /// Milliseconds since the Unix epoch.
    pub saved_at: f64,
    /// Changed since it was last opened from or saved to a file.
    pub dirty: bool,
    /// The document's text in `format`, with its layout as Designer metadata.
    pub text: String,
    /// Text typed in the code pane that the document does not hold yet (it was being
    /// typed, or it does not read as a template).
    pub draft: Option<String>,
    /// The simulation's scenario (the CLI's scenario file), when the document has
    /// one of its own.
    pub scenario: Option<String>,
}

fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('\n', "\\n")
        .replace('\r', "\\r")
}

fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn format_code(format: Format) -> &'static str {
    match format {
        Format::Yaml => "yaml",
        Format::Json => "json",
    }
}

fn format_from(code: &str) -> Result<Format, String> {
    match code {
        "yaml" => Ok(Format::Yaml),
        "json" => Ok(Format::Json),
        other => Err(format!("unknown format `{other}`")),
    }
}

/// A record's `key: value` header lines, and the text after them.
type Header<'a> = (Vec<(&'a str, String)>, &'a str);

/// Reads `key: value` header lines up to the first empty line; returns them and the
/// rest of the text.
fn header<'a>(text: &'a str, magic: &str) -> Result<Header<'a>, String> {
    let rest = text
        .strip_prefix(magic)
        .and_then(|r| r.strip_prefix('\n'))
        .ok_or("not a Formwork record")?;
    let mut fields = Vec::new();
    let mut rest = rest;
    loop {
        let (line, after) = rest.split_once('\n').ok_or("the record ends too early")?;
        rest = after;
        if line.is_empty() {
            return Ok((fields, rest));
        }
        let (k, v) = line.split_once(": ").ok_or("a damaged header line")?;
        fields.push((k, unescape(v)));
    }
}

fn field<'f>(fields: &'f [(&str, String)], key: &str) -> Result<&'f str, String> {
    fields
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, v)| v.as_str())
        .ok_or_else(|| format!("the record has no `{key}`"))
}

impl Record {
    pub fn encode(&self) -> String {
        let mut out = String::with_capacity(self.text.len() + 256);
        out.push_str(RECORD_MAGIC);
        out.push('\n');
        let mut put = |k: &str, v: &str| {
            out.push_str(k);
            out.push_str(": ");
            out.push_str(&escape(v));
            out.push('\n');
        };
        put("id", &self.id);
        put("name", &self.name);
        put("format", format_code(self.format));
        put("saved-at", &format!("{}", self.saved_at));
        put("dirty", if self.dirty { "yes" } else { "no" });
        put("text-bytes", &self.text.len().to_string());
        if let Some(d) = &self.draft {
            put("draft-bytes", &d.len().to_string());
        }
        if let Some(sc) = &self.scenario {
            put("scenario-bytes", &sc.len().to_string());
        }
        out.push('\n');
        out.push_str(&self.text);
        for part in [&self.draft, &self.scenario].into_iter().flatten() {
            out.push_str(part);
        }
        out
    }

    pub fn decode(text: &str) -> Result<Record, String> {
        let (fields, body) = header(text, RECORD_MAGIC)?;
        let number = |k: &str| -> Result<usize, String> {
            field(&fields, k)?
                .parse()
                .map_err(|_| format!("`{k}` is not a number"))
        };
        let text_len = number("text-bytes")?;
        let optional = |k: &str| match field(&fields, k) {
            Ok(_) => number(k).map(Some),
            Err(_) => Ok(None),
        };
        let draft_len = optional("draft-bytes")?;
        let scenario_len = optional("scenario-bytes")?;
        let draft_end = text_len + draft_len.unwrap_or(0);
        if body.len() != draft_end + scenario_len.unwrap_or(0) {
            return Err("the record's text is cut short".into());
        }
        let main = body.get(..text_len).ok_or("the record's text is damaged")?;
        let part =
            |len: Option<usize>, from: usize, what: &str| -> Result<Option<String>, String> {
                len.map(|n| {
                    body.get(from..from + n)
                        .map(str::to_string)
                        .ok_or_else(|| format!("the record's {what} is damaged"))
                })
                .transpose()
            };
        let draft = part(draft_len, text_len, "draft")?;
        let scenario = part(scenario_len, draft_end, "scenario")?;
        Ok(Record {
            id: field(&fields, "id")?.to_string(),
            name: field(&fields, "name")?.to_string(),
            format: format_from(field(&fields, "format")?)?,
            saved_at: field(&fields, "saved-at")?
                .parse()
                .map_err(|_| "`saved-at` is not a number")?,
            dirty: field(&fields, "dirty")? == "yes",
            text: main.to_string(),
            draft,
            scenario,
        })
    }

    /// The line the recent list keeps for this record.
    pub fn entry(&self, resources: usize) -> RecentEntry {
        RecentEntry {
            id: self.id.clone(),
            name: self.name.clone(),
            format: self.format,
            saved_at: self.saved_at,
            resources,
        }
    }
}

/// A document in the recent list.
#[derive(Clone, Debug, PartialEq)]
pub struct RecentEntry {
    pub id: String,
    /// The file name, or empty for a document never opened from a file.
    pub name: String,
    pub format: Format,
    pub saved_at: f64,
    pub resources: usize,
}

/// The recent documents, most recently saved first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Recent {
    pub entries: Vec<RecentEntry>,
}

impl Recent {
    /// How many documents the list keeps; older ones are dropped with their records.
    pub const MAX: usize = 12;

    /// Puts a document at the top (replacing its older line). Returns the ids of the
    /// documents that fell off the end, whose records can be deleted.
    pub fn touch(&mut self, entry: RecentEntry) -> Vec<String> {
        self.entries.retain(|e| e.id != entry.id);
        self.entries.insert(0, entry);
        self.entries
            .split_off(self.entries.len().min(Self::MAX))
            .into_iter()
            .map(|e| e.id)
            .collect()
    }

    pub fn remove(&mut self, id: &str) -> bool {
        let before = self.entries.len();
        self.entries.retain(|e| e.id != id);
        self.entries.len() != before
    }

    pub fn get(&self, id: &str) -> Option<&RecentEntry> {
        self.entries.iter().find(|e| e.id == id)
    }

    pub fn encode(&self) -> String {
        let mut out = format!("{RECENT_MAGIC}\n\n");
        for e in &self.entries {
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\t{}\n",
                escape(&e.id).replace('\t', "\\t"),
                format_code(e.format),
                e.saved_at,
                e.resources,
                escape(&e.name).replace('\t', "\\t"),
            ));
        }
        out
    }

    pub fn decode(text: &str) -> Result<Recent, String> {
        let (_, body) = header(text, RECENT_MAGIC)?;
        let mut entries = Vec::new();
        for line in body.lines().filter(|l| !l.is_empty()) {
            let parts: Vec<&str> = line.split('\t').collect();
            let [id, format, saved_at, resources, name] = parts[..] else {
                return Err("a damaged line in the recent list".into());
            };
            entries.push(RecentEntry {
                id: unescape(id),
                format: format_from(format)?,
                saved_at: saved_at.parse().map_err(|_| "a damaged time")?,
                resources: resources.parse().map_err(|_| "a damaged count")?,
                name: unescape(name),
            });
        }
        Ok(Recent { entries })
    }
}

/// The newer of two records of the same store (the regular one and the one written in
/// haste as the page closed); either may be missing.
pub fn newest(a: Option<Record>, b: Option<Record>) -> Option<Record> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.saved_at > a.saved_at { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// An id for a new document: the time and a random number, in letters and digits.
pub fn new_id(now_ms: f64, random: u32) -> String {
    format!("d{:x}{random:08x}", now_ms.max(0.0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> Record {
        Record {
            id: "d1".into(),
            name: "My\nodd\\name: x.yaml".into(),
            format: Format::Yaml,
            saved_at: 1_764_000_000_123.0,
            dirty: true,
            text: "Resources:\n  A:\n    Type: AWS::S3::Bucket\n\nformwork-autosave 1\n".into(),
            draft: Some("Resources:\n  A: [\n".into()),
            scenario: Some("duration: 2h\nseed: 7\n".into()),
        }
    }

    #[test]
    fn records_round_trip() {
        let r = record();
        assert_eq!(Record::decode(&r.encode()).unwrap(), r);
        let no_draft = Record {
            draft: None,
            ..r.clone()
        };
        assert_eq!(Record::decode(&no_draft.encode()).unwrap(), no_draft);
        let plain = Record {
            draft: None,
            scenario: None,
            dirty: false,
            format: Format::Json,
            text: String::new(),
            ..r
        };
        assert_eq!(Record::decode(&plain.encode()).unwrap(), plain);
    }

    #[test]
    fn damaged_records_are_refused() {
        let text = record().encode();
        assert!(Record::decode(&text[..text.len() - 3]).is_err());
        assert!(Record::decode("hello").is_err());
        assert!(Record::decode(&text.replace("format: yaml", "format: toml")).is_err());
        assert!(Record::decode(&text.replace("text-bytes", "txt")).is_err());
        assert!(Record::decode(&text.replace("scenario-bytes: 21", "scenario-bytes: 22")).is_err());
        // A record written before scenarios were kept still reads.
        let before = Record {
            scenario: None,
            ..record()
        };
        let old_text = before.encode();
        assert!(!old_text.contains("scenario"));
        assert_eq!(Record::decode(&old_text).unwrap(), before);
    }

    fn entry(id: &str) -> RecentEntry {
        RecentEntry {
            id: id.into(),
            name: format!("{id}\t.yaml"),
            format: Format::Yaml,
            saved_at: 1.5,
            resources: 3,
        }
    }

    #[test]
    fn the_recent_list_keeps_the_latest_first_and_drops_the_oldest() {
        let mut recent = Recent::default();
        for i in 0..Recent::MAX {
            assert!(recent.touch(entry(&format!("d{i}"))).is_empty());
        }
        assert_eq!(recent.entries[0].id, format!("d{}", Recent::MAX - 1));
        // Saving one again moves it up without growing the list.
        assert!(recent.touch(entry("d0")).is_empty());
        assert_eq!(recent.entries[0].id, "d0");
        assert_eq!(recent.entries.len(), Recent::MAX);
        // A new one pushes the oldest out.
        assert_eq!(recent.touch(entry("new")), vec!["d1".to_string()]);
        assert!(recent.remove("d0") && !recent.remove("d0"));
        assert_eq!(Recent::decode(&recent.encode()).unwrap(), recent);
        assert!(Recent::decode("formwork-recent 1\n\nbad line\n").is_err());
    }

    #[test]
    fn the_newest_record_wins() {
        let old = record();
        let new = Record {
            saved_at: old.saved_at + 1.0,
            text: "new".into(),
            ..record()
        };
        assert_eq!(
            newest(Some(old.clone()), Some(new.clone())),
            Some(new.clone())
        );
        assert_eq!(newest(Some(new.clone()), Some(old.clone())), Some(new));
        assert_eq!(newest(None, Some(old.clone())), Some(old));
        assert_eq!(newest(None, None), None);
        assert_eq!(new_id(255.0, 1), "dff00000001");
    }
}
