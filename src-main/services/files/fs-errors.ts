import { InputError } from "../../../shared/errors";

/** Errors that say something about the path the admin gave, not about LyncCert: exit 2, naming the path. */
const ABOUT_THE_PATH: Record<string, string> = {
  ENOENT: "its folder does not exist",
  ENOTDIR: "a part of the path is a file, not a folder",
  EISDIR: "it is a folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ELOOP: "too many symbolic links",
  ENAMETOOLONG: "the name is too long",
  EEXIST: "something of that name already exists",
};

/** An InputError naming the path when the failure is about it; any other error unchanged. */
export function pathError(error: unknown, path: string, action: string, field = path): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  const why = code ? ABOUT_THE_PATH[code] : undefined;
  return why ? new InputError(`${path}: cannot ${action}: ${why} (${code})`, { field }) : error;
}
