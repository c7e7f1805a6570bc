import { runCoreHost, type ParentPortLike } from './core-host';

// The studio core's process: started by Electron's main process with utilityProcess.fork
// (bundled to out/main/core-host.cjs). It speaks to main through `process.parentPort` and
// never imports `electron`, so the same core runs in plain Node for tests and browser mode.
const parentPort = (process as NodeJS.Process & { parentPort?: ParentPortLike }).parentPort;
if (!parentPort) {
  console.error('The studio core host must be started by Margin (Electron utilityProcess).');
  process.exit(2);
}
runCoreHost(parentPort, { exit: (code) => process.exit(code) });
