import { useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { t } from '../i18n';

const OrganisationSearchDocument = graphql(`
  query OrganisationSearch($search: String) {
    organisations(first: 20, search: $search) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

interface OrganisationPickerProps {
  label: string;
  value: string | null;
  onChange: (id: string | null) => void;
}

/** Any organisation, found by the server as its name is typed (there may be thousands). */
export function OrganisationPicker({ label, value, onChange }: OrganisationPickerProps) {
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<{ value: string; label: string } | null>(null);
  const [debounced] = useDebouncedValue(search, 250);
  // Typing the chosen name again is not a new search.
  const term = chosen && debounced === chosen.label ? '' : debounced.trim();
  const [result] = useQuery({ query: OrganisationSearchDocument, variables: { search: term || null } });
  const found = (result.data?.organisations.edges ?? []).map(({ node }) => ({
    value: node.id,
    label: node.name,
  }));
  const options = chosen && !found.some((o) => o.value === chosen.value) ? [chosen, ...found] : found;
  return (
    <Select
      label={label}
      data={options}
      value={value}
      onChange={(id, option) => {
        setChosen(id ? option : null);
        onChange(id);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already filtered by name: every option it sent is shown.
      filter={({ options: all }) => all}
      nothingFoundMessage={result.fetching ? t.common.table.loading : t.common.table.empty}
      clearable
      placeholder={t.common.table.all}
    />
  );
}
