/** Saves `blob` as a file through a temporary link (works in every browser, no library). */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers; a few seconds later is safe.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "gauntlet-bench-2025-01-02T03-04-05" for a report dated 2025-01-02T03:04:05.000Z (no ':' for Windows). */
export function benchFileStem(date: string): string {
  return `gauntlet-bench-${date.slice(0, 19).replace(/:/g, '-')}`;
}
