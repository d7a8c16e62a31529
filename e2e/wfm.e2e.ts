/**
 * Workforce management in Chromium on the demo tenant (issue 6, "Done when"): the contact-center
 * manager imports six weeks of half-hourly history for queue `repair` (a file with bad rows is
 * refused with its row-by-row report first), forecasts it (WAPE per method, actual vs forecast
 * charts), computes and approves the staffing plan, checks the staffing calculator's worked
 * example (100 calls / 30 min, AHT 180 s, 80/20, shrinkage 0.3, occupancy ≤ 0.85 → 14 agents, 20
 * positions) and its field errors, creates a shift template, generates the 报修组 team's week from
 * the plan, edits a shift, submits and publishes it, and opens adherence for a day the schedule
 * covers. The agent then sees their own published shifts.
 *
 * Dates follow the real clock: the history ends three days ago (Asia/Shanghai), so the forecast
 * starts two days ago, the schedule covers two past days (adherence) and the days ahead (my schedule).
 */
import assert from 'node:assert/strict';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, type E2eContext, type E2eTest } from './harness.ts';

const TIMEOUT = 20_000;
const ZONE = 'Asia/Shanghai';
const HISTORY_DAYS = 42;
const MANAGER = 'property.cc_manager';
const AGENT = 'property.agent';

// ------------------------------------------------------------------ dates and the history file

