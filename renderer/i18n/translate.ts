// The one type of a translation function in the renderer: a message key and its values, said
// in the language shown now. Components get one from useTranslate(), code outside React from
// useLocale's `t`; pure code (the day model, change words, settings outcomes) takes one as a
// parameter, so its tests can pass their own.
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** i18next's `t` as a Translate. */
export const translator =
  (t: TFunction): Translate =>
  (key, options) =>
    t(key, options ?? {});

/** The Translate of the language shown; a new one when the language changes. */
export function useTranslate(): Translate {
  const { t } = useTranslation();
  return useMemo(() => translator(t), [t]);
}
