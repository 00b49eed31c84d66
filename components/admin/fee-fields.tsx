import { TextField } from "@/components/ui/field";

export type FeeFormValues = {
  feePercent: string;
  feeFixed: string;
  feeMin: string;
  feeMax: string;
};

/**
 * The four fee inputs shared by the platform default and the per-shop override. With `inherited`,
 * every field is optional and shows the value it falls back to as its placeholder.
 */
export function FeeFields({
  values,
  errors,
  inherited,
}: {
  values: Partial<FeeFormValues>;
  errors: Record<string, string | undefined>;
  inherited?: FeeFormValues;
}) {
  const fields = [
    { name: "feePercent", label: "Percentage (%)", inputMode: "decimal", optional: false },
    {
      name: "feeFixed",
      label: "Fixed amount (minor units)",
      inputMode: "numeric",
      optional: false,
    },
    { name: "feeMin", label: "Minimum fee (minor units)", inputMode: "numeric", optional: true },
    { name: "feeMax", label: "Maximum fee (minor units)", inputMode: "numeric", optional: true },
  ] as const;
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {fields.map((f) => (
        <TextField
          key={`${f.name}:${values[f.name] ?? ""}`}
          label={f.label}
          name={f.name}
          inputMode={f.inputMode}
          required={!inherited && !f.optional}
          hint={!inherited && f.optional ? "Optional." : undefined}
          placeholder={inherited ? inherited[f.name] || "none" : undefined}
          defaultValue={values[f.name]}
          error={errors[f.name]}
        />
      ))}
    </div>
  );
}
