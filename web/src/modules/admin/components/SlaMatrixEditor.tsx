// The SLA matrix: one row per complexity (and urgency / type / category); each edited row is saved on its own.
import { useState } from 'react';
import { App, Button, InputNumber, Table, Tag } from 'antd';
import type { SlaRuleView } from '@tingquan/common/schemas/org';
import { fieldErrorsOf } from '../../../api/errors.ts';
import { ErrorAlert } from '../../../components/ErrorAlert.tsx';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { usePatchSlaRule, useSlaMatrix } from '../hooks/useAdmin.ts';
import { SLA_FIELDS, slaPatch, type SlaField } from '../utils/slaDiff.ts';

type Edits = Record<string, Partial<Pick<SlaRuleView, SlaField>>>;

export function SlaMatrixEditor() {
  const { t, issue } = useI18n();
  const { message } = App.useApp();
  const matrix = useSlaMatrix();
  const save = usePatchSlaRule();
  const [edits, setEdits] = useState<Edits>({});
  const [error, setError] = useState<unknown>(null);
  if (matrix.error) return <ErrorAlert error={matrix.error} />;

  const edit = (id: string, field: SlaField, value: number | null) =>
    setEdits((e) => ({ ...e, [id]: { ...e[id], [field]: value } }));
  async function saveRow(rule: SlaRuleView) {
    setError(null);
    const patch = slaPatch(rule, edits[rule.id] ?? {});
    try {
      await save.mutateAsync({ id: rule.id, patch });
      setEdits(({ [rule.id]: _saved, ...rest }) => rest);
      void message.success(t('common.saved'));
    } catch (e) {
      setError(e);
      const fields = fieldErrorsOf(e, issue);
      if (fields.length)
        void message.error(fields.map((f) => `${t(`admin.sla.${f.name[0]}`)}: ${f.errors[0]}`).join('; '));
    }
  }

  return (
    <>
      {error ? <ErrorAlert error={error} /> : null}
      <Table<SlaRuleView>
        size="small"
        rowKey="id"
        loading={matrix.isPending}
        dataSource={matrix.data?.rules ?? []}
        pagination={false}
        scroll={{ x: 1100 }}
        data-testid="sla-matrix"
        columns={[
          {
            key: 'rule',
            title: t('fields.tier'),
            fixed: 'left',
            width: 200,
            render: (_: unknown, r) => (
              <span>
                {t(`enums.tier.${r.tier}`)} {r.urgent ? <Tag color="red">{t('fields.urgent')}</Tag> : null}
                {r.type ? <Tag>{t(`enums.type.${r.type}`)}</Tag> : null}
                {r.categoryId ? <Tag>{r.categoryId}</Tag> : null}
              </span>
            ),
          },
          ...SLA_FIELDS.map((f) => ({
            key: f,
            title: t(`admin.sla.${f}`),
            width: 120,
            render: (_: unknown, r: SlaRuleView) => (
              <InputNumber
                size="small"
                aria-label={`${r.id} ${t(`admin.sla.${f}`)}`}
                data-testid={`sla-${r.id}-${f}`}
                min={f === 'warnRatio' ? 0.1 : 0}
                max={f === 'warnRatio' ? 0.99 : undefined}
                step={f === 'warnRatio' ? 0.05 : 1}
                value={(edits[r.id] && f in edits[r.id] ? edits[r.id][f] : r[f]) ?? null}
                onChange={(v) => edit(r.id, f, v as number | null)}
                style={{ width: 96 }}
              />
            ),
          })),
          {
            key: 'save',
            fixed: 'right',
            width: 90,
            render: (_: unknown, r: SlaRuleView) => (
              <Button
                size="small"
                type="primary"
                disabled={Object.keys(slaPatch(r, edits[r.id] ?? {})).length === 0}
                loading={save.isPending && save.variables?.id === r.id}
                onClick={() => saveRow(r)}
                data-testid={`sla-save-${r.id}`}
              >
                {t('admin.save')}
              </Button>
            ),
          },
        ]}
      />
    </>
  );
}
