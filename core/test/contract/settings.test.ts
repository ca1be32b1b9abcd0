import { describeOnBothDialects } from './dialects.js';
import { describeSettingsContract } from './settings.contract.js';

await describeOnBothDialects(describeSettingsContract);
