import { runUnderHeapPolicy } from '../functions/local/heap-policy.js';

// The CLI re-runs itself under its heap policy (functions/local/heap-policy.ts) before loading
// anything else; the re-run process (or one started with the user's own heap flags) goes on.
const code = await runUnderHeapPolicy();
if (code !== undefined) {
  process.exitCode = code;
} else {
  const { main } = await import('./cli.js');
  process.exitCode = await main(process.argv.slice(2));
}
