export const AUDIO_EXTENSIONS = ['mp3', 'flac', 'wav', 'aif', 'aiff', 'm4a', 'aac', 'ogg', 'opus'];
export const AUDIO_ACCEPT = AUDIO_EXTENSIONS.map((ext) => `.${ext}`).join(',');

/** By extension or type: browsers report odd or empty types for FLAC and AIFF. The server checks the bytes. */
export function isAudioFile(file: File): boolean {
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  return (ext !== undefined && AUDIO_EXTENSIONS.includes(ext)) || file.type.startsWith('audio/');
}

const units = ['B', 'KB', 'MB', 'GB'];

/** 3_456_789 → "3.5 MB". */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
