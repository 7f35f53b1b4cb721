//! Arbitrary bytes as an article: decoded lossily, run through the whole pipeline, written in
//! every format and parsed back (see `newsgraph_fuzz::check_pipeline`).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsgraph::{Pipeline, Schema};

/// The shipped schema and the pipeline over it, built once for the whole run.
fn pipeline() -> &'static Pipeline<'static> {
    static SCHEMA: OnceLock<Schema> = OnceLock::new();
    static PIPELINE: OnceLock<Pipeline<'static>> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        let schema = SCHEMA.get_or_init(|| Schema::builtin().expect("the built-in schema loads"));
        Pipeline::new(schema)
    })
}

fuzz_target!(|data: &[u8]| {
    newsgraph_fuzz::check_pipeline(pipeline(), data);
});
