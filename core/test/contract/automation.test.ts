import { describeOnBothDialects } from './dialects.js';
import { describeAutomationContract } from './automation.contract.js';

await describeOnBothDialects(describeAutomationContract);
