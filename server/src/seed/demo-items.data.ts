// Demo ledger items as data: per-category wording (titles, descriptions, replies) and the weights that shape a
// year of Shenyang's 找茬 ledger. Placeholders: {centre} service hall, {district} district, {org} enterprise, {n} a number.

/** Leaf category code → [title, description] templates. */
export const ITEM_TEMPLATES: Record<string, [string, string][]> = {
  'efficiency.slow': [
    [
      '承诺时限内未办结',
      '在{centre}申请的事项已经超过承诺办理时限{n}个工作日，窗口一直说在审核，没有明确答复什么时候能办好。',
    ],
    ['审批时间过长影响开工', '我公司{org}提交的申请材料齐全，但审批已拖了{n}天，项目迟迟不能开工，希望加快办理。'],
  ],
  'efficiency.queue': [
    ['大厅排队等候时间过长', '上午九点到{centre}取号，前面还有{n}人，等了两个多小时才办上，叫号窗口只开了两个。'],
    ['午休时间窗口无人值守', '中午到{centre}办事，只有一个窗口开放，排队的人很多，建议实行错时延时服务。'],
  ],
  'efficiency.runs': [
    ['同一事项来回跑了多次', '为了办一个证明在{centre}跑了{n}趟，每次都说缺一份材料，没有一次性告知需要哪些材料。'],
    ['办事需要跑多个部门', '办理变更需要先后到三个部门分别提交材料，能不能一窗受理、内部流转，少让群众跑腿。'],
  ],
  'attitude.rude': [
    ['窗口工作人员态度生硬', '在{centre}咨询问题时，窗口工作人员不耐烦，说话态度生硬，没有耐心解释办理要求。'],
    ['热线接听人员敷衍', '拨打政务服务热线咨询，接线人员回答敷衍，没听完问题就挂断了电话。'],
  ],
  'attitude.shirk': [
    ['部门之间相互推诿', '我公司{org}的问题找了两个部门，都说不归自己管，让我们去找另一个部门，问题一直没人解决。'],
    [
      '窗口推说系统问题不予办理',
      '在{centre}办理业务时，窗口说系统有问题让改天再来，已经第{n}次了，没有人给出解决办法。',
    ],
  ],
  'facilities.office': [
    ['自助打印设备无法使用', '{centre}的自助打印机坏了好几天，一直没人修，只能到外面打印材料。'],
    ['填表台缺少纸笔', '{centre}填表台没有纸笔和填写样表，群众填表只能去窗口借。'],
  ],
  'facilities.hall': [
    ['大厅座椅不够', '{centre}等候区座椅太少，老年人只能站着排队，建议增加座椅。'],
    ['大厅缺少引导标识', '{centre}楼层和窗口的引导标识不清楚，第一次来办事找不到对应窗口。'],
    ['停车位紧张', '{centre}附近停车位太少，办事群众经常找不到地方停车，建议协调周边停车场。'],
  ],
  'facilities.computer': [
    ['窗口电脑运行缓慢', '{centre}窗口电脑运行很慢，录入一份材料要等好几分钟，影响办事效率。'],
    ['自助终端经常死机', '{centre}的自助服务终端操作时经常死机，无法完成查询和打印。'],
  ],
  'process.materials': [
    ['要求重复提交已有材料', '办理业务时窗口要求提供营业执照复印件等材料，这些政府部门已经掌握，希望减少重复提交。'],
    ['要求提供无法开具的证明', '窗口要求我们提供一份证明，但问了几个部门都说开不了这种证明，办事陷入死循环。'],
  ],
  'process.unclear': [
    ['办事指南与实际要求不一致', '网上公布的办事指南与窗口实际要求的材料不一致，按指南准备的材料被退回。'],
    ['办理流程不清楚', '想办理{n}项相关业务，但不清楚先办哪个后办哪个，咨询了几次答复都不一样。'],
  ],
  'online.down': [
    ['网上办事大厅无法登录', '政务服务网一直提示系统繁忙无法登录，已经持续{n}天，耽误了申报期限。'],
    ['网上申报提交后报错', '在网上提交申请时页面报错，材料上传了好几次都没有成功。'],
  ],
  'online.usability': [
    ['手机端操作不方便', '手机上办理业务时页面跳转太多，上传照片总是失败，希望优化掌上办操作。'],
    ['网上办事需要反复注册', '不同事项要在不同系统分别注册账号，能不能统一身份认证，一次登录全网通办。'],
  ],
  'policy.late': [
    ['补贴资金迟迟未到账', '我公司{org}符合政策条件，申报已经通过审核，但补贴资金{n}个月了还没有到账。'],
    ['奖励政策兑现慢', '去年申请的企业奖励资金至今未兑现，咨询了多次都说在走流程。'],
  ],
  'policy.unknown': [
    ['不了解能享受哪些政策', '我们是小微企业，不清楚能享受哪些扶持政策，希望有人给讲解一下。'],
    ['政策申报条件看不懂', '政策文件里申报条件写得太专业，企业看不懂自己是否符合，建议出一份通俗解读。'],
  ],
  'utilities.power': [
    ['用电报装进度慢', '我公司{org}新建厂房申请用电报装已经{n}天了，还没有安排现场勘查。'],
    ['低压接电需要材料太多', '办理低压接电要求提供的材料很多，希望简化流程、压缩时限。'],
  ],
  'utilities.water': [
    ['用水报装迟迟未通水', '{district}新开的门店申请用水报装，交了费用已经{n}天了还没有通水。'],
    ['供水接入费用不透明', '供水接入收费项目不清楚，希望公开收费标准。'],
  ],
  'utilities.gas': [
    ['燃气报装等待时间长', '餐饮店申请燃气开通，工程一直没有排期，影响开业。'],
    ['燃气接入方案反复修改', '燃气接入设计方案改了{n}次还没确定，希望一次性告知要求。'],
  ],
  'utilities.heat': [
    ['供暖入网手续繁琐', '新建小区办理供暖入网手续繁琐，来回跑了好几次还没有办完。'],
    ['供暖报装答复不及时', '{district}商铺申请供暖报装，提交材料后一直没有人联系。'],
  ],
  'startup.register': [
    ['企业设立登记被多次退回', '网上申请设立公司，材料被退回{n}次，每次只指出一个问题，希望一次性告知。'],
    ['名称自主申报不通过', '企业名称自主申报系统提示不通过，但没有说明原因，不知道怎么修改。'],
  ],
  'startup.seal': [
    ['印章刻制需要另跑一趟', '营业执照办好后刻章还要到另外地方办理，希望能在企业开办专区一次办完。'],
    ['免费刻章政策未落实', '听说新开办企业可以免费刻制印章，但窗口说不知道这个政策。'],
  ],
  'construction.permit': [
    ['施工许可审批环节多', '我公司{org}的项目办理施工许可涉及环节太多，材料在几个部门之间流转很慢。'],
    ['联合审图意见不一致', '施工图联合审查时各专业意见互相矛盾，改了{n}轮还没通过。'],
  ],
  'construction.acceptance': [
    ['竣工联合验收时间长', '项目申请竣工联合验收后，各部门现场验收时间不统一，拖了很久。'],
    ['验收后备案迟迟办不下来', '竣工验收已经完成，但备案手续迟迟办不下来，影响交房。'],
  ],
  'property.transfer': [
    ['二手房过户预约难', '办理二手房转移登记在网上一直约不到号，窗口说只能网上预约。'],
    ['转移登记材料要求多', '办理转移登记要求提供的材料太多，有些材料登记中心自己就能查到。'],
  ],
  'property.certificate': [
    ['不动产权证迟迟未发放', '购买的新房已经交付{n}个月，不动产权证一直办不下来，影响孩子上学。'],
    ['办证延迟无人答复', '开发商说材料已经报到登记中心，但一直没有结果，打电话也没人说清楚原因。'],
  ],
  'tax.invoice': [
    ['发票领用需要跑税务大厅', '我公司{org}申领发票还要到税务大厅现场办理，希望全程网上办。'],
    ['电子发票开具系统故障', '电子发票开具平台经常卡顿，开票失败，影响正常经营。'],
  ],
  'tax.refund': [
    ['出口退税办理慢', '我公司{org}的出口退税申报已经{n}个月还没有到账，资金压力很大。'],
    ['留抵退税审核时间长', '申请增值税留抵退税，审核时间比承诺的长，希望加快。'],
  ],
  'social.pension': [
    ['养老保险转移接续困难', '从外地调入沈阳工作，养老保险转移接续办了{n}个月还没办完。'],
    ['社保缴费基数调整不及时', '单位申报的社保缴费基数调整一直没有生效，影响职工待遇。'],
  ],
  'social.medical': [
    ['异地就医报销慢', '在外地住院的医疗费用回来报销，材料交了{n}个月还没有结果。'],
    ['医保门诊报销比例不清楚', '医保门诊统筹报销比例和范围不清楚，医院和医保窗口说法不一样。'],
  ],
  'fund.withdraw': [
    ['公积金提取被拒', '申请提取住房公积金还贷被拒绝，窗口没有说明具体原因。'],
    ['离职提取公积金手续繁琐', '离职后提取公积金需要单位出具很多证明，单位已经注销开不了。'],
  ],
  'fund.loan': [
    ['公积金贷款审批慢', '申请公积金贷款已经{n}周还没有审批结果，影响购房合同履行。'],
    ['公积金贷款额度计算有误', '公积金贷款额度计算结果与政策规定不一致，希望重新核算。'],
  ],
  'trading.bidding': [
    ['招投标保证金退还慢', '我公司{org}参与投标后未中标，投标保证金{n}周还没有退还。'],
    ['电子招投标平台操作复杂', '电子招投标平台操作太复杂，投标文件上传经常失败。'],
  ],
  'trading.evaluation': [
    ['评标室设备老化', '公共资源交易中心评标室部分设备老化，影响评标效率。'],
    ['评标系统经常卡顿', '评标系统在评审过程中经常卡顿，评标专家反映影响工作。'],
  ],
  'other.misc': [
    ['建议增加延时服务', '上班族工作日办事不方便，建议{centre}周末和晚上提供延时服务。'],
    ['咨询电话长期打不通', '{centre}公布的咨询电话长期无人接听，希望安排专人值守。'],
  ],
};

