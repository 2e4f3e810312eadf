import { useState } from 'react';
import { Alert, Button, Card, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { apiProblem, fieldError } from '../../components/errors';

const CancelOrderDocument = graphql(`
  mutation CancelOrder($id: ID!, $reason: String!) {
    cancelOrder(id: $id, reason: $reason) {
      ...OrderDetail
    }
  }
`);

/** Cancels an order with a reason (either side; the API says whether it is still allowed). */
export function CancelOrderForm(props: {
  orderId: string;
  title: string;
  reasonLabel: string;
  submitLabel: string;
  doneMessage: string;
}) {
  const [reason, setReason] = useState('');
  const [result, cancel] = useMutation(CancelOrderDocument);
  const problem = apiProblem(result.error);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const outcome = await cancel({ id: props.orderId, reason: reason.trim() });
    if (!outcome.error) notifications.show({ color: 'green', message: props.doneMessage });
  };
  return (
    <Card withBorder component="section" aria-labelledby="order-cancel">
      <form onSubmit={(event) => void submit(event)}>
        <Stack>
          <Title order={2} id="order-cancel">
            {props.title}
          </Title>
          {problem && !fieldError(problem, 'reason') && (
            <Alert color="red" role="alert">
              {problem.message}
            </Alert>
          )}
          <TextInput
            label={props.reasonLabel}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            required
            error={fieldError(problem, 'reason')}
          />
          <Button type="submit" color="red" variant="outline" loading={result.fetching} w="fit-content">
            {props.submitLabel}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
