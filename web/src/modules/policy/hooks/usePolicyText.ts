// The policy pages' text in the user's language: t('candidates.title'), with {name} placeholders.
import { useCallback } from 'react';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { interpolate, type Vars } from '../../../i18n/translate.ts';
import { POLICY_MESSAGES } from '../i18n.ts';

export function usePolicyText() {
  const { lang, formatNumber, formatDateTime } = useI18n();
  const t = useCallback(
    (key: string, vars?: Vars): string => {
      let node: unknown = POLICY_MESSAGES[lang];
      for (const part of key.split('.')) {
        if (node && typeof node === 'object' && part in node) node = (node as Record<string, unknown>)[part];
        else return key;
      }
      return typeof node === 'string' ? interpolate(node, vars) : key;
    },
    [lang],
  );
  return { t, lang, formatNumber, formatDateTime };
}

/** The kind of a rule validation issue in the user's language, from its code (undefined for a code it does not know). */
export function useIssueKind() {
  const { t } = usePolicyText();
  return useCallback(
    (code: string) => {
      const key = `rules.issueCodes.${code}`;
      const text = t(key);
      return text === key ? undefined : text;
    },
    [t],
  );
}
