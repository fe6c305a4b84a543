// Render options of the API (snake_case, as the reference's RenderOpts) with every limit in one schema. A value
// over a limit is rejected with the field's name — never clamped, unlike the reference. Shared by the API, the
// editor and the worker; `toRenderOptions` converts to the engine's RenderOptions.
import { z } from 'zod';
import { AOV_CHANNELS, AOV_NAMES, INTEGRATORS, RENDER_MODES, SAMPLERS, type AovName, type RenderOptions } from '../../gpu/host/render/types.ts';
import { MAX_IMAGE_HEIGHT, MAX_IMAGE_WIDTH, MAX_RAY_DEPTH, MAX_SAMPLES } from './limits.ts';

/** Work of one render job (width × height × samples): about 68.7 G pixel samples. */
export const MAX_PIXEL_SAMPLES = 2 ** 36;
export const MAX_SEED = 0xffff_ffff;
/** Exposure scales the film linearly: 2^16 brightens by 16 stops, far past any sensible use but finite. */
export const MAX_EXPOSURE = 65_536;

/** Server previews (for browsers without WebGPU) are kept small: they share one queue and live in Redis. */
export const PREVIEW_LIMITS = { width: 1024, height: 1024, samples: 16, max_depth: 16 } as const;

export const RENDER_OPTION_DEFAULTS = {
  width: 512,
  height: 512,
  samples: 64,
  max_depth: 64,
  seed: 0,
  sampler: 'random',
  mode: 'path-tracing',
  exposure: 1
} as const;

/** Each AOV at most once. */
const aovList = z.array(z.enum(AOV_NAMES)).refine((names) => new Set(names).size === names.length, { message: 'names each AOV at most once' });

function int(min: number, max: number) {
  return z.number().int().min(min).max(max);
}

function optionsSchema(limits: { width: number; height: number; samples: number; max_depth: number }) {
  return z
    .strictObject({
      width: int(1, limits.width).default(Math.min(RENDER_OPTION_DEFAULTS.width, limits.width)),
      height: int(1, limits.height).default(Math.min(RENDER_OPTION_DEFAULTS.height, limits.height)),
      samples: int(1, limits.samples).default(Math.min(RENDER_OPTION_DEFAULTS.samples, limits.samples)),
      max_depth: int(0, limits.max_depth).default(Math.min(RENDER_OPTION_DEFAULTS.max_depth, limits.max_depth)),
      seed: int(0, MAX_SEED).default(RENDER_OPTION_DEFAULTS.seed),
      sampler: z.enum(SAMPLERS).default(RENDER_OPTION_DEFAULTS.sampler),
      mode: z.enum(RENDER_MODES).default(RENDER_OPTION_DEFAULTS.mode),
      /** Linear film scale before the sRGB curve of the PNG (the EXR stays raw). Optional: jobs stored before
       * the field existed lack it, and absent means 1. */
      exposure: z.number().positive().max(MAX_EXPOSURE).optional(),
      /** Scheduling of the paths on the GPU (same image; speed differs by device). Default megakernel. */
      integrator: z.enum(INTEGRATORS).optional(),
      /** AOV layers of the first visible surface for the render's EXR (albedo.RGB, normal.XYZ, depth.Z), each at
       * most once. toRenderOptions leaves them out (a preview has no EXR and ignores them): the batch worker adds
       * them to the renders that write an EXR. */
      aov: aovList.optional(),
      /** Reference-era fields: `quiet` is ignored, `normalmap: true` selects the normal-map mode. */
      quiet: z.boolean().optional(),
      normalmap: z.boolean().optional()
    })
    .superRefine((o, ctx) => {
      if (o.width * o.height * o.samples > MAX_PIXEL_SAMPLES) {
        ctx.addIssue({
          code: 'custom',
          path: ['samples'],
          message: `width × height × samples must be at most ${MAX_PIXEL_SAMPLES} pixel samples per job`
        });
      }
    })
    .transform(({ quiet: _quiet, normalmap, ...rest }) => ({
      ...rest,
      mode: normalmap === true ? ('normal-map' as const) : rest.mode
    }));
}

export const renderOptionsSchema = optionsSchema({
  width: MAX_IMAGE_WIDTH,
  height: MAX_IMAGE_HEIGHT,
  samples: MAX_SAMPLES,
  max_depth: MAX_RAY_DEPTH
});
export const previewOptionsSchema = optionsSchema(PREVIEW_LIMITS);

/** Validated options as stored with a render job. */
export type ApiRenderOptions = z.output<typeof renderOptionsSchema>;

export function toRenderOptions(options: ApiRenderOptions): RenderOptions {
  return {
    width: options.width,
    height: options.height,
    samples: options.samples,
    maxDepth: options.max_depth,
    seed: options.seed,
    mode: options.mode,
    sampler: options.sampler,
    exposure: options.exposure ?? RENDER_OPTION_DEFAULTS.exposure,
    integrator: options.integrator
  };
}

export { AOV_NAMES, type AovName };

/** The AOVs options (stored, or an editor's draft) ask for, in AOV_NAMES order; none when `aov` is absent or invalid. */
export function requestedAovs(options: Readonly<Record<string, unknown>>): AovName[] {
  const parsed = aovList.safeParse(options.aov);
  return parsed.success ? AOV_NAMES.filter((name) => parsed.data.includes(name)) : [];
}

/** The channels of a render's EXR: the film's R, G, B (CIE XYZ), then each AOV layer's (`albedo.R`, …). */
export function exrChannels(aovs: readonly AovName[]): string[] {
  return ['R', 'G', 'B', ...aovs.flatMap((name) => AOV_CHANNELS[name].map((c) => `${name}.${c}`))];
}
