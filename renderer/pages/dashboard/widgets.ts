// Dashboard sections contributed by areas (scheduled events, key figures of billing, …).
import type { ComponentType } from 'react';

export const dashboardWidgets: readonly ComponentType[] = [];
