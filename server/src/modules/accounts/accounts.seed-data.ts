// Demo data of the accounts: enterprises the simulated 电子营业执照 register knows, and the demo people who act for
// them. The codes carry valid check characters (GB 32100); the names are invented.
export const DEMO_ACCOUNT_ENTERPRISES = [
  { uscc: '91210103MA0QK3H57T', name: '沈阳启航网络科技有限公司', legalRepName: '沈启航', district: '210103' },
  { uscc: '91210106MA0T7N2B7Q', name: '沈阳铁西精工机械制造有限公司', legalRepName: '韩精工', district: '210106' },
  { uscc: '91210102MA10EJ8R92', name: '沈阳和平老边饺子餐饮管理有限公司', legalRepName: '边秀兰', district: '210102' },
  { uscc: '91210112MA0YP4C1X5', name: '沈阳浑南智造新材料股份有限公司', legalRepName: '曾志远', district: '210112' },
  { uscc: '91210113MA11U9D6XW', name: '沈阳北方农业发展有限公司', legalRepName: '田丰年', district: '210113' },
  { uscc: '91210104MA0WHL3K94', name: '沈阳大东建设工程有限公司', legalRepName: '董建国', district: '210104' },
] as const;

/**
 * Demo people (sign in with their phone and the code the demo shows): the citizen is the legal representative of the
 * first enterprise and an agent (经办人) of the third, so that one account acting for several enterprises is visible.
 */
export const DEMO_ACCOUNT_PEOPLE = [
  {
    username: 'citizen',
    phone: '13904001234',
    enterprises: [
      { uscc: '91210103MA0QK3H57T', role: 'legal_rep' },
      { uscc: '91210102MA10EJ8R92', role: 'agent' },
    ],
  },
] as const;
