// The shader toolchain on the GPU: compile errors mapped back to module file and line, the path tracer and every
// registered module compiling cleanly, and a generated struct read back as the host packed it.
import { compileShader, formatShaderMessage, ShaderCompileError } from '../../shader/compile.ts';
import { shaderSources } from '../../shader/sources.ts';
import { packArray } from '../../shader/struct-layout.ts';
import { FRAME_RECORD, MATERIAL_RECORD } from '../../scene/records.ts';
import { runKernel } from '../kernel.ts';
import { expect } from './assert.ts';
import { checkProgram, rootModules } from './module-check.ts';
import { kernelGroup, type KernelSuite } from './suite.ts';

const compileErrors = kernelGroup('shader compile errors', [], [
  [
    'name the module file and line of the offending source line',
    async (device) => {
      const broken = {
        ...shaderSources(),
        'tests/broken': '// #import math/constants\n\nfn broken() -> f32 {\n  return PI * undefined_thing;\n}\n'
      };
      const error = await compileShader(device, 'tests/broken', broken).then(
        () => undefined,
        (e: unknown) => e
      );
      expect(error).toBeInstanceOf(ShaderCompileError);
      const message = (error as ShaderCompileError).messages[0];
      expect(message.module).toBe('tests/broken');
      expect(message.line).toBe(4);
      expect(message.source).toContain('undefined_thing');
      expect(String((error as Error).message)).toMatch(/tests\/broken\.wgsl:4:\d+/);
    }
  ]
]);

const cleanCompiles = kernelGroup('shader compile errors', ['integrator/path'], [
  [
    'the path tracer links and compiles without warnings',
    async (device) => {
      const compiled = await compileShader(device, 'integrator/path', shaderSources());
      expect(compiled.warnings).toEqual([]);
    }
  ]
]);

const everyModule = kernelGroup('WGSL modules', [], [
  [
    'every registered module compiles without errors in the programs that link it',
    async (device) => {
      const sources = shaderSources();
      const failures: string[] = [];
      for (const root of rootModules(sources)) {
        const check = await checkProgram(device, root, sources);
        failures.push(...check.messages.filter((m) => m.type === 'error').map((m) => `in ${root}: ${formatShaderMessage(m)}`));
      }
      expect(failures, 'compile errors').toEqual([]);
    }
  ]
]);

export const shaderSuite: KernelSuite = { name: 'shader', cases: [...compileErrors, ...cleanCompiles, ...everyModule] };

export const structLayoutSuite: KernelSuite = {
  name: 'struct layout',
  cases: kernelGroup('struct layouts (WGSL host-shareable rules)', [], [
    [
      'the GPU reads back what the host packed (the generated struct and the packer agree)',
      async (device) => {
        const records = packArray(MATERIAL_RECORD, [
          { kind: 3, texture: 11, flags: 1, params: [1.5, 0.25, 0, 0], film: [1.33, 450, 0, 0] },
          { kind: 5, texture: 7, flags: 0, params: [15, 0, 0, 0], film: [0, 0, 0, 0] }
        ]);
        const frame = new ArrayBuffer(FRAME_RECORD.size);
        const sources = {
          'tests/struct_layout_test': `// #import generated/scene_records
@group(0) @binding(0) var<storage, read> materials: array<Material>;
@group(0) @binding(1) var<storage, read> frames: array<FrameUniforms>;
@group(0) @binding(2) var<storage, read_write> output: array<f32>;
@compute @workgroup_size(1)
fn read_back() {
  for (var i = 0u; i < 2u; i++) {
    let m = materials[i];
    output[i * 5u] = f32(m.kind);
    output[i * 5u + 1u] = f32(m.texture);
    output[i * 5u + 2u] = m.params.x;
    output[i * 5u + 3u] = m.params.y;
    output[i * 5u + 4u] = m.film.y;
  }
  output[10] = f32(frames[0].width);
}
`
        };
        new DataView(frame).setUint32(FRAME_RECORD.fieldByName.get('width')!.offset, 640, true);
        const { data } = await runKernel(device, {
          module: 'tests/struct_layout_test',
          entryPoint: 'read_back',
          inputs: [new Float32Array(records), new Float32Array(frame)],
          output: { type: Float32Array, length: 11 },
          workgroups: 1,
          sources
        });
        expect(Array.from(data)).toEqual([3, 11, 1.5, 0.25, 450, 5, 7, 15, 0, 0, 640]);
      }
    ]
  ])
};
