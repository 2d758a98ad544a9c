import { useMemo } from 'react';
import { qrSvgPath } from './qr';

/** A QR code of `value`, drawn as SVG (prints sharp); `label` is what a screen reader hears. */
export function QrCode({ value, label, size = 220 }: { value: string; label: string; size?: number }) {
  const { size: modules, path } = useMemo(() => qrSvgPath(value), [value]);
  return (
    <svg
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${modules} ${modules}`}
      shapeRendering="crispEdges"
      data-testid="qr-code"
    >
      <rect width={modules} height={modules} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
