// Preloaded (node --import) into a command a benchmark stage runs: when the process exits it writes
// its own wall time since start, CPU time and peak RSS as JSON to the file BENCH_USAGE_FILE names.
// Plain JavaScript, so the command starts as a user's does, without tsx.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
if (file)
  process.on('exit', () => {
    const cpu = process.cpuUsage();
    writeFileSync(
      file,
      JSON.stringify({
        seconds: performance.now() / 1000,
        cpuSeconds: (cpu.user + cpu.system) / 1e6,
        peakRssMb: process.resourceUsage().maxRSS / 1024,
      }),
    );
  });
