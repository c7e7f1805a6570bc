import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import type { NodeConfig, NodeSeed } from './fanout/node';

/** A server process under test (bench/fanout/node.ts), driven over stdin/stdout lines. */
export interface BenchNode {
  child: ChildProcess;
  port: number;
  seed?: NodeSeed;
  next(prefix: string): Promise<string>;
  send(line: string): void;
}

// A bench that fails (or ends with process.exit) leaves no server behind.
const alive = new Set<ChildProcess>();
process.once('exit', () => alive.forEach((child) => child.kill('SIGKILL')));

export async function startBenchNode(kind: 'margin' | 'bare', config: NodeConfig): Promise<BenchNode> {
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of each server process, to see where its time goes.
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, '--expose-gc', '--import', 'tsx', 'bench/fanout/node.ts', kind, JSON.stringify(config)], { stdio: ['pipe', 'pipe', 'inherit'] });
  alive.add(child);
  child.once('exit', () => alive.delete(child));
  const lines: string[] = [];
  const waiting: Array<{ prefix: string; resolve: (s: string) => void }> = [];
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    const i = waiting.findIndex((w) => line.startsWith(w.prefix));
    if (i >= 0) waiting.splice(i, 1)[0]!.resolve(line);
    else lines.push(line);
  });
  const next = (prefix: string) =>
    new Promise<string>((resolve, reject) => {
      const found = lines.findIndex((l) => l.startsWith(prefix));
      if (found >= 0) return resolve(lines.splice(found, 1)[0]!);
      const timer = setTimeout(() => reject(new Error(`bench node: no ${prefix.trim()} line`)), 180_000);
      waiting.push({ prefix, resolve: (l) => (clearTimeout(timer), resolve(l)) });
    });
  const node: BenchNode = { child, port: 0, next, send: (line) => child.stdin!.write(`${line}\n`) };
  if (config.seed) node.seed = JSON.parse((await next('SEED ')).slice(5));
  node.port = Number((await next('PORT ')).slice(5));
  return node;
}
