import type { BizStep } from '../batches/batch-event.entity';
import type { CertificationStatus } from '../registry/certification-rules';
import type { CertificationScheme } from '../registry/plot-certification.entity';

export type Language = 'vi' | 'en';

/**
 * What the page's banner says. A known label's verdict (genuine, suspicious, voided) is refined by the
 * state of its lot, so a recall is not told as a misprint and a food-safety hold or a lot past its
 * best-before never sits under a green "genuine" banner.
 */
export const HEADLINES = ['genuine', 'suspicious', 'voided', 'counterfeit', 'unknown', 'recalled', 'expired', 'onHold', 'caution'] as const;
export type Headline = (typeof HEADLINES)[number];

/** Vietnamese first: the page is for shoppers in Vietnam; English for export buyers and visitors. */
export const TEXT = {
  vi: {
    title: 'Truy xuất nguồn gốc',
    headline: {
      genuine: 'Tem chính hãng',
      suspicious: 'Cảnh báo: tem có dấu hiệu bị sao chép',
      voided: 'Tem đã bị huỷ',
      counterfeit: 'Tem giả: mã này không do hệ thống phát hành',
      unknown: 'Không tìm thấy tem này',
      recalled: 'Lô hàng đã bị thu hồi',
      expired: 'Sản phẩm đã quá hạn sử dụng',
      onHold: 'Lô hàng đang bị tạm giữ vì an toàn thực phẩm',
      caution: 'Cảnh báo an toàn thực phẩm',
    } satisfies Record<Headline, string>,
    headlineHelp: {
      genuine: 'Mã trên tem khớp với lô hàng đã đăng ký.',
      suspicious: 'Tem này vừa được quét ở nhiều nơi khác nhau trong thời gian ngắn. Hãy kiểm tra kỹ sản phẩm và nơi bán.',
      voided: 'Hợp tác xã đã huỷ tem này (ví dụ tem in lỗi). Hãy hỏi nơi bán về sản phẩm.',
      counterfeit: 'Mã này không phải do hợp tác xã phát hành. Sản phẩm có thể là hàng giả.',
      unknown: 'Mã hợp lệ nhưng chưa có trong hệ thống.',
      recalled: 'Hợp tác xã đã thu hồi cả lô hàng này. Không sử dụng sản phẩm; hãy mang trả nơi bán.',
      expired: 'Tem chính hãng, nhưng lô hàng đã quá hạn sử dụng. Không nên sử dụng.',
      onHold: 'Tem chính hãng, nhưng lô hàng được thu hoạch khi chưa hết thời gian cách ly thuốc bảo vệ thực vật và chưa được phép bán.',
      caution:
        'Tem chính hãng. Lô hàng được thu hoạch khi chưa hết thời gian cách ly thuốc bảo vệ thực vật; hợp tác xã đã cho phép bán, có ghi lý do.',
    } satisfies Record<Headline, string>,
    recalledOn: (date: string) => `Thu hồi ngày ${date}`,
    voidedOn: (date: string) => `Huỷ ngày ${date}`,
    bestBeforeWas: (date: string) => `Hạn sử dụng: ${date}`,
    heldUntil: (date: string) => `Chỉ an toàn để thu hoạch từ ngày ${date}`,
    certStatus: {
      valid: (date: string) => `còn hiệu lực đến ${date}`,
      expiring: (date: string) => `còn hiệu lực đến ${date}, sắp hết hạn`,
      expired: (date: string) => `HẾT HẠN từ ${date}`,
      revoked: () => 'ĐÃ BỊ THU HỒI, không còn giá trị',
      unverified: (date: string) => `chưa xác minh (ghi hiệu lực đến ${date})`,
    } satisfies Record<CertificationStatus, (date: string) => string>,
    scheme: { VietGAP: 'VietGAP', GlobalGAP: 'GlobalG.A.P.', Organic: 'Hữu cơ' } satisfies Record<CertificationScheme, string>,
    warning: (w: { pesticide: string; days: number; sprayedAt: string; harvestedAt: string; safeFrom: string }) =>
      `Thu hoạch ngày ${w.harvestedAt}, khi chưa hết thời gian cách ly ${w.days} ngày sau lần phun ${w.pesticide} ngày ${w.sprayedAt} (an toàn từ ${w.safeFrom}).`,
    contact: 'Liên hệ',
    nextSteps: 'Bạn nên làm gì?',
    advice: {
      counterfeit: [
        'Kiểm tra lại số sê-ri in dưới mã QR: gõ nhầm một ký tự không có nghĩa là hàng giả.',
        'Không mua hoặc không sử dụng sản phẩm nếu mã vẫn không đúng.',
        'Giữ lại sản phẩm, hoá đơn và báo cho nơi bán.',
      ],
      unknown: ['Kiểm tra lại số sê-ri in dưới mã QR.', 'Hỏi nơi bán hoặc liên hệ hợp tác xã sản xuất.'],
    },
    reportTo: 'Báo cáo hàng giả',
    producer: 'Nơi sản xuất',
    typeSerial: 'Gõ số sê-ri in dưới mã QR',
    check: 'Kiểm tra',
    badSerial: 'Không đọc được số sê-ri này. Số sê-ri gồm chữ và số, tối đa 20 ký tự.',
    scanned: (count: number, first: string) => `Đã quét ${count} lần, lần đầu ngày ${first}`,
    product: 'Sản phẩm',
    variety: 'Giống',
    gi: 'Chỉ dẫn địa lý',
    ocop: (stars: number) => `OCOP ${stars} sao`,
    origin: 'Nguồn gốc',
    cooperative: 'Hợp tác xã',
    address: 'Địa chỉ',
    plotCode: 'Mã số vùng trồng',
    certificates: 'Chứng nhận',
    lot: 'Số lô',
    harvest: 'Ngày thu hoạch',
    bestBefore: 'Hạn sử dụng',
    history: 'Nhật ký sản xuất',
    warnings: 'Cảnh báo an toàn thực phẩm',
    serial: 'Số sê-ri',
    noEvents: 'Chưa có ghi chép.',
    switchLanguage: 'English',
    step: {
      planting: 'Trồng',
      fertilizing: 'Bón phân',
      spraying: 'Phun thuốc BVTV',
      harvesting: 'Thu hoạch',
      packing: 'Đóng gói',
      inspecting: 'Kiểm tra',
      shipping: 'Vận chuyển',
      receiving: 'Tiếp nhận',
    } satisfies Record<BizStep, string>,
    detail: {
      pesticide: 'Thuốc',
      activeIngredient: 'Hoạt chất',
      preHarvestIntervalDays: 'Thời gian cách ly (ngày)',
      fertilizer: 'Phân bón',
      destination: 'Nơi đến',
      result: 'Kết quả',
      packingHouseCode: 'Mã cơ sở đóng gói',
      temperatureC: 'Nhiệt độ (°C)',
      quantityKg: 'Khối lượng (kg)',
    } as Record<string, string>,
  },
  en: {
    title: 'Product traceability',
    headline: {
      genuine: 'Genuine label',
      suspicious: 'Warning: this label may have been copied',
      voided: 'This label has been voided',
      counterfeit: 'Counterfeit: this code was not issued by the system',
      unknown: 'Label not found',
      recalled: 'This lot has been recalled',
      expired: 'This product is past its best-before date',
      onHold: 'This lot is on hold for food safety',
      caution: 'Food-safety warning',
    } satisfies Record<Headline, string>,
    headlineHelp: {
      genuine: 'The code on this label matches a registered batch.',
      suspicious: 'This label has recently been scanned in many different places. Check the product and the shop carefully.',
      voided: 'The co-operative voided this label (for example a misprint). Ask the shop about the product.',
      counterfeit: 'This code was not issued by the co-operative. The product may be fake.',
      unknown: 'The code is well formed but not registered.',
      recalled: 'The co-operative has recalled this whole lot. Do not use the product; take it back to the shop.',
      expired: 'The label is genuine, but the lot is past its best-before date. Do not use it.',
      onHold:
        'The label is genuine, but the lot was harvested before the pesticide pre-harvest interval had ended and may not be sold yet.',
      caution:
        'The label is genuine. The lot was harvested before the pesticide pre-harvest interval had ended; the co-operative released it for sale, with a recorded reason.',
    } satisfies Record<Headline, string>,
    recalledOn: (date: string) => `Recalled on ${date}`,
    voidedOn: (date: string) => `Voided on ${date}`,
    bestBeforeWas: (date: string) => `Best before: ${date}`,
    heldUntil: (date: string) => `Safe to harvest only from ${date}`,
    certStatus: {
      valid: (date: string) => `valid until ${date}`,
      expiring: (date: string) => `valid until ${date}, expiring soon`,
      expired: (date: string) => `EXPIRED on ${date}`,
      revoked: () => 'REVOKED, no longer valid',
      unverified: (date: string) => `unverified (stated valid until ${date})`,
    } satisfies Record<CertificationStatus, (date: string) => string>,
    scheme: { VietGAP: 'VietGAP', GlobalGAP: 'GlobalG.A.P.', Organic: 'Organic' } satisfies Record<CertificationScheme, string>,
    warning: (w: { pesticide: string; days: number; sprayedAt: string; harvestedAt: string; safeFrom: string }) =>
      `Harvested on ${w.harvestedAt}, inside the ${w.days}-day pre-harvest interval after spraying ${w.pesticide} on ${w.sprayedAt} (safe from ${w.safeFrom}).`,
    contact: 'Contact',
    nextSteps: 'What should you do?',
    advice: {
      counterfeit: [
        'Check the serial printed under the QR code: one mistyped character does not make a fake.',
        'If the code is still wrong, do not buy or use the product.',
        'Keep the product and the receipt, and tell the shop.',
      ],
      unknown: ['Check the serial printed under the QR code.', 'Ask the shop, or contact the co-operative that made it.'],
    },
    reportTo: 'Report a fake',
    producer: 'Producer',
    typeSerial: 'Type the serial printed under the QR code',
    check: 'Check',
    badSerial: 'This serial cannot be read. A serial is letters and digits, at most 20 characters.',
    scanned: (count: number, first: string) => `Scanned ${count} time${count === 1 ? '' : 's'}, first on ${first}`,
    product: 'Product',
    variety: 'Variety',
    gi: 'Geographical indication',
    ocop: (stars: number) => `OCOP ${stars} stars`,
    origin: 'Origin',
    cooperative: 'Co-operative',
    address: 'Address',
    plotCode: 'Planting-area code',
    certificates: 'Certificates',
    lot: 'Lot',
    harvest: 'Harvested',
    bestBefore: 'Best before',
    history: 'History',
    warnings: 'Food-safety warnings',
    serial: 'Serial',
    noEvents: 'Nothing recorded yet.',
    switchLanguage: 'Tiếng Việt',
    step: {
      planting: 'Planting',
      fertilizing: 'Fertilizing',
      spraying: 'Pesticide spraying',
      harvesting: 'Harvesting',
      packing: 'Packing',
      inspecting: 'Inspection',
      shipping: 'Shipping',
      receiving: 'Receiving',
    } satisfies Record<BizStep, string>,
    detail: {
      pesticide: 'Pesticide',
      activeIngredient: 'Active ingredient',
      preHarvestIntervalDays: 'Pre-harvest interval (days)',
      fertilizer: 'Fertilizer',
      destination: 'Destination',
      result: 'Result',
      packingHouseCode: 'Packing-house code',
      temperatureC: 'Temperature (°C)',
      quantityKg: 'Quantity (kg)',
    } as Record<string, string>,
  },
};

