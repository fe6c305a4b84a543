import { describeSuite } from '../../host/testing/suites/vitest.ts';
import { spectrumSuite } from '../../host/testing/suites/spectrum.ts';

describeSuite(spectrumSuite);
