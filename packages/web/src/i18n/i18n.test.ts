/**
 * Every visible string exists in both languages, and every role and permission of the shared
 * matrix has a label, so a newly added permission cannot show up as a raw code in the UI.
 */
import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES } from '@seatline/shared';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}/${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

describe('web i18n', () => {
  const zh = leaves(zhCN as Tree);
  const english = leaves(en as Tree);

  it('has the same keys in zh-CN and en, none empty', () => {
    expect([...english.keys()].sort()).toEqual([...zh.keys()].sort());
    for (const [key, value] of [...zh, ...english]) expect(value.trim(), key).not.toBe('');
  });

  it('labels every role in both languages', () => {
    for (const role of ROLES) {
      expect(zhCN.roles.label[role as keyof typeof zhCN.roles.label], role).toBeTruthy();
      expect(en.roles.label[role as keyof typeof en.roles.label], role).toBeTruthy();
    }
  });

  it('labels every permission in both languages', () => {
    const zhPermissions = zhCN.permission as Record<string, string>;
    const enPermissions = en.permission as Record<string, string>;
    for (const permission of PERMISSIONS) {
      expect(zhPermissions[permission], permission).toBeTruthy();
      expect(enPermissions[permission], permission).toBeTruthy();
    }
  });

  it('uses the same interpolation variables in both languages', () => {
    const vars = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [key, value] of zh) expect(vars(english.get(key) ?? ''), key).toEqual(vars(value));
  });
});
