import { describeOnBothDialects } from './dialects.js';
import { describeAccessContract } from './access.contract.js';

await describeOnBothDialects(describeAccessContract);
