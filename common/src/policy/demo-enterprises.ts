// Seeded synthetic enterprises of Shenyang with realistic distributions, as row objects (demo seed) or straight into columns (benchmarks).
import {
  allocateColumns,
  BOOL_FALSE,
  BOOL_TRUE,
  BOOL_UNKNOWN,
  type EnterpriseColumns,
  receiptColumns,
} from './columns.ts';
import { addMonths, fromDay, NO_DAY, toDay } from './dates.ts';
import {
  CERTIFICATIONS,
  type Enterprise,
  type EnterpriseFacts,
  type FactSource,
  LISTING_STAGES,
  SIZE_CLASSES,
  TAX_CREDIT_GRADES,
} from './facts.ts';
import { createRng, type Rng, weightedIndex } from './prng.ts';
import { organizationCodeCheckChar, usccCheckChar } from './uscc.ts';

export const SHENYANG_DISTRICTS = [
  { code: '210102', name: '和平区', weight: 12 },
  { code: '210103', name: '沈河区', weight: 12 },
  { code: '210104', name: '大东区', weight: 8 },
  { code: '210105', name: '皇姑区', weight: 10 },
  { code: '210106', name: '铁西区', weight: 14 },
  { code: '210111', name: '苏家屯区', weight: 5 },
  { code: '210112', name: '浑南区', weight: 13 },
  { code: '210113', name: '沈北新区', weight: 7 },
  { code: '210114', name: '于洪区', weight: 9 },
  { code: '210115', name: '辽中区', weight: 3 },
  { code: '210123', name: '康平县', weight: 2 },
  { code: '210124', name: '法库县', weight: 2 },
  { code: '210181', name: '新民市', weight: 3 },
] as const;

/** GB/T 4754-2017 sections with their divisions and a rough share of Shenyang's enterprises. */
const SECTIONS: { letter: string; divisions: [number, number]; weight: number; names: string[] }[] = [
  { letter: 'A', divisions: [1, 5], weight: 2.5, names: ['农业', '种植', '养殖'] },
  { letter: 'B', divisions: [6, 12], weight: 0.3, names: ['矿业'] },
  {
    letter: 'C',
    divisions: [13, 43],
    weight: 10,
    names: ['机械制造', '装备', '汽车零部件', '精密机械', '新材料', '电子', '医药', '食品'],
  },
  { letter: 'D', divisions: [44, 46], weight: 0.5, names: ['能源', '热力', '燃气'] },
  { letter: 'E', divisions: [47, 50], weight: 7, names: ['建筑工程', '建设', '装饰工程'] },
  { letter: 'F', divisions: [51, 52], weight: 32, names: ['商贸', '贸易', '商行', '商店', '电子商务'] },
  { letter: 'G', divisions: [53, 60], weight: 4, names: ['物流', '运输', '仓储'] },
  { letter: 'H', divisions: [61, 62], weight: 6, names: ['餐饮管理', '酒店管理', '饭店'] },
  { letter: 'I', divisions: [63, 65], weight: 6, names: ['信息技术', '软件', '网络科技', '数据科技'] },
  { letter: 'J', divisions: [66, 69], weight: 1, names: ['投资', '融资租赁'] },
  { letter: 'K', divisions: [70, 70], weight: 2.5, names: ['房地产开发', '物业管理'] },
  { letter: 'L', divisions: [71, 72], weight: 11, names: ['企业管理咨询', '商务服务', '广告'] },
  { letter: 'M', divisions: [73, 75], weight: 9, names: ['科技', '技术服务', '检测', '设计'] },
  { letter: 'N', divisions: [76, 79], weight: 1, names: ['环保科技', '环境工程'] },
  { letter: 'O', divisions: [80, 82], weight: 5, names: ['家政服务', '汽车维修', '美容美发'] },
  { letter: 'P', divisions: [83, 83], weight: 0.3, names: ['教育科技', '培训'] },
  { letter: 'Q', divisions: [84, 85], weight: 0.4, names: ['医疗', '健康管理'] },
  { letter: 'R', divisions: [86, 90], weight: 2, names: ['文化传媒', '体育', '影视'] },
];

