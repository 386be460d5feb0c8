import type { SVGProps } from 'react';

/** Soft Landing's own mark for the design system's header (the City of Amsterdam's logo is the City's only). */
export function SoftLandingMark(props: SVGProps<SVGSVGElement>) {
  return (
    <svg viewBox="0 0 40 40" width="40" height="40" aria-hidden="true" focusable="false" {...props}>
      <rect width="40" height="40" rx="8" fill="#004699" />
      <path d="M7 28c7-10 19-10 26 0" stroke="#fff" strokeWidth="4" fill="none" strokeLinecap="round" />
      <circle cx="20" cy="14" r="4" fill="#fff" />
    </svg>
  );
}
