/** Why a file operation failed, in words, for the messages of every file reader and writer. */
import { msg, type Message } from '../i18n/message.js';

/** The reason for the common causes; the system's own message for unusual ones. */
export function describeFsError(error: unknown): Message {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return msg('fs.noSuchFile');
    case 'EACCES':
    case 'EPERM':
      return msg('fs.permissionDenied');
    case 'EISDIR':
      return msg('fs.isDirectory');
    case 'ENOTDIR':
      return msg('fs.notDirectory');
    case 'ENOTREG':
      return msg('fs.notRegular');
    case 'ETOOBIG':
      return msg('fs.tooBig', { mib: Math.round((error as { limit: number }).limit / 1024 / 1024) });
    case 'ENOSPC':
      return msg('fs.noSpace');
    case 'EFBIG':
      return msg('fs.fileTooLarge');
    case 'ENAMETOOLONG':
      return msg('fs.nameTooLong');
    default:
      return msg('fs.other', { message: (error as Error | undefined)?.message ?? String(error) });
  }
}

