// Runs in <head> before the first paint, as a classic script of its own
// (the Content-Security-Policy allows no inline script). It applies the
// theme chosen in Settings, so a dark theme never flashes light, and tells
// the static first screen in index.html which version to show: the welcome
// card for someone new, Today's heading for someone returning, a plain line
// on any other page. The app keeps the hint current (FIRST_PAINT_KEY in
// src/storage/keys.rs: the theme, then "new" or "returning").
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
  // Today's date as the app writes it (long_date in src/domain/calendar.rs),
  // shown by the stylesheet: the page's markup is not parsed yet. Not through
  // toLocaleDateString, whose first call loads locale data: 120 to 240 ms
  // before the first paint with a 4x slower CPU.
  var now = new Date();
  var weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
  var months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  var date = weekdays[now.getDay()] + ' ' + now.getDate() + ' ' + months[now.getMonth()];
  root.style.setProperty('--today-label', JSON.stringify(date));
})();
