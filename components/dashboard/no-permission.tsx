import Link from "next/link";
import { Alert } from "@/components/ui/alert";
import { PageHeader } from "@/components/ui/page-header";

/** What a member sees on a page their role may not open (the server refuses its actions too). */
export function NoPermission({
  title,
  message,
  shopSlug,
}: {
  title: string;
  message: string;
  shopSlug: string;
}) {
  return (
    <>
      <PageHeader title={title} />
      <Alert tone="info" title="Not available to your role">
        {message}{" "}
        <Link href={`/dashboard/${shopSlug}`} className="font-medium underline">
          Back to the overview
        </Link>
      </Alert>
    </>
  );
}
