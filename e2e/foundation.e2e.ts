/**
 * Foundation browser test: two roles see different navigation, a forbidden page is refused on the
 * client (403 page) and on the server (403 from the API), and the language switch works and persists.
 */
import assert from 'node:assert/strict';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, type E2eContext, type E2eTest } from './harness.ts';

const TIMEOUT = 20_000;

async function newPage(ctx: E2eContext): Promise<{ context: BrowserContext; page: Page }> {
  const context = await ctx.browser.newContext({ baseURL: ctx.baseUrl, viewport: { width: 1366, height: 860 }, locale: 'zh-CN' });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  page.on('pageerror', (error) => ctx.log(`page error: ${error.message}`));
  return { context, page };
}

async function textOf(locator: Locator): Promise<string> {
  return (await locator.innerText()).trim();
}

async function compact(locator: Locator): Promise<string> {
  return (await locator.innerText()).replace(/\s+/g, '');
}

async function waitForText(locator: Locator, expected: string | RegExp): Promise<void> {
  await locator.filter({ hasText: expected }).waitFor({ state: 'visible' });
}

async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

async function logout(page: Page): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.getByTestId('login-username').waitFor();
  assert.match(new URL(page.url()).pathname, /^\/login$/);
}

async function apiFromPage(page: Page, path: string): Promise<{ status: number; body: unknown }> {
  return page.evaluate(async (url) => {
    const response = await fetch(url, { credentials: 'include', headers: { Accept: 'application/json' } });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // keep the text
    }
    return { status: response.status, body };
  }, path);
}


/** Picks an option in an antd Select (or AutoComplete) that is open on the page. */
async function pickOption(page: Page, trigger: Locator, text: string): Promise<void> {
  await trigger.click();
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text });
  await option.first().click();
  // A multiple select stays open: close it. Then wait for the list (and its closing animation) to go,
  // so it cannot swallow the next click.
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  if ((await open.count()) > 0 && (await trigger.locator('.ant-select-multiple').count()) + ((await trigger.getAttribute('class'))?.includes('ant-select-multiple') ? 1 : 0) > 0) {
    await page.keyboard.press('Escape');
  }
  await open.waitFor({ state: 'hidden' });
}

const navKeys = ['home', 'tenants', 'sites', 'teams', 'users', 'roles', 'skills', 'audit'] as const;

async function visibleNav(page: Page): Promise<string[]> {
  const keys: string[] = [];
  for (const key of navKeys) if ((await page.getByTestId(`nav-${key}`).count()) > 0) keys.push(key);
  return keys;
}

