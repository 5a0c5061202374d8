/** Longest side of a photo as it leaves the phone: enough to read a certificate, ~150–300 KB as JPEG. */
export const PHOTO_MAX_SIDE = 1280;

/**
 * Shrinks a camera photo on the phone before it is stored and sent: a 12-megapixel original is 4–6 MB,
 * minutes on 3G. Drawn through a canvas (which also drops the EXIF block, GPS position included), turned
 * upright from its EXIF orientation, re-encoded as JPEG.
 */
export async function shrinkPhoto(file: Blob, maxSide = PHOTO_MAX_SIDE, quality = 0.75): Promise<Blob> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('canvas 2d unavailable');
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('encode failed'))), 'image/jpeg', quality));
}
