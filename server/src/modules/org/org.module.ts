// Wires the organisation admin module's use cases; createServices adds the result as `services.org`.
import type { Database } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import type { AuthService } from '../auth/auth.service.ts';
import type { DeadlineService } from '../deadlines/deadline.service.ts';
import type { ItemService } from '../items/item.service.ts';
import { createAccessService } from './access.service.ts';
import { createConfigService } from './config.service.ts';
import { createOrgStructureService } from './org.service.ts';
import { createProjectService } from './project.service.ts';
import { createUserService } from './user.service.ts';

export function createOrgModule(deps: {
  database: Database;
  clock: Clock;
  deadlines: DeadlineService;
  auth: AuthService;
  items: ItemService;
}) {
  return {
    structure: createOrgStructureService(deps),
    users: createUserService(deps),
    config: createConfigService(deps),
    projects: createProjectService(deps),
    access: createAccessService(deps),
  };
}
export type OrgModule = ReturnType<typeof createOrgModule>;
