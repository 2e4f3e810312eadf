import { MaskCategory } from '@masks/catalog';
import { evidenceProblems, type ClaimedStandard, type EvidenceClaim } from './evidence';

const UNS1: ClaimedStandard = {
  name: 'AFNOR SPEC S76-001 (UNS1)',
  category: MaskCategory.UNS1,
  thresholds: { particleFiltration3umPct: { min: 90 }, airPermeabilityLm2s: { min: 96 }, washes: { min: 5 } },
};
const FFP2: ClaimedStandard = {
  name: 'EN 149+A1:2009 (FFP2)',
  category: MaskCategory.FFP2,
  thresholds: { filterPenetrationPct: { max: 6 } },
};
const NOW = new Date('2020-04-20T10:00:00Z');

const unsClaim = (overrides: Partial<EvidenceClaim> = {}): EvidenceClaim => ({
  productCategory: MaskCategory.UNS1,
  productCeMarked: false,
  laboratory: 'DGA Maîtrise NRBC',
  testedOn: new Date('2020-04-10'),
  measurements: { particleFiltration3umPct: 93, airPermeabilityLm2s: 120, washes: 10 },
  ...overrides,
});

describe('evidenceProblems', () => {
  it('accepts a UNS1 report of the DGA meeting every threshold', () => {
    expect(evidenceProblems(UNS1, unsClaim(), NOW)).toEqual([]);
  });

  it('refuses a UNS1 claim with 85 % filtration, naming the measure, the value and the minimum', () => {
    const problems = evidenceProblems(
      UNS1,
      unsClaim({ measurements: { particleFiltration3umPct: 85, airPermeabilityLm2s: 120, washes: 10 } }),
      NOW,
    );
    expect(problems).toEqual([
      'filtration of 3 µm particles (%) is 85, below the 90 minimum of AFNOR SPEC S76-001 (UNS1)',
    ]);
  });

  it('lists every problem at once', () => {
    const problems = evidenceProblems(
      UNS1,
      unsClaim({
        laboratory: 'Labo privé',
        testedOn: new Date('2020-05-01'),
        measurements: { particleFiltration3umPct: 85 },
      }),
      NOW,
    );
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/DGA/);
    expect(problems.join('\n')).toMatch(/future/);
    expect(problems.join('\n')).toMatch(/requires the air permeability/);
    expect(problems.join('\n')).toMatch(/requires the number of washes/);
  });

  it('refuses a standard of another category', () => {
    expect(evidenceProblems(FFP2, unsClaim(), NOW)[0]).toBe(
      'EN 149+A1:2009 (FFP2) certifies FFP2 masks, not UNS1',
    );
  });

  it('asks a CE-marked respirator for its certificate and notified body', () => {
    const claim: EvidenceClaim = {
      productCategory: MaskCategory.FFP2,
      productCeMarked: true,
      laboratory: 'Apave',
      testedOn: new Date('2020-03-01'),
      measurements: { filterPenetrationPct: 4 },
    };
    expect(evidenceProblems(FFP2, claim, NOW)).toHaveLength(2);
    expect(
      evidenceProblems(
        FFP2,
        { ...claim, ceCertificateNumber: '0082/1234', notifiedBody: 'Apave (0082)' },
        NOW,
      ),
    ).toEqual([]);
  });
});
