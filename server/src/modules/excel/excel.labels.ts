// Chinese labels of the ledger's coded values, as printed in the 台账 workbook and read back from the import template.
export const CHANNEL_LABELS: Record<string, string> = {
  window: '窗口',
  web: '网站',
  mobile: '移动端',
  hotline: '热线',
  letter: '信件',
  api: '接口',
  inspection: '暗访',
  callback: '回访发现',
};
export const TYPE_LABELS: Record<string, string> = {
  consult: '咨询',
  help: '求助',
  complaint: '投诉',
  report: '举报',
  suggestion: '建议',
};
export const TIER_LABELS: Record<string, string> = { simple: '简单', general: '一般', complex: '复杂' };
export const STATUS_LABELS: Record<string, string> = {
  submitted: '待受理',
  accepted: '已受理',
  rejected: '不予受理',
  dispatched: '已交办',
  in_progress: '办理中',
  parked: '挂账',
  replied: '已答复',
  verified: '已评价',
  closed: '已销号',
  merged: '已并单',
};
export const SOLVED_LABELS: Record<string, string> = { solved: '已解决', partly: '部分解决', not: '未解决' };
export const SATISFACTION_LABELS: Record<string, string> = {
  very_satisfied: '非常满意',
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
  very_dissatisfied: '非常不满意',
};
export const REQUESTER_KIND_LABELS: Record<string, string> = { person: '个人', enterprise: '企业', anonymous: '匿名' };

/** A code from its code or its Chinese label; undefined when neither matches. */
export function codeOf(labels: Record<string, string>, value: string): string | undefined {
  const v = value.trim();
  if (v in labels) return v;
  return Object.keys(labels).find((k) => labels[k] === v);
}
