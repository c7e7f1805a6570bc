// bench:shell — what moving the studio core off Electron's main process buys. The same saves
// (a 100k-word, 0.9 MB document and a 2M-word, 11 MB manuscript) run with the core on the
// main thread, as the shell did before, and with the core in
// its own thread standing in for the utility process, talking to a "window" thread over a
// MessagePort handed over by main (the real core host, main routing and preload API). The
// figure that matters is how long the main thread is stalled: while it is, Electron's main
// process handles no input, menus or window events for any window.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { unwrap, type Result } from '../../shared/api/result';
import { APP_INDEX_URL } from '../../electron/main/app-protocol';
import { startCoreProcess, type ForkUtility, type UtilityProcessLike } from '../../electron/main/core-process';
import { registerStudioPorts, type ConnectEvent } from '../../electron/main/studio-port';
import { createStudioCore } from '../../electron/core/studio-core';
import { docJson, manuscriptParagraphs } from '../../tests/fixtures/lexical';
import { FakePortMain, fakeChannelMain } from '../../tests/unit/electron/electron-fakes';
import { percentile, round } from '../stats';

const boot = path.join(import.meta.dirname, 'thread-boot.mjs');
const thread = (entry: string, workerData: Record<string, unknown> = {}) => new Worker(boot, { workerData: { entry: path.join(import.meta.dirname, entry), ...workerData } });

// ~400-word paragraphs keep the big manuscript well under the content validator's node cap.
const group = (paragraphs: string[], n: number) => Array.from({ length: Math.ceil(paragraphs.length / n) }, (_, i) => paragraphs.slice(i * n, i * n + n).join(' '));
const docs = [
  { name: '100k words', json: docJson(manuscriptParagraphs(100_000)), saves: 20 },
  { name: '2M words', json: docJson(group(manuscriptParagraphs(2_000_000), 7)), saves: 5 },
];

/** The main thread's longest stall while `work` runs: the largest gap between 1 ms ticks. */
async function mainStall<T>(work: () => Promise<T>): Promise<{ value: T; maxStallMs: number }> {
  let last = performance.now();
  let maxStallMs = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    maxStallMs = Math.max(maxStallMs, now - last);
    last = now;
  }, 1);
  try {
    const value = await work();
    return { value, maxStallMs };
  } finally {
    clearInterval(ticker);
  }
}

async function coreOnMain() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'margin-bench-shell-'));
  const core = createStudioCore({ dataDir: dir, host: 'electron' });
  const call = <T>(method: string, input: unknown) => unwrap(core.call(method, input) as Result<T>);
  const { value, maxStallMs } = await mainStall(async () => {
    const project = call<{ id: string }>('projects.create', { title: 'Bench' });
    const results: Record<string, number[]> = {};
    for (const doc of docs) {
      const created = call<{ id: string }>('documents.create', { projectId: project.id, title: doc.name });
      results[doc.name] = [];
      for (let i = 0; i < doc.saves; i++) {
        const json = doc.json.replace(/"text":"the /, `"text":"${i} the `);
        const t = performance.now();
        call('documents.save', { id: created.id, content: json });
        results[doc.name]!.push(performance.now() - t);
        await new Promise((r) => setImmediate(r)); // the main loop gets its turn between saves, as it would
      }
    }
    return results;
  });
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { results: value, maxStallMs };
}

async function coreInUtility() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'margin-bench-shell-'));
  // utilityProcess.fork, stood in for by a worker thread running the bundled host's source.
  const fork: ForkUtility = () => {
    const worker = thread('core-thread.ts');
    const child: UtilityProcessLike = {
      postMessage: (data, transfer = []) => {
        const ports = (transfer as FakePortMain[]).map((p) => p.node);
        worker.postMessage({ data, ports }, ports);
      },
      on: (event: 'message' | 'exit', listener: (arg: any) => void) => worker.on(event, listener),
      kill: () => (void worker.terminate(), true),
    };
    return child;
  };
  const core = await startCoreProcess({
    fork,
    entry: 'core-host',
    dataDir: dir,
    vault: { read: () => null, write: () => undefined },
    notify: () => undefined,
    badge: () => undefined,
    onCrash: (code) => console.error(`core thread stopped (${code})`),
  });
  const window = thread('renderer-thread.ts', { docs });
  const frame = {
    url: APP_INDEX_URL,
    postMessage: (_channel: string, _message: unknown, transfer: unknown[] = []) => {
      const port = (transfer[0] as FakePortMain).node;
      window.postMessage({ port }, [port]);
    },
  };
  let onConnect: ((event: ConnectEvent) => void) | undefined;
  registerStudioPorts({ on: (_c, l) => void (onConnect = l), removeListener: () => undefined }, { newChannel: fakeChannelMain, connect: core.connect });
  const { value, maxStallMs } = await mainStall(
    () =>
      new Promise<Record<string, number[]>>((resolve, reject) => {
        window.on('error', reject);
        window.on('message', (m: { type: string; results?: Record<string, number[]> }) => {
          if (m.type === 'ipc') onConnect!({ senderFrame: frame, sender: { mainFrame: frame } });
          if (m.type === 'done') resolve(m.results!);
        });
      }),
  );
  await window.terminate();
  await core.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  return { results: value, maxStallMs };
}

// Two rounds, alternating (the machine is shared, and a run's garbage is collected in the next);
// each setup keeps its better round.
const big = docs[1]!.name;
const small = docs[0]!.name;
type Run = Awaited<ReturnType<typeof coreOnMain>>;
const better = (a: Run | undefined, b: Run) => (!a || percentile(b.results[big]!, 50) < percentile(a.results[big]!, 50) ? b : a);
let before: Run | undefined;
let after: Run | undefined;
for (let round = 0; round < 2; round++) {
  before = better(before, await coreOnMain());
  after = better(after, await coreInUtility());
}
const p50 = (xs: number[]) => round(percentile(xs, 50));
if (!before || !after) throw new Error('no runs');
const figures = {
  doc_mb_100k: round(docs[0]!.json.length / 1e6),
  doc_mb_2m: round(docs[1]!.json.length / 1e6),
  on_main_save_p50_ms_100k: p50(before.results[small]!),
  on_main_save_p50_ms_2m: p50(before.results[big]!),
  on_main_max_main_stall_ms: round(before.maxStallMs),
  utility_save_p50_ms_100k: p50(after.results[small]!),
  utility_save_p50_ms_2m: p50(after.results[big]!),
  utility_max_main_stall_ms: round(after.maxStallMs),
  main_stall_ratio: round(before.maxStallMs / Math.max(after.maxStallMs, 0.001)),
  port_overhead_ratio_2m: round(percentile(after.results[big]!, 50) / percentile(before.results[big]!, 50)),
};
console.log(`documents: ${figures.doc_mb_100k} MB (100k words), ${figures.doc_mb_2m} MB (2M words)`);
console.log(`core on the main thread: save p50 ${figures.on_main_save_p50_ms_100k} ms (100k), ${figures.on_main_save_p50_ms_2m} ms (2M); main thread stalled up to ${figures.on_main_max_main_stall_ms} ms`);
console.log(`core in its own process, over a MessagePort: save p50 as the window sees it ${figures.utility_save_p50_ms_100k} ms (100k), ${figures.utility_save_p50_ms_2m} ms (2M); main thread stalled up to ${figures.utility_max_main_stall_ms} ms`);
console.log(`main-thread stall, before/after: x${figures.main_stall_ratio}; cost of the port for the 2M-word save (clone + hop), after/before: x${figures.port_overhead_ratio_2m}`);
console.log(JSON.stringify(figures));
