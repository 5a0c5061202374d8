import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { LabelTemplateText } from './pdf-label-renderer';
import type { LabelItem } from './page-content';
import { serialLines } from './page-content';

/** ZPL field data must not contain the command prefixes ^ and ~. */
function field(text: string): string {
  return text.replace(/[\^~]/g, ' ');
}

/**
 * ZPL II for Zebra-compatible 203-dpi thermal printers, one `^XA … ^XZ` block per 50 × 30 mm label
 * (400 × 240 dots): QR model 2 at error correction M (`^BQN,2,4` with `MA,` data), the product, lot,
 * harvest date, co-op and the serial in readable text. `^CI28` makes the printer read UTF-8, so
 * Vietnamese text prints with its diacritics on printers that carry a Unicode font.
 */
export function zplLabel(item: LabelItem, text: LabelTemplateText): string {
  const [serialA, serialB] = serialLines(item.serial, 2);
  return [
    '^XA',
    '^CI28',
    '^PW400',
    '^LL240',
    '^LH0,0',
    `^FO8,8^BQN,2,4^FDMA,${field(item.url)}^FS`,
    `^FO200,14^A0N,22,20^FB192,2,0,L^FD${field(text.productName)}^FS`,
    `^FO200,66^A0N,17,16^FB192,1,0,L^FDLô: ${field(text.lotCode)}^FS`,
    `^FO200,88^A0N,17,16^FB192,1,0,L^FDThu hoạch: ${field(text.harvestDate)}^FS`,
    `^FO200,110^A0N,16,15^FB192,2,0,L^FD${field(text.cooperativeName)}^FS`,
    `^FO200,160^A0N,18,16^FD${field(text.domain)}^FS`,
    `^FO200,182^A0N,22,20^FD${field(serialA)}^FS`,
    `^FO200,206^A0N,22,20^FD${field(serialB ?? '')}^FS`,
    '^XZ',
    '',
  ].join('\n');
}

/** Streams the whole run to `path`, one label after another, without holding it in memory. */
export async function renderLabelZpl(
  path: string,
  labels: LabelItem[],
  text: LabelTemplateText,
  onProgress?: (done: number, total: number) => Promise<void> | void,
): Promise<{ bytes: number }> {
  const out = createWriteStream(path, { encoding: 'utf8' });
  let bytes = 0;
  for (let i = 0; i < labels.length; i++) {
    const chunk = zplLabel(labels[i], text);
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
    if (onProgress && (i + 1) % 1000 === 0) await onProgress(i + 1, labels.length);
  }
  out.end();
  await once(out, 'close');
  return { bytes };
}
