/**
 * Addresses under the two tiers in force since 1 July 2025 (province, commune) and the old three
 * (province, district, commune). A report filtered by a current province also counts records made under a
 * province merged into it (Resolution 202/2025/QH15): a household registered in "Hải Dương" is in "Hải Phòng".
 * Names compare without case, "tỉnh"/"thành phố"/"xã"/"phường" prefixes or Unicode form differences; district
 * is never needed to match.
 */
const MERGED_INTO: Record<string, string[]> = {
  'tuyên quang': ['hà giang'],
  'lào cai': ['yên bái'],
  'thái nguyên': ['bắc kạn'],
  'phú thọ': ['vĩnh phúc', 'hòa bình'],
  'bắc ninh': ['bắc giang'],
  'hưng yên': ['thái bình'],
  'hải phòng': ['hải dương'],
  'ninh bình': ['hà nam', 'nam định'],
  'quảng trị': ['quảng bình'],
  'đà nẵng': ['quảng nam'],
  'quảng ngãi': ['kon tum'],
  'gia lai': ['bình định'],
  'khánh hòa': ['ninh thuận'],
  'lâm đồng': ['đắk nông', 'bình thuận'],
  'đắk lắk': ['phú yên'],
  'hồ chí minh': ['bình dương', 'bà rịa - vũng tàu', 'bà rịa vũng tàu'],
  'đồng nai': ['bình phước'],
  'tây ninh': ['long an'],
  'cần thơ': ['sóc trăng', 'hậu giang'],
  'vĩnh long': ['bến tre', 'trà vinh'],
  'đồng tháp': ['tiền giang'],
  'cà mau': ['bạc liêu'],
  'an giang': ['kiên giang'],
};

export function normaliseArea(name: string): string {
  return name
    .normalize('NFC')
    .toLowerCase()
    .replace(/[–—]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(tỉnh|thành phố|tp\.?|xã|phường|thị trấn|đặc khu)\s+/, '')
    .replace(/^(hoà)/, 'hòa')
    .replace(/oà/g, 'òa')
    .replace(/oá/g, 'óa')
    .replace(/oả/g, 'ỏa')
    .replace(/uỳ/g, 'ùy');
}

/** Which stored province names a filter on `province` covers. */
export function provinceMatcher(province: string): (stored: string) => boolean {
  const wanted = normaliseArea(province);
  const names = new Set([wanted, ...(MERGED_INTO[wanted] ?? [])]);
  return (stored) => names.has(normaliseArea(stored));
}

export function communeMatcher(commune: string): (stored: string) => boolean {
  const wanted = normaliseArea(commune);
  return (stored) => normaliseArea(stored) === wanted;
}
