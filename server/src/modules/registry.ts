// Route plugins of the feature modules, registered by buildApp after the core (auth, items).
// Each module adds one import and one entry here.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../services.ts';
import { spotCheckRoutes } from './verification/spot-check.routes.ts';
import { disciplineRoutes } from './discipline/discipline.routes.ts';
import { open311Routes } from './open311/open311.routes.ts';
import { orgRoutes } from './org/org.routes.ts';
import { statsRoutes } from './stats/stats.routes.ts';
import { attachmentRoutes } from './attachments/attachment.routes.ts';
import { excelRoutes } from './excel/excel.routes.ts';

import { policyRoutes } from './policy/policy.routes.ts';
import { accountRoutes } from './accounts/accounts.routes.ts';

export type ModulePlugin = (app: FastifyInstance, services: Services) => Promise<void>;

export const MODULE_PLUGINS: ModulePlugin[] = [
  orgRoutes,
  open311Routes,
  statsRoutes,
  spotCheckRoutes,
  disciplineRoutes,
  attachmentRoutes,
  excelRoutes,
  policyRoutes,
  accountRoutes,
];
