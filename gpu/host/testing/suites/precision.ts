// The adapter's floating-point accuracy for the built-ins whose accuracy WGSL leaves loose. WGSL only promises
// sin/cos to an absolute 2^-11 on [−π, π] (nothing outside); lavapipe is near correctly rounded, SwiftShader
// (Chromium's software WebGPU) is off by ~2e-4, as are many mobile GPUs. The kernels are written to be correct
// at the spec's bound, and tolerances on a built-in's result are set from WGSL_SIN_COS_ABS. A case whose
// tolerances assume more than WGSL promises may still declare it: on a less accurate adapter it then reports
// "unsupported" with the measured figure instead of failing.
import { runKernel } from '../kernel.ts';

export interface MathPrecision {
  /** Largest |sin(x) − sin_exact(x)| or |cos(x) − cos_exact(x)| over f32 x in [−2π, 2π]. */
  readonly sinCosAbs: number;
  /** Largest relative error of sqrt over a spread of magnitudes. */
  readonly sqrtRel: number;
}

export type PrecisionNeeds = Partial<MathPrecision>;

/** The absolute error WGSL allows sin and cos on [−π, π] (2^-11; WGSL §"Floating Point Accuracy"). */
export const WGSL_SIN_COS_ABS = 2 ** -11;

const PROBE = `
@group(0) @binding(0) var<storage, read> count: array<u32>;
@group(0) @binding(1) var<storage, read> xs: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;

@compute @workgroup_size(64)
fn probe(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= count[0]) { return; }
  let x = xs[id.x];
  out[id.x * 4u] = sin(x);
  out[id.x * 4u + 1u] = cos(x);
  out[id.x * 4u + 2u] = sqrt(abs(x) * 1e3 + 1e-3);
  out[id.x * 4u + 3u] = 0.0;
}
`;

const SAMPLES = 16_384;
const measured = new WeakMap<GPUDevice, Promise<MathPrecision>>();

async function probe(device: GPUDevice): Promise<MathPrecision> {
  const xs = Float32Array.from({ length: SAMPLES }, (_, i) => (4 * Math.PI * (i + 0.5)) / SAMPLES - 2 * Math.PI);
  const { data } = await runKernel(device, {
    module: 'tests/precision_probe',
    entryPoint: 'probe',
    inputs: [new Uint32Array([SAMPLES]), xs],
    output: { type: Float32Array, length: SAMPLES * 4 },
    workgroups: Math.ceil(SAMPLES / 64),
    sources: { 'tests/precision_probe': PROBE }
  });
  let sinCosAbs = 0;
  let sqrtRel = 0;
  for (let i = 0; i < SAMPLES; i++) {
    const x = xs[i];
    sinCosAbs = Math.max(sinCosAbs, Math.abs(data[4 * i] - Math.sin(x)), Math.abs(data[4 * i + 1] - Math.cos(x)));
    const s = Math.sqrt(Math.fround(Math.fround(Math.abs(x) * 1e3) + 1e-3));
    sqrtRel = Math.max(sqrtRel, Math.abs(data[4 * i + 2] - s) / s);
  }
  return { sinCosAbs, sqrtRel };
}

/** Measured once per device. */
export function mathPrecision(device: GPUDevice): Promise<MathPrecision> {
  let p = measured.get(device);
  if (!p) measured.set(device, (p = probe(device)));
  return p;
}

const DESCRIPTIONS: Readonly<Record<keyof MathPrecision, { what: string; spec: string }>> = {
  sinCosAbs: { what: 'sin/cos accurate to', spec: 'WGSL promises 4.9e-4 on [−π, π]' },
  sqrtRel: { what: 'sqrt accurate (relative) to', spec: 'WGSL promises 2.5 ULP' }
};

/** Why the measured accuracy falls short of the needs, or undefined. */
export function precisionShortfall(needs: PrecisionNeeds, have: MathPrecision): string | undefined {
  for (const key of Object.keys(needs) as (keyof MathPrecision)[]) {
    const need = needs[key];
    if (need !== undefined && !(have[key] <= need)) {
      const d = DESCRIPTIONS[key];
      return `needs ${d.what} ${need.toExponential(0)}; this adapter's error is ${have[key].toExponential(1)} (${d.spec})`;
    }
  }
  return undefined;
}
