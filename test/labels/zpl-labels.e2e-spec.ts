import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { labelTemplateText } from '../../src/labels/rendering/label-template';
import { renderLabelZpl, zplTextGraphics } from '../../src/labels/rendering/zpl-renderer';
import { printZpl, region } from '../support/zpl-qr';

jest.setTimeout(120_000);

const TEXT = labelTemplateText({
  product: {
    name: 'Vải thiều Thanh Hà loại 1',
    geographicalIndication: 'Vải thiều Thanh Hà (CDĐL số 00005)',
    packageNetWeightKg: '2.000',
    shelfLifeDays: 30,
  },
  batch: { lotCode: '260612-7K3Q9M', harvestedAt: new Date('2026-06-10T06:00:00+07:00') },
  cooperative: { name: 'HTX Dịch vụ Nông nghiệp Thanh Hà' },
  domain: 'nst.vn',
});
const LABELS = [
  { serial: '1ABCDEFGHJKMNPQRSTV', url: 'https://nst.vn/01/08930000000019/10/260612-7K3Q9M/21/1ABCDEFGHJKMNPQRSTV' },
  { serial: '1ZYXWVTSRQPNMKJHGFE', url: 'https://nst.vn/01/08930000000019/10/260612-7K3Q9M/21/1ZYXWVTSRQPNMKJHGFE' },
  { serial: '10123456789ABCDEFGH', url: 'https://nst.vn/01/08930000000019/10/260612-7K3Q9M/21/10123456789ABCDEFGH' },
];

describe('ZPL labels, printed offline at 203 dpi', () => {
  let zpl: string;

  beforeAll(async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'nst-zpl-run-')), 'run.zpl');
    await renderLabelZpl(path, LABELS, TEXT);
    zpl = await readFile(path, 'utf8');
  });

  it('prints a QR code on every label that a phone decodes to that label’s URL', async () => {
    const printed = await printZpl(zpl);
    expect(printed.map((p) => p.codes)).toEqual(LABELS.map((l) => [l.url]));
  });

  it('never leaves Vietnamese text to the printer’s font 0: the run’s text is in graphic fields, the same on every label', () => {
    // Field data goes to the code or to a printer font: all of it must be ASCII, which font 0 has.
    const fonts = [...zpl.matchAll(/\^FD([^^]*)/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(0);
    for (const text of fonts) expect(text).toMatch(/^[\x20-\x7e]*$/);
    const perLabel = zpl
      .split('^XZ')
      .slice(0, -1)
      .map((block) => [...block.matchAll(/\^GFA,[^^]*/g)].map((m) => m[0]).join('|'));
    expect(perLabel).toHaveLength(LABELS.length);
    expect(perLabel[0].length).toBeGreaterThan(0);
    expect(new Set(perLabel).size).toBe(1);
  });

  it('lays out the indication with its number, the lot, harvest date, co-op and the scan prompt, uncut', async () => {
    const graphics = await zplTextGraphics(TEXT, LABELS[0].url);
    const lines = graphics.flatMap((g) => g.lines.map((l) => l.text)).join(' ');
    for (const expected of [
      'CDĐL: Vải thiều Thanh Hà (CDĐL số 00005)',
      'Lô: 260612-7K3Q9M',
      'Thu hoạch: 10/06/2026',
      'HTX Dịch vụ Nông nghiệp Thanh Hà',
      'Quét mã để truy xuất',
    ]) {
      expect(lines).toContain(expected);
    }
    expect(lines).not.toContain('…');
  });

  it('burns exactly the rendered text graphics where the text goes, with ink on every line and clear of the code', async () => {
    const graphics = await zplTextGraphics(TEXT, LABELS[0].url);
    const printed = await printZpl(zpl);
    for (const label of printed) {
      expect([label.width, label.height]).toEqual([400, 240]);
      for (const graphic of graphics) {
        const area = region(label, graphic);
        let ink = 0;
        let different = 0;
        for (let i = 0; i < area.length; i++) {
          ink += area[i];
          if (area[i] !== graphic.dots[i]) different++;
        }
        // Nothing else (the QR code) prints into the text, and the text is exactly the rendered picture.
        expect(different).toBe(0);
        expect(ink).toBeGreaterThan(area.length * 0.04);
        // Ink just above every baseline: no line of the layout printed blank.
        for (const line of graphic.lines) {
          const top = graphic.y + Math.round(line.baseline - line.size * 0.6);
          const band = region(label, { x: graphic.x, y: top, width: graphic.width, height: 4 });
          expect(band.reduce((sum, dot) => sum + dot, 0)).toBeGreaterThan(5);
        }
      }
    }
  });
});
