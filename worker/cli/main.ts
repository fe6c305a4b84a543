// CLI entry (bin/clovers.js calls main): parses the command line, runs one command, maps every outcome to an
// exit status. Commands load lazily so `validate` never loads GPU code. User errors print one line; anything
// else is an internal error whose stack --debug shows.
import { parseCommandLine, usage, type Args } from './args.ts';
import { CliError, EXIT, type ExitCode } from './errors.ts';
import type { TextSink } from './progress.ts';

export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** Aborted on Ctrl+C; commands that render stop at the next dispatch. */
  readonly signal: AbortSignal;
}

const VERSION = '0.1.0';

export async function main(argv: readonly string[], io?: Partial<CliIo>): Promise<ExitCode> {
  const stdout = io?.stdout ?? process.stdout;
  const stderr = io?.stderr ?? process.stderr;
  let args: Args;
  try {
    args = parseCommandLine(argv);
  } catch (error) {
    return report(error, stderr, argv.includes('--debug'));
  }
  const interrupt = io?.signal ? { signal: io.signal, dispose() {} } : interruptOnSigint(stderr, args.quiet);
  try {
    return await run(args, { stdout, stderr, signal: interrupt.signal });
  } catch (error) {
    return report(error, stderr, args.debug);
  } finally {
    interrupt.dispose();
  }
}

async function run(args: Args, io: CliIo): Promise<ExitCode> {
  switch (args.command) {
    case 'help':
      io.stdout.write(usage(args.topic));
      return EXIT.ok;
    case 'version':
      io.stdout.write(`clovers ${VERSION}\n`);
      return EXIT.ok;
    case 'validate':
      return (await import('./validate-command.ts')).validateCommand(args, io);
    case 'info':
      return (await import('./info-command.ts')).infoCommand(args, io);
    case 'render':
      return (await import('./render-command.ts')).renderCommand(args, io);
    case 'bench':
      return (await import('./bench-command.ts')).benchCommand(args, io);
    case 'schema': {
      const { sceneJsonSchema } = await import('../../src/lib/scene/index.ts');
      io.stdout.write(`${JSON.stringify(sceneJsonSchema(), null, 2)}\n`);
      return EXIT.ok;
    }
  }
}

function report(error: unknown, stderr: TextSink, debug: boolean): ExitCode {
  if (error instanceof CliError) {
    stderr.write(`clovers: ${error.message}\n`);
    if (debug && error.cause instanceof Error) stderr.write(`${error.cause.stack ?? error.cause.message}\n`);
    if (error.exitCode === EXIT.usage && !error.message.includes('usage:')) stderr.write('(clovers --help for usage)\n');
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`clovers: internal error: ${message}\n`);
  stderr.write(debug && error instanceof Error ? `${error.stack}\n` : '(run with --debug for the stack trace)\n');
  return EXIT.userError;
}

/** First Ctrl+C aborts the signal (the command finishes cleanly); a second one exits at once. */
function interruptOnSigint(stderr: TextSink, quiet: boolean): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSigint = (): void => {
    if (controller.signal.aborted) process.exit(EXIT.cancelled);
    if (!quiet) stderr.write('\nclovers: cancelling (Ctrl+C again to quit at once)\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}