export const tests: E2eTest[] = [
  {
    name: 'two roles see different navigation; the forbidden page is refused',
    async run(ctx) {
      const { context, page } = await newPage(ctx);
      try {
        // A visitor without a session lands on the login page, in Chinese by default.
        await page.goto('/');
        await page.getByTestId('login-username').waitFor();
        assert.equal(new URL(page.url()).pathname, '/login');
        // antd spaces out two-character Chinese button labels ("登 录"), so compare without spaces.
        assert.equal(await compact(page.getByTestId('login-submit')), '登录');
        await ctx.screenshot(page, 'login');

        // A wrong password shows the server's (localized) message.
        await login(page, 'property.trainer', 'not-the-password-1');
        const error = page.getByTestId('login-error');
        await error.waitFor();
        assert.match(await textOf(error), /用户名或密码错误/);
        await ctx.screenshot(page, 'login-failed');

        // The tenant administrator sees the administration menu, including users and audit.
        await login(page, 'property.tenant_admin');
        await page.getByTestId('nav-home').waitFor();
        await page.getByTestId('welcome').waitFor();
        const adminNav = await visibleNav(page);
        ctx.log(`tenant_admin nav: ${adminNav.join(', ')}`);
        for (const key of ['home', 'tenants', 'sites', 'teams', 'users', 'roles', 'skills', 'audit']) {
          assert.ok(adminNav.includes(key), `tenant_admin should see nav-${key}`);
        }
        assert.equal(await textOf(page.getByTestId('nav-users')), '用户');
        assert.match(await textOf(page.getByTestId('home-tenant')), /悦居物业/);
        await ctx.screenshot(page, 'tenant-admin-home');

        // The users page lists the tenant's users from the API.
        await page.getByTestId('nav-users').click();
        await page.getByTestId('users-table').getByText('property.agent', { exact: true }).waitFor();
        await ctx.screenshot(page, 'tenant-admin-users');

        // The audit log shows this session's login.
        await page.getByTestId('nav-audit').click();
        await page.getByTestId('audit-table').getByText('auth.login', { exact: true }).first().waitFor();
        await ctx.screenshot(page, 'tenant-admin-audit');

        // Switching to English changes the labels and is stored for the user on the server.
        await page.getByTestId('lang-switch').click();
        await page.getByTestId('lang-en').click();
        await waitForText(page.getByTestId('nav-users'), 'Users');
        assert.equal(await textOf(page.getByTestId('nav-users')), 'Users');
        assert.equal(await textOf(page.getByTestId('nav-audit')), 'Audit log');
        const meAfter = await apiFromPage(page, '/api/me');
        assert.equal(meAfter.status, 200);
        assert.equal((meAfter.body as { locale: string }).locale, 'en');
        await ctx.screenshot(page, 'tenant-admin-english');

        // The choice survives a reload.
        await page.reload();
        await waitForText(page.getByTestId('nav-users'), 'Users');
        await logout(page);
        // Before login, the last language chosen in this browser applies.
        assert.equal(await compact(page.getByTestId('login-submit')), 'Login');
        await ctx.screenshot(page, 'logged-out-english');

        // The agent has no administration permissions: no users or audit in the menu.
        // Their own saved language (Chinese) applies again after login.
        await login(page, 'property.agent');
        await page.getByTestId('nav-home').waitFor();
        await page.getByTestId('welcome').waitFor();
        const agentNav = await visibleNav(page);
        ctx.log(`agent nav: ${agentNav.join(', ')}`);
        assert.deepEqual(agentNav, ['home']);
        assert.equal(await page.getByTestId('nav-users').count(), 0);
        assert.equal(await page.getByTestId('nav-audit').count(), 0);
        await waitForText(page.getByTestId('nav-home'), '首页');
        await ctx.screenshot(page, 'agent-home');

        // Typing the address of a page the agent may not use shows the 403 page...
        await page.goto('/admin/users');
        await page.getByTestId('forbidden').waitFor();
        await ctx.screenshot(page, 'agent-forbidden-users');
        await page.goto('/admin/audit');
        await page.getByTestId('forbidden').waitFor();

        // ...and the server refuses the API call with 403 too.
        const users = await apiFromPage(page, '/api/users');
        assert.equal(users.status, 403, `GET /api/users as agent: ${JSON.stringify(users.body)}`);
        assert.equal((users.body as { code: string }).code, 'auth.forbidden');
        const audit = await apiFromPage(page, '/api/audit');
        assert.equal(audit.status, 403);
        await ctx.screenshot(page, 'agent-forbidden-audit');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'an operator administrator switches tenant and manages skills, sites, users and teams',
    async run(ctx) {
      const { context, page } = await newPage(ctx);
      try {
        await page.goto('/login');
        await login(page, 'ops.admin');
        await page.getByTestId('welcome').waitFor();

        // The operator administrator may work in several tenants: switch to the e-commerce client.
        await pickOption(page, page.getByTestId('tenant-switcher'), '优品电商售后');
        await waitForText(page.getByTestId('home-tenant'), '优品电商售后');
        const me = await apiFromPage(page, '/api/me');
        assert.equal((me.body as { tenant: { slug: string } }).tenant.slug, 'shop');
        await ctx.screenshot(page, 'switched-to-shop');

        // A skill.
        await page.getByTestId('nav-skills').click();
        await page.getByTestId('skill-create').click();
        await page.locator('#skill_code').fill('E2E Returns');
        await page.getByTestId('skill-save').click();
        await page.locator('.ant-form-item-explain-error', { hasText: '编码为 1–40 位小写字母、数字或 _ . -' }).waitFor(); // client-side validation mirrors the zod rule
        await page.locator('#skill_code').fill('e2e.returns');
        await page.locator('#skill_name').fill('E2E 退货');
        await page.getByTestId('skill-save').click();
        await page.getByTestId('page-skills').getByText('e2e.returns', { exact: true }).waitFor();

        // A site.
        await page.getByTestId('nav-sites').click();
        await page.getByTestId('site-create').click();
        await page.locator('#site_name').fill('E2E 杭州站点');
        await page.locator('#site_address').fill('杭州市西湖区');
        await page.getByTestId('site-save').click();
        await page.getByTestId('page-sites').getByText('E2E 杭州站点', { exact: true }).waitFor();

        // A user with a site, then a skill at level 7.
        await page.getByTestId('nav-users').click();
        await page.getByTestId('users-table').getByText('shop.agent', { exact: true }).waitFor();
        await page.getByTestId('user-create').click();
        await page.locator('#user_username').fill('shop.e2e01');
        await page.locator('#user_displayName').fill('E2E 坐席');
        await page.locator('#user_password').fill('short1');
        await page.getByTestId('user-save').click();
        await page.locator('.ant-form-item-explain-error', { hasText: '密码至少 10 位' }).waitFor();
        await page.locator('#user_password').fill('Seatline-2026-pass');
        await pickOption(page, page.locator('#user_siteId').locator('xpath=ancestor::*[contains(@class,"ant-select")][1]'), 'E2E 杭州站点');
        await ctx.screenshot(page, 'user-create');
        await page.getByTestId('user-save').click();
        const row = page.getByTestId('users-table').locator('tr', { hasText: 'shop.e2e01' });
        await row.waitFor();
        await row.getByRole('button').first().click();
        await page.getByRole('tab', { name: '技能' }).click();
        await page.getByRole('button', { name: '添加技能' }).click();
        await pickOption(page, page.getByTestId('user-skills-form').locator('.ant-select').first(), 'E2E 退货');
        await page.getByTestId('user-skills-form').locator('.ant-input-number input').first().fill('7');
        await page.getByTestId('user-skills-save').click();
        await waitForText(row, /E2E 退货\s*·\s*7/);
        await ctx.screenshot(page, 'user-skills');
        await page.locator('.ant-drawer-close').click();
        const created = await apiFromPage(page, '/api/users?q=shop.e2e01');
        const user = (created.body as { items: { username: string; skills: { level: number }[]; siteId: string | null }[] }).items.find(
          (item) => item.username === 'shop.e2e01',
        );
        assert.ok(user, 'the new user is listed by the API');
        assert.deepEqual(user.skills.map((skill) => skill.level), [7]);
        assert.ok(user.siteId, 'the new user has a site');

        // A team led by the new user, with the new user as its member.
        await page.getByTestId('nav-teams').click();
        await page.getByTestId('team-create').click();
        await page.locator('#team_name').fill('E2E 退货组');
        await pickOption(page, page.locator('#team_leaderId').locator('xpath=ancestor::*[contains(@class,"ant-select")][1]'), 'E2E 坐席');
        await page.getByTestId('team-save').click();
        const teamRow = page.getByTestId('page-teams').locator('tr', { hasText: 'E2E 退货组' });
        await teamRow.waitFor();
        await teamRow.getByRole('button', { name: '成员管理' }).click();
        await pickOption(page, page.locator('.ant-modal:visible .ant-select').first(), 'E2E 坐席');
        // Save only once the choice shows in the field: a click racing the select's close would save nothing.
        await page.locator('.ant-modal:visible .ant-select-selection-item', { hasText: 'E2E 坐席' }).waitFor();
        await page.getByTestId('team-members-save').click();
        await waitForText(teamRow, '1 人');
        await ctx.screenshot(page, 'teams');

        // Every change is in the audit log of the shop tenant.
        await page.getByTestId('nav-audit').click();
        for (const action of ['skill.created', 'site.created', 'user.created', 'user.skills_changed', 'team.created', 'team.members_changed']) {
          await page.getByTestId('audit-table').getByText(action, { exact: true }).first().waitFor();
        }
        await ctx.screenshot(page, 'audit');
      } finally {
        await context.close();
      }
    },
  },
  {
    name: 'ending a user\'s sessions sends their browser back to the login page',
    async run(ctx) {
      const { context, page } = await newPage(ctx);
      try {
        await page.goto('/login');
        await login(page, 'property.hr_admin');
        await page.getByTestId('welcome').waitFor();
        await page.getByTestId('nav-users').click();
        await page.getByTestId('users-table').getByText('property.agent', { exact: true }).waitFor();
        const meBody = (await apiFromPage(page, '/api/me')).body as { id: string };

        // The tenant administrator ends every session of the HR administrator through the API.
        const loginResponse = await fetch(`${ctx.baseUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ username: 'property.tenant_admin', password: DEMO_PASSWORD }),
        });
        assert.equal(loginResponse.status, 200);
        const cookie = (loginResponse.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        const revoke = await fetch(`${ctx.baseUrl}/api/users/${meBody.id}/sessions/revoke`, { method: 'POST', headers: { cookie } });
        assert.equal(revoke.status, 204);

        // The next API call of the HR administrator's page gets 401, and the app shows the login page.
        await page.getByTestId('nav-teams').click();
        await page.getByTestId('login-username').waitFor();
        assert.equal(new URL(page.url()).pathname, '/login');
        await ctx.screenshot(page, 'back-to-login');

        // Logging in again returns to the page the user was on.
        await login(page, 'property.hr_admin');
        await page.getByTestId('page-teams').waitFor();
        assert.equal(new URL(page.url()).pathname, '/admin/teams');
      } finally {
        await context.close();
      }
    },
  },
];