export type Texts = (typeof TEXT)['vi'];

/** `?lang=en` wins, then Accept-Language; Vietnamese otherwise. */
export function pickLanguage(query: unknown, acceptLanguage: string | undefined): Language {
  if (query === 'en' || query === 'vi') return query;
  if (!acceptLanguage) return 'vi';
  let best: { lang: Language; q: number } | null = null;
  for (const part of acceptLanguage.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.find((p) => p.trim().startsWith('q='));
    const q = qParam ? Number(qParam.trim().slice(2)) : 1;
    const lang = tag.startsWith('vi') ? 'vi' : tag.startsWith('en') ? 'en' : null;
    if (lang && Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'vi';
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * One date format per language, read in Vietnam time (Asia/Ho_Chi_Minh, UTC+7 all year): `DD/MM/YYYY`
 * in Vietnamese, `D MMM YYYY` in English (never the ambiguous 03/04). `value` is an instant or a
 * calendar date (`YYYY-MM-DD`, already Vietnamese).
 */
export function formatDate(lang: Language, value: Date | string): string {
  const day = typeof value === 'string' ? value.slice(0, 10) : new Date(value.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  const [y, m, d] = [day.slice(0, 4), day.slice(5, 7), day.slice(8, 10)];
  return lang === 'vi' ? `${d}/${m}/${y}` : `${Number(d)} ${MONTHS[Number(m) - 1]} ${y}`;
}
