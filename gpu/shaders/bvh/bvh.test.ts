import { describeSuite } from '../../host/testing/suites/vitest.ts';
import { bvhSuite } from '../../host/testing/suites/bvh.ts';

describeSuite(bvhSuite);
