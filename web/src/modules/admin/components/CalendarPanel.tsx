// The working-day calendar: a banner for every year without official holiday data, the admin's overrides, and
// declaring a year complete once its holidays and make-up working days are entered.
import { useState } from 'react';
import { Alert, Button, DatePicker, Flex, Input, Radio, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { useCalendar, useCalendarMutations } from '../hooks/useAdmin.ts';

export function CalendarPanel() {
  const { t } = useI18n();
  const calendar = useCalendar();
  const { addOverride, removeOverride, declareYear } = useCalendarMutations();
  const [day, setDay] = useState<Dayjs | null>(null);
  const [kind, setKind] = useState<'workday' | 'holiday'>('holiday');
  const [note, setNote] = useState('');
  if (calendar.error) return <ErrorAlert error={calendar.error} />;
  const data = calendar.data;
  const failure = addOverride.error ?? removeOverride.error ?? declareYear.error;
  return (
    <Flex vertical gap={12}>
      {data?.missing.length ? (
        <Alert
          type="warning"
          showIcon
          data-testid="calendar-banner"
          title={t('admin.calendar.missing', { years: data.missing.join(', ') })}
          description={t('admin.calendar.missingHelp')}
        />
      ) : null}
      <Flex gap={8} wrap>
        {data?.years.map((y) => (
          <Tag key={y.year} color={y.covered ? 'green' : 'orange'}>
            {y.year} · {t(`admin.calendar.source.${y.source}`)}
            {!y.covered ? (
              <Button size="small" type="link" onClick={() => declareYear.mutate(y.year)}>
                {t('admin.calendar.declare')}
              </Button>
            ) : null}
          </Tag>
        ))}
      </Flex>
      {failure ? <ErrorAlert error={failure} /> : null}
      <Flex gap={8} wrap align="center">
        <DatePicker value={day} onChange={setDay} aria-label={t('admin.calendar.day')} />
        <Radio.Group
          optionType="button"
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          options={[
            { value: 'holiday', label: t('admin.calendar.holiday') },
            { value: 'workday', label: t('admin.calendar.workday') },
          ]}
        />
        <Input
          style={{ width: 220 }}
          placeholder={t('fields.note')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <Button
          type="primary"
          disabled={!day}
          loading={addOverride.isPending}
          onClick={() =>
            day &&
            addOverride.mutate(
              { day: day.format('YYYY-MM-DD'), kind, note: note.trim() || undefined },
              { onSuccess: () => setNote('') },
            )
          }
        >
          {t('admin.calendar.add')}
        </Button>
      </Flex>
      <Table
        size="small"
        rowKey="day"
        loading={calendar.isPending}
        dataSource={data?.overrides ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { key: 'day', title: t('admin.calendar.day'), dataIndex: 'day' },
          {
            key: 'kind',
            title: t('admin.calendar.kind'),
            dataIndex: 'kind',
            render: (k: string) => t(`admin.calendar.${k}`),
          },
          { key: 'note', title: t('fields.note'), dataIndex: 'note' },
          {
            key: 'remove',
            render: (_: unknown, o: { day: string }) => (
              <Button size="small" danger onClick={() => removeOverride.mutate(o.day)}>
                {t('admin.remove')}
              </Button>
            ),
          },
        ]}
      />
    </Flex>
  );
}
