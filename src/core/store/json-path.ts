/**
 * The JSON path of an attribute key: quoted, so dots, brackets and spaces in a key are read
 * literally, with `"` and `\` escaped (SQLite reads escapes in quoted labels).
 */
export function attributePath(key: string): string {
  return `$."${key.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
