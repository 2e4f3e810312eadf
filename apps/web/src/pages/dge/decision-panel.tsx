import { useState } from 'react';
import { Alert, Button, Group, Modal, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { DateInput, DatesProvider } from '@mantine/dates';
import '@mantine/dates/styles.css';
import 'dayjs/locale/fr';
import { notifications } from '@mantine/notifications';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { CertificationStatus } from '../../gql/graphql';
import { format, t } from '../../i18n';
import { apiProblem, fieldError, type ApiProblem } from '../../components/errors';

const Validate = graphql(`
  mutation DgeValidateCertification($id: ID!, $validUntil: DateTime!) {
    validateCertification(id: $id, validUntil: $validUntil) {
      id
      status
      statusReason
      validFrom
      validUntil
    }
  }
`);
const Reject = graphql(`
  mutation DgeRejectCertification($id: ID!, $reason: String!) {
    rejectCertification(id: $id, reason: $reason) {
      id
      status
      statusReason
    }
  }
`);
const Suspend = graphql(`
  mutation DgeSuspendCertification($id: ID!, $reason: String!) {
    suspendCertification(id: $id, reason: $reason) {
      id
      status
      statusReason
    }
  }
`);
const Reinstate = graphql(`
  mutation DgeReinstateCertification($id: ID!) {
    reinstateCertification(id: $id) {
      id
      status
      statusReason
    }
  }
`);
const Revoke = graphql(`
  mutation DgeRevokeCertification($id: ID!, $reason: String!) {
    revokeCertification(id: $id, reason: $reason) {
      id
      status
      statusReason
    }
  }
`);

type Decision = 'VALIDATE' | 'REJECT' | 'SUSPEND' | 'REINSTATE' | 'REVOKE';

/** What the DGE may decide from each status (as the API's state machine allows). */
const AVAILABLE: Record<CertificationStatus, Decision[]> = {
  SUBMITTED: ['VALIDATE', 'REJECT'],
  VALIDATED: ['SUSPEND', 'REVOKE'],
  SUSPENDED: ['REINSTATE', 'REVOKE'],
  REJECTED: [],
  REVOKED: [],
  EXPIRED: [],
};
const NEEDS_REASON = new Set<Decision>(['REJECT', 'SUSPEND', 'REVOKE']);
const DESTRUCTIVE = new Set<Decision>(['REJECT', 'SUSPEND', 'REVOKE']);

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** DD/MM/YYYY as the French type dates; YYYY-MM-DD (the picker's own) too. */
function parseFrenchDate(value: string): string | null {
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim());
  const day = french
    ? `${french[3]}-${french[2].padStart(2, '0')}-${french[1].padStart(2, '0')}`
    : value.trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(day)) ? day : null;
}

/**
 * The decisions open to the DGE on one certification: each asks for confirmation, and what the API
 * refuses (a missing reason, a past date) is shown next to its field.
 */
export function DecisionPanel(props: { id: string; status: CertificationStatus; onDecided: () => void }) {
  const text = t.dge.decide;
  const available = AVAILABLE[props.status];
  const [validUntil, setValidUntil] = useState<string | null>(() =>
    isoDay(new Date(Date.now() + 180 * DAY_MS)),
  );
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState<Decision | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [validateState, validate] = useMutation(Validate);
  const [rejectState, reject] = useMutation(Reject);
  const [suspendState, suspend] = useMutation(Suspend);
  const [reinstateState, reinstate] = useMutation(Reinstate);
  const [revokeState, revoke] = useMutation(Revoke);
  const busy = [validateState, rejectState, suspendState, reinstateState, revokeState].some(
    (s) => s.fetching,
  );

  if (!available.length)
    return (
      <Paper withBorder p="md">
        <Title order={2} size="h3" mb="sm">
          {text.title}
        </Title>
        <Text>{text.noAction}</Text>
      </Paper>
    );

  const run = async (decision: Decision) => {
    const id = props.id;
    if (decision === 'VALIDATE' && !validUntil) {
      setPending(null);
      setProblem({ code: 'BAD_USER_INPUT', message: '', fields: { validUntil: text.dateRequired } });
      return;
    }
    // The reason goes as typed, even empty: the API says what it requires, next to the field.
    const result =
      decision === 'VALIDATE'
        ? await validate({ id, validUntil: new Date(validUntil as string).toISOString() })
        : decision === 'REJECT'
          ? await reject({ id, reason })
          : decision === 'SUSPEND'
            ? await suspend({ id, reason })
            : decision === 'REINSTATE'
              ? await reinstate({ id })
              : await revoke({ id, reason });
    setPending(null);
    const refused = apiProblem(result.error);
    setProblem(refused);
    if (refused) return;
    setReason('');
    notifications.show({ color: 'green', message: text.done[decision] });
    props.onDecided();
  };

  const fieldMessage = (path: string) => fieldError(problem, path);
  const general = problem && !Object.keys(problem.fields).length ? problem.message : null;
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h3" mb="sm">
        {text.title}
      </Title>
      <Stack>
        {available.includes('VALIDATE') && (
          <DatesProvider settings={{ locale: 'fr' }}>
            <DateInput
              label={text.validUntil}
              description={text.validUntilHint}
              value={validUntil}
              onChange={setValidUntil}
              valueFormat="DD/MM/YYYY"
              dateParser={parseFrenchDate}
              error={fieldMessage('validUntil')}
              maw={260}
            />
          </DatesProvider>
        )}
        {available.some((decision) => NEEDS_REASON.has(decision)) && (
          <Textarea
            label={text.reason}
            description={text.reasonHint}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={fieldMessage('reason')}
            autosize
            minRows={2}
          />
        )}
        {general && (
          <Alert color="red" role="alert">
            {general}
          </Alert>
        )}
        <Group>
          {available.map((decision) => (
            <Button
              key={decision}
              color={DESTRUCTIVE.has(decision) ? 'red' : undefined}
              variant={DESTRUCTIVE.has(decision) ? 'outline' : 'filled'}
              onClick={() => setPending(decision)}
              disabled={busy}
            >
              {text.actions[decision]}
            </Button>
          ))}
        </Group>
      </Stack>
      <Modal
        opened={pending !== null}
        onClose={() => setPending(null)}
        closeButtonProps={{ 'aria-label': t.common.actions.close }}
        title={pending ? text.confirmTitle[pending] : ''}
      >
        {pending && (
          <Stack>
            <Text>{text.confirmBody[pending](validUntil ? format.date(validUntil) : text.noDate)}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPending(null)}>
                {t.common.actions.cancel}
              </Button>
              <Button
                color={DESTRUCTIVE.has(pending) ? 'red' : undefined}
                loading={busy}
                onClick={() => void run(pending)}
              >
                {t.common.actions.confirm}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Paper>
  );
}
