import { describeOnBothDialects } from './dialects.js';
import { describeAlertsEventsContract } from './alerts-events.contract.js';

await describeOnBothDialects(describeAlertsEventsContract);