function todayIn(zone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(new Date());
  const get = (type: string) => parts.find((part) => part.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const TODAY = todayIn(ZONE);
const HISTORY_LAST = addDays(TODAY, -3);
const HISTORY_FIRST = addDays(HISTORY_LAST, -(HISTORY_DAYS - 1));
const FORECAST_START = addDays(HISTORY_LAST, 1);

/** A small deterministic noise source, so the backtest error is real but the file is repeatable. */
function noise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Half-hourly history in the import format of docs/wfm-api.md: open 08:00–20:00, two peaks, quieter weekends. */
function historyCsv(first: string, days: number, queue: string): string {
  const random = noise(7);
  const lines = ['interval_start,queue,channel,offered,aht_seconds'];
  for (let day = 0; day < days; day++) {
    const date = addDays(first, day);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const dayFactor = weekday === 0 ? 0.5 : weekday === 6 ? 0.7 : weekday === 1 ? 1.15 : 1;
    for (let slot = 0; slot < 48; slot++) {
      const time = `${String(Math.floor(slot / 2)).padStart(2, '0')}:${slot % 2 ? '30' : '00'}`;
      const hour = slot / 2;
      const open = slot >= 16 && slot < 40;
      const shape = 1.2 + 2.2 * Math.exp(-((hour - 10) ** 2) / 2) + 1.6 * Math.exp(-((hour - 15) ** 2) / 3);
      const calls = open ? Math.max(0, Math.round(shape * dayFactor * (0.8 + 0.4 * random()))) : 0;
      const aht = calls > 0 ? Math.round(220 + 60 * random()) : '';
      lines.push(`${date} ${time},${queue},voice,${calls},${aht}`);
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Three bad rows: an unknown queue, a time off the 30-minute grid, a negative volume. */
function badCsv(): string {
  const date = addDays(HISTORY_FIRST, -7);
  return [
    'interval_start,queue,channel,offered,aht_seconds',
    `${date} 08:00,repair,voice,5,240`,
    `${date} 08:30,nope,voice,5,240`,
    `${date} 08:45,repair,voice,5,240`,
    `${date} 09:00,repair,voice,-2,240`,
    `${date} 09:30,repair,voice,4,230`,
  ].join('\r\n');
}

// ------------------------------------------------------------------ page helpers

async function newPage(ctx: E2eContext): Promise<{ context: BrowserContext; page: Page }> {
  const context = await ctx.browser.newContext({ baseURL: ctx.baseUrl, viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  page.on('pageerror', (error) => ctx.log(`page error: ${error.message}`));
  return { context, page };
}

async function login(page: Page, username: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('welcome').waitFor();
}

/** The API as the page's session sees it. */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  const result = await page.evaluate(async (url) => {
    const response = await fetch(url, { credentials: 'include', headers: { Accept: 'application/json' } });
    return { status: response.status, text: await response.text() };
  }, path);
  assert.equal(result.status, 200, `GET ${path}: ${result.text.slice(0, 300)}`);
  return JSON.parse(result.text) as T;
}

async function pickOption(page: Page, trigger: Locator, text: string | RegExp): Promise<void> {
  await trigger.click();
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text });
  await option.first().click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
}

/** Adds an option to an antd multiple Select, then closes it. */
async function pickMulti(page: Page, trigger: Locator, text: string | RegExp): Promise<void> {
  await trigger.click();
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first().click();
  await page.keyboard.press('Escape');
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
}

/** The text input of an antd picker whose test id may sit on the input or on its wrapper. */
async function pickerInput(locator: Locator): Promise<Locator> {
  const first = locator.first();
  const tag = await first.evaluate((element) => element.tagName);
  return tag === 'INPUT' ? first : first.locator('input').first();
}

async function typeDate(page: Page, input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press('Enter');
  await page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)').waitFor({ state: 'hidden' }).catch(() => undefined);
}

/** A form field's error text, for the field wrapping `control`. */
function fieldError(control: Locator): Locator {
  return control.locator(`xpath=ancestor::div[contains(concat(' ', normalize-space(@class), ' '), ' ant-form-item ')][1]`).locator('.ant-form-item-explain-error');
}

/** Lets the success toasts fade, so a screenshot shows the page under them. */
async function quiet(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.ant-message-notice').length === 0, null, { timeout: 8_000 }).catch(() => undefined);
}

async function fillNumber(locator: Locator, value: number | string): Promise<void> {
  const input = (await locator.evaluate((element) => element.tagName)) === 'INPUT' ? locator : locator.locator('input').first();
  await input.fill(String(value));
}

// ------------------------------------------------------------------ shared state between the steps

interface ForecastDetail {
  id: string;
  status: string;
  method: string;
  startDate: string;
  horizonDays: number;
  backtest: { method: string; wape: number }[];
  staffing: { params: { slTarget: number; shrinkage: number; maxOccupancy: number }; plan: { rawAgents: number[]; peakAgents: number } } | null;
}
interface ScheduleDetail {
  id: string;
  status: string;
  teamId: string;
  startDate: string;
  weeks: number;
  metrics: { scheduledHoursVsLowerBound: number };
  agents: { userId: string; username: string | null }[];
  shifts: { id: string; userId: string; username?: string | null; date: string; startMinute: number; endMinute: number; edited: boolean }[];
}

const state: { forecastId?: string; scheduleId?: string } = {};

export const tests: E2eTest[] = [
  {
    name: 'the manager imports interval history; a file with bad rows is refused with its row report',
    async run(ctx) {
      const { context, page } = await newPage(ctx);
      try {
        await login(page, MANAGER);
        // The planning group is in the menu, with every WFM page the manager may use.
        for (const key of ['history', 'forecasts', 'staffing', 'schedules', 'adherence']) await page.getByTestId(`nav-wfm-${key}`).waitFor();
        await page.getByTestId('nav-wfm-history').click();
        await page.getByTestId('page-wfm-history').waitFor();
        await ctx.screenshot(page, 'history-empty');

        // A file with three bad rows: refused whole, each row named with its line and column.
        const fileInput = page.getByTestId('wfm-import-file').locator('input[type=file]');
        await fileInput.setInputFiles({ name: 'bad-history.csv', mimeType: 'text/csv', buffer: Buffer.from(badCsv(), 'utf8') });
        await page.getByTestId('wfm-import-file-name').filter({ hasText: 'bad-history.csv' }).waitFor();
        await page.getByTestId('wfm-import-submit').click();
        const errors = page.getByTestId('wfm-import-errors');
        await errors.waitFor();
        assert.equal(await errors.getAttribute('data-code'), 'wfm.malformed_history');
        assert.equal(await errors.getAttribute('data-count'), '3');
        const rows = page.getByTestId('wfm-import-errors-table').locator('tbody tr.ant-table-row');
        assert.equal(await rows.count(), 3);
        const report = (await page.getByTestId('wfm-import-errors-table').innerText()).replace(/\s+/g, ' ');
        for (const line of ['3', '4', '5']) assert.match(report, new RegExp(`(^| )${line} `), `line ${line} in the report: ${report}`);
        assert.match(report, /queue/);
        assert.match(report, /interval_start/);
        assert.match(report, /offered/);
        assert.match(await errors.innerText(), /没有写入任何数据/);
        const afterBad = await apiGet<{ items: unknown[] }>(page, '/api/wfm/history');
        assert.equal(afterBad.items.length, 0, 'nothing was stored from the refused file');
        await ctx.screenshot(page, 'import-refused');

        // Six weeks of half-hourly history for repair.
        await fileInput.setInputFiles({ name: 'repair-history.csv', mimeType: 'text/csv', buffer: Buffer.from(historyCsv(HISTORY_FIRST, HISTORY_DAYS, 'repair'), 'utf8') });
        await page.getByTestId('wfm-import-file-name').filter({ hasText: 'repair-history.csv' }).waitFor();
        await page.getByTestId('wfm-import-submit').click();
        const result = page.getByTestId('wfm-import-result');
        await result.waitFor();
        assert.equal(await result.getAttribute('data-imported'), String(HISTORY_DAYS * 48));
        assert.equal(await page.getByTestId('wfm-import-errors').count(), 0);
        await page.getByTestId('wfm-history-open-repair').waitFor();
        const summary = await apiGet<{ items: { queueCode: string; intervals: number; sources: string[] }[] }>(page, '/api/wfm/history');
        assert.deepEqual(summary.items.map((item) => [item.queueCode, item.intervals, item.sources]), [['repair', HISTORY_DAYS * 48, ['import']]]);

        // The queue's offered volume and AHT as charts.
        await page.getByTestId('wfm-history-open-repair').click();
        const offered = page.getByTestId('wfm-history-chart-offered');
        await offered.waitFor();
        assert.ok(Number(await offered.getAttribute('data-points')) >= 28, 'four weeks by day');
        await page.getByTestId('wfm-history-chart-aht').waitFor();
        await quiet(page);
        await ctx.screenshot(page, 'history-imported');

        // Rolling up the platform's own interactions (complaints only, so repair keeps the imported file).
        await pickMulti(page, page.getByTestId('wfm-derive-queues'), '(complaint)');
        await page.getByTestId('wfm-derive-submit').click();
        await page.getByTestId('wfm-derive-result').waitFor();
        const afterDerive = await apiGet<{ items: { queueCode: string; sources: string[] }[] }>(page, '/api/wfm/history');
        assert.deepEqual(afterDerive.items.find((item) => item.queueCode === 'repair')?.sources, ['import']);
        await ctx.screenshot(page, 'derive');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'the manager forecasts repair, sees WAPE and the charts, computes the staffing plan and approves it',
    async run(ctx) {
      const { context, page } = await newPage(ctx);
      try {
        await login(page, MANAGER);
        await page.getByTestId('nav-wfm-forecasts').click();
        await page.getByTestId('page-wfm-forecasts').waitFor();
        await page.getByTestId('wfm-forecast-create').click();
        await pickOption(page, page.getByTestId('wfm-forecast-queue'), 'repair');
        await page.locator('.ant-form-item-extra', { hasText: FORECAST_START }).waitFor();
        await fillNumber(page.getByTestId('wfm-forecast-horizon'), 2);
        // An event: +50% on the third forecast day.
        await page.getByTestId('wfm-forecast-adjustment-add').click();
        const eventDay = addDays(FORECAST_START, 2);
        // The range picker puts the test id on both of its inputs.
        const rangeInputs = page.getByTestId('wfm-adjustment-dates');
        await rangeInputs.first().click();
        await rangeInputs.first().fill(eventDay);
        await rangeInputs.first().press('Enter');
        await rangeInputs.nth(1).fill(eventDay);
        await rangeInputs.nth(1).press('Enter');
        await fillNumber(page.getByTestId('wfm-adjustment-percent'), 50);
        await ctx.screenshot(page, 'forecast-form');
        await page.getByTestId('wfm-forecast-save').click();

        const detail = page.getByTestId('wfm-forecast-detail');
        await detail.waitFor({ timeout: 60_000 });
        const id = await detail.getAttribute('data-id');
        assert.ok(id);
        state.forecastId = id;
        assert.equal(await page.getByTestId('wfm-forecast-status').getAttribute('data-status'), 'draft');
        const wape = Number(await page.getByTestId('wfm-forecast-wape').getAttribute('data-value'));
        assert.ok(wape > 0 && wape < 1, `WAPE ${wape}`);
        const backtestRows = page.getByTestId('wfm-forecast-backtest').locator('tbody tr.ant-table-row');
        assert.ok((await backtestRows.count()) >= 2, 'every method with enough data is backtested');
        await page.getByTestId('wfm-forecast-chosen').waitFor();
        const chosen = await page.getByTestId('wfm-forecast-chosen-method').getAttribute('data-method');
        const fromApi = await apiGet<ForecastDetail>(page, `/api/wfm/forecasts/${id}`);
        assert.equal(fromApi.method, chosen);
        assert.equal(fromApi.startDate, FORECAST_START);
        assert.equal(Math.min(...fromApi.backtest.map((row) => row.wape)), fromApi.backtest.find((row) => row.method === chosen)!.wape, 'auto picks the lowest WAPE');
        const holdout = page.getByTestId('wfm-forecast-chart-holdout');
        assert.equal(await holdout.getAttribute('data-points'), String(7 * 48));
        assert.equal(await holdout.getAttribute('data-series'), 'actual,forecast');
        const ahead = page.getByTestId('wfm-forecast-chart-ahead');
        assert.equal(await ahead.getAttribute('data-points'), String(6 * 7 * 48), 'four weeks of history and two ahead');
        assert.match((await ahead.getAttribute('data-series')) ?? '', /recent,base,forecast/);
        await ctx.screenshot(page, 'forecast');

        // The staffing plan per interval: Erlang C, 80/20, shrinkage 30%, occupancy ≤ 85% (the defaults).
        assert.equal(await page.getByTestId('wfm-plan').getAttribute('data-has-plan'), 'false');
        await page.getByTestId('wfm-plan-compute').click();
        const formula = page.getByTestId('wfm-plan-formula');
        await formula.waitFor();
        assert.equal(await formula.getAttribute('data-model'), 'erlangC');
        const formulaText = await formula.innerText();
        for (const part of ['Erlang C', '80%', '20 秒', '30%', '85%']) assert.ok(formulaText.includes(part), `${part} in "${formulaText}"`);
        await page.getByTestId('wfm-plan-chart').waitFor();
        assert.equal(await page.getByTestId('wfm-plan-chart').getAttribute('data-points'), String(14 * 48));
        assert.ok((await page.getByTestId('wfm-plan-table').locator('tbody tr.ant-table-row').count()) > 0);
        const planned = await apiGet<ForecastDetail>(page, `/api/wfm/forecasts/${id}`);
        assert.deepEqual(planned.staffing?.params, { slTarget: 0.8, slSeconds: 20, shrinkage: 0.3, maxOccupancy: 0.85 });
        assert.equal(await page.getByTestId('wfm-plan-peak').innerText().then((text) => Number(text.replace(/\D+/g, ''))), planned.staffing!.plan.peakAgents);
        await ctx.screenshot(page, 'staffing-plan');

        // Approval (manager only).
        await page.getByTestId('wfm-forecast-approve').click();
        await page.getByTestId('wfm-forecast-approve-ok').click();
        await page.locator('[data-testid="wfm-forecast-status"][data-status="approved"]').waitFor();
        assert.equal(await page.getByTestId('wfm-forecast-approve').count(), 0);
        assert.equal(await page.getByTestId('wfm-plan-compute').count(), 0, 'an approved forecast keeps its plan');
        assert.equal((await apiGet<ForecastDetail>(page, `/api/wfm/forecasts/${id}`)).status, 'approved');
        await quiet(page);
        await ctx.screenshot(page, 'forecast-approved');

        await page.getByTestId('wfm-forecast-back').click();
        await page.locator('[data-testid="wfm-forecast-open"][data-queue="repair"]').waitFor();
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'the staffing calculator computes the worked example and shows the server’s field errors',
    async run(ctx) {
      const { context, page } = await newPage(ctx);
      try {
        await login(page, MANAGER);
        await page.getByTestId('nav-wfm-staffing').click();
        await page.getByTestId('page-wfm-staffing').waitFor();
        await page.getByTestId('wfm-staffing-example').click();
        // The worked example, typed as the brief gives it (percent fields).
        await fillNumber(page.getByTestId('wfm-staffing-calls'), 100);
        await fillNumber(page.getByTestId('wfm-staffing-interval'), 30);
        await fillNumber(page.getByTestId('wfm-staffing-aht'), 180);
        await fillNumber(page.getByTestId('wfm-staffing-sl-target'), 80);
        await fillNumber(page.getByTestId('wfm-staffing-sl-seconds'), 20);
        await fillNumber(page.getByTestId('wfm-staffing-shrinkage'), 30);
        await fillNumber(page.getByTestId('wfm-staffing-max-occupancy'), 85);
        await page.getByTestId('wfm-staffing-submit').click();
        await page.locator('[data-testid="wfm-staffing-result"][data-ready="true"]').waitFor();
        assert.equal(await page.getByTestId('wfm-staffing-raw-agents').getAttribute('data-value'), '14');
        assert.equal(await page.getByTestId('wfm-staffing-agents').getAttribute('data-value'), '20');
        assert.equal(await page.getByTestId('wfm-staffing-sl').innerText(), '88.84%');
        assert.equal(await page.getByTestId('wfm-staffing-occupancy').innerText(), '71.4%');
        assert.equal(await page.getByTestId('wfm-staffing-wait').innerText(), '17.41%');
        assert.match(await page.getByTestId('wfm-staffing-asa').innerText(), /7\.84/);
        await ctx.screenshot(page, 'calculator');

        // With a mean patience: Erlang A and its abandon rate.
        await fillNumber(page.getByTestId('wfm-staffing-patience'), 120);
        await page.getByTestId('wfm-staffing-submit').click();
        await page.getByTestId('wfm-staffing-abandon').waitFor();
        await fillNumber(page.getByTestId('wfm-staffing-patience'), '');

        // Bad input is refused by the server, on the fields it names.
        await fillNumber(page.getByTestId('wfm-staffing-aht'), 0);
        await fillNumber(page.getByTestId('wfm-staffing-sl-target'), 100);
        await page.getByTestId('wfm-staffing-submit').click();
        await page.locator('[data-testid="wfm-staffing-error"][data-code="request.invalid"]').waitFor();
        await fieldError(page.getByTestId('wfm-staffing-aht')).filter({ hasText: '平均处理时长须大于 0 秒' }).waitFor();
        await fieldError(page.getByTestId('wfm-staffing-sl-target')).filter({ hasText: '服务水平目标须大于 0 且小于 100%' }).waitFor();
        assert.equal(await page.locator('[data-testid="wfm-staffing-result"][data-ready="true"]').count(), 0);
        await ctx.screenshot(page, 'calculator-invalid');

        // An impossible target says so, on the calls field.
        await fillNumber(page.getByTestId('wfm-staffing-aht'), 180);
        await fillNumber(page.getByTestId('wfm-staffing-sl-target'), 80);
        await fillNumber(page.getByTestId('wfm-staffing-calls'), 10000);
        await fillNumber(page.getByTestId('wfm-staffing-max-agents'), 500);
        await page.getByTestId('wfm-staffing-submit').click();
        await page.locator('[data-testid="wfm-staffing-error"][data-code="wfm.impossible_target"]').waitFor();
        await fieldError(page.getByTestId('wfm-staffing-calls')).filter({ hasText: /目标无法达到.*500 agents/ }).waitFor();
        await ctx.screenshot(page, 'calculator-impossible');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'the manager creates a shift template, generates 报修组’s week from the plan, edits a shift and publishes it',
    async run(ctx) {
      assert.ok(state.forecastId, 'the forecast step ran');
      const { context, page } = await newPage(ctx);
      try {
        await login(page, MANAGER);
        await page.getByTestId('nav-wfm-schedules').click();
        await page.getByTestId('page-wfm-schedules').waitFor();

        // Generating needs a shift template first.
        await page.getByTestId('wfm-template-create').click();
        await page.getByTestId('wfm-template-name').waitFor();
        assert.equal(await page.getByTestId('wfm-template-name').inputValue(), '日班 8 小时');
        await page.waitForTimeout(400); // the modal's opening animation, for the screenshot
        await ctx.screenshot(page, 'template-form');
        await page.getByTestId('wfm-template-save').click();
        await page.getByTestId('wfm-templates-table').locator('tbody tr.ant-table-row', { hasText: '日班 8 小时' }).waitFor();
        await ctx.screenshot(page, 'template');

        await page.getByTestId('wfm-schedule-generate').click();
        await pickOption(page, page.getByTestId('wfm-schedule-team'), '报修组');
        await pickOption(page, page.getByTestId('wfm-schedule-forecast'), /repair v\d+ · 已审批/);
        const start = await pickerInput(page.getByTestId('wfm-schedule-start'));
        assert.equal(await start.inputValue(), FORECAST_START, 'the schedule starts with the forecast');
        await fillNumber(page.getByTestId('wfm-schedule-weeks'), 1);
        await ctx.screenshot(page, 'generate-form');
        await page.getByTestId('wfm-schedule-generate-submit').click();

        const detail = page.getByTestId('wfm-schedule-detail');
        await detail.waitFor({ timeout: 90_000 });
        const id = (await detail.getAttribute('data-id'))!;
        state.scheduleId = id;
        assert.equal(await detail.getAttribute('data-status'), 'draft');
        const schedule = await apiGet<ScheduleDetail>(page, `/api/wfm/schedules/${id}`);
        const teams = await apiGet<{ items: { id: string; name: string; memberIds: string[] }[] }>(page, '/api/teams');
        const team = teams.items.find((item) => item.name === '报修组')!;
        assert.equal(schedule.teamId, team.id);
        assert.equal(schedule.startDate, FORECAST_START);
        assert.equal(await page.getByTestId('wfm-schedule-agent').count(), team.memberIds.length, 'one grid row per team member');
        assert.equal(await page.getByTestId('wfm-shift').count(), schedule.shifts.length);
        assert.ok(schedule.shifts.length >= team.memberIds.length * 4, `${schedule.shifts.length} shifts`);
        assert.ok(schedule.agents.some((agent) => agent.username === AGENT));
        assert.match(await page.getByTestId('wfm-schedule-ratio').innerText(), new RegExp(`${schedule.metrics.scheduledHoursVsLowerBound.toFixed(2)}×`));
        assert.equal(await page.getByTestId('wfm-schedule-coverage').getAttribute('data-series'), 'required,scheduled');
        assert.equal(await page.getByTestId('wfm-schedule-coverage').getAttribute('data-points'), String(7 * 48));
        await ctx.screenshot(page, 'schedule-draft');

        // Edit one shift: 30 minutes later, breaks moving with it.
        const shift = schedule.shifts.find((item) => item.startMinute + 30 < 1440 && item.endMinute + 30 <= 1440)!;
        await page.locator(`[data-testid="wfm-shift"][data-shift="${shift.id}"]`).click();
        const clockOf = (minute: number) => `${String(Math.floor((minute % 1440) / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
        assert.equal(await page.getByTestId('wfm-shift-start').inputValue(), clockOf(shift.startMinute));
        await page.getByTestId('wfm-shift-start').fill(clockOf(shift.startMinute + 30));
        await page.getByTestId('wfm-shift-end').fill(clockOf(shift.endMinute + 30));
        await ctx.screenshot(page, 'shift-edit');
        await page.getByTestId('wfm-shift-save').click();
        await page.locator(`[data-testid="wfm-shift"][data-shift="${shift.id}"][data-start="${shift.startMinute + 30}"]`).waitFor();
        const edited = (await apiGet<ScheduleDetail>(page, `/api/wfm/schedules/${id}`)).shifts.find((item) => item.id === shift.id)!;
        assert.deepEqual([edited.startMinute, edited.endMinute, edited.edited], [shift.startMinute + 30, shift.endMinute + 30, true]);

        // Submit for approval, then publish (the manager approves).
        await page.getByTestId('wfm-schedule-submit').click();
        await page.getByTestId('wfm-schedule-action-ok').click();
        await page.locator('[data-testid="wfm-schedule-status"][data-status="submitted"]').waitFor();
        await page.getByTestId('wfm-schedule-publish').click();
        await page.getByTestId('wfm-schedule-note').fill('e2e：发布报修组排班');
        await page.getByTestId('wfm-schedule-action-ok').click();
        await page.locator('[data-testid="wfm-schedule-status"][data-status="published"]').waitFor();
        assert.equal(await page.getByTestId('wfm-schedule-publish').count(), 0);
        assert.equal((await apiGet<ScheduleDetail>(page, `/api/wfm/schedules/${id}`)).status, 'published');
        await quiet(page);
        await ctx.screenshot(page, 'schedule-published');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'adherence for a day the published schedule covers shows a row per scheduled agent',
    async run(ctx) {
      assert.ok(state.scheduleId, 'the schedule step ran');
      const { context, page } = await newPage(ctx);
      try {
        await login(page, MANAGER);
        const schedule = await apiGet<ScheduleDetail>(page, `/api/wfm/schedules/${state.scheduleId}`);
        // The latest past day of the schedule with shifts: a whole day of adherence.
        const pastDays = [...new Set(schedule.shifts.map((shift) => shift.date))].filter((date) => date < TODAY).sort();
        const day = pastDays.at(-1);
        assert.ok(day, `a past day with shifts in ${JSON.stringify(schedule.shifts.map((shift) => shift.date))}`);
        const working = [...new Set(schedule.shifts.filter((shift) => shift.date === day).map((shift) => shift.username))];

        await page.getByTestId('nav-wfm-adherence').click();
        await page.getByTestId('page-wfm-adherence').waitFor();
        await ctx.screenshot(page, 'adherence-today');
        await typeDate(page, await pickerInput(page.getByTestId('wfm-adherence-date')), day);
        await page.getByTestId('wfm-adherence-window').filter({ hasText: day }).waitFor();
        const rows = page.getByTestId('wfm-adherence-agent');
        await rows.first().waitFor();
        assert.equal(await rows.count(), working.length, `one row per agent on shift that day: ${working.join(', ')}`);
        for (const username of working) await page.locator(`[data-testid="wfm-adherence-agent"][data-username="${username}"]`).waitFor();
        // Nobody logged in on the demo (simulation off): every scheduled agent is out of adherence, highlighted.
        assert.equal(await page.locator('[data-testid="wfm-adherence-agent"][data-out="true"]').count(), working.length);
        assert.ok((await page.getByTestId('wfm-adherence-alerts').locator('tbody tr.ant-table-row').count()) >= working.length);
        await page.getByTestId('wfm-adherence-teams').locator('tbody tr.ant-table-row', { hasText: '报修组' }).waitFor();
        await ctx.screenshot(page, 'adherence');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'the agent sees their published shifts under my schedule and no planning pages',
    async run(ctx) {
      assert.ok(state.scheduleId, 'the schedule step ran');
      const { context, page } = await newPage(ctx);
      try {
        await login(page, AGENT);
        await page.getByTestId('nav-wfm-my-schedule').waitFor();
        assert.equal(await page.getByTestId('nav-wfm-forecasts').count(), 0);
        assert.equal(await page.getByTestId('nav-wfm-schedules').count(), 0);
        await page.getByTestId('nav-wfm-my-schedule').click();
        await page.getByTestId('page-wfm-my-schedule').waitFor();
        const mine = await apiGet<{ from: string; to: string; items: { date: string }[] }>(page, `/api/wfm/my-schedule?from=${TODAY}&to=${addDays(TODAY, 13)}`);
        assert.ok(mine.items.length >= 1, 'the published week reaches into the coming days');
        await page.getByTestId('wfm-my-shift').first().waitFor();
        assert.equal(await page.getByTestId('wfm-my-shift').count(), mine.items.length);
        assert.equal(await page.getByTestId('wfm-my-schedule-summary').getAttribute('data-count'), String(mine.items.length));
        await ctx.screenshot(page, 'my-schedule');

        // A planning page is refused on the client (and by the server).
        await page.goto('/wfm/forecasts');
        await page.getByTestId('forbidden').waitFor();
      } finally {
        await context.close();
      }
    },
  },
];
