import { describeSuite } from '../../host/testing/suites/vitest.ts';
import { shapesSuite } from '../../host/testing/suites/shapes.ts';

describeSuite(shapesSuite);
