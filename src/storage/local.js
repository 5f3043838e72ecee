// Every entry of `storage` in one crossing into the wasm: keys and values
// alternate, encoded as UTF-8 one after another in `bytes`, with each one's
// length in bytes in `lengths`. Passing them one string at a time costs a
// call and a copy loop per string, thousands of them with a year of data.
export function read_all(storage) {
  const texts = [];
  let units = 0;
  for (const key of all_keys(storage)) {
    const value = storage.getItem(key);
    if (value === null) continue;
    texts.push(key, value);
    units += key.length + value.length;
  }
  // Room for mostly ASCII text, grown when accents or emoji need more: a
  // buffer sized for the worst case would be three times the data.
  let bytes = new Uint8Array(units + (units >> 3) + 64);
  const lengths = new Uint32Array(texts.length);
  const encoder = new TextEncoder();
  let at = 0;
  texts.forEach((text, i) => {
    let { read, written } = encoder.encodeInto(text, bytes.subarray(at));
    while (read < text.length) {
      const bigger = new Uint8Array(bytes.length * 2 + (text.length - read) * 3);
      bigger.set(bytes.subarray(0, at + written));
      bytes = bigger;
      const rest = encoder.encodeInto(text.slice(read), bytes.subarray(at + written));
      read += rest.read;
      written += rest.written;
    }
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

// What the keys starting with `prefix` and their values take, counted in
// the page: the texts never cross into the wasm.
export function characters_under(storage, prefix) {
  let units = 0;
  for (const key of all_keys(storage)) {
    if (!key.startsWith(prefix)) continue;
    units += key.length + (storage.getItem(key)?.length ?? 0);
  }
  return units;
}
