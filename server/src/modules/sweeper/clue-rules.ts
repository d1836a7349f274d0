// The configurable clue rule that is not tied to one item (SPEC §2.3): repeated dissatisfaction with the same
// department. Stored in the `setting` table under `clue_rules`; missing keys take the defaults.
import { z } from 'zod';

export const CLUE_RULES_SETTING_KEY = 'clue_rules';

export const clueRulesSchema = z
  .object({
    repeatedDissatisfaction: z
      .object({
        enabled: z.boolean().default(true),
        /** This many bad reviews (差评) of one department … */
        count: z.number().int().min(2).max(1000).default(3),
        /** … within this many days raise one clue for that department and period. */
        days: z.number().int().min(1).max(366).default(30),
      })
      .strict()
      .default({ enabled: true, count: 3, days: 30 }),
  })
  .strict();
export type ClueRules = z.output<typeof clueRulesSchema>;
export const DEFAULT_CLUE_RULES: ClueRules = clueRulesSchema.parse({});
