// `npm run imitations`: all four imitation servers with demo data, until Ctrl-C.
// Prints what a person needs to add and connect a workspace in Keydeck against them.
import { startDemo } from './demo';

const latency = Number(process.env.IMITATION_LATENCY_MS ?? '0');
const kernleShape = process.env.KERNLE_SHAPE === 'A' ? 'A' : 'B';
const demo = await startDemo({ latencyMs: latency, kernleShape });

const rows: Array<[string, string, string, string]> = [
  ['Kernel (kernel.sh)', 'kernel-sh', demo.urls.kernel, demo.managementKeys.kernel],
  [`Kernle (shape ${kernleShape})`, 'kernle', demo.urls.kernle, demo.managementKeys.kernle],
  ['Kernel by Asimov', 'asimov-kernel', demo.urls.asimov, demo.managementKeys.asimov],
  ['Kinesis API', 'kinesis', demo.urls.kinesis, demo.managementKeys.kinesis],
];
process.stdout.write('Keydeck imitation servers (demo data, in memory):\n\n');
for (const [label, id, url, key] of rows) {
  process.stdout.write(`  ${label}\n    provider:       ${id}\n    base URL:       ${url}\n    management key: ${key}\n\n`);
}
process.stdout.write('Add a workspace with that provider and base URL, then connect it with the key. Ctrl-C to stop.\n');

const stop = () => {
  void demo.stop().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
