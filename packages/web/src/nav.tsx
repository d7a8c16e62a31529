import type { ReactNode } from 'react';
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalculatorOutlined,
  CalendarOutlined,
  CustomerServiceOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  ExportOutlined,
  FieldTimeOutlined,
  HomeOutlined,
  LineChartOutlined,
  OrderedListOutlined,
  PartitionOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  StarOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { Permission } from '@seatline/shared';

export type NavKey = 'home' | 'desk' | 'floor' | 'export' | 'tenants' | 'sites' | 'teams' | 'users' | 'roles' | 'skills' | 'audit' | 'ivr' | 'queues' | WfmNavKey;
/** Workforce management (规划): test ids nav-wfm-*. */
export type WfmNavKey = 'wfm-history' | 'wfm-forecasts' | 'wfm-staffing' | 'wfm-schedules' | 'wfm-my-schedule' | 'wfm-adherence';

export interface NavEntry {
  key: NavKey;
  path: string;
  /** The permission a user needs to see the entry and open the page (none for home). */
  permission?: Permission;
  icon: ReactNode;
  group: 'main' | 'wfm' | 'admin';
}

/** One table drives both the side menu and the route guards, from the shared permission names. */
export const NAV: readonly NavEntry[] = [
  { key: 'home', path: '/', icon: <HomeOutlined />, group: 'main' },
  { key: 'desk', path: '/desk', permission: 'desk.use', icon: <CustomerServiceOutlined />, group: 'main' },
  { key: 'floor', path: '/floor', permission: 'floor.monitor', icon: <DashboardOutlined />, group: 'main' },
  { key: 'export', path: '/interactions/export', permission: 'interactions.export', icon: <ExportOutlined />, group: 'main' },
  { key: 'wfm-history', path: '/wfm/history', permission: 'wfm.read', icon: <BarChartOutlined />, group: 'wfm' },
  { key: 'wfm-forecasts', path: '/wfm/forecasts', permission: 'wfm.read', icon: <LineChartOutlined />, group: 'wfm' },
  { key: 'wfm-staffing', path: '/wfm/staffing', permission: 'wfm.read', icon: <CalculatorOutlined />, group: 'wfm' },
  { key: 'wfm-schedules', path: '/wfm/schedules', permission: 'wfm.read', icon: <ScheduleOutlined />, group: 'wfm' },
  { key: 'wfm-adherence', path: '/wfm/adherence', permission: 'wfm.read', icon: <FieldTimeOutlined />, group: 'wfm' },
  { key: 'wfm-my-schedule', path: '/wfm/my-schedule', permission: 'schedule.own', icon: <CalendarOutlined />, group: 'wfm' },
  { key: 'tenants', path: '/admin/tenants', permission: 'tenants.read', icon: <ApartmentOutlined />, group: 'admin' },
  { key: 'sites', path: '/admin/sites', permission: 'sites.read', icon: <EnvironmentOutlined />, group: 'admin' },
  { key: 'teams', path: '/admin/teams', permission: 'teams.read', icon: <TeamOutlined />, group: 'admin' },
  { key: 'users', path: '/admin/users', permission: 'users.read', icon: <UserOutlined />, group: 'admin' },
  { key: 'roles', path: '/admin/roles', permission: 'roles.read', icon: <SafetyCertificateOutlined />, group: 'admin' },
  { key: 'skills', path: '/admin/skills', permission: 'skills.read', icon: <StarOutlined />, group: 'admin' },
  { key: 'ivr', path: '/ivr', permission: 'ivr.read', icon: <PartitionOutlined />, group: 'admin' },
  { key: 'queues', path: '/queues', permission: 'queues.read', icon: <OrderedListOutlined />, group: 'admin' },
  { key: 'audit', path: '/admin/audit', permission: 'audit.read', icon: <AuditOutlined />, group: 'admin' },
];

export function navFor(key: NavKey): NavEntry {
  const entry = NAV.find((item) => item.key === key);
  if (!entry) throw new Error(`no nav entry ${key}`);
  return entry;
}
