// Dashboard sections contributed by areas (scheduled events, key figures of billing, …).
import type { ComponentType } from 'react';
import { OpenActivitiesWidget } from '../contracts/open-activities-widget';
import { ScheduledEventsWidget } from '../jobs/scheduled-events-widget';

export const dashboardWidgets: readonly ComponentType[] = [ScheduledEventsWidget, OpenActivitiesWidget];
