// Dawn prints two lines on stderr whenever it sets up a Vulkan adapter whose driver allows more dynamic buffers
// per pipeline layout than Dawn does (lavapipe reports 1000000, RADV 500000):
//   Warning: maxDynamicUniformBuffersPerPipelineLayout artificially reduced from 1000000 to 16 to fit …
// Dawn's native logger writes them straight to fd 2: no instance toggle, log callback or device descriptor stops
// them (they come from clamping the adapter's own limits, before any device is asked for), and Node cannot point
// fd 2 elsewhere around one call. So a command that opens a device runs in a child process whose stderr passes
// through StderrFilter, which drops exactly those two lines and nothing else.
// Plain JavaScript (checked through JSDoc) so that bin/clovers.js can start the child without loading tsx.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

export const DAWN_LIMIT_WARNING =
  /^Warning: maxDynamic(?:Uniform|Storage)BuffersPerPipelineLayout artificially reduced from \d+ to \d+ to fit dynamic offset allocation limit\.$/;
const WARNING_START = 'Warning: maxDynamic';

/**
 * Passes text through, dropping whole lines that match `drop`. A line start that could still become such a line
 * waits for its newline; anything else goes out at once (a progress bar redraws with `\r`, never a newline).
 */
export class StderrFilter {
  #pending = '';
  /** The last text passed on ended mid-line: what follows up to the next newline cannot be a dropped line. */
  #midLine = false;
  #out;
  #drop;
  #dropStart;

  /**
   * @param {(text: string) => void} out
   * @param {RegExp} drop whole lines to drop
   * @param {string} dropStart how every dropped line starts
   */
  constructor(out, drop = DAWN_LIMIT_WARNING, dropStart = WARNING_START) {
    this.#out = out;
    this.#drop = drop;
    this.#dropStart = dropStart;
  }

  /** @param {string} chunk */
  write(chunk) {
    const text = this.#pending + chunk;
    this.#pending = '';
    let passed = '';
    let start = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
      const line = text.slice(start, newline);
      if (this.#midLine || !this.#drop.test(line)) passed += `${line}\n`;
      this.#midLine = false;
      start = newline + 1;
    }
    const rest = text.slice(start);
    if (!this.#midLine && (rest.startsWith(this.#dropStart) || this.#dropStart.startsWith(rest))) this.#pending = rest;
    else if (rest !== '') {
      passed += rest;
      this.#midLine = true;
    }
    if (passed !== '') this.#out(passed);
  }

  /** Passes on a last line that never got its newline. */
  end() {
    if (this.#pending !== '' && !this.#drop.test(this.#pending)) this.#out(this.#pending);
    this.#pending = '';
  }
}

/** Commands that open a WebGPU device (worker/cli/args.ts COMMANDS). */
const DEVICE_COMMANDS = new Set(['render', 'info', 'bench']);
/** Set in the child: its stderr is filtered already (and its own children inherit that). */
const FILTERED_ENV = 'CLOVERS_STDERR_FILTERED';
/** The columns of the terminal the parent's stderr is on, so the child still draws its progress bar there. */
const COLUMNS_ENV = 'CLOVERS_STDERR_COLUMNS';
/** EXIT.cancelled of worker/cli/errors.ts. */
const EXIT_CANCELLED = 130;
const FORWARDED_SIGNALS = /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP']);

/**
 * Whether this command line should run in a filtered child: a device command (global flags, all boolean, come
 * before the command, so it is the first argument that is not a flag) not already in one.
 * @param {readonly string[]} argv
 */
export function needsFilteredChild(argv) {
  if (process.env[FILTERED_ENV] !== undefined || process.platform === 'win32') return false;
  return DEVICE_COMMANDS.has(argv.find((arg) => !arg.startsWith('-')) ?? '');
}

/**
 * Runs this CLI again (`argv` after the script) in a child whose stderr goes through StderrFilter; resolves to
 * its exit status, or undefined when the child could not start. The child has its own process group, so a
 * terminal's Ctrl+C reaches it once, forwarded from here, as a `kill -INT` of this process does.
 * @param {readonly string[]} argv
 * @returns {Promise<number | undefined>}
 */
export function runWithFilteredStderr(argv) {
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, [FILTERED_ENV]: '1' };
  if (process.stderr.isTTY) env[COLUMNS_ENV] = String(process.stderr.columns || 80);
  const child = spawn(process.execPath, [...process.execArgv, process.argv[1], ...argv], {
    env,
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
    detached: true
  });
  const filter = new StderrFilter((text) => process.stderr.write(text));
  // Piped above; typed nullable because the stdio list has an 'ipc' entry.
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (/** @type {string} */ text) => filter.write(text));
  /** @param {NodeJS.Signals} signal */
  const forward = (signal) => void child.kill(signal);
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  return new Promise((resolve) => {
    /** @param {number | undefined} status */
    const done = (status) => {
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
      resolve(status);
    };
    child.once('error', () => done(undefined));
    child.once('close', (code, signal) => {
      filter.end();
      done(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
}

/**
 * In the filtered child: ends it when the parent goes away without a signal to pass on (killed with SIGKILL: the
 * IPC channel closes), and gives the stderr the command should see, a terminal when the parent's is one (the pipe
 * between them is not). Undefined: use process.stderr as it is.
 * @returns {import('./progress.ts').TextSink | undefined}
 */
export function filteredChildStderr() {
  if (process.env[FILTERED_ENV] === undefined) return undefined;
  process.channel?.unref(); // the channel must not keep the child alive
  process.once('disconnect', () => process.exit(EXIT_CANCELLED));
  const columns = process.env[COLUMNS_ENV];
  delete process.env[COLUMNS_ENV]; // the child's own children see their real stderr
  if (columns === undefined) return undefined;
  return { isTTY: true, columns: Number(columns), write: (/** @type {string} */ text) => process.stderr.write(text) };
}
