"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the return page every 1.5 s until the server shows the order as paid. */
export function PaymentPoller({ intervalMs = 1500 }: { intervalMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const id = window.setInterval(() => router.refresh(), intervalMs);
    return () => window.clearInterval(id);
  }, [router, intervalMs]);
  return null;
}
