/**
 * The release fuses: flipped by @electron/fuses in a file laid out as Electron's binary lays out its
 * fuse wire (the sentinel, version 1, the wire length, one byte per fuse), then read back.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { RELEASE_FUSES, flipReleaseFuses } from '../../scripts/fuses';
import { useTempDir } from '../helpers';

const tempDir = useTempDir();
/** What Electron's binary writes before its fuse wire (@electron/fuses finds the wire by it). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

function fakeElectron(dir: string): string {
  const fuses = 9;
  const wire = Buffer.alloc(fuses, FuseState.ENABLE);
  wire[FuseV1Options.EnableCookieEncryption] = FuseState.DISABLE;
  wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation] = FuseState.DISABLE;
  wire[FuseV1Options.OnlyLoadAppFromAsar] = FuseState.DISABLE;
  const path = join(dir, 'electron');
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.alloc(70_000, 7),
      Buffer.from(SENTINEL),
      Buffer.from([1, fuses]),
      wire,
      Buffer.alloc(500),
    ]),
  );
  return path;
}

describe('release fuses', () => {
  it('turn off running as Node, NODE_OPTIONS, inspect flags and file:// privileges; require the checked asar', async () => {
    const electron = fakeElectron(tempDir());
    await flipReleaseFuses(electron);
    const wire = (await getCurrentFuseWire(electron)) as unknown as Record<number, number>;
    const expected: Record<number, number> = {};
    for (const [index, on] of Object.entries(RELEASE_FUSES))
      if (index !== 'version') expected[Number(index)] = on ? FuseState.ENABLE : FuseState.DISABLE;
    for (const [index, state] of Object.entries(expected))
      expect(wire[Number(index)], FuseV1Options[Number(index)]).toBe(state);
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
  });
});
