import { unitTimeline, UnitEventKind } from './unit-timeline';

const t = (minute: number) => new Date(Date.UTC(2020, 3, 10, 8, minute));

describe('unitTimeline', () => {
  it('tells a unit’s life in order: allocated, shipped, received with its serial corrected, transferred, received', () => {
    const events = unitTimeline({
      allocation: { createdAt: t(0), establishmentId: 'h1' },
      shipments: [
        {
          id: 't1',
          createdAt: t(30),
          dispatchedAt: t(30),
          establishmentId: 'h2',
          originEstablishmentId: 'h1',
          outcome: 'DAMAGED',
          acknowledgedAt: t(40),
        },
        {
          id: 's1',
          createdAt: t(1),
          dispatchedAt: t(2),
          establishmentId: 'h1',
          originEstablishmentId: null,
          outcome: 'RECEIVED',
          acknowledgedAt: t(10),
        },
      ],
      corrections: [
        {
          createdAt: t(10),
          shipmentId: 's1',
          correctedByOrganisationId: 'h1',
          previousSerialNumber: 'A',
          serialNumber: 'B',
        },
      ],
    });
    expect(events.map((event) => [event.kind, event.shipmentId])).toEqual([
      [UnitEventKind.ALLOCATED, null],
      [UnitEventKind.SHIPMENT_PREPARED, 's1'],
      [UnitEventKind.DISPATCHED, 's1'],
      [UnitEventKind.ACKNOWLEDGED, 's1'],
      [UnitEventKind.SERIAL_CORRECTED, 's1'],
      [UnitEventKind.TRANSFERRED, 't1'],
      [UnitEventKind.ACKNOWLEDGED, 't1'],
    ]);
    expect(events[5]).toMatchObject({ fromEstablishmentId: 'h1', establishmentId: 'h2' });
    expect(events[6]).toMatchObject({ outcome: 'DAMAGED' });
    expect(events[4]).toMatchObject({ previousSerialNumber: 'A', serialNumber: 'B' });
  });

  it('leaves out what has not happened yet', () => {
    const events = unitTimeline({
      allocation: { createdAt: t(0), establishmentId: 'h1' },
      shipments: [
        {
          id: 's1',
          createdAt: t(1),
          dispatchedAt: null,
          establishmentId: 'h1',
          originEstablishmentId: null,
          outcome: null,
          acknowledgedAt: null,
        },
      ],
      corrections: [],
    });
    expect(events.map((event) => event.kind)).toEqual([
      UnitEventKind.ALLOCATED,
      UnitEventKind.SHIPMENT_PREPARED,
    ]);
  });
});
