import { describeSuite } from '../../host/testing/suites/vitest.ts';
import { samplingSuite } from '../../host/testing/suites/sampling.ts';

describeSuite(samplingSuite);
