// Exit codes of the CLI, and the error that carries one. A CliError is the user's problem: it prints as one line,
// never with a stack trace.

export const EXIT = {
  ok: 0,
  /** Invalid scene, unreadable input, unwritable output. */
  userError: 1,
  /** Unknown command or flag, bad flag value. */
  usage: 2,
  /** No adapter, device lost, GPU validation or out-of-memory errors. */
  gpu: 3,
  /** Interrupted (Ctrl+C): 128 + SIGINT. */
  cancelled: 130
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    options?: ErrorOptions
  ) {
    super(message, options);
  }
}

export function usageError(message: string): CliError {
  return new CliError(message, EXIT.usage);
}
