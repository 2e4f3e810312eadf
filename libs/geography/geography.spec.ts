import { departmentCount, findDepartment, findRegion, regionCount } from './geography';

describe('geography', () => {
  it('knows the 101 departments and 18 regions', () => {
    expect(departmentCount()).toBe(101);
    expect(regionCount()).toBe(18);
  });

  it('maps a department to its region, Corsica and overseas included', () => {
    expect(findDepartment('67')).toMatchObject({
      name: 'Bas-Rhin',
      regionCode: '44',
      regionName: 'Grand Est',
    });
    expect(findDepartment('2a')).toMatchObject({ code: '2A', regionCode: '94' });
    expect(findDepartment('976')).toMatchObject({ regionCode: '06' });
  });

  it('refuses unknown codes and overseas collectivities outside the 101', () => {
    expect(findDepartment('20')).toBeUndefined();
    expect(findDepartment('975')).toBeUndefined();
    expect(findRegion('975')).toBeUndefined();
  });
});
