// EPC/GiroCode as vector graphics. We encode with the `qrcode` package rather than pdfmake's
// own qr node because EPC069-12 fixes the symbol: error correction M, version ≤ 13 and the
// payload as one UTF-8 byte segment — `qrcode` lets us set the segment mode and read back the
// version to enforce that, pdfmake's encoder chooses both silently.
import QRCode from 'qrcode';

export interface QrMatrix {
  readonly size: number;
  readonly version: number;
  /** Dark modules, row-major. */
  isDark(row: number, col: number): boolean;
}

export const EPC_MAX_VERSION = 13;

export function epcQrMatrix(payload: string): QrMatrix {
  const qr = QRCode.create([{ mode: 'byte', data: new TextEncoder().encode(payload) }], { errorCorrectionLevel: 'M' });
  if (qr.version > EPC_MAX_VERSION) throw new Error(`GiroCode: QR-Version ${qr.version} überschreitet 13`);
  const { size, data } = qr.modules;
  return { size, version: qr.version, isDark: (row, col) => data[row * size + col] === 1 };
}

export interface QrRect {
  readonly type: 'rect';
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  readonly color: string;
}

/** Dark runs of each row as rectangles (one per run, not per module) for a pdfmake canvas. */
export function qrRects(matrix: QrMatrix, sizePt: number): QrRect[] {
  const quiet = 4;
  const cell = sizePt / (matrix.size + 2 * quiet);
  const rects: QrRect[] = [];
  for (let row = 0; row < matrix.size; row++) {
    let col = 0;
    while (col < matrix.size) {
      if (!matrix.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < matrix.size && matrix.isDark(row, col)) col++;
      // A hair of overlap hides the seams some viewers draw between adjacent rectangles.
      rects.push({ type: 'rect', x: (start + quiet) * cell, y: (row + quiet) * cell, w: (col - start) * cell, h: cell + 0.05, color: '#000000' });
    }
  }
  return rects;
}
