// State of the shader harness page: the device, the module checks and the kernel results (Svelte 5 runes).
import { acquireDevice, type GpuContext } from '../../../gpu/host/device.ts';
import { shaderSources } from '../../../gpu/host/shader/sources.ts';
import type { ModuleSources } from '../../../gpu/host/shader/linker.ts';
import { KERNEL_SUITES } from '../../../gpu/host/testing/suites/index.ts';
import { checkProgram, moduleChecks, rootModules, type ModuleCheck, type ProgramCheck } from '../../../gpu/host/testing/suites/module-check.ts';
import type { KernelSuite } from '../../../gpu/host/testing/suites/suite.ts';
import { mathPrecision, type MathPrecision } from '../../../gpu/host/testing/suites/precision.ts';
import { caseId, pendingResults, runCase, type CaseResult } from './kernel-runner.ts';

export type Phase = 'idle' | 'running' | 'done';

export class ShaderHarness {
  readonly sources: ModuleSources = shaderSources();
  readonly suites: readonly KernelSuite[] = KERNEL_SUITES;

  gpu = $state.raw<GpuContext | undefined>();
  /** Why there is no device (no WebGPU, no adapter, device lost). */
  gpuError = $state<string | undefined>();
  /** Measured accuracy of sin/cos and sqrt (what precision-dependent cases are checked against). */
  precision = $state.raw<MathPrecision | undefined>();

  programs = $state.raw<readonly ProgramCheck[]>([]);
  modules = $state.raw<readonly ModuleCheck[]>([]);
  checkPhase = $state<Phase>('idle');

  results = $state.raw<readonly CaseResult[]>(pendingResults(KERNEL_SUITES));
  runPhase = $state<Phase>('idle');
  runMs = $state(0);

  readonly moduleErrors = $derived(this.modules.filter((m) => !m.ok).length);
  readonly moduleWarnings = $derived(this.modules.filter((m) => m.messages.some((x) => x.type !== 'error')).length);

  async connect(): Promise<void> {
    try {
      const gpu = await acquireDevice();
      void gpu.device.lost.then((info) => {
        if (info.reason !== 'destroyed') this.gpuError = `GPU device lost: ${info.message || info.reason}`;
        this.gpu = undefined;
      });
      this.gpu = gpu;
      this.precision = await mathPrecision(gpu.device);
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      this.gpuError =
        typeof navigator !== 'undefined' && !navigator.gpu
          ? 'This browser does not expose WebGPU (navigator.gpu is missing; it needs a secure context and a WebGPU-enabled browser).'
          : `No WebGPU device: ${reason}`;
    }
  }

  /** Compiles every program (one per root module) and attributes the messages to modules. */
  async checkModules(): Promise<void> {
    const device = this.gpu?.device;
    if (!device || this.checkPhase === 'running') return;
    this.checkPhase = 'running';
    const programs: ProgramCheck[] = [];
    for (const root of rootModules(this.sources)) {
      programs.push(await checkProgram(device, root, this.sources));
      this.programs = [...programs];
      this.modules = moduleChecks(this.sources, programs);
    }
    this.checkPhase = 'done';
  }

  /** Runs the cases of the given suites (all by default) in order, updating each row as it finishes. */
  async runKernels(suites: readonly KernelSuite[] = this.suites): Promise<void> {
    const device = this.gpu?.device;
    if (!device || this.runPhase === 'running') return;
    this.runPhase = 'running';
    const ids = new Set(suites.flatMap((s) => s.cases.map((c) => caseId(s, c))));
    this.results = this.results.map((r) => (ids.has(r.id) ? { ...r, status: 'pending', ms: undefined, message: undefined } : r));
    const t0 = performance.now();
    for (const suite of suites) {
      for (const c of suite.cases) {
        const id = caseId(suite, c);
        this.update(id, { status: 'running' });
        const outcome = this.gpu
          ? await runCase(device, c)
          : { status: 'fail' as const, message: this.gpuError ?? 'GPU device lost' };
        this.update(id, outcome);
      }
    }
    this.runMs = performance.now() - t0;
    this.runPhase = 'done';
  }

  private update(id: string, change: Partial<CaseResult>): void {
    this.results = this.results.map((r) => (r.id === id ? { ...r, ...change } : r));
  }

  destroy(): void {
    this.gpu?.destroy();
  }
}
