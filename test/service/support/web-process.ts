// The production web server (`node build/index.js`, adapter-node; run `npm run build` first) as a child process
// on a fixed loopback port, so a fault run can SIGKILL it and start it again where clients expect it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface WebProcess {
  readonly url: string;
  readonly port: number;
  /** Starts it (again) and waits until GET /api/health answers (any status: a 503 still means it serves). */
  start(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** The last 20 KB of its stdout and stderr. */
  output(): string;
}

export function webProcess(options: { repoRoot: string; port: number; env: Record<string, string>; log?: (line: string) => void }): WebProcess {
  const entry = join(options.repoRoot, 'build/index.js');
  const url = `http://127.0.0.1:${options.port}`;
  let child: ChildProcess | undefined;
  let output = '';
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-20_000);
    if (options.log) for (const line of d.toString().split('\n')) if (line.trim() !== '') options.log(line);
  };
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    const c = child;
    child = undefined;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const gone = new Promise((resolve) => c.once('exit', resolve));
    c.kill(signal);
    // Open Redis connections can keep a SIGTERMed server alive: give it 10 s, then SIGKILL.
    const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(timer);
  };
  return {
    url,
    port: options.port,
    output: () => output,
    kill,
    async start() {
      if (!existsSync(entry)) throw new Error('build/index.js is missing: run `npm run build` first');
      const c = spawn(process.execPath, [entry], {
        cwd: options.repoRoot,
        env: {
          ...process.env,
          HOST: '127.0.0.1',
          PORT: String(options.port),
          // The API enforces its own body limits while reading (as scripts/start.sh sets it).
          BODY_SIZE_LIMIT: 'Infinity',
          ...options.env
        },
        stdio: ['ignore', 'pipe', 'pipe']
      });
      child = c;
      c.stdout?.on('data', keep);
      c.stderr?.on('data', keep);
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        if (c.exitCode !== null) throw new Error(`the web server exited with ${c.exitCode}:\n${output.slice(-3000)}`);
        try {
          await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
          return;
        } catch {
          await new Promise((r) => setTimeout(r, 200));
        }
      }
      throw new Error(`the web server did not answer on ${url} within 60 s:\n${output.slice(-3000)}`);
    }
  };
}
