// Starts a bench thread written in TypeScript: registers tsx in the worker, then imports it.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
