// Every area's handlers, merged: the HandlerMap type makes a missing handler a compile error.
import { bankHandlers } from '../bank/handlers';
import { catalogHandlers } from '../catalog/handlers';
import { companyHandlers } from '../company/handlers';
import { contractHandlers } from '../contracts/handlers';
import { customerHandlers } from '../customers/handlers';
import { dashboardHandlers } from '../dashboard/handlers';
import { datevHandlers } from '../datev/handlers';
import { documentHandlers } from '../documents/handlers';
import { jobHandlers } from '../jobs/handlers';
import { transferHandlers } from '../transfer/handlers';
import { numberRangeHandlers } from '../company/number-range-handlers';
import { billingHandlers } from '../billing/handlers';
import { ledgerHandlers } from '../ledger/handlers';
import type { HandlerMap } from './router';

export const handlers: HandlerMap = {
  ...billingHandlers,
  ...ledgerHandlers,
  ...bankHandlers,
  ...companyHandlers,
  ...customerHandlers,
  ...datevHandlers,
  ...documentHandlers,
  ...catalogHandlers,
  ...contractHandlers,
  ...jobHandlers,
  ...transferHandlers,
  ...numberRangeHandlers,
  ...dashboardHandlers,
};
