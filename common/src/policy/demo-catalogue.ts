// The demo policy library: 207 items in 11 categories from Shenyang-style documents, with dated parameters and published rules.
import { SHENYANG_DISTRICTS } from './demo-enterprises.ts';
import { FACTS, isFactKey } from './facts.ts';
import type { PolicyCategoryId, PolicyDocument, PolicyItem } from './library.ts';
import type { DatedParameter } from './parameters.ts';
import { parameterRegistry } from './parameters.ts';
import { publishRule, type PublishedRule } from './publish.ts';
import type { Exclusion, HitPolicy, Rule, RuleOutput } from './rule.ts';

type Unit = DatedParameter['unit'];
/** [id, label, unit, value from the document, value from the 2026 adjustment (optional)] */
type ParamSpec = [string, string, Unit, number, number?];

interface ItemSpec {
  id: string;
  name: string;
  category: PolicyCategoryId;
  department: string;
  doc: string;
  subject: string;
  amountText: string;
  delivery?: PolicyItem['delivery'];
  params?: ParamSpec[];
  hitPolicy?: HitPolicy;
  inputs: [string, string][];
  outputs?: RuleOutput[];
  rows: [string[], string[]?][];
  exclusions?: Exclusion[];
  steps?: [string, string, string][];
  cap?: string;
}

const DISHONEST: Exclusion = { id: 'dishonest', label: '列入严重失信主体名单', fact: 'dishonestListed', test: 'true' };
const RECEIVED: Exclusion = { id: 'receivedThisYear', label: '本年度已享受本政策', receivedWithin: 'calendar-year' };
const TAX_D: Exclusion = { id: 'taxCreditD', label: '纳税信用等级为D级', fact: 'taxCreditGrade', test: 'D' };
const STANDARD = [DISHONEST, RECEIVED];

const ADJUSTMENT = { id: 'adjust-2026', number: '沈政办发〔2026〕12号', title: '沈阳市人民政府办公厅关于调整部分惠企政策支持标准的通知', issuer: '沈阳市人民政府办公厅', category: 'relief' as const, effectiveFrom: '2026-01-01' };

const CITY_DOCUMENTS: Omit<PolicyDocument, 'text' | 'level' | 'issuedOn' | 'effectiveTo'>[] = [
  { id: 'tech-2024', number: '沈政办发〔2024〕15号', title: '沈阳市促进科技创新若干政策措施', issuer: '沈阳市人民政府办公厅', category: 'tech', effectiveFrom: '2024-04-01' },
  { id: 'hnte-2025', number: '沈科发〔2025〕8号', title: '沈阳市高新技术企业培育与奖励实施办法', issuer: '沈阳市科学技术局', category: 'tech', effectiveFrom: '2025-01-01' },
  { id: 'srdi-2025', number: '沈工信发〔2025〕15号', title: '沈阳市促进专精特新中小企业高质量发展若干措施', issuer: '沈阳市工业和信息化局', category: 'industry', effectiveFrom: '2025-03-01' },
  { id: 'equip-2024', number: '沈工信发〔2024〕22号', title: '沈阳市推动工业振兴与技术改造若干政策', issuer: '沈阳市工业和信息化局', category: 'industry', effectiveFrom: '2024-06-01' },
  { id: 'digital-2025', number: '沈政发〔2025〕6号', title: '沈阳市加快数字经济发展若干政策', issuer: '沈阳市人民政府', category: 'digital', effectiveFrom: '2025-02-01' },
  { id: 'green-2025', number: '沈发改发〔2025〕11号', title: '沈阳市支持绿色低碳发展若干措施', issuer: '沈阳市发展和改革委员会', category: 'green', effectiveFrom: '2025-04-01' },
  { id: 'talent-2025', number: '沈委人才发〔2025〕3号', title: '沈阳市支持企业引育人才若干政策', issuer: '中共沈阳市委人才工作领导小组', category: 'talent', effectiveFrom: '2025-01-01' },
  { id: 'jobs-2025', number: '沈人社发〔2025〕9号', title: '沈阳市进一步稳定和扩大就业若干措施', issuer: '沈阳市人力资源和社会保障局', category: 'employment', effectiveFrom: '2025-01-01' },
  { id: 'finance-2024', number: '沈金发〔2024〕12号', title: '沈阳市普惠金融支持中小微企业发展若干措施', issuer: '沈阳市地方金融管理局', category: 'finance', effectiveFrom: '2024-07-01' },
  { id: 'listing-2025', number: '沈金发〔2025〕4号', title: '沈阳市推进企业上市三年行动方案（2025—2027年）', issuer: '沈阳市地方金融管理局', category: 'listing', effectiveFrom: '2025-01-01' },
  { id: 'consume-2025', number: '沈商务发〔2025〕7号', title: '沈阳市促进消费扩容提质若干措施', issuer: '沈阳市商务局', category: 'commerce', effectiveFrom: '2025-03-01' },
  { id: 'trade-2025', number: '沈商务发〔2025〕13号', title: '沈阳市推动外贸稳规模优结构若干措施', issuer: '沈阳市商务局', category: 'trade', effectiveFrom: '2025-05-01' },
  { id: 'relief-2025', number: '沈政办发〔2025〕31号', title: '沈阳市助企纾困解难若干措施', issuer: '沈阳市人民政府办公厅', category: 'relief', effectiveFrom: '2025-06-01' },
];

const DISTRICT_DOC_PREFIX: Record<string, string> = {
  '210102': '沈和政发',
  '210103': '沈河政发',
  '210104': '沈东政发',
  '210105': '沈皇政发',
  '210106': '沈铁西政发',
  '210111': '沈苏政发',
  '210112': '沈浑政发',
  '210113': '沈北政发',
  '210114': '沈于政发',
  '210115': '辽中政发',
  '210123': '康政发',
  '210124': '法政发',
  '210181': '新政发',
};

