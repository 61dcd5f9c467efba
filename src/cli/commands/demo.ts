import { resolve } from 'node:path';
import type { Command } from '../command';
import { UsageError, formatCount, say, sayError, table } from '../output';
import { exportPackFiles, exportPackPdf, paperOf } from './export';

/** `cxbrief demo`: builds the bundled demo engagement through the real importer. */
export const demoCommand: Command = {
  usage:
    '[--out demo.cxb] [--pdf pack.pdf] [--paper a4|letter] [--pptx deck.pptx] [--xlsx book.xlsx] [--seed N]',
  options: {
    out: { type: 'string' },
    pdf: { type: 'string' },
    paper: { type: 'string' },
    pptx: { type: 'string' },
    xlsx: { type: 'string' },
    seed: { type: 'string' },
    quiet: { type: 'boolean' },
  },
  async run(_positionals, values, api) {
    const out = resolve(String(values.out ?? 'demo.cxb'));
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0))
      throw new UsageError(`--seed needs a whole number ≥ 0, got "${String(values.seed)}"`);
    const started = Date.now();
    if (!values.quiet)
      api.on((event) => {
        if (event.name === 'demo:progress')
          sayError(`  importing ${(event.payload as { file: string }).file}`);
      });
    const build = await api.call('demo:build', { path: out, ...(seed !== undefined ? { seed } : {}) });
    say(
      `Demo engagement "${build.company}" written to ${build.path} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    say(`  source files (as a client would hand them over): ${build.filesDir}`);
    say(
      table(
        ['file', 'kind', 'rows read', 'accepted', 'rejected', 'facts written'],
        build.imports.map((r) => [
          r.fileName,
          r.kind,
          formatCount(r.rowsRead),
          formatCount(r.rowsAccepted),
          formatCount(r.rowsRejected),
          formatCount(r.factsWritten),
        ]),
      ),
    );
    if (values.pdf) {
      const result = await exportPackPdf(api, build.path, {
        paper: paperOf(values.paper),
        out: String(values.pdf),
      });
      say(`PDF pack (${result.pages} pages) written to ${result.path} in ${result.seconds.toFixed(1)} s`);
    }
    if (values.pptx || values.xlsx) await exportPackFiles(api, build.path, {}, values);
    say(`Next: cxbrief scorecard ${build.path}   ·   cxbrief gap ${build.path}`);
    return 0;
  },
};
