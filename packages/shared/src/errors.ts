/**
 * Stable error codes. Each code is also the i18n key of its message, so the server answers in the
 * caller's language and the web app can translate a code it receives.
 */
export const ERROR_MESSAGES = {
  'request.invalid': { 'zh-CN': '请求参数不正确', en: 'The request is invalid' },
  'request.malformed_json': { 'zh-CN': '请求体不是有效的 JSON', en: 'The request body is not valid JSON' },
  'request.too_large': { 'zh-CN': '请求体过大', en: 'The request body is too large' },
  'request.unsupported_media_type': { 'zh-CN': '不支持的内容类型', en: 'Unsupported content type' },
  'request.rate_limited': { 'zh-CN': '请求过于频繁，请稍后再试', en: 'Too many requests; try again later' },
  'auth.invalid_credentials': { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  'auth.locked': { 'zh-CN': '登录失败次数过多，账号已暂时锁定', en: 'Too many failed logins; the account is locked for a while' },
  'auth.unauthenticated': { 'zh-CN': '请先登录', en: 'Please log in' },
  'auth.forbidden': { 'zh-CN': '没有权限执行此操作', en: 'You do not have permission to do this' },
  'auth.weak_password': {
    'zh-CN': '密码至少 10 位，且需包含字母和数字，不能包含用户名',
    en: 'Passwords need at least 10 characters with letters and digits, and must not contain the username',
  },
  'auth.wrong_current_password': { 'zh-CN': '当前密码不正确', en: 'The current password is wrong' },
  'auth.token_scope': { 'zh-CN': 'API 令牌没有此权限范围', en: 'The API token lacks this scope' },
  'tenant.not_accessible': { 'zh-CN': '无权访问该租户', en: 'You cannot access this tenant' },
  'tenant.not_operator': { 'zh-CN': '只有运营方租户可以创建客户租户', en: 'Only an operator tenant can create client tenants' },
  'routing.refused': { 'zh-CN': '当前状态下不能执行该操作', en: 'That cannot be done in the current state' },
  'routing.agent_not_connected': { 'zh-CN': '座席工作台未连接，请刷新后重试', en: 'The agent desktop is not connected; reload and try again' },
  'ivr.invalid_flow': { 'zh-CN': 'IVR 流程有错误，请按提示的节点路径修改', en: 'The IVR flow has errors; fix the nodes at the paths given' },
  'wfm.invalid_input': { 'zh-CN': '参数超出允许范围，请按提示的字段修改', en: 'A value is out of range; fix the field named' },
  'wfm.impossible_target': { 'zh-CN': '目标无法达到：所需座席数超出上限', en: 'The target cannot be met: it needs more agents than the limit' },
  'wfm.empty_history': { 'zh-CN': '历史数据为空', en: 'The history is empty' },
  'wfm.malformed_history': { 'zh-CN': '历史数据格式有误，请按提示的行和字段修改', en: 'The history is malformed; fix the rows and fields named' },
  'wfm.history_too_short': { 'zh-CN': '历史数据不足 7 天，无法预测', en: 'Less than 7 days of history: too short to forecast' },
  'wfm.no_feasible_shift': { 'zh-CN': '班次模板无法满足休息规则，没有可行班次', en: 'No feasible shift: the template’s break rules cannot be met' },
  'wfm.infeasible_contract': { 'zh-CN': '座席的合同工时无法用允许的班次排满', en: 'An agent’s contract hours cannot be met with the allowed shifts' },
  'wfm.too_large': { 'zh-CN': '排班规模过大，请缩小团队或周数', en: 'The schedule is too large; use a smaller team or fewer weeks' },
  'wfm.invalid_state': { 'zh-CN': '当前状态下不能执行该操作', en: 'That cannot be done in the current status' },
  'resource.not_found': { 'zh-CN': '记录不存在', en: 'Not found' },
  'resource.conflict': { 'zh-CN': '记录已存在或与现有数据冲突', en: 'It already exists or conflicts with existing data' },
  'route.not_found': { 'zh-CN': '接口不存在', en: 'No such endpoint' },
  'internal.error': { 'zh-CN': '服务器内部错误', en: 'Internal server error' },
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function errorMessage(code: ErrorCode, locale: Locale): string {
  return ERROR_MESSAGES[code][locale];
}
