import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { assertValidKey, contentTypeForKey, IMAGE_ROUTE_PREFIX, type Storage } from "./types";

/** Files on local disk (the embedded default): `<root>/<key>`. */
export function localStorage(root: string): Storage {
  const base = path.resolve(root);
  const fileFor = (key: string) => {
    assertValidKey(key);
    const file = path.resolve(base, key);
    if (!file.startsWith(base + path.sep)) throw new Error("storage key escapes the root");
    return file;
  };
  return {
    async put(key, bytes) {
      const file = fileFor(key);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, bytes);
    },
    async get(key) {
      try {
        const bytes = await readFile(fileFor(key));
        return { bytes: new Uint8Array(bytes), contentType: contentTypeForKey(key) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
        throw error;
      }
    },
    async delete(key) {
      await rm(fileFor(key), { force: true });
    },
    url(key) {
      return IMAGE_ROUTE_PREFIX + key;
    },
  };
}
