import { t } from '../../i18n';
import { siretProblem } from './siret';

/**
 * What is wrong with the SIRET typed so far, in plain French, or undefined. A number still being typed
 * (too few digits) is judged once `finished` (the field left, or the form sent).
 */
export function siretMessage(value: string, finished: boolean): string | undefined {
  const text = t.public.signUp;
  const problem = siretProblem(value);
  if (!value.trim() || !problem) return undefined;
  if (problem.kind === 'digits') return text.siretDigits;
  if (problem.kind === 'checksum') return text.siretChecksum;
  return finished || problem.count > 14 ? text.siretLength(problem.count) : undefined;
}
