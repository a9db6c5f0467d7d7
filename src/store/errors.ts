/** A message for the error region: comlink rebuilds worker errors as Error with the original message. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}
