import { Alert } from "@/components/ui/alert";

const NOTICES: Record<string, string> = {
  created: "Created.",
  duplicated: "Duplicated. The copy is a draft with no stock: review it before publishing.",
  deleted: "Deleted.",
};

/** One-off confirmation after a redirect (?notice=…), announced as a status message. */
export function Notice({ notice, subject }: { notice?: string; subject: string }) {
  const text = notice ? NOTICES[notice] : undefined;
  if (!text) return null;
  return (
    <div role="status" className="mb-6">
      <Alert tone="success">
        {subject} {text.charAt(0).toLowerCase() + text.slice(1)}
      </Alert>
    </div>
  );
}
