/** `#` comment lines shared by the plain-points and CSV formats. */

/** The text of a `# …` line without the marker and one following space. */
export function commentText(line: string): string {
  const body = line.trimStart().slice(1);
  return body.startsWith(' ') ? body.slice(1) : body;
}

export function isCommentLine(line: string): boolean {
  return line.trimStart().startsWith('#');
}

/** `# …` lines for a multi-line comment (writers). */
export function commentLines(comment: string | undefined, format: string): string[] {
  if (comment === undefined || comment.length === 0) return [];
  return comment.split('\n').map((line) => {
    if (line.includes('\r'))
      throw new RangeError(`${format}: comment lines cannot contain a carriage return`);
    return `# ${line}`;
  });
}
