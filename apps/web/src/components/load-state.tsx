import { Alert, Center, Loader } from '@mantine/core';
import type { CombinedError } from 'urql';
import { t } from '../i18n';
import { apiProblem } from './errors';

/** What a page shows before its record is there: the API's refusal, or a loader while it comes. */
export function LoadState({ error }: { error?: CombinedError }) {
  const problem = apiProblem(error);
  return problem ? (
    <Alert color="red" role="alert">
      {problem.message}
    </Alert>
  ) : (
    <Center py="xl">
      <Loader aria-label={t.common.table.loading} />
    </Center>
  );
}
