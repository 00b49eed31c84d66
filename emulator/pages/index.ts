import type { IncomingMessage, ServerResponse } from "node:http";
import type { Emulator } from "../context";

export async function handlePage(_emu: Emulator, _req: IncomingMessage, _res: ServerResponse, _method: string, _path: string, _query: URLSearchParams): Promise<boolean> {
  return false;
}
