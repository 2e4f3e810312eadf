import { useState } from 'react';
import {
  Alert,
  Button,
  Group,
  List,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { MaskCategory, MeasurementsInput } from '../../gql/graphql';
import { t } from '../../i18n';
import { apiProblem, fieldError } from '../../components/errors';
import { MaskStandardsDocument } from './product-form';

const SubmitCertificationDocument = graphql(`
  mutation SubmitCertification($input: CertificationEvidenceInput!) {
    submitCertification(input: $input) {
      id
      status
    }
  }
`);

type Measurement = keyof MeasurementsInput;
/** A standard's bound on one measurement (maskStandards.thresholds, e.g. {"filterPenetrationPct":{"max":6}}). */
interface Bound {
  min?: number;
  max?: number;
  maxExclusive?: number;
}
type Thresholds = Partial<Record<Measurement, Bound>>;

const text = t.supplier.certification;

function boundText(bound: Bound): string {
  const parts: string[] = [];
  if (bound.min !== undefined) parts.push(text.min(bound.min));
  if (bound.max !== undefined) parts.push(text.max(bound.max));
  if (bound.maxExclusive !== undefined) parts.push(text.maxExclusive(bound.maxExclusive));
  return text.bound(parts);
}

/**
 * The same check the API makes (libs/catalog checkMeasurements), said next to each field before
 * sending: the supplier corrects a value without a round trip. The API remains the judge.
 */
function boundProblem(bound: Bound, value: number | undefined): string | undefined {
  if (value === undefined) return text.missing;
  if (bound.min !== undefined && value < bound.min) return text.belowMin(bound.min);
  if (bound.max !== undefined && value > bound.max) return text.aboveMax(bound.max);
  if (bound.maxExclusive !== undefined && value >= bound.maxExclusive)
    return text.notBelow(bound.maxExclusive);
  return undefined;
}

interface Evidence {
  standardCode: string;
  laboratory: string;
  reportNumber: string;
  testedOn: string;
  ceCertificateNumber: string;
  notifiedBody: string;
}

/** A product's evidence for the DGE: the test report's values against the chosen standard's thresholds. */
export function EvidenceForm(props: {
  product: { id: string; category: MaskCategory; standardCode: string; ceMarked: boolean };
  resubmission: boolean;
  onSubmitted: () => void;
}) {
  const { product } = props;
  const [standards] = useQuery({ query: MaskStandardsDocument });
  const [result, submitCertification] = useMutation(SubmitCertificationDocument);
  const [evidence, setEvidence] = useState<Evidence>({
    standardCode: product.standardCode,
    laboratory: '',
    reportNumber: '',
    testedOn: '',
    ceCertificateNumber: '',
    notifiedBody: '',
  });
  const [values, setValues] = useState<Partial<Record<Measurement, number>>>({});
  const [checked, setChecked] = useState(false);
  const set = (patch: Partial<Evidence>) => setEvidence((current) => ({ ...current, ...patch }));
  const options = (standards.data?.maskStandards ?? []).filter((s) => s.category === product.category);
  const standard = options.find((s) => s.code === evidence.standardCode);
  const thresholds = (standard?.thresholds ?? {}) as Thresholds;
  const measured = Object.entries(thresholds) as [Measurement, Bound][];
  const problem = apiProblem(result.error);
  // BAD_USER_INPUT from submitCertification lists every reason at once (extensions.problems).
  const problems = (result.error?.graphQLErrors[0]?.extensions?.problems as string[] | undefined) ?? [];
  const required = (value: string) => (checked && !value.trim() ? text.requiredField : undefined);

  const submit = async () => {
    setChecked(true);
    const incomplete =
      !evidence.laboratory.trim() ||
      !evidence.reportNumber.trim() ||
      !evidence.testedOn ||
      measured.some(([name, bound]) => boundProblem(bound, values[name]));
    if (incomplete) return;
    const answer = await submitCertification({
      input: {
        productId: product.id,
        standardCode: evidence.standardCode,
        laboratory: evidence.laboratory.trim(),
        reportNumber: evidence.reportNumber.trim(),
        testedOn: evidence.testedOn,
        ceCertificateNumber: evidence.ceCertificateNumber.trim() || null,
        notifiedBody: evidence.notifiedBody.trim() || null,
        measurements: Object.fromEntries(measured.map(([name]) => [name, values[name]])),
      },
    });
    if (!answer.error) {
      setChecked(false);
      props.onSubmitted();
    }
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <Stack>
        <Title order={2}>{text.evidenceTitle}</Title>
        <Alert color="blue" variant="outline">
          {text.evidenceIntro} {props.resubmission ? text.resubmitIntro : ''}
        </Alert>
        {problem && (
          <Alert color="red" role="alert" title={problems.length ? text.problemsTitle : undefined}>
            {problems.length ? (
              <List size="sm">
                {problems.map((line) => (
                  <List.Item key={line}>{line}</List.Item>
                ))}
              </List>
            ) : (
              problem.message
            )}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={text.fields.standard}
            required
            allowDeselect={false}
            data={options.map((s) => ({ value: s.code, label: `${s.code} — ${s.name}` }))}
            value={evidence.standardCode}
            onChange={(value) => value && set({ standardCode: value })}
            error={fieldError(problem, 'standardCode')}
          />
          <TextInput
            label={text.fields.laboratory}
            description={text.fields.laboratoryHint}
            required
            value={evidence.laboratory}
            onChange={(e) => set({ laboratory: e.currentTarget.value })}
            error={required(evidence.laboratory) ?? fieldError(problem, 'laboratory')}
          />
          <TextInput
            label={text.fields.reportNumber}
            required
            value={evidence.reportNumber}
            onChange={(e) => set({ reportNumber: e.currentTarget.value })}
            error={required(evidence.reportNumber) ?? fieldError(problem, 'reportNumber')}
          />
          <TextInput
            type="date"
            label={text.fields.testedOn}
            required
            value={evidence.testedOn}
            onChange={(e) => set({ testedOn: e.currentTarget.value })}
            error={required(evidence.testedOn) ?? fieldError(problem, 'testedOn')}
          />
          {product.ceMarked && (
            <>
              <TextInput
                label={text.fields.ceCertificateNumber}
                value={evidence.ceCertificateNumber}
                onChange={(e) => set({ ceCertificateNumber: e.currentTarget.value })}
                error={fieldError(problem, 'ceCertificateNumber')}
              />
              <TextInput
                label={text.fields.notifiedBody}
                value={evidence.notifiedBody}
                onChange={(e) => set({ notifiedBody: e.currentTarget.value })}
                error={fieldError(problem, 'notifiedBody')}
              />
            </>
          )}
        </SimpleGrid>
        {measured.length > 0 && (
          <>
            <Title order={3}>{text.measurementsTitle}</Title>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {measured.map(([name, bound]) => (
                <NumberInput
                  key={name}
                  label={text.measurements[name]}
                  description={boundText(bound)}
                  required
                  decimalSeparator=","
                  allowDecimal={name !== 'washes'}
                  value={values[name] ?? ''}
                  onChange={(value) =>
                    setValues((current) => ({
                      ...current,
                      [name]: typeof value === 'number' ? value : undefined,
                    }))
                  }
                  error={
                    (values[name] !== undefined || checked ? boundProblem(bound, values[name]) : undefined) ??
                    fieldError(problem, `measurements.${name}`)
                  }
                />
              ))}
            </SimpleGrid>
          </>
        )}
        <Group justify="flex-end">
          <Button type="submit" loading={result.fetching}>
            {text.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
