import type { Emulator } from "../context";
export function stripeJsShim(_emu: Emulator): string {
  return "";
}
