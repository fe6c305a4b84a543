import { describeSuite } from '../../host/testing/suites/vitest.ts';
import { materialsSuite } from '../../host/testing/suites/materials.ts';

describeSuite(materialsSuite);