/** City items: what Shenyang's 好政策 platform lists, one decision table each. */
const CITY_ITEMS: ItemSpec[] = [
  // 科技创新
  { id: 'hnte-first', name: '高新技术企业首次认定奖励', category: 'tech', department: '市科技局', doc: 'hnte-2025', subject: '首次通过高新技术企业认定的企业', amountText: '一次性奖励10万元（2026年起15万元）', delivery: 'no-application',
    params: [['hnte_first_award', '高企首次认定奖励额', 'yuan', 100000, 150000]], inputs: [['hnte', 'certifications'], ['certifiedOn', 'hnteCertifiedOn'], ['age', 'ageYears']], rows: [[['高新技术企业', 'within 1y', '>= 1']]], steps: [['award', '奖励额', '$hnte_first_award']] },
  { id: 'hnte-renew', name: '高新技术企业重新认定奖励', category: 'tech', department: '市科技局', doc: 'hnte-2025', subject: '通过重新认定的高新技术企业', amountText: '一次性奖励5万元', delivery: 'no-application',
    params: [['hnte_renew_award', '高企重新认定奖励额', 'yuan', 50000]], inputs: [['hnte', 'certifications'], ['certifiedOn', 'hnteCertifiedOn'], ['age', 'ageYears']], rows: [[['高新技术企业', 'within 1y', '>= 4']]], steps: [['award', '奖励额', '$hnte_renew_award']] },
  { id: 'tsme-rd', name: '科技型中小企业研发费用后补助', category: 'tech', department: '市科技局', doc: 'tech-2024', subject: '入库科技型中小企业', amountText: '按上年度研发费用的5%给予补助，最高50万元',
    params: [['tsme_rd_min', '研发费用下限', 'yuan', 500000], ['tsme_rd_ratio', '研发投入强度下限', 'ratio', 0.03, 0.025], ['tsme_rate', '补助比例', 'ratio', 0.05], ['tsme_cap', '补助上限', 'yuan', 500000]],
    inputs: [['tsme', 'certifications'], ['rdSpend', 'rdSpend'], ['rdRatio', 'rdRatio']], rows: [[['科技型中小企业', '>= $tsme_rd_min', '>= $tsme_rd_ratio']]], steps: [['base', '研发费用×补助比例', 'rdSpend * $tsme_rate']], cap: '$tsme_cap' },
  { id: 'rd-increment', name: '企业研发投入分档补助', category: 'tech', department: '市科技局', doc: 'tech-2024', subject: '有研发投入的企业', amountText: '研发费用100万元以上补3%，研发强度5%以上加2%，高新技术企业加1%，最高200万元', hitPolicy: 'collect-sum',
    params: [['rdinc_cap', '分档补助上限', 'yuan', 2000000]], inputs: [['rdSpend', 'rdSpend'], ['rdRatio', 'rdRatio'], ['hnte', 'certifications']], outputs: [{ id: 'rate', type: 'number', label: '补助比例' }],
    rows: [[['>= 100万', '-', '-'], ['3%']], [['>= 10万', '>= 5%', '-'], ['2%']], [['>= 10万', '-', '高新技术企业'], ['1%']]], steps: [['base', '研发费用×累计比例', 'rdSpend * out.rate']], cap: '$rdinc_cap' },
  { id: 'tech-center', name: '企业技术中心认定奖励', category: 'tech', department: '市工信局', doc: 'tech-2024', subject: '新认定的省级以上企业技术中心', amountText: '一次性奖励50万元', params: [['tech_center_award', '技术中心奖励', 'yuan', 500000]], inputs: [['center', 'certifications']], rows: [[['企业技术中心']]], steps: [['award', '奖励额', '$tech_center_award']] },
  { id: 'gazelle', name: '瞪羚企业奖励', category: 'tech', department: '市科技局', doc: 'tech-2024', subject: '认定的瞪羚企业', amountText: '一次性奖励30万元', params: [['gazelle_award', '瞪羚企业奖励', 'yuan', 300000]], inputs: [['gazelle', 'certifications'], ['growth', 'revenueGrowth']], rows: [[['瞪羚企业', '>= 20%']]], steps: [['award', '奖励额', '$gazelle_award']] },
  { id: 'eaglet', name: '雏鹰企业奖励', category: 'tech', department: '市科技局', doc: 'tech-2024', subject: '认定的雏鹰企业', amountText: '一次性奖励10万元', params: [['eaglet_award', '雏鹰企业奖励', 'yuan', 100000]], inputs: [['eaglet', 'certifications'], ['age', 'ageYears']], rows: [[['雏鹰企业', '< 5']]], steps: [['award', '奖励额', '$eaglet_award']] },
  { id: 'innovative-sme', name: '创新型中小企业奖励', category: 'tech', department: '市工信局', doc: 'srdi-2025', subject: '评价入库的创新型中小企业', amountText: '一次性奖励5万元', params: [['innov_award', '创新型中小企业奖励', 'yuan', 50000]], inputs: [['innov', 'certifications'], ['size', 'sizeClass']], rows: [[['创新型中小企业', 'micro, small, medium']]], steps: [['award', '奖励额', '$innov_award']] },
  { id: 'tech-transfer', name: '科技成果转化奖励', category: 'tech', department: '市科技局', doc: 'tech-2024', subject: '实施科技成果转化的企业', amountText: '按营业收入的1%奖励，最高100万元', params: [['transfer_cap', '转化奖励上限', 'yuan', 1000000]],
    inputs: [['industry', 'industryCode'], ['rdSpend', 'rdSpend'], ['growth', 'revenueGrowth']], rows: [[['C*, M73*, I65*', '>= 20万', '>= 10%']]], steps: [['base', '营业收入×1%', 'revenue * 1%']], cap: '$transfer_cap' },
  { id: 'hnte-nursery', name: '高新技术企业培育入库奖励', category: 'tech', department: '市科技局', doc: 'hnte-2025', subject: '入库培育的科技型中小企业', amountText: '一次性奖励10万元', params: [['nursery_award', '培育入库奖励', 'yuan', 100000]],
    inputs: [['tsme', 'certifications'], ['notHnte', 'certifications'], ['rdRatio', 'rdRatio'], ['age', 'ageYears']], rows: [[['科技型中小企业', 'not(高新技术企业)', '>= 3%', '>= 1']]], steps: [['award', '奖励额', '$nursery_award']] },
  // 工业振兴
  { id: 'srdi-award', name: '专精特新企业梯度奖励', category: 'industry', department: '市工信局', doc: 'srdi-2025', subject: '专精特新“小巨人”、专精特新中小企业、创新型中小企业', amountText: '国家级小巨人50万元，省级专精特新20万元，创新型中小企业5万元（就高不重复）', delivery: 'no-application', hitPolicy: 'priority',
    params: [['srdi_national', '小巨人奖励', 'yuan', 500000], ['srdi_provincial', '省级专精特新奖励', 'yuan', 200000, 300000], ['srdi_innovative', '创新型中小企业奖励', 'yuan', 50000]],
    inputs: [['level', 'certifications']], outputs: [{ id: 'tier', type: 'string', label: '梯度', priority: ['national', 'provincial', 'innovative'] }, { id: 'amount', type: 'number', label: '奖励额' }],
    rows: [[['创新型中小企业'], ['innovative', '$srdi_innovative']], [['专精特新中小企业'], ['provincial', '$srdi_provincial']], [['专精特新小巨人'], ['national', '$srdi_national']]], steps: [['award', '对应梯度奖励', 'out.amount']] },
  { id: 'first-set', name: '首台（套）重大技术装备奖励', category: 'industry', department: '市工信局', doc: 'equip-2024', subject: '首台（套）重大技术装备研制企业', amountText: '一次性奖励100万元', params: [['first_set_award', '首台套奖励', 'yuan', 1000000]],
    inputs: [['firstSet', 'certifications'], ['industry', 'industryCode']], rows: [[['首台套产品', 'C34*, C35*, C38*, C39*, C40*']]], steps: [['award', '奖励额', '$first_set_award']] },
  { id: 'tech-reform', name: '工业企业技术改造投资补助', category: 'industry', department: '市工信局', doc: 'equip-2024', subject: '技术改造投资500万元以上的工业企业', amountText: '按设备投资的8%补助，最高1000万元',
    params: [['reform_min', '技改投资下限', 'yuan', 5000000], ['reform_rate', '技改补助比例', 'ratio', 0.08], ['reform_cap', '技改补助上限', 'yuan', 10000000]],
    inputs: [['industry', 'industryCode'], ['investment', 'investment']], rows: [[['C*', '>= $reform_min']]], steps: [['base', '投资额×补助比例', 'investment * $reform_rate']], cap: '$reform_cap' },
  { id: 'scale-up', name: '规上工业企业首次升规奖励', category: 'industry', department: '市工信局', doc: 'equip-2024', subject: '首次纳入规模以上统计的工业企业', amountText: '一次性奖励20万元', delivery: 'no-application', params: [['scaleup_award', '升规奖励', 'yuan', 200000]],
    inputs: [['scale', 'certifications'], ['revenue', 'revenue']], rows: [[['规上工业企业', '[2000万..5000万)']]], steps: [['award', '奖励额', '$scaleup_award']] },
  { id: 'output-growth', name: '工业企业增产增效奖励', category: 'industry', department: '市工信局', doc: 'equip-2024', subject: '产值增长15%以上的规上工业企业', amountText: '营收1亿—5亿元奖励30万元，5亿元以上奖励50万元',
    inputs: [['scale', 'certifications'], ['growth', 'revenueGrowth'], ['revenue', 'revenue']], outputs: [{ id: 'amount', type: 'number' }],
    rows: [[['规上工业企业', '>= 15%', '[1亿..5亿)'], ['30万']], [['规上工业企业', '>= 15%', '>= 5亿'], ['50万']]], steps: [['award', '分档奖励', 'out.amount']] },
  { id: 'champion', name: '制造业单项冠军奖励', category: 'industry', department: '市工信局', doc: 'srdi-2025', subject: '国家级制造业单项冠军企业', amountText: '一次性奖励100万元', params: [['champion_award', '单项冠军奖励', 'yuan', 1000000]], inputs: [['champion', 'certifications']], rows: [[['制造业单项冠军']]], steps: [['award', '奖励额', '$champion_award']] },
  { id: 'smart-factory', name: '智能工厂和数字化车间奖励', category: 'industry', department: '市工信局', doc: 'equip-2024', subject: '认定的智能工厂', amountText: '一次性奖励50万元', params: [['smart_award', '智能工厂奖励', 'yuan', 500000]], inputs: [['smart', 'certifications']], rows: [[['智能工厂']]], steps: [['award', '奖励额', '$smart_award']] },
  { id: 'steady-output', name: '工业企业稳产满产奖励', category: 'industry', department: '市工信局', doc: 'equip-2024', subject: '稳产满产的规上工业企业', amountText: '一次性奖励10万元', inputs: [['scale', 'certifications'], ['growth', 'revenueGrowth'], ['employees', 'employees']], rows: [[['规上工业企业', '>= 0', '>= 50']]], steps: [['award', '奖励额', '10万']] },
  // 数字经济
  { id: 'software-growth', name: '软件和信息技术服务企业成长奖励', category: 'digital', department: '市工信局', doc: 'digital-2025', subject: '营收2000万元以上且增长20%以上的软件企业', amountText: '营收2000万—1亿元奖励20万元，1亿元以上奖励50万元',
    inputs: [['industry', 'industryCode'], ['revenue', 'revenue'], ['growth', 'revenueGrowth']], outputs: [{ id: 'amount', type: 'number' }],
    rows: [[['I65*', '[2000万..1亿)', '>= 20%'], ['20万']], [['I65*', '>= 1亿', '>= 20%'], ['50万']]], steps: [['award', '分档奖励', 'out.amount']] },
  { id: 'digital-transform', name: '制造业数字化转型补贴', category: 'digital', department: '市工信局', doc: 'digital-2025', subject: '实施上云用数赋智的制造业企业', amountText: '按投资额10%补贴，最高100万元', params: [['digi_rate', '数字化补贴比例', 'ratio', 0.1], ['digi_cap', '数字化补贴上限', 'yuan', 1000000]],
    inputs: [['industry', 'industryCode'], ['investment', 'investment']], rows: [[['C*', '>= 100万']]], steps: [['base', '投资额×比例', 'investment * $digi_rate']], cap: '$digi_cap' },
  { id: 'iiot-platform', name: '工业互联网平台奖励', category: 'digital', department: '市工信局', doc: 'digital-2025', subject: '建设工业互联网平台的企业', amountText: '一次性奖励30万元', inputs: [['industry', 'industryCode'], ['center', 'certifications']], rows: [[['I64*, I65*', '企业技术中心, 高新技术企业']]], steps: [['award', '奖励额', '30万']] },
  { id: 'internet-growth', name: '互联网企业稳增长奖励', category: 'digital', department: '市工信局', doc: 'digital-2025', subject: '营收5000万元以上且增长15%以上的互联网企业', amountText: '一次性奖励30万元', inputs: [['industry', 'industryCode'], ['growth', 'revenueGrowth'], ['revenue', 'revenue']], rows: [[['I64*', '>= 15%', '>= 5000万']]], steps: [['award', '奖励额', '30万']] },
  { id: 'data-startup', name: '数据要素企业培育奖励', category: 'digital', department: '市数据局', doc: 'digital-2025', subject: '成立5年内的数据服务科技型企业', amountText: '一次性奖励10万元', inputs: [['industry', 'industryCode'], ['tsme', 'certifications'], ['age', 'ageYears']], rows: [[['I65*, M*', '科技型中小企业', '< 5']]], steps: [['award', '奖励额', '10万']] },
  { id: 'ecommerce', name: '电子商务企业发展奖励', category: 'digital', department: '市商务局', doc: 'digital-2025', subject: '网络零售额5000万元以上的电商企业', amountText: '按营收的0.1%奖励，最高50万元', inputs: [['industry', 'industryCode'], ['revenue', 'revenue']], rows: [[['F52*', '>= 5000万']]], steps: [['base', '营收×0.1%', 'revenue * 0.1%']], cap: '50万' },
  // 绿色低碳
  { id: 'green-factory', name: '绿色工厂奖励', category: 'green', department: '市工信局', doc: 'green-2025', subject: '新认定的绿色工厂', amountText: '一次性奖励50万元', params: [['green_award', '绿色工厂奖励', 'yuan', 500000]], inputs: [['green', 'certifications']], rows: [[['绿色工厂']]], steps: [['award', '奖励额', '$green_award']] },
  { id: 'energy-saving', name: '节能技术改造补助', category: 'green', department: '市发展改革委', doc: 'green-2025', subject: '实施节能改造的工业企业', amountText: '按投资额5%补助，最高300万元', params: [['saving_rate', '节能补助比例', 'ratio', 0.05], ['saving_cap', '节能补助上限', 'yuan', 3000000]],
    inputs: [['industry', 'industryCode'], ['investment', 'investment']], rows: [[['C*, D*', '>= 300万']]], steps: [['base', '投资额×比例', 'investment * $saving_rate']], cap: '$saving_cap' },
  { id: 'nev-chain', name: '新能源汽车产业链配套奖励', category: 'green', department: '市工信局', doc: 'green-2025', subject: '新能源汽车零部件配套企业', amountText: '一次性奖励50万元', inputs: [['industry', 'industryCode'], ['revenue', 'revenue']], rows: [[['C36*, C38*', '>= 1亿']]], steps: [['award', '奖励额', '50万']] },
  { id: 'env-equipment', name: '环保装备制造企业奖励', category: 'green', department: '市生态环境局', doc: 'green-2025', subject: '环保装备制造高新技术企业', amountText: '一次性奖励20万元', inputs: [['industry', 'industryCode'], ['hnte', 'certifications']], rows: [[['C35*, N77*', '高新技术企业']]], steps: [['award', '奖励额', '20万']] },
  { id: 'clean-production', name: '清洁生产审核奖励', category: 'green', department: '市生态环境局', doc: 'green-2025', subject: '通过清洁生产审核的企业', amountText: '一次性奖励5万元', inputs: [['industry', 'industryCode'], ['credit', 'taxCreditGrade']], rows: [[['B*, C*, D*', 'A, B']]], steps: [['award', '奖励额', '5万']] },
  // 人才支持
  { id: 'talent-import', name: '企业引进高层次人才奖励', category: 'talent', department: '市委人才办', doc: 'talent-2025', subject: '高新技术企业、专精特新企业', amountText: '一次性奖励20万元', inputs: [['cert', 'certifications'], ['employees', 'employees']], rows: [[['高新技术企业, 专精特新中小企业, 专精特新小巨人', '>= 20']]], steps: [['award', '奖励额', '20万']] },
  { id: 'postdoc', name: '博士后科研工作站建站资助', category: 'talent', department: '市人社局', doc: 'talent-2025', subject: '设立博士后工作站的企业', amountText: '一次性资助50万元', inputs: [['center', 'certifications'], ['employees', 'employees']], rows: [[['企业技术中心', '>= 100']]], steps: [['award', '资助额', '50万']] },
  { id: 'internship', name: '大学生就业见习补贴', category: 'talent', department: '市人社局', doc: 'talent-2025', subject: '吸纳高校毕业生见习的企业', amountText: '按在职人数10%的见习岗位、每人每月1500元×6个月补贴，最高30万元', params: [['intern_month', '见习补贴月标准', 'yuan', 1500, 1800]],
    inputs: [['employees', 'employees'], ['layoff', 'layoffRate']], rows: [[['>= 10', '<= 5%']]], steps: [['posts', '见习岗位数', 'floor(employees * 10%)'], ['base', '岗位×月标准×6', 'posts * $intern_month * 6']], cap: '30万' },
  { id: 'skills-training', name: '企业职工技能培训补贴', category: 'talent', department: '市人社局', doc: 'talent-2025', subject: '开展职工培训的制造业企业', amountText: '每人500元，最高50万元', params: [['training_per_head', '培训补贴标准', 'persons', 500]],
    inputs: [['industry', 'industryCode'], ['employees', 'employees']], rows: [[['C*', '>= 50']]], steps: [['base', '人数×标准', 'employees * 500']], cap: '50万' },
  { id: 'talent-housing', name: '人才公寓租金补贴', category: 'talent', department: '市住房局', doc: 'talent-2025', subject: '浑南区、沈北新区的高新技术企业', amountText: '每家企业每年10万元', inputs: [['district', 'districtCode'], ['hnte', 'certifications']], rows: [[['210112, 210113', '高新技术企业']]], steps: [['award', '补贴额', '10万']] },
  // 就业创业
  { id: 'job-retention', name: '失业保险稳岗返还', category: 'employment', department: '市人社局', doc: 'jobs-2025', subject: '不裁员或少裁员的参保企业', amountText: '中小微企业返还上年度失业保险费的60%，大型企业返还30%', delivery: 'no-application',
    params: [['layoff_small', '中小微企业裁员率上限', 'ratio', 0.2], ['unemp_target', '城镇调查失业率控制目标', 'ratio', 0.055], ['sr_rate_small', '中小微企业返还比例', 'ratio', 0.6], ['sr_rate_large', '大型企业返还比例', 'ratio', 0.3]],
    inputs: [['size', 'sizeClass'], ['layoff', 'layoffRate']], outputs: [{ id: 'rate', type: 'number', label: '返还比例' }],
    rows: [[['micro, small, medium', '<= $layoff_small'], ['$sr_rate_small']], [['large', '<= $unemp_target'], ['$sr_rate_large']]], steps: [['base', '上年度失业保险费×返还比例', 'unemploymentInsurancePaid * out.rate']], exclusions: [DISHONEST, RECEIVED, TAX_D] },
  { id: 'job-expansion', name: '一次性扩岗补助', category: 'employment', department: '市人社局', doc: 'jobs-2025', subject: '招用高校毕业生的企业', amountText: '每人1500元，最多10人', params: [['expand_per_head', '扩岗补助标准', 'yuan', 1500]],
    inputs: [['age', 'ageYears'], ['layoff', 'layoffRate'], ['employees', 'employees']], rows: [[['>= 1', '<= 5%', '>= 1']]], steps: [['base', 'min(人数,10)×标准', 'min(employees, 10) * $expand_per_head']] },
  { id: 'startup-loan', name: '创业担保贷款贴息', category: 'employment', department: '市人社局', doc: 'jobs-2025', subject: '获得创业担保贷款的小微企业', amountText: '按贷款额（最高300万元）LPR-150BP的50%贴息', params: [['cgl_max_loan', '贴息贷款额度上限', 'yuan', 3000000], ['cgl_rate', '贴息率', 'ratio', 0.0105, 0.0095]],
    inputs: [['size', 'sizeClass'], ['loan', 'guaranteedLoan']], rows: [[['micro, small', '> 0']]], steps: [['principal', '计息本金', 'min(guaranteedLoan, $cgl_max_loan)'], ['interest', '本金×贴息率', 'principal * $cgl_rate']] },
  { id: 'sme-social-insurance', name: '小微企业吸纳就业社保补贴', category: 'employment', department: '市人社局', doc: 'jobs-2025', subject: '吸纳就业困难人员的小微企业', amountText: '每人每年3000元，最高15万元', inputs: [['size', 'sizeClass'], ['employees', 'employees']], rows: [[['micro, small', '[3..100]']]], steps: [['base', '人数×3000元', 'employees * 3000']], cap: '15万' },
  { id: 'incubator', name: '创业孵化基地奖励', category: 'employment', department: '市人社局', doc: 'jobs-2025', subject: '科技推广和创业服务机构', amountText: '一次性奖励20万元', inputs: [['industry', 'industryCode'], ['employees', 'employees']], rows: [[['M75*', '>= 5']]], steps: [['award', '奖励额', '20万']] },
  { id: 'rural-startup', name: '返乡创业一次性补贴', category: 'employment', department: '市人社局', doc: 'jobs-2025', subject: '县域新设小微企业', amountText: '一次性补贴1万元', inputs: [['district', 'districtCode'], ['age', 'ageYears'], ['size', 'sizeClass']], rows: [[['210115, 210123, 210124, 210181', '< 3', 'micro, small']]], steps: [['award', '补贴额', '1万']] },
  // 金融服务
  { id: 'guarantee-fee', name: '政府性融资担保费补贴', category: 'finance', department: '市金融局', doc: 'finance-2024', subject: '获得政府性融资担保的小微企业', amountText: '按担保额的1%补贴', inputs: [['size', 'sizeClass'], ['loan', 'guaranteedLoan']], rows: [[['micro, small', '> 0']]], steps: [['base', '担保额×1%', 'guaranteedLoan * 1%']], cap: '3万' },
  { id: 'ip-pledge', name: '知识产权质押融资贴息', category: 'finance', department: '市市场监管局', doc: 'finance-2024', subject: '科技型企业', amountText: '一次性贴息5万元', inputs: [['cert', 'certifications'], ['rdSpend', 'rdSpend']], rows: [[['高新技术企业, 科技型中小企业', '> 0']]], steps: [['award', '贴息额', '5万']] },
  { id: 'first-loan', name: '小微企业首贷贴息', category: 'finance', department: '市金融局', doc: 'finance-2024', subject: '首次获得银行贷款的小微企业', amountText: '一次性贴息2万元', delivery: 'fast-application', inputs: [['size', 'sizeClass'], ['revenue', 'revenue'], ['age', 'ageYears']], rows: [[['micro, small', '< 5000万', '>= 1']]], steps: [['award', '贴息额', '2万']] },
  { id: 'tech-insurance', name: '科技保险保费补贴', category: 'finance', department: '市科技局', doc: 'finance-2024', subject: '投保科技保险的高新技术企业', amountText: '一次性补贴3万元', inputs: [['hnte', 'certifications']], rows: [[['高新技术企业']]], steps: [['award', '补贴额', '3万']] },
  { id: 'bridge-loan', name: '应急转贷费用补贴', category: 'finance', department: '市金融局', doc: 'finance-2024', subject: '使用应急转贷资金的中小企业', amountText: '按贷款余额0.5%补贴，最高5万元', delivery: 'fast-application', inputs: [['size', 'sizeClass'], ['loan', 'guaranteedLoan']], rows: [[['small, medium', '> 0']]], steps: [['base', '余额×0.5%', 'guaranteedLoan * 0.5%']], cap: '5万' },
  // 企业上市
  { id: 'listing-stages', name: '企业上市分阶段奖励', category: 'listing', department: '市金融局', doc: 'listing-2025', subject: '在辽宁证监局辅导备案、申报受理、成功上市的企业', amountText: '辅导备案50万元，申报受理100万元，成功上市300万元', delivery: 'no-application',
    params: [['listing_tutoring', '辅导备案奖励', 'yuan', 500000], ['listing_filed', '申报受理奖励', 'yuan', 1000000], ['listing_listed', '成功上市奖励', 'yuan', 3000000]],
    inputs: [['stage', 'listingStage']], outputs: [{ id: 'amount', type: 'number' }], rows: [[['tutoring'], ['$listing_tutoring']], [['filed'], ['$listing_filed']], [['listed'], ['$listing_listed']]], steps: [['award', '阶段奖励', 'out.amount']] },
  { id: 'listing-reserve', name: '上市后备企业培育奖励', category: 'listing', department: '市金融局', doc: 'listing-2025', subject: '纳入上市后备库的企业', amountText: '一次性奖励20万元', inputs: [['stage', 'listingStage'], ['revenue', 'revenue']], rows: [[['tutoring, filed', '>= 1亿']]], steps: [['award', '奖励额', '20万']] },
  { id: 'listed-refinance', name: '上市公司再融资奖励', category: 'listing', department: '市金融局', doc: 'listing-2025', subject: '实施再融资的上市公司', amountText: '一次性奖励100万元', inputs: [['stage', 'listingStage'], ['growth', 'revenueGrowth']], rows: [[['listed', '> 0']]], steps: [['award', '奖励额', '100万']] },
  { id: 'equity-market', name: '区域性股权市场挂牌奖励', category: 'listing', department: '市金融局', doc: 'listing-2025', subject: '在辽宁股权交易中心挂牌的科技型企业', amountText: '一次性奖励10万元', inputs: [['stage', 'listingStage'], ['cert', 'certifications']], rows: [[['none', '科技型中小企业, 高新技术企业']]], steps: [['award', '奖励额', '10万']] },
  { id: 'listing-relocate', name: '上市公司迁入奖励', category: 'listing', department: '市金融局', doc: 'listing-2025', subject: '新迁入的上市公司', amountText: '一次性奖励500万元', delivery: 'confirm', inputs: [['stage', 'listingStage'], ['age', 'ageYears']], rows: [[['listed', '< 1']]], steps: [['award', '奖励额', '500万']] },
  // 商贸消费
  { id: 'retail-entry', name: '限上商贸企业升限入库奖励', category: 'commerce', department: '市商务局', doc: 'consume-2025', subject: '新升限入库的商贸企业', amountText: '一次性奖励5万元', delivery: 'no-application', inputs: [['limit', 'certifications'], ['industry', 'industryCode'], ['growth', 'revenueGrowth']], rows: [[['限上商贸企业', 'F*, H*', '>= 0']]], steps: [['award', '奖励额', '5万']] },
  { id: 'wholesale-growth', name: '批发业增长奖励', category: 'commerce', department: '市商务局', doc: 'consume-2025', subject: '销售额增长10%以上的限上批发企业', amountText: '销售额2亿—10亿元奖励20万元，10亿元以上50万元',
    inputs: [['industry', 'industryCode'], ['revenue', 'revenue'], ['growth', 'revenueGrowth']], outputs: [{ id: 'amount', type: 'number' }], rows: [[['F51*', '[2亿..10亿)', '>= 10%'], ['20万']], [['F51*', '>= 10亿', '>= 10%'], ['50万']]], steps: [['award', '分档奖励', 'out.amount']] },
  { id: 'retail-growth', name: '零售业增长奖励', category: 'commerce', department: '市商务局', doc: 'consume-2025', subject: '销售额增长10%以上的限上零售企业', amountText: '一次性奖励10万元', inputs: [['industry', 'industryCode'], ['revenue', 'revenue'], ['growth', 'revenueGrowth']], rows: [[['F52*', '>= 5000万', '>= 10%']]], steps: [['award', '奖励额', '10万']] },
  { id: 'catering-growth', name: '住宿餐饮业增长奖励', category: 'commerce', department: '市商务局', doc: 'consume-2025', subject: '营业额增长10%以上的限上住宿餐饮企业', amountText: '一次性奖励5万元', inputs: [['industry', 'industryCode'], ['revenue', 'revenue'], ['growth', 'revenueGrowth']], rows: [[['H*', '>= 1000万', '>= 10%']]], steps: [['award', '奖励额', '5万']] },
  { id: 'night-economy', name: '夜经济示范街区商户补贴', category: 'commerce', department: '市商务局', doc: 'consume-2025', subject: '和平区、沈河区示范街区餐饮商户', amountText: '一次性补贴2万元', inputs: [['district', 'districtCode'], ['industry', 'industryCode']], rows: [[['210102, 210103', 'H62*']]], steps: [['award', '补贴额', '2万']] },
  { id: 'chain-stores', name: '品牌连锁企业开店奖励', category: 'commerce', department: '市商务局', doc: 'consume-2025', subject: '新开门店的品牌连锁企业', amountText: '一次性奖励10万元', inputs: [['industry', 'industryCode'], ['employees', 'employees']], rows: [[['F52*, H62*', '>= 50']]], steps: [['award', '奖励额', '10万']] },
  // 对外开放
  { id: 'trade-growth', name: '外贸稳增长奖励', category: 'trade', department: '市商务局', doc: 'trade-2025', subject: '进出口额500万元以上的外贸企业', amountText: '按进出口额0.5%奖励，最高100万元', params: [['trade_min', '进出口额下限', 'yuan', 5000000], ['trade_rate', '外贸奖励比例', 'ratio', 0.005]],
    inputs: [['exports', 'exportValue']], rows: [[['>= $trade_min']]], steps: [['base', '进出口额×比例', 'exportValue * $trade_rate']], cap: '100万' },
  { id: 'trade-breakthrough', name: '进出口额首次突破奖励', category: 'trade', department: '市商务局', doc: 'trade-2025', subject: '进出口额首次突破1000万元、5000万元的企业', amountText: '突破1000万元奖励10万元，突破5000万元奖励30万元',
    inputs: [['exports', 'exportValue']], outputs: [{ id: 'amount', type: 'number' }], rows: [[['[1000万..5000万)'], ['10万']], [['>= 5000万'], ['30万']]], steps: [['award', '分档奖励', 'out.amount']] },
  { id: 'cross-border', name: '跨境电商企业奖励', category: 'trade', department: '市商务局', doc: 'trade-2025', subject: '开展跨境电商业务的零售企业', amountText: '一次性奖励5万元', inputs: [['industry', 'industryCode'], ['exports', 'exportValue']], rows: [[['F52*', '>= 100万']]], steps: [['award', '奖励额', '5万']] },
  { id: 'service-outsourcing', name: '服务外包企业奖励', category: 'trade', department: '市商务局', doc: 'trade-2025', subject: '承接离岸服务外包的企业', amountText: '按离岸执行额2%奖励，最高50万元', inputs: [['industry', 'industryCode'], ['exports', 'exportValue']], rows: [[['I65*, M*', '>= 100万']]], steps: [['base', '执行额×2%', 'exportValue * 2%']], cap: '50万' },
  { id: 'export-insurance', name: '出口信用保险保费补贴', category: 'trade', department: '市商务局', doc: 'trade-2025', subject: '投保出口信用保险的中小外贸企业', amountText: '按出口额0.1%补贴，最高20万元', inputs: [['size', 'sizeClass'], ['exports', 'exportValue']], rows: [[['micro, small, medium', '> 0']]], steps: [['base', '出口额×0.1%', 'exportValue * 0.1%']], cap: '20万' },
  // 纾困减负
  { id: 'rent-relief', name: '国有房屋租金减免', category: 'relief', department: '市国资委', doc: 'relief-2025', subject: '承租国有房屋的服务业小微企业', amountText: '减免3个月租金', delivery: 'no-application', params: [['rent_relief_months', '减免月数', 'count', 3]],
    inputs: [['size', 'sizeClass'], ['industry', 'industryCode'], ['rent', 'stateRent']], rows: [[['micro, small', 'F*, H*, L*, O*, R*', '> 0']]], steps: [['base', '年租金÷12×减免月数', 'stateRent / 12 * $rent_relief_months']], cap: '20万' },
  { id: 'catering-relief', name: '住宿餐饮业纾困补贴', category: 'relief', department: '市商务局', doc: 'relief-2025', subject: '营业额下降的中小微住宿餐饮企业', amountText: '一次性补贴1万元', inputs: [['industry', 'industryCode'], ['size', 'sizeClass'], ['growth', 'revenueGrowth']], rows: [[['H*', 'micro, small, medium', '< 0']]], steps: [['award', '补贴额', '1万']] },
  { id: 'utility-relief', name: '小微企业水电气费用补贴', category: 'relief', department: '市发展改革委', doc: 'relief-2025', subject: '生活服务业小微企业', amountText: '一次性补贴3000元', inputs: [['industry', 'industryCode'], ['size', 'sizeClass']], rows: [[['H*, O*', 'micro, small']]], steps: [['award', '补贴额', '3000']] },
];

