import { batchCapacity, labelAllowance } from './batch-capacity';

describe('batchCapacity', () => {
  it('divides a weighed batch by the package weight', () => {
    expect(batchCapacity(1200, 'kg', 2)).toBe(600);
    expect(batchCapacity(1.2, 'tonne', 2)).toBe(600);
    expect(batchCapacity(1200, 'kg', 0.4)).toBe(3000);
    expect(batchCapacity(1201.9, 'kg', 2)).toBe(600);
  });

  it('counts one label per kg when the product has no package weight, one per unit for counted batches', () => {
    expect(batchCapacity(150.5, 'kg', null)).toBe(150);
    expect(batchCapacity(80, 'box', 2)).toBe(80);
  });

  it('adds the tolerance', () => {
    expect(labelAllowance(600, 0.05)).toBe(630);
    expect(labelAllowance(600, 0)).toBe(600);
  });
});
