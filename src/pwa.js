// Browser APIs that take promises and events, kept in plain JavaScript so the
// Rust side stays small. Loaded as a wasm-bindgen snippet: a file of our own
// origin, allowed by the Content-Security-Policy.

export function watch_for_updates(on_update) {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker
    .register('/sw.js', { updateViaCache: 'none' })
    .then((registration) => {
      // A worker that installs while another controls the page is a new
      // version: offer it instead of switching under the user.
      const offer = () => {
        if (navigator.serviceWorker.controller) on_update();
      };
      if (registration.waiting) offer();
      registration.addEventListener('updatefound', () => {
        const worker = registration.installing;
        if (!worker) return;
        worker.addEventListener('statechange', () => {
          if (worker.state === 'installed') offer();
        });
      });
      // An app on the home screen can stay open for days: look for a new
      // version whenever it comes back to the front.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') registration.update().catch(() => {});
      });
    })
    .catch(() => {});
}

export function apply_update() {
  navigator.serviceWorker.getRegistration().then((registration) => {
    if (!registration || !registration.waiting) {
      location.reload();
      return;
    }
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), {
      once: true,
    });
    registration.waiting.postMessage('skip-waiting');
  });
}

export function ask_for_persistent_storage() {
  const storage = navigator.storage;
  if (!storage || !storage.persist) return;
  storage
    .persisted()
    .then((persisted) => persisted || storage.persist())
    .catch(() => {});
}

// Calls back with (persisted, used bytes, quota bytes); -1 where unknown.
export function read_storage_status(on_status) {
  const storage = navigator.storage;
  if (!storage || !storage.estimate) {
    on_status(false, -1, -1);
    return;
  }
  Promise.all([storage.persisted ? storage.persisted() : false, storage.estimate()])
    .then(([persisted, estimate]) =>
      on_status(!!persisted, estimate.usage ?? -1, estimate.quota ?? -1),
    )
    .catch(() => on_status(false, -1, -1));
}

export function can_share() {
  return typeof navigator.share === 'function';
}

// Calls back with true once shared, false if cancelled or refused.
export function share_text(title, text, on_done) {
  navigator
    .share({ title, text })
    .then(() => on_done(true))
    .catch(() => on_done(false));
}

// Calls back with true once the text is on the clipboard.
export function copy_text(text, on_done) {
  if (navigator.clipboard && navigator.clipboard.writeText) {
    navigator.clipboard.writeText(text).then(
      () => on_done(true),
      () => on_done(copy_with_selection(text)),
    );
  } else {
    on_done(copy_with_selection(text));
  }
}

// Older browsers and some in-app web views have no async clipboard.
function copy_with_selection(text) {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'offscreen';
  document.body.appendChild(area);
  area.select();
  let copied = false;
  try {
    copied = document.execCommand('copy');
  } catch {
    copied = false;
  }
  area.remove();
  return copied;
}

// Keeps the screen on during a meeting. The browser drops the lock when
// the page is hidden, so it is asked for again when the page comes back.
// Whether it holds is announced as a `wake-lock-change` event on the window,
// so the meeting screen can say when the screen may lock.
let wakeLock = null;
let wantAwake = false;
let wakeStatus = 'off';

function setWakeStatus(status) {
  if (status === wakeStatus) return;
  wakeStatus = status;
  window.dispatchEvent(new CustomEvent('wake-lock-change'));
}

function acquireWakeLock() {
  if (!wantAwake || wakeLock || document.visibilityState !== 'visible') return;
  if (!('wakeLock' in navigator)) {
    setWakeStatus('unsupported');
    return;
  }
  navigator.wakeLock
    .request('screen')
    .then((lock) => {
      wakeLock = lock;
      lock.addEventListener('release', () => {
        if (wakeLock !== lock) return;
        wakeLock = null;
        // Released while the page is in view: battery saver or the system
        // took it back, and the screen may now lock.
        if (wantAwake && document.visibilityState === 'visible') setWakeStatus('refused');
      });
      if (wantAwake) {
        setWakeStatus('held');
      } else {
        wakeLock = null;
        lock.release().catch(() => {});
      }
    })
    .catch(() => {
      if (wantAwake) setWakeStatus('refused');
    });
}

document.addEventListener('visibilitychange', acquireWakeLock);

export function keep_awake(on) {
  wantAwake = on;
  if (on) {
    acquireWakeLock();
    return;
  }
  setWakeStatus('off');
  if (wakeLock) {
    const lock = wakeLock;
    wakeLock = null;
    lock.release().catch(() => {});
  }
}

// 'off', 'held', 'unsupported' (no Screen Wake Lock in this browser) or
// 'refused' (asked for, and denied or taken back).
export function wake_lock_status() {
  return wakeStatus;
}

export function can_vibrate() {
  return typeof navigator.vibrate === 'function';
}

export function vibrate(pattern) {
  if (can_vibrate()) navigator.vibrate(Array.from(pattern));
}

// Installing. Chromium offers its install prompt through
// `beforeinstallprompt`, which must be caught as the page loads and kept
// until the person taps Install. Changes are announced as an
// `install-change` event on the window.
let installPrompt = null;
let installedHere = false;

function announceInstallChange() {
  window.dispatchEvent(new CustomEvent('install-change'));
}

