import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { StudioError } from '../../../shared/api/result';

/** What a DOCX may expand to: a 400,000-word novel's XML is about 30 MB. */
export const MAX_UNZIPPED_BYTES = 64 * 1024 * 1024;
export const MAX_ZIP_ENTRIES = 2000;
const CHUNK = 16 * 1024;

const tooLarge = () =>
  new StudioError('too_large', `This file expands to more than ${MAX_UNZIPPED_BYTES / 1024 / 1024} MB when unpacked; it is not a manuscript Margin can import.`);

/**
 * Refuses a zip that is not one, or that would expand beyond MAX_UNZIPPED_BYTES (a zip
 * bomb), before any library unpacks it: the sizes its directory declares are checked, then
 * every entry is actually inflated in small steps, counting, so a lying header cannot pass.
 */
export function checkZip(bytes: Uint8Array): void {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) {
    throw new StudioError('invalid_input', 'This is not a Word document (.docx): it is not a zip file.');
  }
  let declared = 0;
  let entries = 0;
  try {
    // The central directory (what Word readers use): declared sizes only, nothing inflated here.
    unzipSync(bytes, {
      filter: (file) => {
        declared += file.originalSize;
        entries++;
        return false;
      },
    });
  } catch {
    throw new StudioError('invalid_input', 'This Word document is damaged: its zip directory cannot be read.');
  }
  if (entries > MAX_ZIP_ENTRIES) throw new StudioError('too_large', `This file holds more than ${MAX_ZIP_ENTRIES} parts; it is not a manuscript.`);
  if (declared > MAX_UNZIPPED_BYTES) throw tooLarge();

  let inflated = 0;
  let failure: StudioError | null = null;
  const unzip = new Unzip((file) => {
    file.ondata = (error, chunk) => {
      if (failure) return;
      if (error) failure = new StudioError('invalid_input', 'This Word document is damaged: a part of it cannot be unpacked.');
      else if ((inflated += chunk.length) > MAX_UNZIPPED_BYTES) {
        failure = tooLarge();
        file.terminate();
      }
    };
    try {
      file.start();
    } catch {
      failure ??= new StudioError('invalid_input', 'This Word document uses a compression Margin cannot read.');
    }
  });
  unzip.register(UnzipInflate);
  try {
    for (let at = 0; at < bytes.length && !failure; at += CHUNK) unzip.push(bytes.subarray(at, at + CHUNK), at + CHUNK >= bytes.length);
  } catch {
    failure ??= new StudioError('invalid_input', 'This Word document is damaged: it cannot be unpacked.');
  }
  if (failure) throw failure;
}
