import type { ButtonProps } from 'antd';
import type { Permission, Role } from '@seatline/shared';
import i18n from '../i18n/index.ts';

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(i18n.language === 'en' ? 'en-GB' : 'zh-CN', { hour12: false });
}

/** A role's name in the UI language (the code itself if a newer role has no label yet). */
export function roleLabel(role: Role): string {
  return i18n.t(`roles.label.${role}`, { defaultValue: role });
}

/** A permission's name in the UI language (the code itself if a newer permission has no label yet). */
export function permissionLabel(permission: Permission): string {
  return i18n.t(`permission.${permission}`, { defaultValue: permission });
}

/** Shows an API failure: the server already localized `message`. */
export function errorText(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return i18n.t('errors.unknown');
}

/** Props that put a `data-testid` on an antd button given through `okButtonProps`. */
export function testIdProps(id: string): ButtonProps {
  return { 'data-testid': id } as ButtonProps;
}
