// The studio core's "utility process" for bench:shell: a worker thread running the real core
// host, its parentPort adapted to Electron's shape (messages as { data, ports }).
import { parentPort, type MessagePort } from 'node:worker_threads';
import { runCoreHost, type ParentPortLike } from '../../electron/core/host/core-host';
import { FakePortMain } from '../../tests/unit/electron/electron-fakes';

const port = parentPort!;
const parent: ParentPortLike = {
  on: (_event, listener) => port.on('message', ({ data, ports }: { data: unknown; ports: MessagePort[] }) => listener({ data, ports: ports.map((p) => new FakePortMain(p)) })),
  postMessage: (message) => port.postMessage(message),
};
runCoreHost(parent, { exit: (code) => process.exit(code) });