/** Items each district offers under its own document (one per district, so 13 of each). */
const DISTRICT_TEMPLATES: ((d: string, name: string, rich: number) => ItemSpec)[] = [
  (d, n, rich) => ({ id: `d${d}-tsme-rd`, name: `${n}科技型中小企业研发投入补助`, category: 'tech', department: `${n}科技局`, doc: `district-${d}`, subject: `注册在${n}的科技型中小企业`, amountText: '按研发费用一定比例补助',
    params: [[`d${d}_rd_rate`, `${n}研发补助比例`, 'ratio', 0.02 * rich, 0.025 * rich]], inputs: [['district', 'districtCode'], ['tsme', 'certifications'], ['rdSpend', 'rdSpend']], rows: [[[d, '科技型中小企业', '>= 20万']]], steps: [['base', '研发费用×比例', `rdSpend * $d${d}_rd_rate`]], cap: `${Math.round(20 * rich)}万` }),
  (d, n, rich) => ({ id: `d${d}-hnte-settle`, name: `${n}高新技术企业落户奖励`, category: 'tech', department: `${n}科技局`, doc: `district-${d}`, subject: `新落户${n}的高新技术企业`, amountText: '一次性奖励',
    inputs: [['district', 'districtCode'], ['hnte', 'certifications'], ['age', 'ageYears']], rows: [[[d, '高新技术企业', '< 2']]], steps: [['award', '奖励额', `${Math.round(10 * rich)}万`]] }),
  (d, n, rich) => ({ id: `d${d}-scale-growth`, name: `${n}规上工业企业增长奖励`, category: 'industry', department: `${n}工信局`, doc: `district-${d}`, subject: `${n}产值增长10%以上的规上工业企业`, amountText: '一次性奖励',
    inputs: [['district', 'districtCode'], ['scale', 'certifications'], ['growth', 'revenueGrowth']], rows: [[[d, '规上工业企业', '>= 10%']]], steps: [['award', '奖励额', `${Math.round(10 * rich)}万`]] }),
  (d, n, rich) => ({ id: `d${d}-tax-contribution`, name: `${n}纳税贡献奖励`, category: 'industry', department: `${n}财政局`, doc: `district-${d}`, subject: `${n}年纳税500万元以上的企业`, amountText: '按纳税额分档奖励',
    params: [[`d${d}_tax_t1`, `${n}纳税奖励一档`, 'yuan', Math.round(10e4 * rich)], [`d${d}_tax_t2`, `${n}纳税奖励二档`, 'yuan', Math.round(30e4 * rich)], [`d${d}_tax_t3`, `${n}纳税奖励三档`, 'yuan', Math.round(80e4 * rich)]],
    inputs: [['district', 'districtCode'], ['tax', 'taxPaid']], outputs: [{ id: 'amount', type: 'number' }],
    rows: [[[d, '[500万..1000万)'], [`$d${d}_tax_t1`]], [[d, '[1000万..5000万)'], [`$d${d}_tax_t2`]], [[d, '>= 5000万'], [`$d${d}_tax_t3`]]], steps: [['award', '分档奖励', 'out.amount']], exclusions: [DISHONEST, RECEIVED, TAX_D] }),
  (d, n, rich) => ({ id: `d${d}-sme-jobs`, name: `${n}小微企业稳岗补贴`, category: 'employment', department: `${n}人社局`, doc: `district-${d}`, subject: `${n}不裁员的小微企业`, amountText: '按参保人数每人补贴',
    params: [[`d${d}_job_per_head`, `${n}稳岗补贴标准`, 'yuan', Math.round(300 * rich), Math.round(400 * rich)]], inputs: [['district', 'districtCode'], ['size', 'sizeClass'], ['layoff', 'layoffRate'], ['employees', 'employees']],
    rows: [[[d, 'micro, small', '<= 5%', '>= 5']]], steps: [['base', '人数×标准', `employees * $d${d}_job_per_head`]], cap: `${Math.round(5 * rich)}万` }),
  (d, n, rich) => ({ id: `d${d}-office-rent`, name: `${n}楼宇经济入驻企业租金补贴`, category: 'relief', department: `${n}商务局`, doc: `district-${d}`, subject: `入驻${n}重点楼宇的现代服务业企业`, amountText: '按年租金30%补贴',
    inputs: [['district', 'districtCode'], ['industry', 'industryCode'], ['rent', 'stateRent']], rows: [[[d, 'I*, J*, L*, M*', '> 0']]], steps: [['base', '年租金×30%', 'stateRent * 30%']], cap: `${Math.round(30 * rich)}万` }),
  (d, n, rich) => ({ id: `d${d}-retail-entry`, name: `${n}商贸企业升限入库奖励`, category: 'commerce', department: `${n}商务局`, doc: `district-${d}`, subject: `${n}新升限入库的商贸企业`, amountText: '一次性奖励',
    inputs: [['district', 'districtCode'], ['limit', 'certifications'], ['age', 'ageYears']], rows: [[[d, '限上商贸企业', '< 3']]], steps: [['award', '奖励额', `${Math.round(3 * rich)}万`]] }),
  (d, n, rich) => ({ id: `d${d}-srdi-match`, name: `${n}专精特新企业配套奖励`, category: 'industry', department: `${n}工信局`, doc: `district-${d}`, subject: `${n}的专精特新企业`, amountText: '国家级、省级分档配套奖励（就高）', hitPolicy: 'priority',
    inputs: [['district', 'districtCode'], ['level', 'certifications']], outputs: [{ id: 'tier', type: 'string', priority: ['national', 'provincial'] }, { id: 'amount', type: 'number' }],
    rows: [[[d, '专精特新中小企业'], ['provincial', `${Math.round(10 * rich)}万`]], [[d, '专精特新小巨人'], ['national', `${Math.round(30 * rich)}万`]]], steps: [['award', '配套奖励', 'out.amount']] }),
  (d, n, rich) => ({ id: `d${d}-new-settle`, name: `${n}招商引资新落户企业奖励`, category: 'industry', department: `${n}招商局`, doc: `district-${d}`, subject: `新落户${n}且营收1000万元以上的企业`, amountText: '按营业收入1%奖励',
    inputs: [['district', 'districtCode'], ['age', 'ageYears'], ['revenue', 'revenue']], rows: [[[d, '< 1', '>= 1000万']]], steps: [['base', '营收×1%', 'revenue * 1%']], cap: `${Math.round(50 * rich)}万` }),
  (d, n, rich) => ({ id: `d${d}-trade`, name: `${n}外贸企业扩量奖励`, category: 'trade', department: `${n}商务局`, doc: `district-${d}`, subject: `${n}进出口额200万元以上的企业`, amountText: '按进出口额0.3%奖励',
    inputs: [['district', 'districtCode'], ['exports', 'exportValue']], rows: [[[d, '>= 200万']]], steps: [['base', '进出口额×0.3%', 'exportValue * 0.3%']], cap: `${Math.round(20 * rich)}万` }),
  (d, n, rich) => ({ id: `d${d}-listing`, name: `${n}上市后备企业配套奖励`, category: 'listing', department: `${n}金融办`, doc: `district-${d}`, subject: `${n}进入上市辅导或申报阶段的企业`, amountText: '辅导备案、申报受理分别配套奖励', hitPolicy: 'first',
    inputs: [['district', 'districtCode'], ['stage', 'listingStage']], outputs: [{ id: 'amount', type: 'number' }], rows: [[[d, 'filed'], [`${Math.round(50 * rich)}万`]], [[d, 'tutoring, filed'], [`${Math.round(20 * rich)}万`]]], steps: [['award', '配套奖励', 'out.amount']] }),
];

