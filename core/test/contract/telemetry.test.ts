import { describeOnBothDialects } from './dialects.js';
import { describeTelemetryContract } from './telemetry.contract.js';

await describeOnBothDialects(describeTelemetryContract);
