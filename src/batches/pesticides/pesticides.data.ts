/**
 * A small table of plant-protection products commonly used on lychee (vải) and longan (nhãn) in
 * northern Vietnam, with the pre-harvest interval (PHI, "thời gian cách ly") printed on their labels,
 * so the app can fill in the interval for a farmer who picks the product from a list.
 *
 * SOURCES
 * - Ministry of Agriculture (MARD, now MAE): "Danh mục thuốc bảo vệ thực vật được phép sử dụng tại
 *   Việt Nam", Thông tư 19/2022/TT-BNNPTNT (2 December 2022) and the lists issued after it (Thông tư
 *   09/2023/TT-BNNPTNT, 25/2024/TT-BNNPTNT...): which active ingredients and trade names are registered.
 * - The intervals are the "thời gian cách ly" printed on the product labels for fruit trees; a label's
 *   interval can differ between formulations and crops.
 * - Carbendazim was removed from the permitted list by Quyết định 503/QĐ-BNN-BVTV (12 February 2019);
 *   it is kept here only so a spraying recorded with it is recognised and flagged.
 * - Hải Dương's plant protection sub-department (Chi cục Bảo vệ thực vật) bars seven active ingredients
 *   in export lychee areas: Iprodione, Difenoconazole, Carbendazim, Chlorothalonil, Cypermethrin,
 *   Trichlorfon and Abamectin (baohaiduong.vn, republished at vaithieuthanhha.net.vn, "Thêm 2 hoạt chất
 *   không được phép sử dụng tại vùng vải xuất khẩu"). Those entries are `exportRestricted: true`: they
 *   stay in the table (farmers still name them), marked rather than left out.
 *
 * THE VALUES MUST BE CHECKED AGAINST THE LABEL OF THE PRODUCT ACTUALLY USED. They are a convenience
 * for data entry, compiled from the sources above, not a legal reference; the label on the bottle and
 * the current MARD/MAE list prevail. When a farmer types an interval, the typed value is kept.
 */
export interface PesticideEntry {
  /** Stable identifier, used by the app's cache and recorded on a spraying filled from the table. */
  id: string;
  /** A trade name as sold in Vietnam (one common formulation). */
  product: string;
  activeIngredient: string;
  kind: 'insecticide' | 'fungicide' | 'acaricide' | 'biological';
  crops: ('lychee' | 'longan')[];
  /** Thời gian cách ly on the label, in days. */
  phiDays: number;
  /** Barred in export lychee areas by the Hải Dương plant protection sub-department. */
  exportRestricted: boolean;
  /** False for ingredients no longer on the permitted list (kept to recognise old records). */
  registered: boolean;
  /** What it is used against, in Vietnamese (as farmers say it). */
  targets: string;
}

export const PESTICIDE_TABLE_VERSION = '2026-12-01';

export const PESTICIDE_SOURCE = {
  vi: 'Danh mục thuốc BVTV được phép sử dụng tại Việt Nam (Thông tư 19/2022/TT-BNNPTNT và các danh mục sau) và thời gian cách ly ghi trên nhãn thuốc; Chi cục BVTV Hải Dương (baohaiduong.vn, qua vaithieuthanhha.net.vn) về 7 hoạt chất không dùng cho vùng vải xuất khẩu. Phải đối chiếu với nhãn của thuốc thực tế sử dụng.',
  en: 'MARD list of plant-protection products permitted in Vietnam (Circular 19/2022/TT-BNNPTNT and later lists) and the pre-harvest interval printed on each label; Hải Dương plant protection sub-department (baohaiduong.vn, via vaithieuthanhha.net.vn) on the 7 active ingredients barred in export lychee areas. Always check against the label of the product actually used.',
} as const;

