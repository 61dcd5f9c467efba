import { z } from 'zod';
import {
  getSettings,
  setSetting,
  storedSettings,
  type EngagementSettings,
  type SettingKey,
} from '../../store/settings';
import { domain, empty, request, type EngineContext } from './context';

export interface SettingsView {
  settings: EngagementSettings;
  /** The settings stored in the file (the others are defaults). */
  stored: Partial<Record<SettingKey, string>>;
}

function view(context: EngineContext): SettingsView {
  const db = context.db();
  return { settings: getSettings(db), stored: storedSettings(db) };
}

/** The engagement's settings: currency, locale, fiscal year start, gross margin, population size. */
export const settings = domain(
  {
    'settings:get': empty,
    /** key → value; an empty value resets the setting to its default. All or none are stored. */
    'settings:set': request({ values: z.record(z.string().max(100), z.string().max(200)) }),
  },
  {
    'settings:get': (_r, context): SettingsView => view(context),
    'settings:set': (r, context): SettingsView => {
      const db = context.db();
      db.transaction(() => {
        for (const [key, value] of Object.entries(r.values)) setSetting(db, key.trim(), value);
      })();
      context.changed(['settings']);
      return view(context);
    },
  },
);
