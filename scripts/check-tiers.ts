// `npm run lint` step: imports in src/ only go down the tiers (entries → ui → app → core) and core's folders form no cycle; see docs/architecture.md.
import { readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { checkTiers, sourceFiles, tierOf } from './tiers';

const root = resolve(import.meta.dirname, '..');
const files = new Map(sourceFiles(join(root, 'src')).map((p) => [relative(root, p), readFileSync(p, 'utf8')]));
const stray = [...files.keys()].filter((f) => tierOf(f) === null && f !== 'src/vite-env.d.ts');
const findings = checkTiers(files, root);
for (const f of stray)
  findings.push({
    file: f,
    spec: '',
    message: 'every source file lives in a tier: src/core, src/app, src/ui or src/entries',
  });
for (const f of findings) console.error(`${f.file}${f.spec ? ` imports '${f.spec}'` : ''}: ${f.message}`);
if (findings.length > 0) {
  console.error(`\n${findings.length} tier finding(s); see docs/architecture.md`);
  process.exit(1);
}
console.log(`tiers: ${files.size} files, imports only go down`);
