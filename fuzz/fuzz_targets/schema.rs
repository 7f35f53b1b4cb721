//! Arbitrary bytes as one schema file: the first byte picks the file (states.tsv,
//! lexicon.tsv, ontology.ttl, ...), the rest replaces its content in a copy of schema/.
//! `Schema::load` must return Ok or a typed error, never panic.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsgraph::Schema;
use newsgraph_fuzz::{copy_schema, SCHEMA_FILES};

/// One copy of schema/ for the whole run; each input overwrites one file and puts it back.
fn schema_dir() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary directory");
        copy_schema(Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema")), dir.path());
        dir
    })
    .path()
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, content)) = data.split_first() else {
        return;
    };
    let dir = schema_dir();
    let path = dir.join(SCHEMA_FILES[which as usize % SCHEMA_FILES.len()]);
    let original = std::fs::read(&path).expect("read the schema file");
    std::fs::write(&path, content).expect("write the schema file");
    let result = Schema::load(dir);
    std::fs::write(&path, original).expect("restore the schema file");
    if let Err(e) = result {
        // Every error must render (file:line for schema errors) without panicking.
        let _ = e.to_string();
    }
});
