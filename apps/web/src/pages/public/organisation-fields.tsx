import { NumberInput, Select, TextInput } from '@mantine/core';
import { DEPARTMENT_OPTIONS } from '../../components/geography';

export interface PlaceValues {
  departmentCode: string | null;
  city: string;
  headcount: number | string;
  salesContact: string;
}

interface PlaceFieldsProps {
  values: PlaceValues;
  onChange: (values: PlaceValues) => void;
  labels: { department: string; city: string; headcount: string; salesContact: string };
  salesContactHint?: string;
  /** The API's message for a field of UpdateOrganisationInput / OrganisationInput, by its name. */
  errorOf: (field: keyof PlaceValues) => string | undefined;
}

/** Where an organisation is, its size and public contact: the same fields at sign-up and in its details. */
export function PlaceFields({ values, onChange, labels, salesContactHint, errorOf }: PlaceFieldsProps) {
  const set = (change: Partial<PlaceValues>) => onChange({ ...values, ...change });
  return (
    <>
      <Select
        label={labels.department}
        required
        searchable
        data={DEPARTMENT_OPTIONS}
        value={values.departmentCode}
        onChange={(departmentCode) => set({ departmentCode })}
        error={errorOf('departmentCode')}
      />
      <TextInput
        label={labels.city}
        autoComplete="address-level2"
        value={values.city}
        onChange={(e) => set({ city: e.currentTarget.value })}
        error={errorOf('city')}
      />
      <NumberInput
        label={labels.headcount}
        required
        min={0}
        max={2_000_000}
        allowDecimal={false}
        allowNegative={false}
        value={values.headcount}
        onChange={(headcount) => set({ headcount })}
        error={errorOf('headcount')}
      />
      <TextInput
        label={labels.salesContact}
        description={salesContactHint}
        value={values.salesContact}
        onChange={(e) => set({ salesContact: e.currentTarget.value })}
        error={errorOf('salesContact')}
      />
    </>
  );
}
