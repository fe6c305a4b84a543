import { describeSuite } from '../../host/testing/suites/vitest.ts';
import { lightsSuite } from '../../host/testing/suites/lights.ts';

describeSuite(lightsSuite);
