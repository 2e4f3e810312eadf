/** The console words the API's refusals: every reason the server gives must have its French sentence. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import { t } from '../../../apps/web/src/i18n';
import { apiProblem, fieldError } from '../../../apps/web/src/components/errors';
import { BadInputError } from './errors';

const ROOT = join(__dirname, '../../..');
/** The libs whose input refusals carry a reason; the others (quotas, click & collect, equipment) join when worded. */
const WORDED_LIBS = ['catalog', 'matching', 'orders', 'certification', 'organisations', 'payments', 'core'];
/**
 * Reasons of refusals that are not the caller's input (CONFLICT: the object moved on, the stock ran
 * out): the console says them with the error code's own message.
 */
const NOT_INPUT_REFUSALS = new Set([
  'IDEMPOTENCY_KEY_REUSED',
  'ILLEGAL_TRANSITION',
  'INSUFFICIENT_STOCK',
  'NEED_CLOSED',
  'PROPOSAL_CLOSED',
  'VALIDITY_ENDED',
]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'migrations' ? [] : sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** Every reason literal the server's refusals use (`reason: 'UNKNOWN_STANDARD'`). */
function reasonsThrown(): Set<string> {
  const found = new Set<string>();
  for (const lib of WORDED_LIBS)
    for (const file of sourceFiles(join(ROOT, 'libs', lib)))
      for (const match of readFileSync(file, 'utf8').matchAll(/\breason: '([A-Z][A-Z0-9_]+)'/g))
        found.add(match[1]);
  return found;
}

/** What urql hands the console for a GraphQL error with these extensions. */
function refusal(message: string, extensions: Record<string, unknown>): CombinedError {
  return new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions })] });
}

/** The extensions of a BadInputError, as the API sends them. */
function sent(error: BadInputError): CombinedError {
  return refusal(error.message, { code: error.code, ...error.details });
}

describe('the French words for the API’s refusals', () => {
  it('has a sentence for every reason the server’s input refusals carry', () => {
    const thrown = [...reasonsThrown()].filter((reason) => !NOT_INPUT_REFUSALS.has(reason));
    // The scan finds the refusals (a broken pattern would find none and prove nothing).
    expect(thrown.length).toBeGreaterThan(60);
    expect(thrown).toEqual(expect.arrayContaining(['UNKNOWN_STANDARD', 'FIRST_TIER_ABOVE_MINIMUM']));
    expect(thrown.filter((reason) => !t.common.errors.reasons[reason])).toEqual([]);
  });

  it('writes every sentence whole, whatever figures come', () => {
    const args = new Proxy({}, { get: () => '2020-05-04' }) as Record<string, string>;
    for (const [reason, words] of Object.entries(t.common.errors.reasons)) {
      const sentence = words(args, {
        n: String,
        price: String,
        date: String,
        category: String,
        role: String,
      });
      expect([reason, sentence]).toEqual([reason, expect.stringMatching(/^[^\s].*\.$/)]);
      expect(sentence).not.toMatch(/undefined|\[object/);
    }
  });
});

describe('apiProblem', () => {
  it('words a refused field by its reason and figures', () => {
    const problem = apiProblem(
      sent(
        new BadInputError('Line 1: the minimum order is 1000', {
          field: 'lines[0].quantity',
          reason: 'QUANTITY_BELOW_MINIMUM_ORDER',
          args: { line: 1, minimumOrderQuantity: 1000 },
        }),
      ),
    );
    expect(problem?.code).toBe('BAD_USER_INPUT');
    expect(fieldError(problem, 'lines')).toBe('Le minimum de commande est de 1\u202f000 masques.');
  });

  it('puts each problem of a list at its own field, several at one field one after the other', () => {
    const problem = apiProblem(
      sent(
        new BadInputError('…', {
          field: 'priceTiers[0]',
          problems: [
            {
              field: 'priceTiers[0]',
              message: 'the first tier must apply from the minimum order (1000) or less',
              reason: 'FIRST_TIER_ABOVE_MINIMUM',
              args: { minimumOrderQuantity: 1000, minQuantity: 2000 },
            },
            {
              field: 'priceTiers[1]',
              message: 'price tiers must be in increasing order of minQuantity',
              reason: 'TIERS_NOT_INCREASING',
              args: { minQuantity: 500, previousMinQuantity: 2000 },
            },
            {
              field: 'priceTiers[1]',
              message: 'a larger quantity cannot cost more per unit than a smaller one',
              reason: 'TIER_PRICE_ABOVE_PREVIOUS',
              args: { unitPriceMicros: 3_000_000, previousUnitPriceMicros: 2_750_000 },
            },
            {
              field: 'warehouseDepartmentCode',
              message: 'Unknown department code "20"',
              reason: 'SOMETHING_NEW',
            },
          ],
        }),
      ),
    );
    expect(problem?.fields).toEqual({
      'priceTiers[0]':
        'Le premier palier doit s’appliquer dès le minimum de commande (1\u202f000 masques) ou avant : il commence ici à 2\u202f000.',
      'priceTiers[1]':
        'Les paliers vont par quantités croissantes : celui-ci (à partir de 500) doit commencer au-delà du précédent (2\u202f000). ' +
        'Une plus grande quantité ne peut pas coûter plus cher à l’unité : 3,00\u00a0€ ici, 2,75\u00a0€ au palier précédent.',
      // A reason the console does not know yet: the API's sentence.
      warehouseDepartmentCode: 'Valeur refusée : Unknown department code "20"',
    });
  });

  it('keeps the API’s sentence for a refusal without a reason, and words the validation’s rules as before', () => {
    expect(apiProblem(refusal('Unknown thing', { code: 'BAD_USER_INPUT', field: 'finess' }))?.fields).toEqual(
      {
        finess: 'Valeur refusée : Unknown thing',
      },
    );
    const validation = apiProblem(
      refusal('quantity must not be less than 1', {
        code: 'BAD_USER_INPUT',
        fields: { quantity: ['quantity must not be less than 1'] },
        rules: { quantity: [{ rule: 'min', args: [1] }] },
      }),
    );
    expect(validation?.fields).toEqual({ quantity: 'Au moins 1.' });
    expect(validation?.message).toBe(t.common.errors.BAD_USER_INPUT);
  });

  it('says the reason of a refused input that names no field instead of the generic message', () => {
    const problem = apiProblem(
      sent(
        new BadInputError('An organisation cannot subcontract to itself', {
          reason: 'SUBCONTRACTOR_IS_SELF',
        }),
      ),
    );
    expect(problem).toEqual({
      code: 'BAD_USER_INPUT',
      message: 'Une organisation ne peut pas être son propre sous-traitant.',
      fields: {},
    });
    // Another code keeps its own message, whatever its reason.
    expect(apiProblem(refusal('closed', { code: 'CONFLICT', reason: 'NEED_CLOSED' }))?.message).toBe(
      t.common.errors.CONFLICT,
    );
  });
});
