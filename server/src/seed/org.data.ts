// Shenyang's organisation as demo data: 13 county-level divisions, city and district departments, service
// centres whose windows add up to 350, and the default category tree of government-service problems.
export const DISTRICTS = [
  ['210102', '和平区', 'Heping'],
  ['210103', '沈河区', 'Shenhe'],
  ['210104', '大东区', 'Dadong'],
  ['210105', '皇姑区', 'Huanggu'],
  ['210106', '铁西区', 'Tiexi'],
  ['210111', '苏家屯区', 'Sujiatun'],
  ['210112', '浑南区', 'Hunnan'],
  ['210113', '沈北新区', 'Shenbei'],
  ['210114', '于洪区', 'Yuhong'],
  ['210115', '辽中区', 'Liaozhong'],
  ['210123', '康平县', 'Kangping'],
  ['210124', '法库县', 'Faku'],
  ['210181', '新民市', 'Xinmin'],
] as const;

/** City-level departments (code, name, English name). */
export const CITY_DEPARTMENTS = [
  ['yshj', '市营商环境建设局', 'Business Environment Bureau'],
  ['scjg', '市市场监管局', 'Market Regulation Administration'],
  ['sw', '市税务局', 'Taxation Bureau'],
  ['rs', '市人社局', 'Human Resources and Social Security Bureau'],
  ['zj', '市住建局', 'Housing and Urban-Rural Development Bureau'],
  ['bdc', '市不动产登记中心', 'Real Estate Registration Centre'],
  ['gjj', '市住房公积金管理中心', 'Housing Provident Fund Centre'],
  ['gd', '国网沈阳供电公司', 'State Grid Shenyang Power Supply'],
  ['sj', '市水务集团', 'Water Group'],
  ['rq', '市燃气公司', 'Gas Company'],
  ['rl', '市热力集团', 'Heating Group'],
  ['yb', '市医保局', 'Healthcare Security Bureau'],
  ['gz', '市公共资源交易中心', 'Public Resource Trading Centre'],
  ['zwfw', '市政务服务中心', 'Government Service Centre'],
  ['gaj', '市公安局', 'Public Security Bureau'],
  ['zrzy', '市自然资源局', 'Natural Resources Bureau'],
  ['fgw', '市发展改革委', 'Development and Reform Commission'],
] as const;

/** Departments every district also has (the district bureau and its government-service centre). */
export const DISTRICT_DEPARTMENTS = [
  ['yshj', '营商环境建设局', 'Business Environment Bureau'],
  ['zwfw', '政务服务中心', 'Government Service Centre'],
  ['scjg', '市场监管局', 'Market Regulation Bureau'],
] as const;