window.addEventListener('beforeinstallprompt', (event) => {
  event.preventDefault();
  installPrompt = event;
  announceInstallChange();
});
window.addEventListener('appinstalled', () => {
  installPrompt = null;
  installedHere = true;
  announceInstallChange();
});
matchMedia('(display-mode: standalone)').addEventListener('change', announceInstallChange);

function isInstalled() {
  return (
    installedHere ||
    navigator.standalone === true ||
    ['standalone', 'fullscreen', 'minimal-ui'].some((mode) => matchMedia(`(display-mode: ${mode})`).matches)
  );
}

// iPhone and iPad Safari install only through Share, then Add to Home
// Screen. An iPad asking for the desktop site calls itself a Mac with touch.
function isAppleMobileSafari() {
  const agent = navigator.userAgent;
  const apple = /iPhone|iPad|iPod/.test(agent) || (/Macintosh/.test(agent) && navigator.maxTouchPoints > 1);
  return apple && /Safari\//.test(agent) && !/CriOS|FxiOS|EdgiOS|OPiOS|GSA\//.test(agent);
}

// 'installed', 'offered' (an Install button can open the browser's prompt),
// 'home-screen' (iPhone Safari) or 'unknown'.
export function install_state() {
  if (isInstalled()) return 'installed';
  if (installPrompt) return 'offered';
  if (isAppleMobileSafari()) return 'home-screen';
  return 'unknown';
}

// Calls back with true once the person accepted the browser's prompt. A
// prompt can be shown once only.
export function prompt_install(on_done) {
  const prompt = installPrompt;
  if (!prompt) {
    on_done(false);
    return;
  }
  installPrompt = null;
  announceInstallChange();
  Promise.resolve(prompt.prompt())
    .then(() => prompt.userChoice)
    .then((choice) => on_done(choice.outcome === 'accepted'))
    .catch(() => on_done(false));
}

// Saves text as a file through the browser's download.
export function download(filename, mime, text) {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.className = 'offscreen';
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

// The share sheet where the browser can share files (phones), else a
// download; a cancelled share still leaves the download as a way out.
export function share_or_download(filename, text) {
  const mime = 'application/json';
  const file = new File([text], filename, { type: mime });
  if (navigator.canShare && navigator.canShare({ files: [file] })) {
    navigator.share({ files: [file] }).catch((error) => {
      if (error.name !== 'AbortError') download(filename, mime, text);
    });
  } else {
    download(filename, mime, text);
  }
}

// Reads the file chosen in an <input type="file"> as text; calls back with
// (text, "") or ("", reason).
export function read_chosen_file(input, on_done) {
  const file = input.files && input.files[0];
  if (!file) {
    on_done('', 'No file was chosen.');
    return;
  }
  file.text().then(
    (text) => on_done(text, ''),
    () => on_done('', 'The file could not be read.'),
  );
}

export function post_to_self(callback) {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => callback();
  channel.port2.postMessage(null);
}

// Once `element` comes within half a screen of view by scrolling: not if
// it is already that near (the first report), where it is a plain button.
// Returns what stops watching.
export function when_near_screen(element, callback) {
  let first = true;
  const observer = new IntersectionObserver(
    (entries) => {
      const near = entries.some((entry) => entry.isIntersecting);
      if (near && !first) {
        observer.disconnect();
        callback();
      }
      first = false;
    },
    { rootMargin: '0px 0px 50% 0px' },
  );
  observer.observe(element);
  return () => observer.disconnect();
}

// The French catalogue's text, fetched by first-paint.js while the wasm
// loads (or now, if it did not), or null when it cannot be had.
export function french_catalogue(callback) {
  const text = window.__frenchCatalogue ?? fetch('/fr.json').then((r) => (r.ok ? r.text() : null));
  text.then(
    (text) => callback(text),
    () => callback(null),
  );
}

// A file the app ships, as text, or null when it cannot be had.
export function fetch_text(url, callback) {
  fetch(url)
    .then((r) => (r.ok ? r.text() : null))
    .then(
      (text) => callback(text),
      () => callback(null),
    );
}

// Safari has no idle callback: a second's wait stands in for one.
export function after_idle(callback) {
  if ('requestIdleCallback' in window) requestIdleCallback(() => callback(), { timeout: 5000 });
  else setTimeout(() => callback(), 1000);
}

// The Page Lifecycle's `freeze` fires at the document, not the window, and
// is the last moment a frozen tab on a phone can run code.
export function on_freeze(callback) {
  document.addEventListener('freeze', () => callback());
}

// A page the phone froze, or kept in the back-forward cache, gets no
// `storage` events until it runs again, and perhaps none for that time.
export function on_resume(callback) {
  document.addEventListener('resume', () => callback());
  addEventListener('pageshow', (event) => event.persisted && callback());
}

// The crash screen: shows it and lets the person take their data with them.
export function show_crash_screen(backup) {
  const screen = document.getElementById('crash');
  if (!screen) return;
  screen.hidden = false;
  const button = document.getElementById('crash-export');
  if (button && backup) {
    button.hidden = false;
    button.onclick = () => download(`coffee-chat-backup-${new Date().toISOString().slice(0, 10)}.json`, 'application/json', backup);
  }
}
