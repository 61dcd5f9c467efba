import chardet from 'chardet';
import iconv from 'iconv-lite';

/**
 * Encoding detection and streaming decoders for CSV files.
 *
 * Detection order: byte-order mark, then strict UTF-8 validation of the sample, then chardet's
 * statistical guess among legacy code pages. Decoders are stateful so a multibyte character
 * split across two read chunks comes out whole.
 */
export interface DetectedEncoding {
  /** iconv-lite / WHATWG name, or MIXED_LATIN for CP1252 text with CP850 accents. */
  encoding: string;
  bomLength: number;
  /** How sure the detection is, 0–100, and how it decided. */
  confidence: number;
  method: 'bom' | 'utf8-valid' | 'ascii' | 'statistical' | 'forced';
}

/** Windows-1252 text in which some accents were typed under DOS code page 850. */
export const MIXED_LATIN = 'windows-1252+cp850';

/** chardet's names mapped to the decoder we use (supersets where they exist). */
const DECODER_FOR: Record<string, string> = {
  'EUC-KR': 'cp949',
  'ISO-2022-KR': 'cp949',
  GB18030: 'gb18030',
  'ISO-8859-1': 'windows-1252',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
  Shift_JIS: 'shift_jis',
  'EUC-JP': 'euc-jp',
  Big5: 'big5',
};

export function detectEncoding(sample: Buffer, forced?: string): DetectedEncoding {
  const bom = detectBom(sample);
  if (forced) {
    if (!iconv.encodingExists(forced) && forced !== MIXED_LATIN) {
      throw new Error(`Unknown encoding "${forced}".`);
    }
    return { encoding: forced, bomLength: bom?.length ?? 0, confidence: 100, method: 'forced' };
  }
  if (bom) return { encoding: bom.encoding, bomLength: bom.length, confidence: 100, method: 'bom' };
  const utf16 = detectUtf16WithoutBom(sample);
  if (utf16) return { encoding: utf16, bomLength: 0, confidence: 90, method: 'statistical' };
  if (isAscii(sample)) return { encoding: 'utf-8', bomLength: 0, confidence: 100, method: 'ascii' };
  if (isValidUtf8(sample)) return { encoding: 'utf-8', bomLength: 0, confidence: 100, method: 'utf8-valid' };
  return guessLegacy(sample);
}

