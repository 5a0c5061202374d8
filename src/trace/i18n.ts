import type { BizStep } from '../batches/batch-event.entity';
import type { Verdict } from './verdict';

export type Language = 'vi' | 'en';

/** Vietnamese first: the page is for shoppers in Vietnam; English for export buyers and visitors. */
export const TEXT = {
  vi: {
    title: 'Truy xuất nguồn gốc',
    verdict: {
      genuine: 'Tem chính hãng',
      suspicious: 'Cảnh báo: tem có dấu hiệu bị sao chép',
      voided: 'Tem đã bị huỷ',
      counterfeit: 'Tem giả: mã này không do hệ thống phát hành',
      unknown: 'Không tìm thấy tem này',
    } satisfies Record<Verdict, string>,
    verdictHelp: {
      genuine: 'Mã trên tem khớp với lô hàng đã đăng ký.',
      suspicious: 'Tem này vừa được quét ở nhiều nơi khác nhau trong thời gian ngắn. Hãy kiểm tra kỹ sản phẩm và nơi bán.',
      voided: 'Không nên sử dụng sản phẩm mang tem này.',
      counterfeit: 'Mã này không phải do hợp tác xã phát hành. Sản phẩm có thể là hàng giả.',
      unknown: 'Mã hợp lệ nhưng chưa có trong hệ thống. Hãy liên hệ nơi bán.',
    } satisfies Record<Verdict, string>,
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
    validUntil: (date: string) => `còn hiệu lực đến ${date}`,
    expiredOn: (date: string) => `HẾT HẠN từ ${date}`,
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
    verdict: {
      genuine: 'Genuine label',
      suspicious: 'Warning: this label may have been copied',
      voided: 'This label has been voided',
      counterfeit: 'Counterfeit: this code was not issued by the system',
      unknown: 'Label not found',
    } satisfies Record<Verdict, string>,
    verdictHelp: {
      genuine: 'The code on this label matches a registered batch.',
      suspicious: 'This label has recently been scanned in many different places. Check the product and the shop carefully.',
      voided: 'Do not use a product carrying this label.',
      counterfeit: 'This code was not issued by the co-operative. The product may be fake.',
      unknown: 'The code is well formed but not registered. Ask the shop.',
    } satisfies Record<Verdict, string>,
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
    validUntil: (date: string) => `valid until ${date}`,
    expiredOn: (date: string) => `EXPIRED on ${date}`,
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
      pesticide: 'Product',
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
