import { dirname, resolve } from 'node:path';
import { mkdirSync } from 'node:fs';
import { buildDemoEngagement } from '../../../resources/demo/build';
import type { Command } from '../command';
import { exportPackFiles, exportPackPdf, packOf, paperOf } from './export';
import { formatCount, table } from '../output';

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
  async run(_positionals, values) {
    const out = resolve(String(values.out ?? 'demo.cxb'));
    mkdirSync(dirname(out), { recursive: true });
    const started = Date.now();
    const build = await buildDemoEngagement(out, {
      ...(values.seed ? { seed: Number(values.seed) } : {}),
      ...(values.quiet ? {} : { onFile: (file: string) => process.stderr.write(`  importing ${file}\n`) }),
    });
    console.log(
      `Demo engagement "${build.manifest.company}" written to ${build.path} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    console.log(`  source files (as a client would hand them over): ${build.filesDir}`);
    console.log(
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
      const result = await exportPackPdf(build.path, {
        paper: paperOf(values.paper),
        out: String(values.pdf),
      });
      console.log(
        `PDF pack (${result.pages} pages) written to ${result.path} in ${result.seconds.toFixed(1)} s`,
      );
    }
    if (values.pptx || values.xlsx) await exportPackFiles(packOf(build.path, {}), values);
    console.log(`Next: cxbrief scorecard ${build.path}   ·   cxbrief gap ${build.path}`);
    return 0;
  },
};
