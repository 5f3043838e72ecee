// Every entry of `storage` in one crossing into the wasm: keys and values
// alternate, encoded as UTF-8 one after another in `bytes`, with each one's
// length in bytes in `lengths`. Passing them one string at a time costs a
// call and a copy loop per string, thousands of them with a year of data.
export function read_all(storage) {
  const texts = [];
  let units = 0;
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    const value = key === null ? null : storage.getItem(key);
    if (value === null) continue;
    texts.push(key, value);
    units += key.length + value.length;
  }
  // A UTF-16 unit never takes more than three bytes in UTF-8.
  const bytes = new Uint8Array(units * 3);
  const lengths = new Uint32Array(texts.length);
  const encoder = new TextEncoder();
  let at = 0;
  texts.forEach((text, i) => {
    const { written } = encoder.encodeInto(text, bytes.subarray(at));
    lengths[i] = written;
    at += written;
  });
  return { bytes: bytes.subarray(0, at), lengths };
}

// Every key of `storage`, in one crossing.
export function all_keys(storage) {
  const keys = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key !== null) keys.push(key);
  }
  return keys;
}
