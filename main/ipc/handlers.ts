// Every area's handlers, merged: the HandlerMap type makes a missing handler a compile error.
import { companyHandlers } from '../company/handlers';
import { customerHandlers } from '../customers/handlers';
import { jobHandlers } from '../jobs/handlers';
import type { HandlerMap } from './router';

export const handlers: HandlerMap = {
  ...companyHandlers,
  ...customerHandlers,
  ...jobHandlers,
};
