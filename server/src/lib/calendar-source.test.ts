import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OFFICIAL_2026 } from '@tingquan/common/calendar/official-2026.fixture';
import { formatShanghaiTime as fmt, shanghaiTime as at } from '@tingquan/common/calendar/index';
import { createCityCalendar, loadChineseCalendarData } from './calendar-source.ts';

const only2026 = (days: Iterable<string>) => [...days].filter((day) => day.startsWith('2026-')).sort();

describe('loadChineseCalendarData from chinese-days', () => {
  const data = loadChineseCalendarData();

  it('covers the years the package has data for, and not 2027', () => {
    const years = [...data.coveredYears];
    expect(years).toContain(2004);
    expect(years).toContain(2026);
    expect(years).not.toContain(2027);
    expect(years).toEqual(Array.from({ length: years.length }, (_, i) => 2004 + i));
  });

  it('reads the 2026 holidays, make-up working days and names as the pure tests assume', () => {
    expect(only2026(data.holidays)).toEqual(only2026(OFFICIAL_2026.holidays));
    expect(only2026(data.makeUpWorkdays)).toEqual(only2026(OFFICIAL_2026.makeUpWorkdays));
    for (const [day, name] of OFFICIAL_2026.names) expect(data.names.get(day)).toEqual(name);
  });

  it('keeps earlier years, e.g. the extended 2020 Spring Festival', () => {
    expect(data.names.get('2020-02-02')).toEqual({ zh: '春节', en: 'Spring Festival' });
    expect([...data.holidays]).toContain('2020-01-31');
  });

  it('refuses to run where the package would shift its days (west of Greenwich)', () => {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--eval', "import('./calendar-source.ts').then((m) => m.loadChineseCalendarData())"],
      {
        cwd: fileURLToPath(new URL('.', import.meta.url)),
        env: { ...process.env, TZ: 'America/Los_Angeles' },
        encoding: 'utf8',
      },
    );
    expect(child.status).not.toBe(0);
    expect(child.stderr).toContain('run the server with TZ=Asia/Shanghai or TZ=UTC');
  });
});

describe('createCityCalendar', () => {
  it('counts the official 2026 make-up days', () => {
    const calendar = createCityCalendar();
    expect(fmt(calendar.addWorkingDays(at('2026-02-13 10:00'), 3))).toBe('2026-02-25 10:00');
    expect(fmt(calendar.addWorkingDays(at('2026-09-30 17:00'), 3))).toBe('2026-10-10 17:00');
  });

  it('reports 2027 until an admin enters it and declares it complete', () => {
    const span = [at('2026-12-30 10:00'), at('2027-01-05 10:00')] as const;
    expect(createCityCalendar().missingYears(...span)).toEqual([2027]);

    const admin = createCityCalendar({
      overrides: [{ day: '2027-01-01', kind: 'holiday', note: '元旦' }],
      completeYears: [2027],
    });
    expect(admin.coverage(2027)).toEqual({ covered: true, source: 'override' });
    expect(admin.missingYears(...span)).toEqual([]);
    expect(fmt(admin.addWorkingDays(at('2026-12-31 10:00'), 1))).toBe('2027-01-04 10:00');
  });
});
