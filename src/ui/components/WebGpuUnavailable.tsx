import type { ReactNode } from 'react';

/** Flags, URLs and settings in the help text as unbreakable code, so "--enable-…" never splits at its hyphens. */
function withCode(text: string): ReactNode[] {
  return text.split(/(\s+)/).map((token, i) => {
    const match = /^(--[\w=-]+|chrome:\/\/\S+?|dom\.[\w.]+?)([.,;]?)$/.exec(token);
    if (!match) return token;
    return (
      // biome-ignore lint/suspicious/noArrayIndexKey: tokens of a fixed string, never reordered
      <span key={i}>
        <code className="nowrap">{match[1]}</code>
        {match[2]}
      </span>
    );
  });
}

/** Shown instead of GPU views when the worker could not open WebGPU; says why and how to enable it. */
export function WebGpuUnavailable({ message, help }: { message: string; help: string | null }) {
  return (
    <div className="unavailable" role="alert">
      <h2>WebGPU is not available</h2>
      <p>{message}</p>
      {help && <p className="help">{withCode(help)}</p>}
      <p className="field-hint">
        Gauntlet computes on the GPU in a Web Worker; without WebGPU there is nothing to compute with, so this
        page shows no results rather than wrong ones.
      </p>
    </div>
  );
}
