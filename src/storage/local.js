// Texts cross between the page and the wasm packed, in one crossing:
// encoded as UTF-8 one after another in `bytes`, with each one's length in
// bytes in `lengths`. Passed one string at a time, each costs a call and a
// copy loop, thousands of them with a year of data.
function pack(texts) {
  const units = texts.reduce((sum, text) => sum + text.length, 0);
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

function unpack(bytes, lengths) {
  const decoder = new TextDecoder();
  let at = 0;
  return Array.from(lengths, (length) => decoder.decode(bytes.subarray(at, (at += length))));
}

// The entries of the packed `keys` that `storage` holds, packed: each key
// followed by its value.
export function read_entries(storage, keys, key_lengths) {
  const texts = [];
  for (const key of unpack(keys, key_lengths)) {
    const value = storage.getItem(key);
    if (value !== null) texts.push(key, value);
  }
  return pack(texts);
}

// Every key of `storage`, packed.
export function read_keys(storage) {
  return pack(all_keys(storage));
}

function all_keys(storage) {
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

// Storage events from other tabs that come while the records are read over
// several tasks, before the app listens: kept, and sent again by the
// function returned, once it does.
export function hold_storage_events() {
  const held = [];
  const hold = (event) => held.push(event);
  addEventListener('storage', hold);
  return () => {
    removeEventListener('storage', hold);
    for (const { key, oldValue, newValue, url, storageArea } of held) {
      dispatchEvent(new StorageEvent('storage', { key, oldValue, newValue, url, storageArea }));
    }
  };
}
