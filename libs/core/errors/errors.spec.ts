import { BadInputError } from './errors';

describe('BadInputError', () => {
  it('reports a refused field with its reason and figures path by path, as the validation does', () => {
    const error = new BadInputError('the minimum order is 1000', {
      field: 'lines[0].quantity',
      reason: 'QUANTITY_BELOW_MINIMUM_ORDER',
      args: { minimumOrderQuantity: 1000 },
    });
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toBe('the minimum order is 1000');
    expect(error.details).toEqual({
      field: 'lines[0].quantity',
      reason: 'QUANTITY_BELOW_MINIMUM_ORDER',
      args: { minimumOrderQuantity: 1000 },
      fields: { 'lines[0].quantity': ['the minimum order is 1000'] },
      reasons: {
        'lines[0].quantity': [
          { reason: 'QUANTITY_BELOW_MINIMUM_ORDER', args: { minimumOrderQuantity: 1000 } },
        ],
      },
    });
  });

  it('groups a list of problems by field, in order, and keeps the list as it was', () => {
    const problems = [
      { field: 'priceTiers[1]', message: 'not increasing', reason: 'TIERS_NOT_INCREASING' },
      { field: 'quantity', message: 'not a multiple', reason: 'QUANTITY_NOT_MULTIPLE_OF_INCREMENT' },
      { field: 'priceTiers[1]', message: 'dearer', reason: 'TIER_PRICE_ABOVE_PREVIOUS', args: { a: 1 } },
    ];
    const error = new BadInputError('not increasing; not a multiple; dearer', {
      field: 'priceTiers[1]',
      problems,
    });
    expect(error.details).toEqual({
      field: 'priceTiers[1]',
      problems,
      fields: { 'priceTiers[1]': ['not increasing', 'dearer'], quantity: ['not a multiple'] },
      reasons: {
        'priceTiers[1]': [
          { reason: 'TIERS_NOT_INCREASING' },
          { reason: 'TIER_PRICE_ABOVE_PREVIOUS', args: { a: 1 } },
        ],
        quantity: [{ reason: 'QUANTITY_NOT_MULTIPLE_OF_INCREMENT' }],
      },
    });
  });

  it('takes field refusals given beside details of another shape, without reporting them twice', () => {
    const error = new BadInputError('The evidence does not support the claim: in the future', {
      problems: ['in the future'],
      refusals: [{ field: 'testedOn', message: 'in the future', reason: 'TESTED_ON_IN_FUTURE' }],
    });
    expect(error.details).toEqual({
      problems: ['in the future'],
      fields: { testedOn: ['in the future'] },
      reasons: { testedOn: [{ reason: 'TESTED_ON_IN_FUTURE' }] },
    });
  });

  it('leaves details without a field reason, and the validation pipe’s own fields, as they are', () => {
    expect(
      new BadInputError('Invalid cursor', { argument: 'after', reason: 'INVALID_CURSOR' }).details,
    ).toEqual({
      argument: 'after',
      reason: 'INVALID_CURSOR',
    });
    expect(new BadInputError('x', { field: 'roles' }).details).toEqual({ field: 'roles' });
    const validation = { validationErrors: ['bad'], fields: { name: ['bad'] }, rules: { name: [] } };
    expect(new BadInputError('bad', validation).details).toBe(validation);
    expect(new BadInputError('bad').details).toBeUndefined();
  });
});
