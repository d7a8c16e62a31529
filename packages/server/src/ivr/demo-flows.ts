/**
 * Demo flows for the two demo tenants: a property-management 400 hotline and an online shop.
 * Queue ids are plain names ('repair', 'complaint', 'new_business'; 'after_sales', 'refund',
 * 'logistics') that the seeding code maps to the tenant's real queues.
 */
import { parseFlow, parseHotlineConfig, type HotlineConfig, type IvrFlow, type Prompt } from './schemas.ts';

export const DEMO_PROPERTY_QUEUES = ['repair', 'complaint', 'new_business'] as const;
export const DEMO_SHOP_QUEUES = ['after_sales', 'refund', 'logistics'] as const;

function say(zh: string, en: string): Prompt {
  return { text: { 'zh-CN': zh, en }, audio: {} };
}

/**
 * 1 repairs (报修, with a sub-menu), 2 complaints (投诉), 3 new business (新业务), 4 ticket status
 * by number (self-service), 0 an agent, 9 English. Known callers are looked up by their number;
 * VIP owners get a higher priority.
 */
export const demoPropertyFlow: IvrFlow = parseFlow({
  hotline: '4008001234',
  version: 1,
  name: '物业服务热线',
  entry: 'welcome',
  nodes: {
    welcome: { type: 'play', prompt: say('您好，欢迎致电幸福里物业服务中心，为保证服务质量，您的通话可能被录音。', 'Welcome to the property service centre. This call may be recorded.'), next: 'identify' },
    identify: { type: 'lookup', lookup: 'customer_by_caller', onFound: 'vip_check', onNotFound: 'main' },
    vip_check: {
      type: 'branch',
      rules: [{ label: 'vip', conditions: [{ operator: 'in', variable: 'customer.tier', values: ['vip', 'gold'] }], next: 'vip_priority' }],
      otherwise: 'main',
    },
    vip_priority: { type: 'set', priority: 10, attributes: { vip: 'true' }, next: 'main' },
    main: {
      type: 'menu',
      label: '主菜单',
      prompt: say(
        '报修请按1，投诉请按2，新业务咨询请按3，查询工单进度请按4，人工服务请按0。For English, press 9.',
        'For repairs press 1, complaints 2, new services 3, the status of a work order 4, or 0 for an agent.',
      ),
      options: [
        { digit: '1', next: 'repair_menu', label: '报修' },
        { digit: '2', next: 'to_complaint', label: '投诉' },
        { digit: '3', next: 'to_new_business', label: '新业务' },
        { digit: '4', next: 'ticket_number', label: '工单查询' },
        { digit: '0', next: 'to_agent', label: '人工服务' },
        { digit: '9', next: 'english', label: 'English' },
      ],
      retries: 2,
      timeoutSeconds: 5,
      noInputPrompt: say('抱歉，没有收到您的选择。', 'Sorry, we did not hear your choice.'),
      invalidPrompt: say('您的输入有误，请重新选择。', 'That is not an option. Please choose again.'),
      onNoInput: 'to_agent',
      onInvalid: 'to_agent',
    },
    english: { type: 'set', language: 'en', next: 'main' },
    repair_menu: {
      type: 'menu',
      label: '报修',
      prompt: say('户内水电燃气维修请按1，公共区域报修请按2，返回上级菜单请按星号键。', 'For water, power or gas in your home press 1, for common areas press 2, or star to go back.'),
      options: [
        { digit: '1', next: 'repair_utilities', label: '户内维修' },
        { digit: '2', next: 'to_repair', label: '公区报修' },
        { digit: '*', next: 'main', label: '返回' },
      ],
      onNoInput: 'to_repair',
      onInvalid: 'to_repair',
    },
    repair_utilities: { type: 'set', skills: [{ skill: 'utilities_repair', minLevel: 1 }], attributes: { repairType: 'utilities' }, next: 'to_repair' },
    to_repair: { type: 'transfer', prompt: say('正在为您转接报修专员，请稍候。', 'Connecting you to our repairs desk.'), target: { kind: 'queue', queueId: 'repair' } },
    to_complaint: { type: 'transfer', prompt: say('正在为您转接投诉专线，请稍候。', 'Connecting you to our complaints desk.'), target: { kind: 'queue', queueId: 'complaint' } },
    to_new_business: {
      type: 'transfer',
      prompt: say('我们提供养老服务、家装升级、房屋租售、社区教育和社区金融，正在为您转接业务顾问。', 'Connecting you to an adviser for elderly care, home upgrades, leasing, education and finance.'),
      target: { kind: 'queue', queueId: 'new_business' },
    },
    // The general service line is the repairs desk: it takes every call that wants a person.
    to_agent: { type: 'transfer', prompt: say('正在为您转接人工服务，请稍候。', 'Connecting you to an agent.'), target: { kind: 'queue', queueId: 'repair' } },
    ticket_number: {
      type: 'collect',
      prompt: say('请输入您的工单号，以井号键结束。', 'Please enter your work order number, then the hash key.'),
      variable: 'ticketNumber',
      minDigits: 6,
      maxDigits: 12,
      terminator: '#',
      invalidPrompt: say('工单号为6到12位数字，请重新输入。', 'A work order number has 6 to 12 digits. Please try again.'),
      next: 'ticket_lookup',
      onNoInput: 'to_agent',
      onInvalid: 'to_agent',
    },
    ticket_lookup: { type: 'lookup', lookup: 'ticket_status', input: 'ticketNumber', onFound: 'ticket_found', onNotFound: 'ticket_not_found' },
    ticket_found: { type: 'play', prompt: say('您查询的工单{ticketNumber}当前状态为：{ticket.status}。', 'Work order {ticketNumber} is {ticket.status}.'), next: 'after_status' },
    ticket_not_found: { type: 'play', prompt: say('没有查到该工单，请核对工单号。', 'We could not find that work order.'), next: 'after_status' },
    after_status: {
      type: 'menu',
      prompt: say('返回主菜单请按星号键，人工服务请按0，结束查询请挂机。', 'Press star for the main menu, 0 for an agent, or hang up.'),
      options: [
        { digit: '*', next: 'main', label: '返回' },
        { digit: '0', next: 'to_agent', label: '人工服务' },
      ],
      retries: 1,
      onNoInput: 'goodbye',
      onInvalid: 'goodbye',
    },
    goodbye: { type: 'hangup', prompt: say('感谢您的来电，再见。', 'Thank you for calling. Goodbye.') },
  },
});

