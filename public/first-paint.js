// Runs in <head> before the first paint, as a classic script of its own
// (the Content-Security-Policy allows no inline script). It applies the
// theme chosen in Settings, so a dark theme never flashes light, and tells
// the static first screen in index.html which version to show: the welcome
// card for someone new, Today's heading for someone returning, a plain line
// on any other page, in English or French. The app keeps the hint current
// (FIRST_PAINT_KEY in src/storage/keys.rs: the theme, "new" or "returning",
// then the language chosen in Settings).
(function () {
  var root = document.documentElement;
  var hint = [];
  try {
    hint = (localStorage.getItem('coffee-chat/first-paint') || '').split(' ');
  } catch (blocked) {
    // Storage switched off: the app says so once it starts.
  }
  if (hint[0] === 'light' || hint[0] === 'dark') root.setAttribute('data-theme', hint[0]);
  var screen = location.pathname !== '/' ? 'elsewhere' : hint[1] === 'returning' ? 'returning' : 'new';
  root.setAttribute('data-first-screen', screen);
  // The language: chosen in Settings, else the first of English and French
  // in the phone's list, else English. The app reads <html lang> back, and
  // the French catalogue starts downloading now, beside the wasm.
  var language = hint[2] === 'en' || hint[2] === 'fr' ? hint[2] : 'en';
  if (hint[2] !== 'en' && hint[2] !== 'fr') {
    var phone = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language || 'en'];
    for (var i = 0; i < phone.length; i++) {
      var base = String(phone[i]).split(/[-_]/)[0].toLowerCase();
      if (base === 'en' || base === 'fr') {
        language = base;
        break;
      }
    }
  }
  root.setAttribute('lang', language);
  if (language === 'fr') {
    // The install sheet in French too (the link sits above this script).
    var manifest = document.querySelector('link[rel="manifest"]');
    if (manifest) manifest.setAttribute('href', '/manifest.fr.webmanifest');
    window.__frenchCatalogue = fetch('/fr.json').then(function (response) {
      return response.ok ? response.text() : null;
    });
  }
  // Today's date as the app writes it (long_date in src/domain/calendar.rs),
  // shown by the stylesheet: the page's markup is not parsed yet. Not through
  // toLocaleDateString, whose first call loads locale data: 120 to 240 ms
  // before the first paint with a 4x slower CPU.
  var now = new Date();
  var french = language === 'fr';
  var weekdays = french
    ? ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi']
    : ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  var months = french
    ? ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre']
    : ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  var day = french && now.getDate() === 1 ? '1er' : String(now.getDate());
  var date = weekdays[now.getDay()] + ' ' + day + ' ' + months[now.getMonth()];
  root.style.setProperty('--today-label', JSON.stringify(date));
})();
