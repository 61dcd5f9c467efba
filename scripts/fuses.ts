/**
 * Electron fuses for a release build: switches compiled into the Electron binary that turn off
 * ways to run it as something other than CX Brief. Flipped on the packaged binary after packing
 * (electron-builder's `afterPack` hook, or by hand: `npx tsx scripts/fuses.ts path/to/electron`).
 *
 * - RunAsNode off: ELECTRON_RUN_AS_NODE cannot turn the signed app into a general Node runtime
 *   (the engine is a utilityProcess, which does not need it).
 * - NODE_OPTIONS and --inspect off: no environment variable or argument injects code or a debugger.
 * - Cookie encryption on (the app keeps no cookies; defence in depth).
 * - The app only from its asar, checked against the integrity hash built into it.
 * - file:// gets no extra privileges (the renderer is served from app://).
 */
import { FuseV1Options, FuseVersion, flipFuses, type FuseV1Config } from '@electron/fuses';

export const RELEASE_FUSES: FuseV1Config = {
  version: FuseVersion.V1,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** Flips the release fuses in the Electron binary at `electronPath` (the packaged app's executable). */
export async function flipReleaseFuses(electronPath: string): Promise<void> {
  await flipFuses(electronPath, {
    ...RELEASE_FUSES,
    resetAdHocDarwinSignature: process.platform === 'darwin',
  });
}

const [target] = process.argv.slice(2);
if (target && import.meta.url === `file://${process.argv[1]}`) await flipReleaseFuses(target);
