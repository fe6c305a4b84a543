// Runs a kernel suite under vitest on the test device (Dawn on lavapipe): one `describe` per group, one `it`
// per case. Only test files import this; the browser harness runs the same cases itself.
import { describe, it } from 'vitest';
import { testDevice } from '../test-device.ts';
import { caseUnsupportedReason, type KernelCase, type KernelSuite } from './suite.ts';

export function describeSuite(suite: KernelSuite): void {
  const groups = new Map<string, KernelCase[]>();
  for (const c of suite.cases) groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  for (const [group, cases] of groups) {
    describe(group, () => {
      for (const c of cases) {
        it(c.name, async () => {
          const device = await testDevice();
          // The test device has every feature the kernels use: an unsupported case here is a failure, not a skip.
          const reason = await caseUnsupportedReason(device, c);
          if (reason) throw new Error(`unsupported on this adapter: ${reason}`);
          await c.run(device);
        });
      }
    });
  }
}
