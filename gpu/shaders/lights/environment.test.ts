import { describeSuite } from '../../host/testing/suites/vitest.ts';
import { environmentSuite } from '../../host/testing/suites/environment.ts';

describeSuite(environmentSuite);
