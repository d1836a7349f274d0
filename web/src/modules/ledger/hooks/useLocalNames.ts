// Category, district and department names in the UI language, for the tables that list items.
import { useMemo } from 'react';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { usePublicLookups } from '../../lookups/hooks/usePublicLookups.ts';
import { useStaffLookups } from '../../lookups/hooks/useStaffLookups.ts';
import { localName, nameIndex } from '../utils/localNames.ts';

export function useLocalNames() {
  const { lang } = useI18n();
  const lookups = usePublicLookups();
  const staff = useStaffLookups();
  return useMemo(() => {
    const english = lang === 'en-US';
    const categories = nameIndex(lookups.data?.categories ?? [], english);
    const districts = nameIndex(lookups.data?.districts ?? [], english);
    const departments = nameIndex(staff.data?.departments ?? [], english);
    return {
      category: (id: string | null, fallback: string | null) => localName(categories, id, fallback),
      district: (id: string | null, fallback: string | null) => localName(districts, id, fallback),
      department: (id: string | null, fallback: string | null) => localName(departments, id, fallback),
    };
  }, [lang, lookups.data, staff.data]);
}
