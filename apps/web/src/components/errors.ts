import type { CombinedError } from 'urql';
import { t } from '../i18n';

/** What the API says went wrong, in plain French, and which fields it concerns. */
export interface ApiProblem {
  code: string;
  message: string;
  /** Field path (as in the mutation's input, e.g. `siret` or `lines.0.quantity`) → French message. */
  fields: Record<string, string>;
}

type BrokenRule = { rule: string; args: (string | number)[] };
type Extensions = {
  code?: string;
  field?: string;
  /** English messages, path by path, in the order of `rules`. */
  fields?: Record<string, string[]>;
  rules?: Record<string, BrokenRule[]>;
};

/** One field's problems in French: each rule the console knows in its words, the others in the API's. */
function fieldMessage(messages: string[], rules: BrokenRule[] | undefined): string {
  const words = messages.map((message, i) => {
    const rule = rules?.[i];
    const known = rule && t.common.errors.rules[rule.rule];
    return known ? known(rule.args) : t.common.errors.fieldRefused(message);
  });
  return words.join(' ');
}

export function apiProblem(error: CombinedError | Error | null | undefined): ApiProblem | null {
  if (!error) return null;
  const graphQLErrors = 'graphQLErrors' in error ? error.graphQLErrors : [];
  if (!graphQLErrors.length) {
    const network = 'networkError' in error && error.networkError;
    return { code: 'NETWORK', message: network ? t.common.errors.NETWORK : error.message, fields: {} };
  }
  const first = graphQLErrors[0];
  const extensions = (first.extensions ?? {}) as Extensions;
  const code = extensions.code ?? 'INTERNAL_SERVER_ERROR';
  const fields: Record<string, string> = {};
  for (const [path, messages] of Object.entries(extensions.fields ?? {}))
    fields[path] = fieldMessage(messages, extensions.rules?.[path]);
  if (extensions.field) fields[extensions.field] = t.common.errors.fieldRefused(first.message);
  const known = (t.common.errors as Record<string, unknown>)[code];
  return { code, message: typeof known === 'string' ? known : first.message, fields };
}

/**
 * The message for one field, matching its path or any path beneath it: `lines` for `lines.0.quantity`
 * (the validation's paths) and for `priceTiers[0]` (the services' paths).
 */
export function fieldError(problem: ApiProblem | null, path: string): string | undefined {
  if (!problem) return undefined;
  return (
    problem.fields[path] ??
    Object.entries(problem.fields).find(
      ([key]) => key.startsWith(`${path}.`) || key.startsWith(`${path}[`),
    )?.[1]
  );
}
