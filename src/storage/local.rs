use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

use super::{KeyValueStore, StoreError};
use crate::i18n::t;

/// The browser's `localStorage`. Built only through [`LocalStore::open`],
/// which first checks that storage can be used at all: gloo's accessors throw
/// when it is switched off, and that must become a banner, not a crash.
pub struct LocalStore(());

impl LocalStore {
    pub fn open() -> Result<LocalStore, StoreError> {
        let storage = web_sys::window()
            .ok_or_else(|| StoreError::Unavailable(t().store_switched_off().into()))?
            .local_storage()
            .map_err(|e| StoreError::Unavailable(describe(&e)))?;
        match storage {
            Some(_) => Ok(LocalStore(())),
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
        LocalStorage::raw().get_item(key).map_err(classify)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        LocalStorage::raw().set_item(key, value).map_err(classify)
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        LocalStorage::raw().remove_item(key).map_err(classify)
    }

    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let storage = LocalStorage::raw();
        let count = storage.length().map_err(classify)?;
        let mut keys = Vec::with_capacity(count as usize);
        for index in 0..count {
            if let Some(key) = storage.key(index).map_err(classify)? {
                keys.push(key);
            }
        }
        Ok(keys)
    }
}
