import { describeOnBothDialects } from './dialects.js';
import { describeDomainCyclesContract } from './domain-cycles.contract.js';
import { describeDomainContract } from './domain.contract.js';

await describeOnBothDialects(describeDomainContract, describeDomainCyclesContract);
