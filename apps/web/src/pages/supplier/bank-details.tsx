import { useState } from 'react';
import { Alert, Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { format, t } from '../../i18n';
import { apiProblem, fieldError } from '../../components/errors';
import { useSession } from '../../session/session';

const MyBankDetailsDocument = graphql(`
  query MyBankDetails {
    myBankDetails {
      accountHolder
      iban
      bic
      updatedAt
    }
  }
`);

const SetMyBankDetailsDocument = graphql(`
  mutation SetMyBankDetails($input: BankDetailsInput!) {
    setMyBankDetails(input: $input) {
      accountHolder
      iban
      bic
      updatedAt
    }
  }
`);

const text = t.supplier.bank;

/** The account bank-transfer buyers pay; the supplier's admin declares it (the API checks IBAN and BIC). */
export default function BankDetailsPage() {
  const { viewer } = useSession();
  const admin = !!viewer?.roles.includes('ORG_ADMIN');
  const [current] = useQuery({ query: MyBankDetailsDocument });
  const [saved, save] = useMutation(SetMyBankDetailsDocument);
  const [edits, setEdits] = useState<{ accountHolder?: string; iban?: string; bic?: string }>({});
  const problem = apiProblem(saved.error);
  const account = saved.data?.setMyBankDetails ?? current.data?.myBankDetails;
  // Until edited, the fields show the account in force.
  const value = {
    accountHolder: edits.accountHolder ?? account?.accountHolder ?? '',
    iban: edits.iban ?? account?.iban ?? '',
    bic: edits.bic ?? account?.bic ?? '',
  };

  const submit = async () => {
    const answer = await save({ input: value });
    if (!answer.error) {
      notifications.show({ color: 'green', message: text.saved });
      setEdits({});
    }
  };
  return (
    <Stack maw={640}>
      <Title order={1}>{text.title}</Title>
      <Text>{text.intro}</Text>
      {current.data && (
        <Alert color={account ? 'blue' : 'orange'} variant="outline">
          {account ? text.current(account.iban, account.bic, format.date(account.updatedAt)) : text.none}
        </Alert>
      )}
      {!admin && <Alert color="gray">{text.adminOnly}</Alert>}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <Stack>
          {problem && !Object.keys(problem.fields).length && (
            <Alert color="red" role="alert">
              {problem.message}
            </Alert>
          )}
          <TextInput
            label={text.accountHolder}
            required
            readOnly={!admin}
            maxLength={70}
            value={value.accountHolder}
            onChange={(e) => setEdits({ ...edits, accountHolder: e.currentTarget.value })}
            error={fieldError(problem, 'accountHolder')}
          />
          <TextInput
            label={text.iban}
            description={text.ibanHint}
            required
            readOnly={!admin}
            value={value.iban}
            onChange={(e) => setEdits({ ...edits, iban: e.currentTarget.value })}
            error={fieldError(problem, 'iban')}
          />
          <TextInput
            label={text.bic}
            required
            readOnly={!admin}
            value={value.bic}
            onChange={(e) => setEdits({ ...edits, bic: e.currentTarget.value })}
            error={fieldError(problem, 'bic')}
          />
          {admin && (
            <Group justify="flex-end">
              <Button type="submit" loading={saved.fetching}>
                {text.save}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Stack>
  );
}
