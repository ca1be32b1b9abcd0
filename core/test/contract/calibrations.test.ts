import { describeOnBothDialects } from './dialects.js';
import { describeCalibrationContract } from './calibrations.contract.js';

await describeOnBothDialects(describeCalibrationContract);
