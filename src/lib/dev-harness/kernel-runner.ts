// Runs kernel-suite cases on the page's device, one at a time, turning each into a result row instead of an
// exception: pass, fail (assertion, compile or validation error, with its message) or unsupported on this adapter.
import { caseUnsupportedReason, type KernelCase, type KernelSuite } from '../../../gpu/host/testing/suites/suite.ts';

export type CaseStatus = 'pending' | 'running' | 'pass' | 'fail' | 'unsupported';

export interface CaseResult {
  readonly id: string;
  readonly suite: string;
  readonly group: string;
  readonly name: string;
  readonly status: CaseStatus;
  readonly ms?: number;
  readonly message?: string;
}

export const caseId = (suite: KernelSuite, c: KernelCase): string => `${suite.name} › ${c.group} › ${c.name}`;

export function pendingResults(suites: readonly KernelSuite[]): CaseResult[] {
  return suites.flatMap((suite) =>
    suite.cases.map((c) => ({ id: caseId(suite, c), suite: suite.name, group: c.group, name: c.name, status: 'pending' as const }))
  );
}

function describeError(e: unknown): string {
  if (e instanceof Error) return e.name && e.name !== 'Error' ? `${e.name}: ${e.message}` : e.message;
  return String(e);
}

/** Runs one case; GPU validation and out-of-memory errors raised meanwhile fail it with the GPU's message. */
export async function runCase(device: GPUDevice, c: KernelCase): Promise<Pick<CaseResult, 'status' | 'ms' | 'message'>> {
  const reason = await caseUnsupportedReason(device, c);
  if (reason) return { status: 'unsupported', message: `unsupported on this adapter: ${reason}` };
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  const t0 = performance.now();
  let failure: string | undefined;
  try {
    await c.run(device);
  } catch (e) {
    failure = describeError(e);
  }
  const ms = performance.now() - t0;
  const gpuErrors = [await device.popErrorScope(), await device.popErrorScope()].filter((e) => e !== null);
  const gpuMessage = gpuErrors.map((e) => `GPU error: ${e.message}`).join('\n');
  if (failure || gpuMessage) return { status: 'fail', ms, message: [failure, gpuMessage].filter(Boolean).join('\n') };
  return { status: 'pass', ms };
}
