// /policy/calculator — public: an enterprise enters its facts and sees which policies it can get, why, how much, and
// what it is missing, from the same engine that decides the city's matching runs.
import { Flex } from 'antd';
import { fieldErrorsOf } from '../../api/errors.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { PublicLayout } from '../../components/PublicLayout.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { CalculatorResults } from '../../modules/policy/components/CalculatorResults.tsx';
import { FactsForm } from '../../modules/policy/components/FactsForm.tsx';
import { useCalculator } from '../../modules/policy/hooks/useCalculator.ts';
import { usePolicyText } from '../../modules/policy/hooks/usePolicyText.ts';
import { toFacts } from '../../modules/policy/utils/facts.ts';

export default function PolicyCalculatorPage() {
  const { t } = usePolicyText();
  const { issue } = useI18n();
  const calc = useCalculator();
  const fieldErrors = Object.fromEntries(
    fieldErrorsOf(calc.error, issue, ['body', 'facts']).map((e) => [String(e.name[0]), e.errors.join('; ')]),
  );
  return (
    <PublicLayout>
      <Flex vertical gap={12}>
        <PageTitle intro={t('calculator.intro')}>{t('calculator.title')}</PageTitle>
        <FactsForm
          loading={calc.isPending}
          fieldErrors={fieldErrors}
          onSubmit={(values, asOf) => calc.mutate({ facts: toFacts(values), asOf })}
        />
        {calc.error && !Object.keys(fieldErrors).length ? <ErrorAlert error={calc.error} /> : null}
        {calc.data ? <CalculatorResults result={calc.data} /> : null}
      </Flex>
    </PublicLayout>
  );
}
