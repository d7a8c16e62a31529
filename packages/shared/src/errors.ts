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
  'wfm.request_closed': { 'zh-CN': '该申请已不在此步骤，无法执行该操作', en: 'The request is no longer at this step' },
  'wfm.invalid_swap': { 'zh-CN': '无法换班，请按提示修改', en: 'The shifts cannot be swapped; see the reason given' },
  'wfm.not_team_member': { 'zh-CN': '该座席不属于任何班组', en: 'The agent belongs to no team' },
  'wfm.no_break': { 'zh-CN': '当前没有进行中或排队中的休息', en: 'There is no break under way or waiting' },
  'wfm.not_shift_owner': { 'zh-CN': '只能由该班次的座席或班组长操作', en: 'Only the shift’s agent or team leader may do this' },
  'chat.tenant_unknown': { 'zh-CN': '未找到该在线客服，请检查接入地址', en: 'This chat service does not exist; check the widget address' },
  'chat.unavailable': { 'zh-CN': '在线客服暂不可用，请稍后再试或拨打客服热线', en: 'Chat is not available right now; try again later or call us' },
  'chat.invalid_message': { 'zh-CN': '消息格式不正确', en: 'The message is not in a valid format' },
  'chat.not_started': { 'zh-CN': '请先开始会话', en: 'Start a chat first' },
  'chat.already_started': { 'zh-CN': '会话已经开始', en: 'The chat has already started' },
  'chat.ended': { 'zh-CN': '会话已结束', en: 'The chat has ended' },
  'chat.invalid_phone': { 'zh-CN': '手机号码格式不正确', en: 'The phone number is not valid' },
  'chat.invalid_name': { 'zh-CN': '称呼最多 40 个字', en: 'The name can have at most 40 characters' },
  'chat.message_too_long': { 'zh-CN': '消息过长，单条最多 2000 字', en: 'The message is too long; at most 2,000 characters' },
  'chat.message_empty': { 'zh-CN': '消息内容为空', en: 'The message is empty' },
  'chat.rate_limited': { 'zh-CN': '发送过于频繁，请稍后再发', en: 'You are sending too fast; wait a moment' },
  'chat.too_many_chats': { 'zh-CN': '您所在网络发起的会话过多，请稍后再试', en: 'Too many chats from your network; try again later' },
  'chat.idle_timeout': { 'zh-CN': '长时间未开始会话，连接已关闭', en: 'The connection closed because no chat was started' },
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
