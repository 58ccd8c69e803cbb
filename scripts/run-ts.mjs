// Runs a TypeScript script with vite's module runner (Node 20 can't strip types): node scripts/run-ts.mjs SCRIPT.ts ARGS...
import { runnerImport } from 'vite';

const [script] = process.argv.splice(2, 1);
if (!script) {
  console.error('Usage: node scripts/run-ts.mjs SCRIPT.ts [ARGS...]');
  process.exit(2);
}
await runnerImport(script.startsWith('.') || script.startsWith('/') ? script : `./${script}`, {
  configFile: false,
  logLevel: 'error',
});
