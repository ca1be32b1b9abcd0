import type { Component } from 'vue';
import {
  AnalyticsOutline,
  FlaskOutline,
  GridOutline,
  HardwareChipOutline,
  LeafOutline,
  NotificationsOutline,
  PulseOutline,
  SettingsOutline,
} from '@vicons/ionicons5';

export type PageKey =
  'dashboard' | 'zones' | 'nodes' | 'recipes' | 'alerts' | 'history' | 'settings' | 'system';

export type NavGroup = 'growing' | 'controller';

export interface NavEntry {
  page: PageKey;
  path: string;
  group: NavGroup;
  icon: Component;
}

/** The sidebar, in order. Daily work first, controller upkeep last (reference §4.2). */
export const NAV_ENTRIES: readonly NavEntry[] = [
  { page: 'dashboard', path: '/', group: 'growing', icon: GridOutline },
  { page: 'zones', path: '/zones', group: 'growing', icon: LeafOutline },
  { page: 'nodes', path: '/nodes', group: 'growing', icon: HardwareChipOutline },
  { page: 'recipes', path: '/recipes', group: 'growing', icon: FlaskOutline },
  { page: 'alerts', path: '/alerts', group: 'growing', icon: NotificationsOutline },
  { page: 'history', path: '/history', group: 'growing', icon: AnalyticsOutline },
  { page: 'settings', path: '/settings', group: 'controller', icon: SettingsOutline },
  { page: 'system', path: '/system', group: 'controller', icon: PulseOutline },
];

export const NAV_GROUPS: readonly NavGroup[] = ['growing', 'controller'];
