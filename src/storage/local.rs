//! The browser's `localStorage` behind `KeyValueStore`: reads batched in
//! one crossing to JavaScript, quota errors told apart, storage events.

use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{KeyValueStore, StoreError};
use crate::i18n::t;

#[wasm_bindgen(module = "/src/storage/local.js")]
extern "C" {
    /// The entries of the packed keys, packed (see local.js).
    #[wasm_bindgen(catch)]
    fn read_entries(
        storage: &web_sys::Storage,
        keys: &[u8],
        key_lengths: &[u32],
    ) -> Result<JsValue, JsValue>;
    /// Every key, packed.
    #[wasm_bindgen(catch)]
    fn read_keys(storage: &web_sys::Storage) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch)]
    fn characters_under(storage: &web_sys::Storage, prefix: &str) -> Result<f64, JsValue>;
    fn hold_storage_events() -> js_sys::Function;
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

/// Changes other tabs made to storage while this one was not yet listening
/// (see [`LocalStore::hold_changes_from_other_tabs`]).
pub struct HeldChanges(Option<js_sys::Function>);

impl HeldChanges {
    /// Nothing held: storage was never opened.
    pub fn none() -> HeldChanges {
        HeldChanges(None)
    }

    /// Sends the changes held, in the order they came, as `storage` events
    /// to the window, where the app now listens; and stops holding.
    pub fn send_again(self) {
        if let Some(send) = self.0 {
            let _ = send.call0(&JsValue::NULL);
        }
    }
}

impl LocalStore {
    /// Starts keeping the `storage` events other tabs cause, until
    /// [`HeldChanges::send_again`]: a change made while the records are read
    /// over several tasks, before the app listens, would be missed.
    pub fn hold_changes_from_other_tabs(&self) -> HeldChanges {
        HeldChanges(Some(hold_storage_events()))
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
        match unpack(read_keys(&self.0).map_err(classify)?)? {
            Some(keys) => Ok(keys),
            // Never seen; the slow way is still right.
            None => {
                let count = self.0.length().map_err(classify)?;
                let keys = (0..count).map(|i| self.0.key(i).map_err(classify));
                keys.filter_map(Result::transpose).collect()
            }
        }
    }

    fn entries_of(&self, keys: &[String]) -> Result<Vec<(String, String)>, StoreError> {
        let (bytes, lengths) = pack(keys);
        let read = read_entries(&self.0, &bytes, &lengths).map_err(classify)?;
        let paired = unpack(read)?.and_then(|texts| {
            let mut texts = texts.into_iter();
            let mut entries = Vec::with_capacity(texts.len() / 2);
            while let Some(key) = texts.next() {
                entries.push((key, texts.next()?));
            }
            Some(entries)
        });
        match paired {
            Some(entries) => Ok(entries),
            None => super::entries_one_by_one(self, keys),
        }
    }

    fn characters_under(&self, prefix: &str) -> Result<usize, StoreError> {
        characters_under(&self.0, prefix)
            .map(|units| units as usize)
            .map_err(classify)
    }
}

/// `texts` as local.js packs them: their UTF-8 one after another, and each
/// one's length in bytes.
fn pack(texts: &[String]) -> (Vec<u8>, Vec<u32>) {
    let mut bytes = Vec::with_capacity(texts.iter().map(String::len).sum());
    for text in texts {
        bytes.extend_from_slice(text.as_bytes());
    }
    (bytes, texts.iter().map(|text| text.len() as u32).collect())
}

/// The texts local.js packed into `{ bytes, lengths }`; `None` if they do
/// not add up.
fn unpack(packed: JsValue) -> Result<Option<Vec<String>>, StoreError> {
    let field = |name: &str| js_sys::Reflect::get(&packed, &name.into()).map_err(classify);
    let bytes = js_sys::Uint8Array::new(&field("bytes")?).to_vec();
    let lengths = js_sys::Uint32Array::new(&field("lengths")?).to_vec();
    let mut rest = bytes.as_slice();
    let texts = lengths.into_iter().map(|length| {
        let (text, after) = rest.split_at_checked(length as usize)?;
        rest = after;
        Some(std::str::from_utf8(text).ok()?.to_owned())
    });
    let texts = texts.collect::<Option<Vec<_>>>();
    Ok(texts.filter(|_| rest.is_empty()))
}
