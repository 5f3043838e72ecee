//! The browser's WebCrypto, for encrypted backups: PBKDF2-SHA-256 derives
//! an AES-GCM-256 key from the passphrase and a random salt; AES-GCM with
//! a random IV encrypts the whole plain backup. The file around it is
//! `storage::envelope`.

use js_sys::{Array, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesDerivedKeyParams, AesGcmParams, CryptoKey, Pbkdf2Params, SubtleCrypto};

use crate::i18n::t;
use crate::storage::envelope::{self, Sealed, IV_BYTES, SALT_BYTES};

fn subtle() -> Result<(web_sys::Crypto, SubtleCrypto), String> {
    let crypto = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .ok_or_else(|| t().envelope_no_crypto().to_string())?;
    let subtle = crypto.subtle();
    // Missing outside secure pages (https, localhost).
    if subtle.is_undefined() {
        return Err(t().envelope_no_crypto().into());
    }
    Ok((crypto, subtle))
}

async fn wait(promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, JsValue> {
    JsFuture::from(promise?).await
}

async fn key_for(
    subtle: &SubtleCrypto,
    passphrase: &str,
    salt: &[u8],
    iterations: u32,
) -> Result<CryptoKey, JsValue> {
    let usages = |usage: &str| Array::of1(&usage.into());
    let secret = Uint8Array::from(passphrase.as_bytes());
    let base =
        wait(subtle.import_key_with_str("raw", &secret, "PBKDF2", false, &usages("deriveKey")))
            .await?;
    let derive =
        Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &Uint8Array::from(salt));
    let key = wait(subtle.derive_key_with_object_and_object(
        &derive,
        base.unchecked_ref(),
        &AesDerivedKeyParams::new("AES-GCM", 256),
        false,
        &Array::of2(&"encrypt".into(), &"decrypt".into()),
    ))
    .await?;
    Ok(key.unchecked_into())
}

/// `plain` encrypted under `passphrase`, as the envelope's text.
pub async fn seal(plain: &str, passphrase: &str) -> Result<String, String> {
    let (crypto, subtle) = subtle()?;
    let failed = |_| t().envelope_no_crypto().to_string();
    let (mut salt, mut iv) = (vec![0u8; SALT_BYTES], vec![0u8; IV_BYTES]);
    crypto
        .get_random_values_with_u8_array(&mut salt)
        .map_err(failed)?;
    crypto
        .get_random_values_with_u8_array(&mut iv)
        .map_err(failed)?;
    let key = key_for(&subtle, passphrase, &salt, envelope::ITERATIONS)
        .await
        .map_err(failed)?;
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(iv.as_slice()));
    let out = wait(subtle.encrypt_with_object_and_u8_array(&params, &key, plain.as_bytes()))
        .await
        .map_err(failed)?;
    let sealed = Sealed {
        iterations: envelope::ITERATIONS,
        salt,
        iv,
        ciphertext: Uint8Array::new(&out).to_vec(),
    };
    Ok(sealed.to_text())
}

/// The plain backup inside an envelope's `text`.
pub async fn open(text: &str, passphrase: &str) -> Result<String, String> {
    let sealed = envelope::parse(text)?;
    let (_, subtle) = subtle()?;
    let wrong = |_| t().envelope_wrong().to_string();
    let key = key_for(&subtle, passphrase, &sealed.salt, sealed.iterations)
        .await
        .map_err(wrong)?;
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(sealed.iv.as_slice()));
    let plain = wait(subtle.decrypt_with_object_and_u8_array(&params, &key, &sealed.ciphertext))
        .await
        .map_err(wrong)?;
    String::from_utf8(Uint8Array::new(&plain).to_vec()).map_err(|_| t().envelope_wrong().into())
}
