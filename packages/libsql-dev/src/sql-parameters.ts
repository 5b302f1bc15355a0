/**
 * What SQLite's tokenizer reads as one token that cannot hold a parameter (string and blob
 * literals, quoted and bare identifiers, comments), or a parameter token. Only closed literals and
 * comments are skipped: SQL with an unclosed one fails to prepare anyway, and scanning on
 * finds more `?`, never fewer.
 */
const TOKEN =
  /'(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]|--[^\n]*|\/\*[\s\S]*?\*\/|[A-Za-z_\u0080-\uffff][\w$\u0080-\uffff]*|\?\d*|[:@$][\w$]+/g;

/**
 * The parameter tokens in a statement's SQL text, in order (`?`, `?3`, `:name`, `@name`,
 * `$name`), outside literals and comments. The engine does not list a statement's parameters.
 */
export function sqlParameters(sql: string): string[] {
  return [...sql.matchAll(TOKEN)].map(([token]) => token).filter((token) => /^[?:@$]/.test(token));
}

/**
 * Whether the statement has a `?` without a number: a parameter with no name, which the
 * engine's named binding cannot look up (it panics on one instead of failing).
 */
export function hasNamelessParameter(sql: string): boolean {
  return sqlParameters(sql).includes('?');
}
