import { Select } from '@mantine/core';
import type { MaskCategory } from '../gql/graphql';
import { t } from '../i18n';
import { DEPARTMENT_OPTIONS, REGION_OPTIONS } from './geography';

const CATEGORY_OPTIONS = Object.entries(t.common.categories).map(([value, label]) => ({ value, label }));

/** A list's mask category filter: every category, or none ("Tous"). */
export function CategoryFilter(props: {
  label: string;
  value: MaskCategory | null;
  onChange: (category: MaskCategory | null) => void;
}) {
  return (
    <Select
      label={props.label}
      data={CATEGORY_OPTIONS}
      value={props.value}
      onChange={(value) => props.onChange(value as MaskCategory | null)}
      clearable
      placeholder={t.common.table.all}
    />
  );
}

/** A list's region filter (official regions, searchable), or none. */
export function RegionFilter(props: {
  label: string;
  value: string | null;
  onChange: (regionCode: string | null) => void;
}) {
  return (
    <Select
      label={props.label}
      data={REGION_OPTIONS}
      value={props.value}
      onChange={props.onChange}
      clearable
      searchable
      placeholder={t.common.table.all}
    />
  );
}

/** A list's department filter (official departments, searchable), or none. */
export function DepartmentFilter(props: {
  label: string;
  value: string | null;
  onChange: (departmentCode: string | null) => void;
}) {
  return (
    <Select
      label={props.label}
      data={DEPARTMENT_OPTIONS}
      value={props.value}
      onChange={props.onChange}
      clearable
      searchable
      placeholder={t.common.table.all}
    />
  );
}