/** Every class code the generator may produce (division, then group digit 1–4 and class digit 0–9), in a fixed order. */
export const DEMO_INDUSTRY_CODES: string[] = SECTIONS.flatMap((s) => {
  const codes: string[] = [];
  for (let d = s.divisions[0]; d <= s.divisions[1]; d++)
    for (let g = 1; g <= 4; g++)
      for (let c = 0; c <= 9; c++) codes.push(`${s.letter}${String(d).padStart(2, '0')}${g}${c}`);
  return codes;
});
const SECTION_OFFSETS = SECTIONS.reduce<number[]>(
  (acc, s, i) => [...acc, (acc[i] ?? 0) + (s.divisions[1] - s.divisions[0] + 1) * 40],
  [0],
);

const SIZE_WEIGHTS = [82, 14, 3.3, 0.7];
const EMPLOYEES: [number, number, number][] = [
  [4, 1, 19],
  [40, 20, 99],
  [250, 100, 999],
  [2500, 1000, 30000],
];
const REVENUE_MEDIAN = [8e5, 1.5e7, 1.5e8, 1.5e9];
const CREDIT_WEIGHTS = [30, 45, 18, 4, 3];
const LISTING_WEIGHTS_LARGE = [91, 3, 1, 5];
const PREFIXES = [
  '沈阳',
  '辽宁',
  '盛京',
  '浑河',
  '北方',
  '东北',
  '华晨',
  '新松',
  '远大',
  '金杯',
  '华信',
  '东软',
  '北陵',
  '东陵',
  '中街',
  '太原街',
  '铁西',
  '和平',
];
const WORDS = [
  '鼎盛',
  '恒通',
  '宏达',
  '瑞丰',
  '华宇',
  '金诚',
  '博远',
  '睿智',
  '天成',
  '众合',
  '嘉禾',
  '同创',
  '卓越',
  '汇通',
  '鑫源',
  '昌盛',
  '启航',
  '泰和',
  '德润',
  '佳信',
];

/** One sampled enterprise in plain numbers: the single source both writers (rows and columns) read. */
interface Sample {
  district: number;
  industry: number;
  size: number;
  established: number;
  employees: number;
  revenue: number;
  revenueGrowth: number;
  taxPaid: number;
  rdSpend: number;
  investment: number;
  unemploymentInsurancePaid: number;
  layoffRate: number;
  exportValue: number;
  stateRent: number;
  guaranteedLoan: number;
  certBits: number;
  certKnown: boolean;
  hnteDay: number;
  listing: number;
  credit: number;
  dishonest: number;
}

export interface EnterpriseGeneratorOptions {
  seed?: number;
  /** The date the population describes: financial facts are for the previous year. */
  asOf?: string;
  /** Multiplies every fact's chance of being missing (0: complete data). */
  missingRate?: number;
  /** Items some enterprises have already received, for "already received this year" exclusions. */
  itemIds?: readonly string[];
}

const cert = (name: (typeof CERTIFICATIONS)[number]) => 1 << CERTIFICATIONS.indexOf(name);

function lognormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * rng.normal());
}

function round(v: number, unit: number): number {
  return Math.round(v / unit) * unit;
}

