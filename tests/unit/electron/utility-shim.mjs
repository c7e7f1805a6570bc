// Runs a built utility-process entry (out/main/*.cjs) in a worker thread, with the
// `process.parentPort` Electron would give it: messages as { data, ports }, ports shaped like
// MessagePortMain. Used by built-core-host.test.ts; Electron itself cannot run here.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const portMain = (port) => ({
  on: (event, listener) => (event === 'message' ? port.on('message', (data) => listener({ data })) : port.on(event, listener)),
  postMessage: (message) => port.postMessage(message),
  start: () => undefined, // a Node port starts when its first 'message' listener is added
  close: () => port.close(),
});
process.parentPort = {
  on: (_event, listener) => parentPort.on('message', ({ data, ports }) => listener({ data, ports: ports.map(portMain) })),
  postMessage: (message) => parentPort.postMessage(message),
};
createRequire(import.meta.url)(workerData.entry);