/** The two problems quoted in the city's report, seeded verbatim. */
export const QUOTED_PROBLEMS = [
  {
    category: 'facilities.office',
    district: '210103',
    title: '一楼大厅没有复印机',
    description: '沈河区政务服务中心一楼大厅没有复印机，办事群众需要到外面复印材料，来回跑很不方便。',
    reply: '已在一楼大厅配置自助复印机一台，并安排专人每日巡检补纸，即日起可免费使用。',
  },
  {
    category: 'trading.evaluation',
    district: null,
    title: '评标电脑运行缓慢',
    description: '市公共资源交易中心评标室的评标电脑运行缓慢，评标专家打开招标文件要等很久，影响评标进度。',
    reply: '已对评标室全部电脑更换固态硬盘并升级内存，评标系统运行速度明显提升。',
  },
] as const;

/** Top-level category code → reply templates (what the department did). */
export const REPLY_TEMPLATES: Record<string, string[]> = {
  efficiency: [
    '已核实情况，当日为您办结相关事项，并对窗口办理时限进行了专项整改。',
    '已督促承办人员加快办理，相关事项已办结，今后将实行限时办结制度。',
  ],
  attitude: [
    '已对相关工作人员进行批评教育，并在全体窗口人员中开展服务规范培训。',
    '经调查情况属实，已约谈相关人员，并向您当面致歉。',
  ],
  facilities: ['已安排维修人员更换设备，现已恢复正常使用。', '已增配相关设施，并建立每日巡检制度。'],
  process: [
    '已梳理办事指南，统一窗口与网上的材料要求，并实行一次性告知。',
    '已协调相关部门通过数据共享获取该材料，无需群众再提交。',
  ],
  online: ['已联系系统运维单位修复故障，系统现已恢复正常。', '已优化相关页面操作流程，并提供了操作指引。'],
  policy: ['已核实您的申报情况，补贴资金已完成拨付，请注意查收。', '已安排政策专员上门讲解，并帮助企业完成申报。'],
  utilities: ['已安排专人对接，现场勘查和接入工程已完成。', '已压缩办理环节，相关接入手续已办结。'],
  startup: ['已安排企业开办专区帮办代办，相关手续当日办结。', '已一次性告知全部修改意见，企业设立登记已完成。'],
  construction: ['已组织相关部门联合会商，审批手续已办结。', '已统一各专业审查意见，相关手续已完成。'],
  property: [
    '已核查办理进度，不动产权证已制证完成，可到窗口领取或邮寄到家。',
    '已增加预约号源并开通绿色通道，过户手续已办结。',
  ],
  tax: ['已协调税务部门加快审核，退税款已到账。', '已开通网上办理渠道，并安排专人远程辅导。'],
  social: ['已协调转出地经办机构，转移接续手续已办结。', '已核实报销材料，报销款已发放到您的账户。'],
  fund: ['已重新审核您的申请，提取手续已办结。', '已核实贷款材料，贷款审批已完成。'],
  trading: ['已协调财务部门办理，保证金已全额退还。', '已对系统和设备进行升级维护，运行已恢复正常。'],
  other: ['已采纳您的建议，自下月起实行延时服务。', '已安排专人值守咨询电话，并公示服务时间。'],
};

