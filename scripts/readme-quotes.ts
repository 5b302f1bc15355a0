// Code in the READMEs is code the tests compile: each fenced block is quoted from a file, named
// by the last link in the prose before the block, and a test checks the quote is exact.

/** A fenced code block of a Markdown text and the file it says it quotes. */
export interface QuotedBlock {
  readonly lang: string;
  readonly code: string;
  /** The target of the last link between the previous block and this one, if any. */
  readonly source: string | undefined;
  /** 1-based line of the opening fence. */
  readonly line: number;
}

/**
 * The fenced code blocks of the section that starts at the heading line `heading` (e.g.
 * `## Add TinySync to your app`) and ends at the next heading of the same or a higher level.
 */
export function quotedBlocks(markdown: string, heading: string): QuotedBlock[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start === -1) throw new Error(`no heading '${heading}'`);
  const level = heading.indexOf(' ');
  const blocks: QuotedBlock[] = [];
  let source: string | undefined;
  for (let index = start + 1; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    const headingLevel = /^(#+) /.exec(line)?.[1]?.length;
    if (headingLevel !== undefined && headingLevel <= level) break;
    const fence = /^```(\S*)$/.exec(line);
    if (fence === null) {
      for (const link of line.matchAll(/\]\(([^)\s]+)\)/g)) source = link[1];
      continue;
    }
    const end = lines.indexOf('```', index + 1);
    if (end === -1) throw new Error(`unclosed code block at line ${index + 1}`);
    blocks.push({
      lang: fence[1] ?? '',
      code: `${lines.slice(index + 1, end).join('\n')}\n`,
      source,
      line: index + 1,
    });
    source = undefined;
    index = end;
  }
  return blocks;
}

/** Whether `code` (ending with a newline) is whole, consecutive lines of `file`. */
export function isExcerptOf(code: string, file: string): boolean {
  return code.length > 1 && (file.startsWith(code) || file.includes(`\n${code}`));
}
