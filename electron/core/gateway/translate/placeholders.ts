/**
 * Lingma chat is text only. Non-text inputs (images, audio, files, documents) are replaced by
 * these short markers: the model still learns that something was attached, and the transcript —
 * and the session-reuse key hashed from it — stays stable from turn to turn.
 */
export const PLACEHOLDER = {
  image: '[image]',
  audio: '[audio]',
  file: '[file]',
  document: '[document]',
} as const;
