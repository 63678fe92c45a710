import { ImageRejectedError, type PreparedPhoto } from '../cards/watermark';
import type { Attachment } from './context';

/** The attachment's decoded photo; a rejected one ends the handling with its reason (a Chinese reply). */
export function photoOf(attachment: Attachment): PreparedPhoto {
  if (attachment.photo instanceof ImageRejectedError) throw attachment.photo;
  return attachment.photo;
}