export const CONTACT_NOTES = [
  '已电话联系诉求人，了解具体情况并说明办理安排',
  '已上门走访企业，现场核实问题',
  '已短信告知诉求人办理进度',
];
export const RETURN_REASONS = ['该事项不属于本单位职责范围，请重新交办', '诉求涉及其他部门主管事项，建议改派'];
export const EXTENSION_REASONS = ['涉及多个部门协调，需要延长办理时限', '需现场勘查并等待第三方检测结果'];
export const PARK_REASONS = ['需纳入明年建设计划统筹解决，申请挂账', '涉及历史遗留问题，需分阶段解决'];
export const REDO_REASONS = ['诉求人反映问题仍未解决，要求重新办理', '回访发现整改不到位，需重新办理'];
export const RECTIFY_NOTES = [
  '已立行立改，重新为诉求人办理并当面沟通',
  '差评原因与办理无关，已作说明',
  '已列入整改台账，限期整改到位',
];
export const BAD_REVIEW_COMMENTS = ['问题没有真正解决', '办理太慢，态度不好', '答复敷衍，没有实际行动'];

/** District code → population in ten-thousands (2020 census, rounded): weights of where problems come from. */
export const DISTRICT_WEIGHTS: [string, number][] = [
  ['210102', 110],
  ['210103', 90],
  ['210104', 95],
  ['210105', 99],
  ['210106', 186],
  ['210111', 48],
  ['210112', 104],
  ['210113', 53],
  ['210114', 86],
  ['210115', 40],
  ['210123', 28],
  ['210124', 37],
  ['210181', 56],
];

