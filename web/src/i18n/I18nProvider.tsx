// The language of the UI: zh-CN by default, switchable, remembered in localStorage; sets Ant Design's and dayjs' locale.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { zhCN } from './zh-CN.ts';
import { enUS } from './en-US.ts';
import type { Messages } from './messages.ts';
import { lookup, translateIssue, type Vars } from './translate.ts';

export type Lang = 'zh-CN' | 'en-US';
const STORAGE_KEY = 'tingquan.lang';
const CATALOGUES: Record<Lang, Messages> = { 'zh-CN': zhCN, 'en-US': enUS };

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: string, vars?: Vars) => string;
  issue: (message: string) => string;
  formatDateTime: (iso: string | null | undefined) => string;
  formatNumber: (n: number) => string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'zh-CN' || saved === 'en-US') return saved;
  } catch {
    // storage may be blocked (private mode): fall back to the default
  }
  return 'zh-CN';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // not remembered, still switched
    }
  }, []);
  const value = useMemo<I18n>(() => {
    const messages = CATALOGUES[lang];
    dayjs.locale(lang === 'zh-CN' ? 'zh-cn' : 'en');
    document.documentElement.lang = lang;
    const dateFmt = new Intl.DateTimeFormat(lang, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
      timeZone: 'Asia/Shanghai',
    });
    const numFmt = new Intl.NumberFormat(lang);
    return {
      lang,
      setLang,
      t: (key, vars) => lookup(messages, key, vars),
      issue: (message) => translateIssue(messages, message),
      formatDateTime: (iso) => (iso ? dateFmt.format(new Date(iso)) : '—'),
      formatNumber: (n) => numFmt.format(n),
    };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
