import i18n from '../../i18n/index.ts';
import type { EdgeSlot, FlowProblem } from './flow.ts';
import { formatPath } from './flow.ts';

/** Colours of the node types in the tree: caller input blue, logic purple, endings green/red. */
export const NODE_COLORS: Record<string, string> = {
  play: 'cyan',
  menu: 'blue',
  collect: 'geekblue',
  branch: 'purple',
  lookup: 'magenta',
  set: 'gold',
  transfer: 'green',
  voicemail: 'lime',
  callback: 'lime',
  hangup: 'red',
};

export function nodeTypeText(type: string): string {
  return i18n.t(`ivr.nodeType.${type}`, { defaultValue: type || '?' });
}

/** "按 1 · 报修", "无输入", "规则 2 · VIP", … */
export function edgeText(slot: EdgeSlot): string {
  switch (slot.kind) {
    case 'option': {
      const key = i18n.t('ivr.edge.option', { digit: slot.digit || '?' });
      return slot.label ? `${key} · ${slot.label}` : key;
    }
    case 'rule': {
      const rule = i18n.t('ivr.edge.rule', { n: slot.index + 1 });
      return slot.label ? `${rule} · ${slot.label}` : rule;
    }
    default:
      return i18n.t(`ivr.edge.${slot.kind}`);
  }
}

/** A problem in the UI language: the localized code, then the server's (English) detail. */
export function problemText(problem: FlowProblem): string {
  return i18n.t(`ivr.problemCode.${problem.code}`, { defaultValue: problem.code });
}

export function problemPath(problem: FlowProblem): string {
  return formatPath(problem.path) || i18n.t('ivr.problems.flowLevel');
}
