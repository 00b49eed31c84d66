"use client";

import { useActionState } from "react";
import {
  deleteProductAction,
  duplicateProductAction,
  setProductStatusAction,
} from "@/app/dashboard/[shop]/products/actions";
import { idleState } from "@/lib/actions";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { SubmitButton } from "@/components/ui/submit-button";
import { CancelDialogButton, ConfirmDialog } from "./confirm-dialog";
import { FormStatus } from "./form-status";

export function ProductActionsPanel({
  shopSlug,
  productId,
  productName,
  status,
}: {
  shopSlug: string;
  productId: string;
  productName: string;
  status: "draft" | "active" | "archived";
}) {
  const [statusState, statusAction] = useActionState(setProductStatusAction, idleState);
  const [dupState, dupAction] = useActionState(duplicateProductAction, idleState);
  const [delState, delAction] = useActionState(deleteProductAction, idleState);
  const hidden = (
    <>
      <input type="hidden" name="shop" value={shopSlug} />
      <input type="hidden" name="productId" value={productId} />
    </>
  );
  return (
    <Card>
      <CardHeader title="Actions" />
      <CardBody className="space-y-3">
        <FormStatus state={statusState} />
        <FormStatus state={dupState} />
        <FormStatus state={delState} />
        <div className="flex flex-wrap gap-2">
          {status !== "active" ? (
            <form action={statusAction}>
              {hidden}
              <input type="hidden" name="status" value="active" />
              <SubmitButton size="sm">Publish</SubmitButton>
            </form>
          ) : (
            <form action={statusAction}>
              {hidden}
              <input type="hidden" name="status" value="draft" />
              <SubmitButton size="sm" variant="secondary">
                Unpublish
              </SubmitButton>
            </form>
          )}
          {status !== "archived" ? (
            <form action={statusAction}>
              {hidden}
              <input type="hidden" name="status" value="archived" />
              <SubmitButton size="sm" variant="secondary">
                Archive
              </SubmitButton>
            </form>
          ) : null}
          <form action={dupAction}>
            {hidden}
            <SubmitButton size="sm" variant="secondary" pendingLabel="Duplicating…">
              Duplicate
            </SubmitButton>
          </form>
          <ConfirmDialog trigger="Delete product" title="Delete this product?">
            <form action={delAction} className="space-y-4">
              {hidden}
              <input type="hidden" name="confirm" value="delete" />
              <p>
                <strong>{productName}</strong>, its variants and images will be deleted for good.
                Past orders keep their own copy of what was bought. To hide it from the storefront
                but keep it, archive it instead.
              </p>
              <div className="flex justify-end gap-2">
                <CancelDialogButton />
                <SubmitButton variant="danger" pendingLabel="Deleting…">
                  Delete for good
                </SubmitButton>
              </div>
            </form>
          </ConfirmDialog>
        </div>
      </CardBody>
    </Card>
  );
}
