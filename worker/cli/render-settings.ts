// Where each render setting of `clovers render` comes from: a flag, else the scene file's `render_options` (as
// the editor exports them, checked with the API's schema), else the reference's defaults.
import { renderOptionsSchema, toRenderOptions } from '../../src/lib/render-options.ts';
import { toSceneIssues, type SceneIssue } from '../../src/lib/scene/issues.ts';
import type { RenderSettings } from './args.ts';

/** Key of the render options in a scene file exported by the editor (the engine ignores it). */
export const RENDER_OPTIONS_KEY = 'render_options';

export type SettingSource = 'flag' | 'scene file' | 'default';

type SettingKey = keyof RenderSettings;

/** Each setting in summary order: its name in the summary, and the render_options keys that set it. */
const SETTINGS: Record<SettingKey, { readonly label: string; readonly fileKeys: readonly string[] }> = {
  width: { label: 'width', fileKeys: ['width'] },
  height: { label: 'height', fileKeys: ['height'] },
  samples: { label: 'samples', fileKeys: ['samples'] },
  maxDepth: { label: 'max depth', fileKeys: ['max_depth'] },
  seed: { label: 'seed', fileKeys: ['seed'] },
  // The reference-era `normalmap: true` selects the mode too (render-options.ts).
  mode: { label: 'mode', fileKeys: ['mode', 'normalmap'] },
  sampler: { label: 'sampler', fileKeys: ['sampler'] },
  integrator: { label: 'integrator', fileKeys: ['integrator'] },
  exposure: { label: 'exposure', fileKeys: ['exposure'] }
};
const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];

export type FileSettingsResult = { ok: true; settings: Partial<RenderSettings> } | { ok: false; errors: SceneIssue[] };

/**
 * The settings a scene file's `render_options` value sets (only the keys it has: the schema's own defaults are
 * the API's, not the CLI's). Errors name their field: `render_options.width: …`.
 */
export function fileSettings(value: unknown): FileSettingsResult {
  const parsed = renderOptionsSchema.safeParse(value);
  if (!parsed.success) return { ok: false, errors: toSceneIssues(parsed.error.issues, [RENDER_OPTIONS_KEY]) };
  const options = toRenderOptions(parsed.data);
  const given = Object.keys(value as object); // the schema accepted it, so it is an object
  const set = SETTING_KEYS.filter((key) => SETTINGS[key].fileKeys.some((k) => given.includes(k)));
  return { ok: true, settings: Object.fromEntries(set.map((key) => [key, options[key]])) as Partial<RenderSettings> };
}

export interface ResolvedSettings {
  readonly settings: RenderSettings;
  readonly sources: Readonly<Record<SettingKey, SettingSource>>;
}

/** Flags override the scene file, which overrides the defaults. */
export function resolveSettings(flags: Partial<RenderSettings>, file: Partial<RenderSettings>, defaults: RenderSettings): ResolvedSettings {
  const sourceOf = (key: SettingKey): SettingSource => (key in flags ? 'flag' : key in file ? 'scene file' : 'default');
  return {
    settings: { ...defaults, ...file, ...flags },
    sources: Object.fromEntries(SETTING_KEYS.map((key) => [key, sourceOf(key)])) as Record<SettingKey, SettingSource>
  };
}

/** `width 640 (scene file), samples 16 (flag), max depth 64 (default), …`: every setting with its source. */
export function describeSettings({ settings, sources }: ResolvedSettings): string {
  return SETTING_KEYS.map((key) => `${SETTINGS[key].label} ${settings[key]} (${sources[key]})`).join(', ');
}