export const demoPropertyHotline: HotlineConfig = parseHotlineConfig({
  hotline: '4008001234',
  name: '物业服务热线',
  calendarId: 'cn-2026',
  outOfHours: {
    action: 'voicemail',
    prompt: say(
      '现在是非工作时间，我们的服务时间为工作日9点至18点。紧急报修请在提示音后留言，我们会尽快与您联系。',
      'We are closed now; our hours are 9:00 to 18:00 on working days. For urgent repairs, leave a message after the tone.',
    ),
    queueId: 'repair',
  },
  // Prepared for incidents; a supervisor switches it on.
  emergency: {
    enabled: false,
    prompt: say('重要通知：因市政供水管网抢修，部分小区今日临时停水，预计18点前恢复，敬请谅解。', 'Notice: water is off in some communities today for mains repairs, expected back by 18:00.'),
  },
});

/** 1 after-sales (售后), 2 refunds (退款, order number first), 3 delivery (物流, order number first), 0 an agent. */
export const demoShopFlow: IvrFlow = parseFlow({
  hotline: '4008005678',
  version: 1,
  name: '商城客服热线',
  entry: 'welcome',
  nodes: {
    welcome: { type: 'play', prompt: say('您好，欢迎致电优选商城客服中心。', 'Welcome to the online shop customer service.'), next: 'identify' },
    identify: { type: 'lookup', lookup: 'customer_by_caller', onFound: 'member_check', onNotFound: 'main' },
    member_check: {
      type: 'branch',
      rules: [{ label: 'plus member', conditions: [{ operator: 'eq', variable: 'customer.tier', value: 'plus' }], next: 'member_priority' }],
      otherwise: 'main',
    },
    member_priority: { type: 'set', priority: 5, next: 'main' },
    main: {
      type: 'menu',
      label: '主菜单',
      prompt: say('售后服务请按1，退款请按2，物流查询请按3，人工服务请按0。', 'For after-sales service press 1, refunds 2, delivery 3, or 0 for an agent.'),
      options: [
        { digit: '1', next: 'to_after_sales', label: '售后' },
        { digit: '2', next: 'refund_order', label: '退款' },
        { digit: '3', next: 'delivery_order', label: '物流' },
        { digit: '0', next: 'to_after_sales', label: '人工服务' },
      ],
      onNoInput: 'to_after_sales',
      onInvalid: 'to_after_sales',
    },
    refund_order: {
      type: 'collect',
      prompt: say('请输入订单号后8位。', 'Please enter the last 8 digits of your order number.'),
      variable: 'orderNumber',
      minDigits: 8,
      maxDigits: 8,
      next: 'to_refund',
      onNoInput: 'to_refund',
      onInvalid: 'to_refund',
    },
    delivery_order: {
      type: 'collect',
      prompt: say('请输入订单号后8位。', 'Please enter the last 8 digits of your order number.'),
      variable: 'orderNumber',
      minDigits: 8,
      maxDigits: 8,
      next: 'to_logistics',
      onNoInput: 'to_logistics',
      onInvalid: 'to_logistics',
    },
    to_after_sales: { type: 'transfer', prompt: say('正在为您转接售后客服。', 'Connecting you to after-sales service.'), target: { kind: 'queue', queueId: 'after_sales' } },
    to_refund: { type: 'transfer', prompt: say('正在为您转接退款专员。', 'Connecting you to our refunds desk.'), target: { kind: 'queue', queueId: 'refund' } },
    to_logistics: { type: 'transfer', prompt: say('正在为您转接物流专员。', 'Connecting you to our delivery desk.'), target: { kind: 'queue', queueId: 'logistics' } },
  },
});

export const demoShopHotline: HotlineConfig = parseHotlineConfig({
  hotline: '4008005678',
  name: '商城客服热线',
  calendarId: 'cn-2026',
  outOfHours: {
    action: 'callback',
    prompt: say('现在是非工作时间，我们已记录您的来电号码，将在工作时间内回电。', 'We are closed now. We have your number and will call you back during opening hours.'),
    queueId: 'after_sales',
  },
});
