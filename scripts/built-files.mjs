// What a build wrote, and which of it a first visit downloads before the
// app runs. Shared by the post-build hook, the size gate and the size
// benchmark, so that they never count differently.
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Every file under `dir`, as paths relative to it with `/`, sorted. */
export function builtFiles(dir) {
  const walk = (at) =>
    readdirSync(at).flatMap((name) => {
      const path = join(at, name);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
  return walk(dir)
    .map((path) => relative(dir, path).split(sep).join('/'))
    .sort();
}

/** Icons, manifest and service worker come after the app is up; the
 * screenshots only ever to an install sheet; the French catalogue only to
 * a visit in French (see isSecondLanguage); the ask rules and the
 * English texts past the first screens once the app is up (see
 * isAfterStart). */
export function isFirstLoad(name) {
  return (
    !/^(icons|screenshots)\/|^(manifest(\.fr)?\.webmanifest|sw\.js)$/.test(name) &&
    !isSecondLanguage(name) &&
    !isAfterStart(name)
  );
}

/** Data the app fetches once it is running, before anyone can type: the
 * ask rules (src/domain/asks_rules.txt), and in English the texts of the
 * screens past the first (see build.rs). */
export function isAfterStart(name) {
  return name === 'asks_rules.txt' || isEnglishAfterStart(name);
}

/** The English catalogue, whose texts past the first screens the wasm
 * leaves out (build.rs). */
export function isEnglishAfterStart(name) {
  return name === 'en.json';
}

/** What a first visit in French downloads on top of the first load. */
export function isSecondLanguage(name) {
  return name === 'fr.json';
}