export const PESTICIDES: readonly PesticideEntry[] = [
  // Insecticides
  {
    id: 'emamectin-benzoate-5wg',
    product: 'Emaben 5WG',
    activeIngredient: 'Emamectin benzoate',
    kind: 'insecticide',
    crops: ['lychee', 'longan'],
    phiDays: 7,
    exportRestricted: false,
    registered: true,
    targets: 'sâu đục cuống quả, sâu đo',
  },
  {
    id: 'chlorantraniliprole-5sc',
    product: 'Prevathon 5SC',
    activeIngredient: 'Chlorantraniliprole',
    kind: 'insecticide',
    crops: ['lychee', 'longan'],
    phiDays: 7,
    exportRestricted: false,
    registered: true,
    targets: 'sâu đục cuống quả, sâu đục gân lá',
  },
  {
    id: 'spinetoram-60sc',
    product: 'Radiant 60SC',
    activeIngredient: 'Spinetoram',
    kind: 'insecticide',
    crops: ['lychee', 'longan'],
    phiDays: 7,
    exportRestricted: false,
    registered: true,
    targets: 'sâu đục cuống quả, bọ trĩ',
  },
  {
    id: 'thiamethoxam-25wg',
    product: 'Actara 25WG',
    activeIngredient: 'Thiamethoxam',
    kind: 'insecticide',
    crops: ['lychee', 'longan'],
    phiDays: 7,
    exportRestricted: false,
    registered: true,
    targets: 'rệp sáp, bọ xít, rầy',
  },
  {
    id: 'abamectin-36ec',
    product: 'Reasgant 3.6EC',
    activeIngredient: 'Abamectin',
    kind: 'insecticide',
    crops: ['lychee', 'longan'],
    phiDays: 7,
    exportRestricted: true,
    registered: true,
    targets: 'nhện lông nhung, sâu đục cuống quả',
  },
  {
    id: 'cypermethrin-25ec',
    product: 'Sherpa 25EC',
    activeIngredient: 'Cypermethrin',
    kind: 'insecticide',
    crops: ['lychee', 'longan'],
    phiDays: 7,
    exportRestricted: true,
    registered: true,
    targets: 'bọ xít, sâu ăn lá',
  },
  {
    id: 'trichlorfon-90sp',
    product: 'Dipterex 90SP',
    activeIngredient: 'Trichlorfon',
    kind: 'insecticide',
    crops: ['lychee', 'longan'],
    phiDays: 7,
    exportRestricted: true,
    registered: true,
    targets: 'bọ xít, sâu ăn lá',
  },
  {
    id: 'bacillus-thuringiensis',
    product: 'Map-Biti WP 50000 IU/mg',
    activeIngredient: 'Bacillus thuringiensis var. kurstaki',
    kind: 'biological',
    crops: ['lychee', 'longan'],
    phiDays: 1,
    exportRestricted: false,
    registered: true,
    targets: 'sâu ăn lá, sâu đo',
  },
  // Acaricides
  {
    id: 'propargite-73ec',
    product: 'Comite 73EC',
    activeIngredient: 'Propargite',
    kind: 'acaricide',
    crops: ['lychee', 'longan'],
    phiDays: 7,
    exportRestricted: false,
    registered: true,
    targets: 'nhện đỏ, nhện lông nhung',
  },
  // Fungicides
  {
    id: 'metalaxyl-mancozeb-68wg',
    product: 'Ridomil Gold 68WG',
    activeIngredient: 'Metalaxyl-M + Mancozeb',
    kind: 'fungicide',
    crops: ['lychee', 'longan'],
    phiDays: 7,
    exportRestricted: false,
    registered: true,
    targets: 'sương mai, thối quả',
  },
  {
    id: 'azoxystrobin-250sc',
    product: 'Amistar 250SC',
    activeIngredient: 'Azoxystrobin',
    kind: 'fungicide',
    crops: ['lychee', 'longan'],
    phiDays: 7,
    exportRestricted: false,
    registered: true,
    targets: 'thán thư, sương mai',
  },
  {
    id: 'mancozeb-80wp',
    product: 'Dithane M-45 80WP',
    activeIngredient: 'Mancozeb',
    kind: 'fungicide',
    crops: ['lychee', 'longan'],
    phiDays: 14,
    exportRestricted: false,
    registered: true,
    targets: 'thán thư, sương mai',
  },
  {
    id: 'copper-hydroxide-461wg',
    product: 'Kocide 46.1WG',
    activeIngredient: 'Copper hydroxide',
    kind: 'fungicide',
    crops: ['lychee', 'longan'],
    phiDays: 7,
    exportRestricted: false,
    registered: true,
    targets: 'thán thư, đốm lá',
  },
  {
    id: 'difenoconazole-250ec',
    product: 'Score 250EC',
    activeIngredient: 'Difenoconazole',
    kind: 'fungicide',
    crops: ['lychee', 'longan'],
    phiDays: 7,
    exportRestricted: true,
    registered: true,
    targets: 'thán thư',
  },
  {
    id: 'iprodione-50wp',
    product: 'Rovral 50WP',
    activeIngredient: 'Iprodione',
    kind: 'fungicide',
    crops: ['lychee', 'longan'],
    phiDays: 7,
    exportRestricted: true,
    registered: true,
    targets: 'thối quả, mốc xám',
  },
  {
    id: 'chlorothalonil-75wp',
    product: 'Daconil 75WP',
    activeIngredient: 'Chlorothalonil',
    kind: 'fungicide',
    crops: ['lychee', 'longan'],
    phiDays: 7,
    exportRestricted: true,
    registered: true,
    targets: 'thán thư, sương mai',
  },
  {
    id: 'carbendazim-50sc',
    product: 'Bavistin 50FL',
    activeIngredient: 'Carbendazim',
    kind: 'fungicide',
    crops: ['lychee', 'longan'],
    phiDays: 14,
    exportRestricted: true,
    registered: false,
    targets: 'thán thư (đã bị loại khỏi danh mục năm 2019)',
  },
];
