//! See `compendium_fuzz_checks::search_shard` for what is checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| compendium_fuzz_checks::search_shard(data));
