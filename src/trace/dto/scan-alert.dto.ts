import { Transform } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class ClearScanAlertDto {
  /** Why the alarm is false (a fair, a market stall where many shoppers scanned one box), kept with the clearing. */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty({ message: 'trace.clearReasonRequired' })
  @MaxLength(500)
  reason!: string;
}

export class ScanAlertClearanceResponse {
  id!: string;
  clearedAt!: string;
  /** The user id of who cleared it. */
  clearedBy!: string;
  reason!: string;
  /** Distinct networks the alarm had reached when it was cleared. */
  networksInWindow!: number;
}

export class ScanAlertResponse {
  serial!: string;
  /** What a consumer view would say now. */
  verdict!: 'genuine' | 'suspicious' | 'voided';
  /** Distinct networks (IPv4 /24, IPv6 /48) that viewed the label within the window, since the last clearing. */
  networksInWindow!: number;
  /** SCAN_SUSPICIOUS_NETWORKS: more networks than this is suspicious. */
  suspiciousAbove!: number;
  windowHours!: number;
  scanCount!: number;
  /** Newest first. */
  clearances!: ScanAlertClearanceResponse[];
}
