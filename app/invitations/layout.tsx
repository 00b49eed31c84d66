import type { ReactNode } from "react";
import { AppHeader } from "@/components/dashboard/app-header";

export default function InvitationsLayout({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-dvh">
      <AppHeader />
      {children}
    </div>
  );
}
