import { addYears, bestCertificate, certificateDateProblems, certificationStatus, todayInVietnam } from './certification-rules';

describe('certificate rules', () => {
  // 1 December 2026, 10:00 in Vietnam.
  const now = new Date('2026-12-01T03:00:00Z');

  it('reads today in Vietnam time and adds years, keeping 29 February inside the month', () => {
    expect(todayInVietnam(new Date('2026-11-30T18:30:00Z'))).toBe('2026-12-01');
    expect(addYears('2026-12-01', 2)).toBe('2028-12-01');
    expect(addYears('2028-02-29', 1)).toBe('2029-02-28');
  });

  it('gives each certificate one status: revoked, expired, unverified, expiring within 30 days, or valid', () => {
    const verifiedAt = new Date('2026-01-01');
    expect(certificationStatus({ validUntil: '2027-06-30', verifiedAt, revokedAt: null }, now)).toBe('valid');
    expect(certificationStatus({ validUntil: '2026-12-31', verifiedAt, revokedAt: null }, now)).toBe('expiring');
    expect(certificationStatus({ validUntil: '2026-12-01', verifiedAt, revokedAt: null }, now)).toBe('expiring');
    expect(certificationStatus({ validUntil: '2026-11-30', verifiedAt, revokedAt: null }, now)).toBe('expired');
    expect(certificationStatus({ validUntil: '2027-06-30', verifiedAt: null, revokedAt: null }, now)).toBe('unverified');
    expect(certificationStatus({ validUntil: '2026-11-30', verifiedAt: null, revokedAt: null }, now)).toBe('expired');
    expect(certificationStatus({ validUntil: '2027-06-30', verifiedAt, revokedAt: new Date() }, now)).toBe('revoked');
  });

  it('picks the certificate a buyer would be shown first', () => {
    const a = { id: 'a', validUntil: '2027-06-30', verifiedAt: null, revokedAt: null };
    const b = { id: 'b', validUntil: '2027-01-15', verifiedAt: new Date(), revokedAt: null };
    const c = { id: 'c', validUntil: '2028-01-15', verifiedAt: new Date(), revokedAt: new Date() };
    expect(bestCertificate([a, b, c], now)?.id).toBe('b');
    expect(bestCertificate([a, c], now)?.id).toBe('a');
    expect(bestCertificate([], now)).toBeNull();
  });

  it('holds VietGAP to 2 years and GlobalG.A.P. to 1, from the issue date or else from today', () => {
    const fields = (c: Parameters<typeof certificateDateProblems>[0]) => certificateDateProblems(c, now).map((p) => p.field);
    expect(fields({ scheme: 'VietGAP', issuedAt: '2025-06-01', validUntil: '2027-06-01' })).toEqual([]);
    expect(fields({ scheme: 'VietGAP', issuedAt: '2025-06-01', validUntil: '2027-06-02' })).toEqual(['validUntil']);
    expect(fields({ scheme: 'VietGAP', issuedAt: null, validUntil: '2028-12-01' })).toEqual([]);
    expect(fields({ scheme: 'VietGAP', issuedAt: null, validUntil: '2028-12-02' })).toEqual(['validUntil']);
    expect(fields({ scheme: 'GlobalGAP', issuedAt: '2026-03-01', validUntil: '2027-03-02' })).toEqual(['validUntil']);
    expect(fields({ scheme: 'GlobalGAP', issuedAt: null, validUntil: '2025-03-31' })).toEqual([]);
    expect(fields({ scheme: 'Organic', issuedAt: '2026-01-01', validUntil: '2030-01-01' })).toEqual([]);
  });

  it('refuses an issue date after today and an end date not after the issue date', () => {
    const problems = certificateDateProblems(
      { scheme: 'Organic', issuedAt: '2026-12-02', validUntil: '2026-12-02' },
      now,
      'certifications.0.',
    );
    expect(problems.map((p) => p.field)).toEqual(['certifications.0.issuedAt', 'certifications.0.validUntil']);
  });
});
