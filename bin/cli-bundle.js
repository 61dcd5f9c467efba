// The prebuilt CLI: where scripts/build-cli.mjs writes it and whether it may be run instead of the
// TypeScript sources. Plain JavaScript: it runs before tsx is loaded, and most often without it.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project folder (this file is in bin/); no import.meta.dirname, which Node 18 lacks. */
export const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Where the bundle goes, relative to the project folder. */
export const BUNDLE_DIR = join('out', 'cli');

/** The bundle's entry (exports `run`, like src/cli/main.ts). */
export const BUNDLE_ENTRY = 'main.js';

/**
 * Written last by a build; its modification time is the moment the build started reading the
 * sources, so a file saved during the build still makes the bundle stale.
 */
export const BUILT_STAMP = '.built';

/** What the bundle is made of: a change to any of them (or a file added or removed) makes it stale. */
const INPUTS = ['src', 'package.json', 'package-lock.json', join('scripts', 'build-cli.mjs')];

/**
 * The bundle's entry when it was built after the last change to every input, else null with the
 * reason (the developer editing src runs the sources, never stale code). A removed or renamed
 * file changes its folder's time, so folders count too.
 */
export function currentBundle(root = PROJECT_ROOT) {
  const stamp = join(root, BUNDLE_DIR, BUILT_STAMP);
  if (!existsSync(stamp)) return { entry: null, reason: `${join(BUNDLE_DIR, BUILT_STAMP)} does not exist` };
  const builtAt = statSync(stamp).mtimeMs;
  const newer = newerThan(root, builtAt);
  if (newer) return { entry: null, reason: `${relative(root, newer)} changed after the bundle was built` };
  return { entry: join(root, BUNDLE_DIR, BUNDLE_ENTRY), reason: 'built after the last change to src' };
}

/**
 * The first input (file or folder) modified after `time`, or null. Paths are joined by hand:
 * path.join's normalising was most of the walk's time, paid on every command.
 */
function newerThan(root, time) {
  const pending = INPUTS.map((input) => `${root}${sep}${input}`);
  while (pending.length > 0) {
    const path = pending.pop();
    // An input that does not exist (no lockfile, a file removed meanwhile) changes nothing.
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.mtimeMs > time) return path;
    if (!stat.isDirectory()) continue;
    try {
      for (const name of readdirSync(path)) pending.push(`${path}${sep}${name}`);
    } catch {
      return path; // a folder removed while we looked: the sources are changing
    }
  }
  return null;
}