function createSampler(options: EnterpriseGeneratorOptions) {
  const rng = createRng(options.seed ?? 20260630);
  const asOfDay = toDay(options.asOf ?? '2026-06-30');
  const miss = options.missingRate ?? 1;
  const pickDistrict = weightedIndex(SHENYANG_DISTRICTS.map((d) => d.weight));
  const pickSection = weightedIndex(SECTIONS.map((s) => s.weight));
  const pickSize = weightedIndex(SIZE_WEIGHTS);
  const pickCredit = weightedIndex(CREDIT_WEIGHTS);
  const pickListing = weightedIndex(LISTING_WEIGHTS_LARGE);
  const s = {} as Sample;
  const missing = (p: number) => miss > 0 && rng.next() < p * miss;
  return (): Sample => {
    s.district = pickDistrict(rng.next());
    const section = pickSection(rng.next());
    const sec = SECTIONS[section];
    const divisions = sec.divisions[1] - sec.divisions[0] + 1;
    s.industry = SECTION_OFFSETS[section] + rng.int(0, divisions * 40 - 1);
    const letter = sec.letter;
    const techy = letter === 'C' || letter === 'I' || letter === 'M';
    s.size = pickSize(rng.next());
    const [median, lo, hi] = EMPLOYEES[s.size];
    s.employees = Math.min(hi, Math.max(lo, Math.round(lognormal(rng, median, 0.7))));
    const ageYears = Math.min(40, -Math.log(1 - rng.next()) * (s.size === 0 ? 5 : 10));
    s.established = asOfDay - Math.floor(ageYears * 365.25) - 1;
    s.revenue = round(lognormal(rng, REVENUE_MEDIAN[s.size], 0.9), 100);
    s.revenueGrowth = Math.round((0.05 + 0.2 * rng.normal()) * 1000) / 1000;
    s.taxPaid = round(s.revenue * (0.01 + 0.07 * rng.next()), 10);
    const rdRatio = rng.chance(techy ? 0.45 : 0.08) ? lognormal(rng, 0.025, 0.6) : 0;
    s.rdSpend = round(s.revenue * Math.min(rdRatio, 0.4), 10);
    s.investment =
      (letter === 'C' || letter === 'D' || letter === 'B') && rng.chance(0.3)
        ? round(s.revenue * (0.02 + 0.28 * rng.next()), 1000)
        : 0;
    s.unemploymentInsurancePaid = round(s.employees * (250 + 200 * rng.next()), 1);
    s.layoffRate = rng.chance(0.7) ? 0 : Math.round(rng.next() * 300) / 1000;
    s.exportValue = rng.chance(letter === 'C' || letter === 'F' ? 0.1 : 0.02)
      ? round(s.revenue * (0.05 + 0.55 * rng.next()), 100)
      : 0;
    const rents = (letter === 'F' || letter === 'H' || letter === 'O' || letter === 'L') && s.size <= 1;
    s.stateRent = rents && rng.chance(0.05) ? round(2e4 + 2.8e5 * rng.next(), 100) : 0;
    s.guaranteedLoan = s.size <= 1 && rng.chance(0.03) ? round(1e5 + 2.9e6 * rng.next(), 1e4) : 0;
    let bits = 0;
    const ratio = s.revenue > 0 ? s.rdSpend / s.revenue : 0;
    if (rng.chance(techy && ratio >= 0.03 ? 0.35 : 0.005)) bits |= cert('高新技术企业');
    if (techy && s.size <= 2 && s.rdSpend > 0 && rng.chance(0.4)) bits |= cert('科技型中小企业');
    if (s.size <= 2 && rng.chance(0.02)) bits |= cert('创新型中小企业');
    if (s.size >= 1 && s.size <= 2 && rng.chance(letter === 'C' ? 0.06 : 0.004)) {
      bits |= cert('专精特新中小企业');
      if (rng.chance(0.12)) bits |= cert('专精特新小巨人');
    }
    if ((letter === 'C' || letter === 'B' || letter === 'D') && s.revenue >= 2e7 && rng.chance(0.95))
      bits |= cert('规上工业企业');
    if ((letter === 'F' && s.revenue >= 5e6) || (letter === 'H' && s.revenue >= 2e6))
      if (rng.chance(0.8)) bits |= cert('限上商贸企业');
    if (letter === 'C' && s.size >= 2 && rng.chance(0.1)) bits |= cert('企业技术中心');
    if (bits & cert('高新技术企业') && s.revenueGrowth >= 0.2 && rng.chance(0.3)) bits |= cert('瞪羚企业');
    if (bits & cert('科技型中小企业') && ageYears < 5 && rng.chance(0.2)) bits |= cert('雏鹰企业');
    if (letter === 'C' && s.size >= 2 && rng.chance(0.05)) bits |= cert('首台套产品');
    if (letter === 'C' && s.size >= 2 && rng.chance(0.05)) bits |= cert('绿色工厂');
    if (letter === 'C' && s.size >= 2 && rng.chance(0.04)) bits |= cert('智能工厂');
    if (letter === 'C' && s.size === 3 && rng.chance(0.05)) bits |= cert('制造业单项冠军');
    s.certBits = bits;
    s.certKnown = true;
    s.hnteDay = bits & cert('高新技术企业') ? asOfDay - rng.int(10, 3 * 365) : NO_DAY;
    s.listing = s.size >= 2 ? pickListing(rng.next()) : 0;
    s.credit = pickCredit(rng.next());
    s.dishonest = rng.chance(0.012) ? BOOL_TRUE : BOOL_FALSE;

    // Gaps in the data, by source: a fact the exchange did not deliver is unknown, never zero.
    if (missing(0.01)) s.industry = -1;
    if (missing(0.002)) s.established = NO_DAY;
    if (missing(0.04)) s.employees = NaN;
    if (missing(0.04)) s.unemploymentInsurancePaid = NaN;
    if (missing(0.03)) s.layoffRate = NaN;
    if (missing(0.05)) s.revenue = NaN;
    if (missing(0.06)) s.revenueGrowth = NaN;
    if (missing(0.05)) s.taxPaid = NaN;
    if (missing(0.06)) s.rdSpend = NaN;
    if (missing(0.08)) s.investment = NaN;
    if (missing(0.08)) s.exportValue = NaN;
    if (missing(0.1)) s.stateRent = NaN;
    if (missing(0.05)) s.guaranteedLoan = NaN;
    if (missing(0.03)) s.certKnown = false;
    if (missing(0.04)) s.size = -1;
    if (missing(0.05)) s.listing = -1;
    if (missing(0.03)) s.credit = -1;
    if (missing(0.02)) s.dishonest = BOOL_UNKNOWN;
    return s;
  };
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function identity(rng: Rng, districtCode: string, industry: number): { uscc: string; name: string } {
  let org = '';
  for (let k = 0; k < 8; k++) org += USCC_CHARS[rng.int(0, k < 2 ? 30 : 9)];
  const first17 = `91${districtCode}${org}${organizationCodeCheckChar(org)}`;
  const section =
    industry < 0
      ? SECTIONS[5]
      : SECTIONS[SECTION_OFFSETS.findIndex((o, i) => industry >= o && industry < SECTION_OFFSETS[i + 1])];
  return {
    uscc: first17 + usccCheckChar(first17),
    name: `${rng.pick(PREFIXES)}${rng.pick(WORDS)}${rng.pick(section.names)}有限公司`,
  };
}

/** Receipts of earlier benefits for a few enterprises, this year and last, from their own random stream. */
function sampleReceipts(
  count: number,
  options: EnterpriseGeneratorOptions,
): { enterprise: number; item: string; day: number }[] {
  const items = options.itemIds ?? [];
  if (items.length === 0) return [];
  const rng = createRng((options.seed ?? 20260630) ^ 0x5eed);
  const asOfDay = toDay(options.asOf ?? '2026-06-30');
  const out: { enterprise: number; item: string; day: number }[] = [];
  const n = Math.round(count * 0.03);
  for (let k = 0; k < n; k++)
    out.push({ enterprise: rng.int(0, count - 1), item: rng.pick(items), day: addMonths(asOfDay, -rng.int(0, 17)) });
  return out.sort((a, b) => a.enterprise - b.enterprise);
}

/** Populations straight into typed arrays, without building row objects (1.3 M enterprises in about a second). */
export function generateEnterpriseColumns(
  count: number,
  options: EnterpriseGeneratorOptions & { withIdentity?: boolean } = {},
): EnterpriseColumns {
  const cols = allocateColumns(count, {
    industryCode: DEMO_INDUSTRY_CODES,
    districtCode: SHENYANG_DISTRICTS.map((d) => d.code),
  });
  const next = createSampler(options);
  const idRng = createRng((options.seed ?? 20260630) ^ 0x1d);
  const n = cols.numbers;
  const uscc: string[] = [];
  for (let i = 0; i < count; i++) {
    const s = next();
    cols.dicts.districtCode.codes[i] = s.district;
    cols.dicts.industryCode.codes[i] = s.industry;
    cols.dicts.sizeClass.codes[i] = s.size;
    cols.dicts.listingStage.codes[i] = s.listing;
    cols.dicts.taxCreditGrade.codes[i] = s.credit;
    cols.dates.establishedOn[i] = s.established;
    cols.dates.hnteCertifiedOn[i] = s.hnteDay;
    n.employees[i] = s.employees;
    n.revenue[i] = s.revenue;
    n.revenueGrowth[i] = s.revenueGrowth;
    n.taxPaid[i] = s.taxPaid;
    n.rdSpend[i] = s.rdSpend;
    n.investment[i] = s.investment;
    n.unemploymentInsurancePaid[i] = s.unemploymentInsurancePaid;
    n.layoffRate[i] = s.layoffRate;
    n.exportValue[i] = s.exportValue;
    n.stateRent[i] = s.stateRent;
    n.guaranteedLoan[i] = s.guaranteedLoan;
    cols.sets.certifications.bits[i] = s.certKnown ? s.certBits : 0;
    cols.sets.certifications.known[i] = s.certKnown ? 1 : 0;
    cols.booleans.dishonestListed[i] = s.dishonest;
    if (options.withIdentity) uscc.push(identity(idRng, SHENYANG_DISTRICTS[s.district].code, s.industry).uscc);
  }
  if (options.withIdentity) cols.uscc = uscc;
  cols.receipts = receiptColumns(sampleReceipts(count, options));
  return cols;
}

/** The same population as row objects with each fact's source and date: what the demo seed loads into 一企一档. */
export function generateEnterprises(count: number, options: EnterpriseGeneratorOptions = {}): Enterprise[] {
  const next = createSampler(options);
  const idRng = createRng((options.seed ?? 20260630) ^ 0x1d);
  const asOfDay = toDay(options.asOf ?? '2026-06-30');
  const lastYearEnd = fromDay(toDay(`${fromDay(asOfDay).slice(0, 4)}-01-01`) - 1);
  const today = fromDay(asOfDay);
  const rows: Enterprise[] = [];
  for (let i = 0; i < count; i++) {
    const s = next();
    const facts: EnterpriseFacts = {};
    const put = <K extends keyof EnterpriseFacts>(
      key: K,
      value: NonNullable<EnterpriseFacts[K]>['value'],
      source: FactSource,
      asOf: string,
    ) => {
      (facts as Record<string, unknown>)[key] = { value, source, asOf };
    };
    const num = (key: keyof EnterpriseFacts, v: number, source: FactSource, asOf = lastYearEnd) =>
      v === v && put(key, v as never, source, asOf);
    put('districtCode', SHENYANG_DISTRICTS[s.district].code, 'market', today);
    if (s.industry >= 0) put('industryCode', DEMO_INDUSTRY_CODES[s.industry], 'market', today);
    if (s.size >= 0) put('sizeClass', SIZE_CLASSES[s.size], 'stats', lastYearEnd);
    if (s.established !== NO_DAY) put('establishedOn', fromDay(s.established), 'market', today);
    num('employees', s.employees, 'social', today);
    num('revenue', s.revenue, 'tax');
    num('revenueGrowth', s.revenueGrowth, 'stats');
    num('taxPaid', s.taxPaid, 'tax');
    num('rdSpend', s.rdSpend, 'tax');
    num('investment', s.investment, 'stats');
    num('unemploymentInsurancePaid', s.unemploymentInsurancePaid, 'social');
    num('layoffRate', s.layoffRate, 'social');
    num('exportValue', s.exportValue, 'customs');
    num('stateRent', s.stateRent, 'housing');
    num('guaranteedLoan', s.guaranteedLoan, 'finance', today);
    if (s.certKnown)
      put(
        'certifications',
        CERTIFICATIONS.filter((_, b) => s.certBits & (1 << b)),
        'science',
        today,
      );
    if (s.hnteDay !== NO_DAY) put('hnteCertifiedOn', fromDay(s.hnteDay), 'science', today);
    if (s.listing >= 0) put('listingStage', LISTING_STAGES[s.listing], 'finance', today);
    if (s.credit >= 0) put('taxCreditGrade', TAX_CREDIT_GRADES[s.credit], 'tax', lastYearEnd);
    if (s.dishonest !== BOOL_UNKNOWN) put('dishonestListed', s.dishonest === BOOL_TRUE, 'credit', today);
    rows.push({ ...identity(idRng, SHENYANG_DISTRICTS[s.district].code, s.industry), facts, receipts: [] });
  }
  for (const r of sampleReceipts(count, options))
    rows[r.enterprise].receipts?.push({ itemId: r.item, date: fromDay(r.day) });
  return rows;
}
