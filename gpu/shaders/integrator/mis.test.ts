import { describeSuite } from '../../host/testing/suites/vitest.ts';
import { misSuite } from '../../host/testing/suites/mis.ts';

describeSuite(misSuite);
