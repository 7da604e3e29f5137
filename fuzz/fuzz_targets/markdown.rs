//! See `compendium_fuzz_checks::markdown` for what is checked.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| compendium_fuzz_checks::markdown(data));
