import { describeSuite } from '../../host/testing/suites/vitest.ts';
import { filmOutputSuite } from '../../host/testing/suites/film-output.ts';

describeSuite(filmOutputSuite);
