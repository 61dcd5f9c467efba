/**
 * Core speaks to every host, so no sentence in src/core names a CLI flag: the CLI adds its flag
 * hints from the error and note codes (src/cli/hints.ts), the app its buttons.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CORE = join(import.meta.dirname, '..', '..', 'src', 'core');

/** The string literals and template texts of a TypeScript file (comments left out). */
function strings(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return [...withoutComments.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)].map(
    (match) => match[0],
  );
}

/**
 * Arguments to other programs, not sentences: how Node is told to load TypeScript in a worker, and
 * the switches of the headless Chromium that prints the pack (core/export/browser.ts).
 */
const NODE_ARGUMENTS = new Set([
  "'--import'",
  ...[
    'no-sandbox',
    'disable-gpu',
    'no-first-run',
    'no-zygote',
    'disable-background-networking',
    'disable-component-update',
    'disable-domain-reliability',
    'font-render-hinting=none',
  ].map((name) => `'--${name}'`),
]);

describe('src/core names no CLI flag', () => {
  it('finds no --flag in any string in src/core', () => {
    const files = readdirSync(CORE, { recursive: true, encoding: 'utf8' }).filter((name) =>
      name.endsWith('.ts'),
    );
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((name) =>
      strings(readFileSync(join(CORE, name), 'utf8'))
        .filter((text) => /(^|[\s(`'"])--[a-z]/.test(text) && !NODE_ARGUMENTS.has(text))
        .map((text) => `${name}: ${text.slice(0, 80)}`),
    );
    expect(offenders).toEqual([]);
  });

  it('would find one (the check can fail)', () => {
    expect(strings("const a = 'rerun with --accept-rejects'; // --not-this")).toEqual([
      "'rerun with --accept-rejects'",
    ]);
  });
});
