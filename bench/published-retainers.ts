// Dev aid: after a week is set and played, which published datasets are alive, and what keeps each one (a retainer path from a heap snapshot).
// node scripts/run-ts.mjs bench/published-retainers.ts [ROWS=1000000]   (DIST=folder reuses a build; a folder published by the bench part)
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { CACHE_DIR, REPO, launch, serve } from './lib';
import { startRangeServer } from '../scripts/serve-range';
import { WEEK } from './published';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; edge_fields: string[]; node_types: [string[]]; edge_types: [string[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** Shortest retainer paths (from the GC roots) to every node named `target`, as "name --edge--> name" chains. */
function retainerPaths(s: Snapshot, target: string, max = 4): string[] {
  const nf = s.snapshot.meta.node_fields.length;
  const ef = s.snapshot.meta.edge_fields.length;
  const nodeTypes = s.snapshot.meta.node_types[0];
  const edgeTypes = s.snapshot.meta.edge_types[0];
  const [typeAt, nameAt, , , countAt] = ['type', 'name', 'id', 'self_size', 'edge_count'].map((f) =>
    s.snapshot.meta.node_fields.indexOf(f),
  );
  const [eType, eName, eTo] = ['type', 'name_or_index', 'to_node'].map((f) => s.snapshot.meta.edge_fields.indexOf(f));
  const n = s.nodes.length / nf;
  const parent = new Int32Array(n).fill(-1);
  const parentEdge = new Int32Array(n).fill(-1);
  const firstEdge = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) firstEdge[i + 1] = firstEdge[i] + s.nodes[i * nf + countAt] * ef;
  // Breadth first from the root (node 0), skipping weak edges: the first path found is a shortest one.
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  queue[tail++] = 0;
  parent[0] = 0;
  while (head < tail) {
    const i = queue[head++];
    for (let e = firstEdge[i]; e < firstEdge[i + 1]; e += ef) {
      const et = edgeTypes[s.edges[e + eType]];
      if (et === 'weak') continue;
      // A WeakMap's value holds only while its key does (that key's own path is found elsewhere).
      if (et === 'internal' && s.strings[s.edges[e + eName]]?.includes('part of key')) continue;
      const to = s.edges[e + eTo] / nf;
      if (parent[to] !== -1) continue;
      parent[to] = i;
      parentEdge[to] = e;
      queue[tail++] = to;
    }
  }
  const label = (i: number): string =>
    `${nodeTypes[s.nodes[i * nf + typeAt]]}:${s.strings[s.nodes[i * nf + nameAt]].slice(0, 60)}`;
  const out: string[] = [];
  for (let i = 0; i < n && out.length < max; i++) {
    if (s.strings[s.nodes[i * nf + nameAt]] !== target || nodeTypes[s.nodes[i * nf + typeAt]] !== 'object') continue;
    const chain: string[] = [];
    for (let at = i; at !== 0 && parent[at] !== -1; at = parent[at]) {
      const e = parentEdge[at];
      const t = edgeTypes[s.edges[e + eType]];
      const name = t === 'element' || t === 'hidden' ? `[${s.edges[e + eName]}]` : s.strings[s.edges[e + eName]];
      chain.push(`--${name}--> ${label(at)}`);
      if (chain.length > 40) break;
    }
    out.push(parent[i] === -1 ? `${label(i)}: unreachable` : chain.reverse().join('\n  '));
  }
  return out;
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const dir = join(CACHE_DIR, `published-${rows}`);
  const dist = process.env.DIST ?? mkdtempSync(join(tmpdir(), 'atlas-ret-'));
  if (!process.env.DIST)
    await build({ root: REPO, logLevel: 'warn', build: { outDir: dist, emptyOutDir: true, minify: false } });
  console.log('dist', dist);
  const server = await serve(dist);
  const data = await startRangeServer({ root: dir });
  const browser = await launch();
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.url}index.html#data=${data.url}/dataset.json&t=2025-06-01..2025-06-30&view=48.5,33,4.6`);
    await page.waitForFunction(
      () => document.querySelector<HTMLElement>('[data-testid=published-status]')?.dataset.state === 'ready',
      undefined,
      { timeout: 120_000 },
    );
    await page.evaluate(async ({ from, to, view }) => {
      // biome-ignore lint/suspicious/noExplicitAny: a dev aid's loose handle on the page's store
      const s = (window as any).__atlas.store;
      s.getState().camera.moveTo(view);
      s.setState({ window: { from, to } });
      await new Promise((r) => setTimeout(r, 4000));
      s.getState().setSpeed(1);
      s.getState().setPlaying(true);
      await new Promise((r) => setTimeout(r, Number(new URLSearchParams(location.search).get('play') ?? 4000)));
      s.getState().setPlaying(false);
      await new Promise((r) => setTimeout(r, 1500));
    }, WEEK);
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    // Every published dataset alive gets a marker object of its own class, to find in the snapshot.
    const proto = (await cdp.send('Runtime.evaluate', {
      expression: 'Object.getPrototypeOf(window.__atlas.store.getState().dataset)',
    })) as { result: { objectId: string } };
    const found = (await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.result.objectId })) as {
      objects: { objectId: string };
    };
    const alive = (await cdp.send('Runtime.callFunctionOn', {
      objectId: found.objects.objectId,
      functionDeclaration: `function () {
        const now = window.__atlas.store.getState().dataset;
        return this.map((d, i) => {
          const Probe = new Function('return class Probe' + i + ' {}')();
          d.__probe = new Probe();
          return 'Probe' + i + ': ' + (d === now ? 'the store\\'s, ' : '') + d.published.mode + ' ' + d.published.loaded;
        });
      }`,
      returnByValue: true,
    })) as { result: { value: string[] } };
    console.log(alive.result.value.join('\n'));
    // DevTools' own handles on them (the query's array) are let go, so that only the page's paths are left.
    await cdp.send('Runtime.releaseObject', { objectId: found.objects.objectId });
    await cdp.send('Runtime.releaseObject', { objectId: proto.result.objectId });
    await cdp.send('Runtime.discardConsoleEntries');
    await cdp.send('HeapProfiler.collectGarbage');
    const chunks: string[] = [];
    cdp.on('HeapProfiler.addHeapSnapshotChunk', (e) => chunks.push((e as { chunk: string }).chunk));
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
    const snap = JSON.parse(chunks.join('')) as Snapshot;
    for (let i = 0; i < alive.result.value.length; i++) {
      console.log(`\n== Probe${i}: the shortest path that keeps it ==`);
      for (const p of retainerPaths(snap, `Probe${i}`, 1)) console.log(`  ${p}`);
    }
  } finally {
    await browser.close();
    await server.server.close();
    await data.close();
  }
}
void main();
