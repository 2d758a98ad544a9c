import { create } from 'qrcode';

/** Modules of light margin around the symbol, as ISO/IEC 18004 asks for scanners. */
export const QUIET_ZONE = 4;

/**
 * A QR code as one SVG path (a 1×1 square per dark module, offset by the quiet zone), so it
 * prints sharp at any size and needs no canvas, data URL or inline HTML. Error correction M
 * survives a crease or a smudge on a printed poster.
 */
export function qrSvgPath(text: string): { size: number; path: string } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  let path = '';
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (modules.get(row, col)) path += `M${col + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`;
    }
  }
  return { size: modules.size + 2 * QUIET_ZONE, path };
}
