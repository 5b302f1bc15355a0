/**
 * The DER bytes of a PEM key. Secrets pasted into a dashboard or `.dev.vars` often keep their
 * newlines as a literal `\n`, so those count as line breaks too.
 */
export function pemToDer(pem: string): Uint8Array<ArrayBuffer> {
  const base64 = pem
    .replaceAll('\\n', '\n')
    .replace(/-----(BEGIN|END) [A-Z ]+-----/g, '')
    .replace(/\s+/g, '');
  return Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
}