/** Category tree: top-level problems with a few leaves each (code, name, English name, children). */
export const CATEGORIES: [string, string, string, [string, string, string][]][] = [
  [
    'efficiency',
    '办事效率',
    'Efficiency',
    [
      ['efficiency.slow', '办理时限超期', 'Late processing'],
      ['efficiency.queue', '排队等候过长', 'Long queues'],
      ['efficiency.runs', '多次跑动', 'Repeated visits'],
    ],
  ],
  [
    'attitude',
    '服务态度',
    'Service attitude',
    [
      ['attitude.rude', '态度生硬', 'Rude staff'],
      ['attitude.shirk', '推诿扯皮', 'Passing the buck'],
    ],
  ],
  [
    'facilities',
    '设施设备',
    'Facilities',
    [
      ['facilities.office', '办公设备', 'Office equipment'],
      ['facilities.hall', '大厅环境', 'Hall environment'],
      ['facilities.computer', '电脑系统', 'Computers'],
    ],
  ],
  [
    'process',
    '流程与材料',
    'Procedures and materials',
    [
      ['process.materials', '材料繁多', 'Too many materials'],
      ['process.unclear', '流程不清', 'Unclear procedure'],
    ],
  ],
  [
    'online',
    '网上办事系统',
    'Online services',
    [
      ['online.down', '系统故障', 'System failure'],
      ['online.usability', '操作不便', 'Hard to use'],
    ],
  ],
  [
    'policy',
    '政策兑现',
    'Policy delivery',
    [
      ['policy.late', '兑现不及时', 'Late payment'],
      ['policy.unknown', '政策不知晓', 'Unaware of policy'],
    ],
  ],
  [
    'utilities',
    '水电气暖报装',
    'Utility connections',
    [
      ['utilities.power', '用电报装', 'Power connection'],
      ['utilities.water', '用水报装', 'Water connection'],
      ['utilities.gas', '用气报装', 'Gas connection'],
      ['utilities.heat', '供暖报装', 'Heating connection'],
    ],
  ],
  [
    'startup',
    '企业开办',
    'Starting a business',
    [
      ['startup.register', '设立登记', 'Registration'],
      ['startup.seal', '印章刻制', 'Company seal'],
    ],
  ],
  [
    'construction',
    '工程建设审批',
    'Construction permits',
    [
      ['construction.permit', '施工许可', 'Construction permit'],
      ['construction.acceptance', '竣工验收', 'Completion acceptance'],
    ],
  ],
  [
    'property',
    '不动产登记',
    'Property registration',
    [
      ['property.transfer', '转移登记', 'Transfer'],
      ['property.certificate', '办证延迟', 'Late certificate'],
    ],
  ],
  [
    'tax',
    '税费',
    'Taxes and fees',
    [
      ['tax.invoice', '发票办理', 'Invoices'],
      ['tax.refund', '退税', 'Tax refund'],
    ],
  ],
  [
    'social',
    '社保医保',
    'Social and medical insurance',
    [
      ['social.pension', '养老保险', 'Pension'],
      ['social.medical', '医保报销', 'Medical claims'],
    ],
  ],
  [
    'fund',
    '公积金',
    'Housing provident fund',
    [
      ['fund.withdraw', '提取', 'Withdrawal'],
      ['fund.loan', '贷款', 'Loans'],
    ],
  ],
  [
    'trading',
    '公共资源交易',
    'Public resource trading',
    [
      ['trading.bidding', '招投标', 'Bidding'],
      ['trading.evaluation', '评标系统', 'Bid evaluation system'],
    ],
  ],
  ['other', '其他', 'Other', [['other.misc', '其他问题', 'Other problems']]],
];

/** Windows per centre: the city centre, and one hall per district, adding up to Shenyang's 350 fault-finding windows. */
export const CITY_CENTRE_WINDOWS = 38;
export const DISTRICT_CENTRE_WINDOWS = [30, 30, 24, 26, 30, 20, 30, 24, 24, 20, 16, 16, 22]; // 312 + 38 = 350

export const DEMO_PASSWORD = 'Tingquan#2026';

/** One account per role (username, display name, roles, scope). District roles sit in 沈河区 (210103). */
export const DEMO_USERS = [
  { username: 'admin', name: '系统管理员', roles: ['admin'], scope: {} },
  { username: 'dispatcher', name: '市营商局 王受理', roles: ['dispatcher'], scope: {} },
  { username: 'dispatcher.shenhe', name: '沈河区营商局 李受理', roles: ['dispatcher'], scope: { district: '210103' } },
  { username: 'supervisor', name: '市营商局 赵督办', roles: ['supervisor'], scope: {} },
  { username: 'supervisor.shenhe', name: '沈河区营商局 钱督办', roles: ['supervisor'], scope: { district: '210103' } },
  { username: 'clerk', name: '市政务服务中心 找茬窗口 孙窗口', roles: ['window_clerk'], scope: { centre: 'city' } },
  {
    username: 'clerk.shenhe',
    name: '沈河区政务服务中心 周窗口',
    roles: ['window_clerk'],
    scope: { centre: '210103', district: '210103' },
  },
  { username: 'handler', name: '市市场监管局 吴承办', roles: ['handler'], scope: { department: 'scjg' } },
  { username: 'handler.tax', name: '市税务局 郑承办', roles: ['handler'], scope: { department: 'sw' } },
  { username: 'handler.power', name: '供电公司 冯承办', roles: ['handler'], scope: { department: 'gd' } },
  { username: 'lead', name: '市市场监管局 陈局长', roles: ['dept_lead'], scope: { department: 'scjg' } },
  { username: 'inspector', name: '市纪委监委 褚监督', roles: ['inspector'], scope: {} },
  { username: 'officer', name: '首席服务官 卫服务', roles: ['officer'], scope: {} },
  { username: 'policy', name: '政策平台 蒋政策', roles: ['policy_admin'], scope: {} },
  { username: 'citizen', name: '市民 沈先生', roles: ['requester'], scope: {} },
] as const;
