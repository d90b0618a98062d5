import { InputError } from "../../../shared/errors";

/**
 * Errors that say something about the path the admin gave or the machine it is on, not about LyncCert:
 * exit 2, naming the path and what to do.
 */
const ABOUT_THE_PATH: Record<string, string> = {
  ENOENT: "its folder does not exist",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only: choose a folder on a writable disk",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "the name is too long",
  EEXIST: "something of that name already exists",
  ENOSPC: "the disk is full: free some space and run it again",
  EDQUOT: "the disk quota is used up: free some space and run it again",
  EFBIG: "the file is larger than this file system or process allows",
  EIO: "the disk reported an input/output error",
  EBUSY: "it is in use by another program",
  ENXIO: "it is a device or socket, not a file",
};

/** An InputError naming the path when the failure is about it; any other error unchanged. */
export function pathError(error: unknown, path: string, action: string, field = path): unknown {
  if (error instanceof InputError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const why = code ? ABOUT_THE_PATH[code] : undefined;
  return why ? new InputError(`${path}: cannot ${action}: ${why} (${code})`, { field }) : error;
}

/**
 * A system error that reached the command line or the bridge unwrapped: said with the path it carries (Node's
 * fs errors name it) as an InputError when it is about the machine, so the admin is told what to fix.
 */
export function systemError(error: unknown): unknown {
  const e = error as NodeJS.ErrnoException;
  if (error instanceof InputError || typeof e?.code !== "string" || !ABOUT_THE_PATH[e.code]) return error;
  const action = e.syscall ? (SYSCALL_WORDS[e.syscall] ?? e.syscall) : "use it";
  return pathError(error, e.path ?? "a file LyncCert was writing", action, e.path ?? "");
}

const SYSCALL_WORDS: Record<string, string> = {
  open: "open it",
  mkdir: "make the folder",
  write: "write it",
  rename: "move it into place",
  link: "write it",
  unlink: "remove it",
  rmdir: "remove it",
  scandir: "read the folder",
  stat: "read it",
  lstat: "read it",
  read: "read it",
  fsync: "write it",
  copyfile: "copy it",
};