function detectBom(sample: Buffer): { encoding: string; length: number } | null {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (sample[0] === 0xff && sample[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (sample[0] === 0xfe && sample[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/**
 * UTF-16 without a byte-order mark: Latin text has a zero in every other byte. Many zeros at odd
 * offsets and almost none at even ones is little-endian (and the reverse big-endian).
 */
function detectUtf16WithoutBom(sample: Buffer): 'utf-16le' | 'utf-16be' | null {
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 2) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros += 1;
    if (sample[i + 1] === 0) oddZeros += 1;
  }
  if (oddZeros >= pairs * 0.4 && evenZeros <= pairs * 0.02) return 'utf-16le';
  if (evenZeros >= pairs * 0.4 && oddZeros <= pairs * 0.02) return 'utf-16be';
  return null;
}

function isAscii(sample: Buffer): boolean {
  for (const byte of sample) if (byte >= 0x80 || byte === 0) return false;
  return true;
}

function isValidUtf8(sample: Buffer): boolean {
  // The sample may end inside a character: drop up to 3 trailing continuation bytes.
  let end = sample.length;
  for (let i = 1; i <= 3 && end - i >= 0; i += 1) {
    const byte = sample[end - i] as number;
    if ((byte & 0xc0) === 0xc0) {
      end -= i;
      break;
    }
    if ((byte & 0x80) === 0) break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    // A few stray NUL bytes do not make UTF-8 text binary (the reader drops them); many do.
    let zeros = 0;
    for (let at = sample.indexOf(0); at !== -1; at = sample.indexOf(0, at + 1)) zeros += 1;
    return zeros <= Math.max(4, sample.length / 100);
  } catch {
    return false;
  }
}

function guessLegacy(sample: Buffer): DetectedEncoding {
  const candidates = chardet.analyse(sample);
  const best = candidates[0];
  const name = best ? (DECODER_FOR[best.name] ?? best.name.toLowerCase()) : 'windows-1252';
  const encoding = iconv.encodingExists(name) ? name : 'windows-1252';
  if (encoding === 'windows-1252' && looksLikeCp850Accents(sample)) {
    return { encoding: MIXED_LATIN, bomLength: 0, confidence: best?.confidence ?? 50, method: 'statistical' };
  }
  return { encoding, bomLength: 0, confidence: best?.confidence ?? 0, method: 'statistical' };
}

/**
 * CP850 puts é, è, â, ç … at 0x80–0x9F where CP1252 has punctuation (‚ ƒ – …). When such bytes
 * sit inside words more often than not, the text was typed (at least partly) under CP850.
 */
function looksLikeCp850Accents(sample: Buffer): boolean {
  let inWord = 0;
  let total = 0;
  for (let i = 0; i < sample.length; i += 1) {
    const byte = sample[i] as number;
    if (byte < 0x80 || byte > 0x9f) continue;
    total += 1;
    if (isCp850Letter(byte) && (isLetterByte(sample[i - 1]) || isLetterByte(sample[i + 1]))) inWord += 1;
  }
  return total >= 3 && inWord / total >= 0.5;
}

function isLetterByte(byte: number | undefined): boolean {
  if (byte === undefined) return false;
  return (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte >= 0xc0;
}

// 0x80–0x9F in CP850: Ç ü é â ä à å ç ê ë è ï î ì Ä Å É æ Æ ô ö ò û ù ÿ Ö Ü ø £ Ø × ƒ
const CP850_C1 = 'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒ';
const CP1252 = iconv.decode(Buffer.from(Array.from({ length: 256 }, (_, i) => i)), 'windows-1252');

function isCp850Letter(byte: number): boolean {
  return byte >= 0x80 && byte <= 0x9f && byte !== 0x9c && byte !== 0x9e && byte !== 0x9f;
}

export interface StreamDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

export function createDecoder(encoding: string): StreamDecoder {
  if (encoding === MIXED_LATIN) return new MixedLatinDecoder();
  if (encoding === 'utf-8') {
    const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
    return {
      write: (chunk) => decoder.decode(chunk, { stream: true }),
      end: () => decoder.decode(),
    };
  }
  const decoder = iconv.getDecoder(encoding, { stripBOM: false });
  return { write: (chunk) => decoder.write(chunk), end: () => decoder.end() ?? '' };
}

/**
 * CP1252 with context-resolved 0x80–0x9F: a byte inside a word reads as its CP850 letter
 * ("pour \x82change" → "pour échange"), elsewhere as CP1252 punctuation ("\x96" between spaces → "–").
 * The last byte of a chunk waits for the next chunk so its right-hand context is known.
 */
class MixedLatinDecoder implements StreamDecoder {
  private previous: number | undefined;
  private pending: Buffer = Buffer.alloc(0);

  write(chunk: Buffer): string {
    const bytes = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    if (bytes.length === 0) return '';
    this.pending = bytes.subarray(bytes.length - 1);
    return this.decode(bytes, bytes.length - 1);
  }

  end(): string {
    const text = this.decode(this.pending, this.pending.length);
    this.pending = Buffer.alloc(0);
    return text;
  }

  private decode(bytes: Buffer, length: number): string {
    let out = '';
    for (let i = 0; i < length; i += 1) {
      const byte = bytes[i] as number;
      if (byte >= 0x80 && byte <= 0x9f && isCp850Letter(byte)) {
        const inWord = isLetterByte(this.previous) || isLetterByte(bytes[i + 1]);
        out += inWord ? CP850_C1[byte - 0x80] : CP1252[byte];
      } else {
        out += CP1252[byte];
      }
      this.previous = byte;
    }
    return out;
  }
}
