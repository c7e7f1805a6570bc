// The window for bench:shell: a worker thread with the preload's real StudioApi over the port
// main hands it. It saves the documents and reports what each save took, as the page sees it.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createPortStudioApi, type PortLike } from '../../electron/preload/port-api';

const { docs } = workerData as { docs: { name: string; json: string; saves: number }[] };
const main = parentPort!;
const api = createPortStudioApi({
  send: (channel) => main.postMessage({ type: 'ipc', channel }),
  once: (_channel, listener) => main.once('message', ({ port }: { port: MessagePort }) => listener({ ports: [port as unknown as PortLike] })),
});

const project = await api.projects.create({ title: 'Bench' });
const results: Record<string, number[]> = {};
for (const doc of docs) {
  const created = await api.documents.create({ projectId: project.id, title: doc.name });
  results[doc.name] = [];
  for (let i = 0; i < doc.saves; i++) {
    const json = doc.json.replace(/"text":"the /, `"text":"${i} the `);
    const t = performance.now();
    await api.documents.save({ id: created.id, content: json });
    results[doc.name]!.push(performance.now() - t);
  }
}
main.postMessage({ type: 'done', results });
