import { productValidity } from './product-validity';

const DEROGATION_END = new Date('2020-05-31T22:00:00Z');

describe('productValidity', () => {
  it('is uncertified without a validated certification', () => {
    expect(productValidity([])).toEqual({ certifiedUntil: null, nativelyCertifiedUntil: null });
  });

  it('caps a derogation certificate at its window and leaves the native end empty', () => {
    const validity = productValidity([
      { validUntil: new Date('2021-01-01'), standardValidUntil: DEROGATION_END, native: false },
    ]);
    expect(validity).toEqual({ certifiedUntil: DEROGATION_END, nativelyCertifiedUntil: null });
  });

  it('takes the latest end, natively and overall', () => {
    const validity = productValidity([
      { validUntil: new Date('2020-09-01'), standardValidUntil: null, native: true },
      { validUntil: new Date('2020-12-01'), standardValidUntil: null, native: true },
      { validUntil: new Date('2021-06-01'), standardValidUntil: new Date('2021-03-01'), native: false },
    ]);
    expect(validity).toEqual({
      certifiedUntil: new Date('2021-03-01'),
      nativelyCertifiedUntil: new Date('2020-12-01'),
    });
  });
});