export const CHANNEL_WEIGHTS: [string, number][] = [
  ['window', 45],
  ['hotline', 20],
  ['web', 14],
  ['mobile', 12],
  ['letter', 3],
  ['api', 3],
  ['inspection', 1.5],
  ['callback', 1.5],
];
export const TYPE_WEIGHTS: [string, number][] = [
  ['complaint', 35],
  ['help', 25],
  ['consult', 22],
  ['suggestion', 13],
  ['report', 5],
];
export const TIER_WEIGHTS: [string, number][] = [
  ['simple', 45],
  ['general', 40],
  ['complex', 15],
];

/** Leaf category code → weight (how often it is raised). */
export const CATEGORY_WEIGHTS: [string, number][] = [
  ['efficiency.slow', 6],
  ['efficiency.queue', 5],
  ['efficiency.runs', 5],
  ['attitude.rude', 3],
  ['attitude.shirk', 3],
  ['facilities.office', 3],
  ['facilities.hall', 3],
  ['facilities.computer', 2],
  ['process.materials', 6],
  ['process.unclear', 5],
  ['online.down', 4],
  ['online.usability', 4],
  ['policy.late', 3],
  ['policy.unknown', 3],
  ['utilities.power', 3],
  ['utilities.water', 2],
  ['utilities.gas', 2],
  ['utilities.heat', 3],
  ['startup.register', 4],
  ['startup.seal', 1],
  ['construction.permit', 3],
  ['construction.acceptance', 2],
  ['property.transfer', 5],
  ['property.certificate', 4],
  ['tax.invoice', 4],
  ['tax.refund', 2],
  ['social.pension', 4],
  ['social.medical', 4],
  ['fund.withdraw', 3],
  ['fund.loan', 2],
  ['trading.bidding', 1],
  ['trading.evaluation', 1],
  ['other.misc', 3],
];

