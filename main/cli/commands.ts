// Every area's CLI commands.
import { bankCommands } from '../bank/cli';
import { billingCommands } from '../billing/cli';
import { catalogCommands } from '../catalog/cli';
import { companyCommands } from '../company/cli';
import { contractCommands } from '../contracts/cli';
import { customerCommands } from '../customers/cli';
import { datevCommands } from '../datev/cli';
import { documentCommands } from '../documents/cli';
import { jobCommands } from '../jobs/cli';
import { transferCommands } from '../transfer/cli';
import type { CliCommand } from './types';

export const commands: readonly CliCommand[] = [...companyCommands, ...customerCommands, ...contractCommands, ...billingCommands, ...documentCommands, ...catalogCommands, ...jobCommands, ...transferCommands, ...bankCommands, ...datevCommands];
