// The suites' own machinery, GPU-free: assertions fail with both values, requirements come from the linked WGSL.
import { describe, expect as vitestExpect, it } from 'vitest';
import { AssertionError, expect } from './assert.ts';
import { shaderRequirements, unsupportedReason, type AdapterCapabilities } from './suite.ts';
import { KERNEL_SUITES } from './index.ts';
import { precisionShortfall } from './precision.ts';

const fails = (f: () => void) => vitestExpect(f).toThrow(AssertionError);

describe('kernel suite assertions', () => {
  it('pass and fail like vitest’s expect, naming the label and both values', () => {
    expect([1, -0, NaN]).toEqual([1, -0, NaN]);
    fails(() => expect([0]).toEqual([-0]));
    fails(() => expect([1, 2]).toEqual([1, 2, 3]));
    expect({ a: [1], b: undefined }).toEqual({ a: [1] });
    vitestExpect(() => expect(0.02, 'mean').toBeLessThan(0.01)).toThrow('mean: expected 0.02 to be less than 0.01');
    fails(() => expect(NaN).toBeGreaterThan(0));
    expect(0.1234).toBeCloseTo(0.1236, 3);
    fails(() => expect(0.1234).toBeCloseTo(0.1244, 3));
    expect(Infinity).toBeCloseTo(Infinity, 5);
    fails(() => expect(1).not.toBe(1));
    fails(() => expect('abc').toMatch(/x/));
    fails(() => expect({}).toBeInstanceOf(Error));
    expect(new AssertionError('x')).toBeInstanceOf(Error);
  });
});

describe('kernel requirements', () => {
  const swiftShader: AdapterCapabilities = {
    features: new Set(['timestamp-query']),
    limits: {
      maxComputeInvocationsPerWorkgroup: 256,
      maxComputeWorkgroupSizeX: 256,
      maxComputeWorkgroupSizeY: 256,
      maxComputeWorkgroupSizeZ: 64
    }
  };

  it('reads enable directives and the largest workgroup from WGSL', () => {
    const req = shaderRequirements('enable f16;\n@compute @workgroup_size(8, 8) fn a() {}\n@compute @workgroup_size(512) fn b() {}');
    vitestExpect(req).toEqual({ features: ['shader-f16'], workgroupSize: [512, 1, 1] });
  });

  it('says why a kernel cannot run: a missing feature, too many invocations', () => {
    vitestExpect(unsupportedReason(shaderRequirements('enable f16;'), swiftShader)).toBe('needs the shader-f16 feature');
    vitestExpect(unsupportedReason(shaderRequirements('@workgroup_size(16, 32)'), swiftShader)).toMatch(
      /512 invocations > maxComputeInvocationsPerWorkgroup 256/
    );
    vitestExpect(unsupportedReason(shaderRequirements('@workgroup_size(64)'), swiftShader)).toBeUndefined();
  });

  it('says when the adapter’s measured math is less accurate than a case assumes', () => {
    const swiftShaderMath = { sinCosAbs: 1.9e-4, sqrtRel: 6e-8 };
    const accurateTrig = { sinCosAbs: 1e-6 };
    vitestExpect(precisionShortfall(accurateTrig, swiftShaderMath)).toMatch(/sin\/cos accurate to 1e-6; this adapter's error is 1\.9e-4/);
    vitestExpect(precisionShortfall(accurateTrig, { sinCosAbs: 7e-8, sqrtRel: 6e-8 })).toBeUndefined();
    vitestExpect(precisionShortfall({}, swiftShaderMath)).toBeUndefined();
  });

  it('every suite has cases, and case names are unique within a suite', () => {
    for (const suite of KERNEL_SUITES) {
      vitestExpect(suite.cases.length, suite.name).toBeGreaterThan(0);
      const names = suite.cases.map((c) => `${c.group} > ${c.name}`);
      vitestExpect(new Set(names).size, suite.name).toBe(names.length);
    }
  });
});