/** Central districts fund more generously than the counties. */
const DISTRICT_RICHNESS: Record<string, number> = { '210102': 1.5, '210103': 1.5, '210106': 1.3, '210112': 1.5, '210113': 1.2, '210105': 1.2, '210104': 1.1, '210114': 1.1, '210111': 1, '210115': 0.8, '210123': 0.6, '210124': 0.6, '210181': 0.7 };

export interface DemoCatalogue {
  documents: PolicyDocument[];
  items: PolicyItem[];
  parameters: DatedParameter[];
  /** Published rule versions, several per item where the 2026 adjustment changed the rule. */
  rules: PublishedRule[];
}

function describeConditions(spec: ItemSpec): string {
  const parts = spec.inputs.map(([, fact], k) => {
    const cells = [...new Set(spec.rows.map(([cells]) => cells[k]).filter((c) => c !== '-'))];
    return `${isFactKey(fact) ? FACTS[fact].label : fact}：${cells.join(' 或 ')}`;
  });
  return [...parts, '未列入严重失信主体名单'].join('；');
}

/** Builds the demo library deterministically (no randomness needed: the variety comes from the templates). */
export function buildDemoCatalogue(): DemoCatalogue {
  const documents: PolicyDocument[] = [];
  const docIndex = new Map<string, Omit<PolicyDocument, 'text'>>();
  const addDoc = (doc: Omit<PolicyDocument, 'text'>) => docIndex.set(doc.id, doc);
  for (const d of CITY_DOCUMENTS) addDoc({ ...d, level: 'city', issuedOn: d.effectiveFrom });
  addDoc({ ...ADJUSTMENT, level: 'city', issuedOn: '2025-12-15' });
  SHENYANG_DISTRICTS.forEach((d, i) =>
    addDoc({ id: `district-${d.code}`, number: `${DISTRICT_DOC_PREFIX[d.code]}〔2025〕${5 + i}号`, title: `${d.name}促进经济高质量发展若干政策措施`, issuer: `沈阳市${d.name}人民政府`, category: 'industry', level: 'district', issuedOn: '2025-02-20', effectiveFrom: '2025-03-01' }),
  );

  const specs = [...CITY_ITEMS, ...SHENYANG_DISTRICTS.flatMap((d) => DISTRICT_TEMPLATES.map((t) => t(d.code, d.name, DISTRICT_RICHNESS[d.code])))];
  const parameters: DatedParameter[] = [];
  const items: PolicyItem[] = [];
  const rules: Rule[] = [];
  const itemsByDoc = new Map<string, string[]>();
  specs.forEach((spec, index) => {
    const doc = docIndex.get(spec.doc);
    if (!doc) throw new Error(`demo item ${spec.id}: unknown document ${spec.doc}`);
    const article = `第${(itemsByDoc.get(doc.id)?.length ?? 0) + 1}条`;
    itemsByDoc.set(doc.id, [...(itemsByDoc.get(doc.id) ?? []), `${article} ${spec.name}：${spec.amountText}。`]);
    for (const [id, label, unit, v1, v2] of spec.params ?? []) {
      parameters.push({
        id,
        label,
        unit,
        versions: [
          { version: 1, effectiveFrom: doc.effectiveFrom, value: v1, reference: { document: doc.number, article } },
          ...(v2 !== undefined ? [{ version: 2, effectiveFrom: ADJUSTMENT.effectiveFrom, value: v2, reference: { document: ADJUSTMENT.number, article: '第二条' } }] : []),
        ],
      });
    }
    items.push({
      id: spec.id,
      documentId: doc.id,
      name: spec.name,
      category: spec.category,
      department: spec.department,
      subject: spec.subject,
      conditions: describeConditions(spec),
      amountText: spec.amountText,
      timeLimit: { from: doc.effectiveFrom, to: '2027-12-31', note: '政策有效期内每年度兑现一次' },
      basis: { document: doc.number, article },
      delivery: spec.delivery ?? 'confirm',
    });
    const base: Rule = {
      itemId: spec.id,
      version: 1,
      effectiveFrom: doc.effectiveFrom,
      hitPolicy: spec.hitPolicy ?? 'unique',
      inputs: spec.inputs.map(([id, fact]) => ({ id, fact })),
      outputs: spec.outputs ?? [],
      rows: spec.rows.map(([cells, outputs]) => ({ cells, outputs: outputs ?? [] })),
      exclusions: spec.exclusions ?? STANDARD,
      ...(spec.steps ? { amount: { steps: spec.steps.map(([id, label, expr]) => ({ id, label, expr })), ...(spec.cap ? { cap: { expr: spec.cap, label: '支持上限' } } : {}) } } : {}),
    };
    rules.push(base);
    // The 2026 adjustment also barred D-grade taxpayers from every seventh item: a second rule version.
    if (index % 7 === 3 && !(base.exclusions ?? []).some((x) => x.id === TAX_D.id))
      rules.push({ ...base, version: 2, effectiveFrom: ADJUSTMENT.effectiveFrom, exclusions: [...(base.exclusions ?? []), TAX_D] });
  });

  for (const doc of docIndex.values()) documents.push({ ...doc, text: `${doc.title}\n\n${(itemsByDoc.get(doc.id) ?? ['第一条 调整部分惠企政策的支持标准，自2026年1月1日起施行。']).join('\n')}` });
  const registry = parameterRegistry(parameters);
  return { documents, items, parameters, rules: rules.map((r) => publishRule(r, registry, `${r.effectiveFrom}T00:00:00+08:00`)) };
}
