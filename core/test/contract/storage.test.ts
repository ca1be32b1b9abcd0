import { describeOnBothDialects } from './dialects.js';
import { describeStorageContract } from './storage.contract.js';

await describeOnBothDialects(describeStorageContract);
