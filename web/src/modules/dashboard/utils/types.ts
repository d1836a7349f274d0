// Shapes of the figures API (/api/stats/*), as the server sends them (no shared schema for them exists in common yet).
export interface Figure {
  key: string;
  unit: 'count' | 'ratio' | 'hours';
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  definition: { 'zh-CN': string; 'en-US': string };
}
export type Figures = Record<string, Figure>;

interface Envelope {
  period: { from: string; to: string };
  settings: { countBasicallySatisfied: boolean };
  computedAt: string;
}
export interface Summary extends Envelope {
  figures: Figures;
}
export interface Series extends Envelope {
  interval: 'day' | 'week' | 'month';
  points: { start: string; figures: Figures }[];
}
export interface BreakdownRow {
  key: string;
  name: string | null;
  nameEn: string | null;
  figures: Figures;
}
export interface Breakdown extends Envelope {
  by: string;
  rows: BreakdownRow[];
}
export interface LeagueRow {
  rank: number;
  departmentId: string;
  name: string;
  nameEn: string | null;
  figures: Figures;
}
export interface League extends Envelope {
  minVolume: number;
  ranked: LeagueRow[];
  red: LeagueRow[];
  black: LeagueRow[];
}
export interface HotspotRow {
  key: string;
  name: string | null;
  nameEn: string | null;
  received?: number;
  last30?: number;
  previous30?: number;
  growth?: number;
}
export interface Hotspots extends Envelope {
  topCategories: HotspotRow[];
  topCentres: HotspotRow[];
  topDistricts: HotspotRow[];
  rising: HotspotRow[];
  definitions: Record<string, { 'zh-CN': string; 'en-US': string }>;
}
