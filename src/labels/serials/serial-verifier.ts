import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SerialSigner } from './serial-signer';

/**
 * Decides whether a scanned serial is one we signed, for the GTIN and lot its URL names. Short-form
 * serials printed before issue 11 were signed with a lot their URL does not carry: those are checked
 * against the lots that had such labels then (a list frozen by a migration, read once per process), so
 * a forged serial is still refused without touching the labels.
 */
@Injectable()
export class SerialVerifier {
  private legacyLots: Promise<string[]> | null = null;

  constructor(
    private readonly signer: SerialSigner,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async isGenuine(serial: string, gtin: string | null, lot: string | null): Promise<boolean> {
    const check = this.signer.check(serial, gtin, lot);
    if (check === 'valid') return true;
    if (check === 'malformed' || gtin !== null) return false;
    const lots = await this.legacyShortFormLots();
    return lots.length > 0 && this.signer.checkLegacyShortForm(serial, lots);
  }

  private legacyShortFormLots(): Promise<string[]> {
    this.legacyLots ??= this.dataSource.query<{ lot_code: string }[]>('SELECT lot_code FROM legacy_short_label_lots').then(
      (rows) => rows.map((row) => row.lot_code),
      (error: unknown) => {
        // A database that was away: read the list again on the next scan.
        this.legacyLots = null;
        throw error;
      },
    );
    return this.legacyLots;
  }
}
