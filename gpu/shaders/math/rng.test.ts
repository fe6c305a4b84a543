import { describeSuite } from '../../host/testing/suites/vitest.ts';
import { rngSuite } from '../../host/testing/suites/rng.ts';

describeSuite(rngSuite);
