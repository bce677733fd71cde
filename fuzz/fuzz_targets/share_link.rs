//! The share-link codec on hostile input: decoding either gives a
//! workspace or a refusal, never a panic, a hang or an allocation past the
//! limits; and whatever decodes encodes to a link that decodes to the same
//! workspace.
#![no_main]

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use evpat_workspace::{Workspace, decode, encode};
use libfuzzer_sys::fuzz_target;

fn check(fragment: &str) {
    if let Ok(workspace) = decode(fragment) {
        // A re-encoded link may come out longer than the one read; only a
        // link that is made must read back.
        if let Ok(again) = encode(&workspace) {
            assert_eq!(decode(&again).as_ref(), Ok(&workspace));
        }
    }
}

fuzz_target!(|data: &[u8]| {
    // The bytes as the DEFLATE stream of a link, the same bytes deflated (so
    // that the fuzzer reaches the document reader), and as typed text.
    check(&format!("share=1.{}", URL_SAFE_NO_PAD.encode(data)));
    let deflated = miniz_oxide::deflate::compress_to_vec(data, 1);
    check(&format!("share=1.{}", URL_SAFE_NO_PAD.encode(deflated)));
    if let Ok(text) = std::str::from_utf8(data) {
        check(text);
        let _ = Workspace::from_json(text);
    }
});
