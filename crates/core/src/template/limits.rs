//! Bounds on what the reader accepts, each with the reason for its number. A template
//! that crosses one gets a clear error, never a hang, a crash or a page out of memory.

/// CloudFormation's largest template body (a template read from S3): 1 MB.
pub const MAX_TEMPLATE_BYTES: usize = 1024 * 1024;

/// Deepest nesting of mappings, sequences and functions. Real templates stay under 20
/// (the deepest of the 296 AWS samples is 16); 64 leaves room for generated ones while keeping every
/// recursive walk far from the stack limit of a browser's WebAssembly thread.
pub const MAX_DEPTH: usize = 64;

/// Most nodes that YAML aliases may add by expansion. CloudFormation itself rejects
/// aliases; Formwork expands them so such a file can be repaired, but a "billion laughs"
/// file (aliases of aliases) would grow without end, so expansion stops here.
pub const MAX_ALIAS_NODES: usize = 100_000;

/// Most text that YAML aliases may copy: four times the largest template, so an
/// expanded file is still one a browser tab holds easily.
pub const MAX_ALIAS_BYTES: usize = 4 * MAX_TEMPLATE_BYTES;

/// CloudFormation's quota of resources per template; more is a warning, not an error,
/// because quotas can be raised.
pub const MAX_RESOURCES: usize = 500;
