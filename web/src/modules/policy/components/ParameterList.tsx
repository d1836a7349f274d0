// The dated parameters a rule uses: every version with its value, effective date and legal reference (文号, 条款),
// the version in force on the test date marked.
import { Tag, Timeline, Typography } from 'antd';
import { usePolicyText } from '../hooks/usePolicyText.ts';
import type { ParameterView } from '../types.ts';

export function ParameterList({ ids, parameters, asOf }: { ids: string[]; parameters: ParameterView[]; asOf: string }) {
  const { t, formatNumber } = usePolicyText();
  const byId = new Map(parameters.map((p) => [p.id, p]));
  if (!ids.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <div data-testid="parameter-list">
      {ids.map((id) => {
        const p = byId.get(id);
        if (!p)
          return (
            <div key={id}>
              <Typography.Text code>${id}</Typography.Text> <Tag color="error">{t('rules.parameterUnknown')}</Tag>
            </div>
          );
        const inForce = p.versions.filter((v) => v.effectiveFrom <= asOf).at(-1)?.version;
        const value = (v: number) =>
          p.unit === 'ratio' ? `${formatNumber(Math.round(v * 10000) / 100)}%` : formatNumber(v);
        return (
          <div key={id} style={{ marginBottom: 8 }} data-testid={`parameter-${id}`}>
            <Typography.Text strong>{p.label}</Typography.Text> <Typography.Text code>${p.id}</Typography.Text>
            <Timeline
              style={{ marginTop: 8, marginBottom: 0 }}
              items={p.versions.map((v) => ({
                color: v.version === inForce ? 'blue' : 'gray',
                content: (
                  <>
                    {t('rules.paramVersion', { version: v.version, from: v.effectiveFrom, value: value(v.value) })}{' '}
                    {v.version === inForce ? <Tag color="blue">{t('item.inForce')}</Tag> : null}
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('rules.reference', {
                          document: v.reference.document,
                          article: v.reference.article ? ` ${v.reference.article}` : '',
                        })}
                      </Typography.Text>
                    </div>
                  </>
                ),
              }))}
            />
          </div>
        );
      })}
    </div>
  );
}