/**
 * Leaf category code → who handles it: a city department code, or 'district:<code>' for the district's own
 * department (its 政务服务中心 for hall problems), with an optional co-department (协办) code.
 */
export const CATEGORY_DEPARTMENTS: Record<string, { main: string; co?: string }> = {
  'efficiency.slow': { main: 'district:zwfw' },
  'efficiency.queue': { main: 'district:zwfw' },
  'efficiency.runs': { main: 'district:zwfw', co: 'yshj' },
  'attitude.rude': { main: 'district:zwfw' },
  'attitude.shirk': { main: 'district:yshj' },
  'facilities.office': { main: 'district:zwfw' },
  'facilities.hall': { main: 'district:zwfw' },
  'facilities.computer': { main: 'district:zwfw' },
  'process.materials': { main: 'district:zwfw', co: 'zwfw' },
  'process.unclear': { main: 'district:zwfw' },
  'online.down': { main: 'zwfw' },
  'online.usability': { main: 'zwfw' },
  'policy.late': { main: 'fgw', co: 'sw' },
  'policy.unknown': { main: 'district:yshj' },
  'utilities.power': { main: 'gd' },
  'utilities.water': { main: 'sj' },
  'utilities.gas': { main: 'rq' },
  'utilities.heat': { main: 'rl' },
  'startup.register': { main: 'scjg', co: 'sw' },
  'startup.seal': { main: 'gaj', co: 'scjg' },
  'construction.permit': { main: 'zj', co: 'zrzy' },
  'construction.acceptance': { main: 'zj' },
  'property.transfer': { main: 'bdc', co: 'sw' },
  'property.certificate': { main: 'bdc', co: 'zrzy' },
  'tax.invoice': { main: 'sw' },
  'tax.refund': { main: 'sw' },
  'social.pension': { main: 'rs' },
  'social.medical': { main: 'yb' },
  'fund.withdraw': { main: 'gjj' },
  'fund.loan': { main: 'gjj' },
  'trading.bidding': { main: 'gz' },
  'trading.evaluation': { main: 'gz' },
  'other.misc': { main: 'district:yshj' },
};

export const ORG_NAMES = [
  '沈阳华信科技有限公司',
  '辽宁盛京建设工程有限公司',
  '沈阳东方食品有限公司',
  '沈阳北方机床配件厂',
  '沈阳和顺物流有限公司',
  '辽宁远航国际贸易有限公司',
  '沈阳新松精密制造有限公司',
  '沈阳浑河餐饮管理有限公司',
];
export const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢';
export const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国红梅鑫宇浩然子涵欣怡';
