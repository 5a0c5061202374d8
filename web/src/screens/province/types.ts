export interface Cooperative {
  id: string;
  name: string;
  province: string;
  commune: string;
}

export interface Indicators {
  householdsRegistered: number;
  householdsTrained: number;
  householdsOnEcommerce: number;
  productsListed: number;
  listingsLive: number;
  transactions: number;
  labelsPrinted: number;
  scans: number;
}

/** GET /api/v1/reports/area-activity (src/reports/area-activity.*). */
export interface AreaActivity {
  labelsPrintedByDay: { day: string; labels: number }[];
  scansByDay: { day: string; scans: number }[];
  flags: {
    phiHolds: { batchId: string; lotCode: string; product: string; cooperativeId: string; harvestedAt: string; safeFrom: string }[];
    phiOverrides: { batchId: string; lotCode: string; product: string; cooperativeId: string; reason: string; at: string }[];
    expiredCertificates: { plotId: string; plotCode: string; crop: string; cooperativeId: string; scheme: string; number: string; validUntil: string }[];
    labelMismatches: { batchId: string; lotCode: string; product: string; cooperativeId: string; labelsPrinted: number; unitsSold: number; capacity: number }[];
  };
}
