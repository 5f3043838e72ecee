use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{KeyValueStore, StoreError};
use crate::i18n::t;

#[wasm_bindgen(module = "/src/storage/local.js")]
extern "C" {
    /// Every entry at once: `{ bytes, lengths }` (see local.js).
    #[wasm_bindgen(catch)]
    fn read_all(storage: &web_sys::Storage) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    fn all_keys(storage: &web_sys::Storage) -> Result<Vec<String>, JsValue>;
    #[wasm_bindgen(catch)]
    fn characters_under(storage: &web_sys::Storage, prefix: &str) -> Result<f64, JsValue>;
}

/// The browser's `localStorage`. Built only through [`LocalStore::open`],
/// which first checks that storage can be used at all: the browser throws
/// when it is switched off, and that must become a banner, not a crash.
/// The handle is kept: asking the window for it again costs a crossing
/// into the browser per read. A page has one thread, which the wrapper
/// checks.
pub struct LocalStore(SendWrapper<web_sys::Storage>);

impl LocalStore {
    pub fn open() -> Result<LocalStore, StoreError> {
        let storage = web_sys::window()
            .ok_or_else(|| StoreError::Unavailable(t().store_switched_off().into()))?
            .local_storage()
            .map_err(|e| StoreError::Unavailable(describe(&e)))?;
        match storage {
            Some(storage) => Ok(LocalStore(SendWrapper::new(storage))),
            None => Err(StoreError::Unavailable(t().store_switched_off().into())),
        }
    }
}

fn describe(error: &wasm_bindgen::JsValue) -> String {
    error
        .dyn_ref::<web_sys::DomException>()
        .map(|e| e.name())
        .or_else(|| error.as_string())
        .unwrap_or_else(|| t().store_unknown_error().into())
}

fn classify(error: wasm_bindgen::JsValue) -> StoreError {
    match error.dyn_ref::<web_sys::DomException>() {
        // Chromium and Firefox use different names for the same failure.
        Some(e) if e.name() == "QuotaExceededError" || e.name() == "NS_ERROR_DOM_QUOTA_REACHED" => {
            StoreError::Quota
        }
        _ => StoreError::Unavailable(describe(&error)),
    }
}

impl KeyValueStore for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.0.get_item(key).map_err(classify)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0.set_item(key, value).map_err(classify)
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.0.remove_item(key).map_err(classify)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        all_keys(&self.0).map_err(classify)
    }

    fn entries(&self) -> Result<Vec<(String, String)>, StoreError> {
        let read = read_all(&self.0).map_err(classify)?;
        let field = |name: &str| js_sys::Reflect::get(&read, &name.into()).map_err(classify);
        let bytes = js_sys::Uint8Array::new(&field("bytes")?).to_vec();
        let lengths = js_sys::Uint32Array::new(&field("lengths")?).to_vec();
        match split_texts(&bytes, &lengths) {
            Some(entries) => Ok(entries),
            // Never seen; the slow way is still right.
            None => super::entries_one_by_one(self),
        }
    }

    fn characters_under(&self, prefix: &str) -> Result<usize, StoreError> {
        characters_under(&self.0, prefix)
            .map(|units| units as usize)
            .map_err(classify)
    }
}

/// Cuts UTF-8 `bytes` into texts of the given lengths, and pairs them as
/// key and value. `None` if they do not add up.
fn split_texts(bytes: &[u8], lengths: &[u32]) -> Option<Vec<(String, String)>> {
    if !lengths.len().is_multiple_of(2) {
        return None;
    }
    let mut rest = bytes;
    let mut next = |length: u32| {
        let (text, after) = rest.split_at_checked(length as usize)?;
        rest = after;
        Some(std::str::from_utf8(text).ok()?.to_owned())
    };
    let entries = lengths
        .chunks_exact(2)
        .map(|pair| Some((next(pair[0])?, next(pair[1])?)))
        .collect::<Option<Vec<_>>>()?;
    rest.is_empty().then_some(entries)
}
