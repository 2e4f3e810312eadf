import type { CombinedError } from 'urql';
import { format, t } from '../i18n';
import type { RefusalArgs, RefusalFormat } from '../i18n/fr/common';

/** What the API says went wrong, in plain French, and which fields it concerns. */
export interface ApiProblem {
  code: string;
  message: string;
  /** Field path (as in the mutation's input, e.g. `siret` or `lines.0.quantity`) → French message. */
  fields: Record<string, string>;
}

type BrokenRule = { rule: string; args: (string | number)[] };
/** Why the API refused a value: a stable code and the figures of its sentence. */
type Refusal = { reason: string; args?: RefusalArgs };
type Extensions = {
  code?: string;
  field?: string;
  /** English messages, path by path, in the order of `rules` (input validation) or `reasons` (the services' rules). */
  fields?: Record<string, string[]>;
  rules?: Record<string, BrokenRule[]>;
  reasons?: Record<string, Refusal[]>;
  /** The reason of a refusal that names no field. */
  reason?: string;
  args?: RefusalArgs;
};

const refusalFormat: RefusalFormat = {
  n: (value) => (typeof value === 'number' ? format.number(value) : value),
  price: (micros) => format.micros(Number(micros)),
  date: (iso) => format.date(String(iso)),
  category: (code) => t.common.categories[code as keyof typeof t.common.categories] ?? String(code),
  role: (code) => t.common.roles[code as keyof typeof t.common.roles] ?? code,
};

/** A refusal in French, when the console knows its reason. */
function refusalText(refusal: Refusal | undefined): string | undefined {
  if (!refusal) return undefined;
  return t.common.errors.reasons[refusal.reason]?.(refusal.args ?? {}, refusalFormat);
}

/** One field's problems in French: each rule or reason the console knows in its words, the others in the API's. */
function fieldMessage(
  messages: string[],
  rules: BrokenRule[] | undefined,
  reasons: Refusal[] | undefined,
): string {
  const words = messages.map((message, i) => {
    const rule = rules?.[i];
    const known = rule && t.common.errors.rules[rule.rule];
    if (known) return known(rule.args);
    return refusalText(reasons?.[i]) ?? t.common.errors.fieldRefused(message);
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
    fields[path] = fieldMessage(messages, extensions.rules?.[path], extensions.reasons?.[path]);
  if (extensions.field && !(extensions.field in fields))
    fields[extensions.field] = t.common.errors.fieldRefused(first.message);
  // A refused input that names no field: its reason in words, when the console knows it.
  const unplaced =
    code === 'BAD_USER_INPUT' && !extensions.field && extensions.reason
      ? refusalText({ reason: extensions.reason, args: extensions.args })
      : undefined;
  const known = (t.common.errors as Record<string, unknown>)[code];
  return { code, message: unplaced ?? (typeof known === 'string' ? known : first.message), fields };
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
